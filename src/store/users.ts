// Users.
import { Repo } from './repo.js';
import { decodeMarker, toPage, type Page } from './rows.js';

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
    const rows = this.q<{}, UserRow>(
      `SELECT * FROM users WHERE account_id = @accountId AND substr(path, 1, length(@prefix)) = @prefix
         AND name > @after COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT @limit`,
    ).all({ accountId, prefix: pathPrefix, after: decodeMarker(marker) ?? '', limit: limit + 1 });
    return toPage(rows, limit, (r) => r.name);
  }

  count(accountId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM users WHERE account_id = ?').get(accountId)!.n;
  }
}
