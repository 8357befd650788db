// Users.
import { Repo } from './repo.js';
import type { Page } from './rows.js';

export interface UserRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  created_at: string;
  password_last_used: string | null;
  boundary_arn: string | null;
}

export class UserRepo extends Repo {
  get(accountId: string, name: string): UserRow | undefined {
    return this.q<[string, string], UserRow>('SELECT * FROM users WHERE account_id = ? AND name = ?').get(accountId, name);
  }

  getById(id: string): UserRow | undefined {
    return this.q<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
  }

  insert(row: Pick<UserRow, 'id' | 'account_id' | 'name' | 'path' | 'created_at'>) {
    this.q('INSERT INTO users (id, account_id, name, path, created_at) VALUES (@id, @account_id, @name, @path, @created_at)').run(row);
  }

  rename(id: string, name: string, path: string) {
    this.q('UPDATE users SET name = ?, path = ? WHERE id = ?').run(name, path, id);
  }

  setBoundary(id: string, arn: string | null) {
    this.q('UPDATE users SET boundary_arn = ? WHERE id = ?').run(arn, id);
  }

  setPasswordLastUsed(id: string, at: string) {
    this.q('UPDATE users SET password_last_used = ? WHERE id = ?').run(at, id);
  }

  delete(id: string) {
    this.q('DELETE FROM users WHERE id = ?').run(id);
  }

  list(accountId: string, pathPrefix: string, marker: string | undefined, limit: number): Page<UserRow> {
    return this.pageByPath('users', accountId, pathPrefix, marker, limit);
  }

  count(accountId: string): number {
    return this.countIn('users', accountId);
  }
}
