// Instance profiles and the role each holds (IAM allows one).
import { Repo } from './repo.js';
import { decodeMarker, toPage, type Page } from './rows.js';
import type { RoleRow } from './roles.js';

export interface InstanceProfileRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  created_at: string;
}

export class InstanceProfileRepo extends Repo {
  get(accountId: string, name: string): InstanceProfileRow | undefined {
    return this.q<[string, string], InstanceProfileRow>(
      'SELECT * FROM instance_profiles WHERE account_id = ? AND name = ?',
    ).get(accountId, name);
  }

  getById(id: string): InstanceProfileRow | undefined {
    return this.q<[string], InstanceProfileRow>('SELECT * FROM instance_profiles WHERE id = ?').get(id);
  }

  insert(row: InstanceProfileRow) {
    this.q(
      'INSERT INTO instance_profiles (id, account_id, name, path, created_at) VALUES (@id, @account_id, @name, @path, @created_at)',
    ).run(row);
  }

  delete(id: string) {
    this.q('DELETE FROM instance_profiles WHERE id = ?').run(id);
  }

  count(accountId: string): number {
    return this.countIn('instance_profiles', accountId);
  }

  list(accountId: string, pathPrefix: string, marker: string | undefined, limit: number): Page<InstanceProfileRow> {
    return this.pageByPath('instance_profiles', accountId, pathPrefix, marker, limit);
  }

  listForRole(roleId: string, marker: string | undefined, limit: number): Page<InstanceProfileRow> {
    const rows = this.q<{}, InstanceProfileRow>(
      `SELECT p.* FROM instance_profiles p JOIN instance_profile_roles pr ON pr.profile_id = p.id
        WHERE pr.role_id = @roleId AND p.name > @after COLLATE NOCASE ORDER BY p.name COLLATE NOCASE LIMIT @limit`,
    ).all({ roleId, after: decodeMarker(marker) ?? '', limit: limit + 1 });
    return toPage(rows, limit, (r) => r.name);
  }

  /** The roles in a profile (zero or one), read from the roles table. */
  roles(profileId: string): RoleRow[] {
    return this.q<[string], RoleRow>(
      `SELECT r.* FROM instance_profile_roles pr JOIN roles r ON r.id = pr.role_id
        WHERE pr.profile_id = ? ORDER BY pr.added_at`,
    ).all(profileId);
  }

  roleCount(profileId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM instance_profile_roles WHERE profile_id = ?').get(profileId)!.n;
  }

  hasRole(profileId: string, roleId: string): boolean {
    return !!this.q<[string, string]>('SELECT 1 FROM instance_profile_roles WHERE profile_id = ? AND role_id = ?').get(profileId, roleId);
  }

  countForRole(roleId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM instance_profile_roles WHERE role_id = ?').get(roleId)!.n;
  }

  addRole(profileId: string, roleId: string, at: string) {
    this.q('INSERT INTO instance_profile_roles (profile_id, role_id, added_at) VALUES (?, ?, ?)').run(profileId, roleId, at);
  }

  removeRole(profileId: string, roleId: string) {
    this.q('DELETE FROM instance_profile_roles WHERE profile_id = ? AND role_id = ?').run(profileId, roleId);
  }
}
