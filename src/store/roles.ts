// Roles.
import { Repo } from './repo.js';
import type { Page } from './rows.js';

export interface RoleRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  created_at: string;
  /** The AssumeRolePolicyDocument exactly as it was sent. */
  trust_policy: string;
  description: string | null;
  max_session_duration: number;
  boundary_arn: string | null;
  last_used_at: string | null;
  last_used_region: string | null;
}

export type NewRoleRow = Pick<RoleRow, 'id' | 'account_id' | 'name' | 'path' | 'created_at' | 'trust_policy' | 'description' | 'max_session_duration'>;

export class RoleRepo extends Repo {
  get(accountId: string, name: string): RoleRow | undefined {
    return this.q<[string, string], RoleRow>('SELECT * FROM roles WHERE account_id = ? AND name = ?').get(accountId, name);
  }

  getById(id: string): RoleRow | undefined {
    return this.q<[string], RoleRow>('SELECT * FROM roles WHERE id = ?').get(id);
  }

  insert(row: NewRoleRow) {
    this.q(
      `INSERT INTO roles (id, account_id, name, path, created_at, trust_policy, description, max_session_duration)
       VALUES (@id, @account_id, @name, @path, @created_at, @trust_policy, @description, @max_session_duration)`,
    ).run(row);
  }

  setDescription(id: string, description: string | null) {
    this.q('UPDATE roles SET description = ? WHERE id = ?').run(description, id);
  }

  setMaxSessionDuration(id: string, seconds: number) {
    this.q('UPDATE roles SET max_session_duration = ? WHERE id = ?').run(seconds, id);
  }

  setTrustPolicy(id: string, document: string) {
    this.q('UPDATE roles SET trust_policy = ? WHERE id = ?').run(document, id);
  }

  setBoundary(id: string, arn: string | null) {
    this.q('UPDATE roles SET boundary_arn = ? WHERE id = ?').run(arn, id);
  }

  /** Records a use of the role (AssumeRole*, or a call made with its session credentials). */
  setLastUsed(id: string, at: string, region: string) {
    this.q('UPDATE roles SET last_used_at = ?, last_used_region = ? WHERE id = ?').run(at, region, id);
  }

  delete(id: string) {
    this.q('DELETE FROM roles WHERE id = ?').run(id);
  }

  list(accountId: string, pathPrefix: string, marker: string | undefined, limit: number): Page<RoleRow> {
    return this.pageByPath('roles', accountId, pathPrefix, marker, limit);
  }

  count(accountId: string): number {
    return this.countIn('roles', accountId);
  }
}
