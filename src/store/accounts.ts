// Accounts: every entity is scoped by one; they are created on first use.
import { Repo } from './repo.js';

export interface AccountRow {
  id: string;
  alias: string | null;
  created_at: string;
}

export class AccountRepo extends Repo {
  /** The account, created if it is new. Every request calls this, so the common case is one read. */
  ensure(id: string, createdAt: string): AccountRow {
    const row = this.get(id);
    if (row) return row;
    this.q('INSERT OR IGNORE INTO accounts (id, created_at) VALUES (?, ?)').run(id, createdAt);
    return this.get(id)!;
  }

  get(id: string): AccountRow | undefined {
    return this.q<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?').get(id);
  }

  setAlias(id: string, alias: string | null) {
    this.q('UPDATE accounts SET alias = ? WHERE id = ?').run(alias, id);
  }

  byAlias(alias: string): AccountRow | undefined {
    return this.q<[string], AccountRow>('SELECT * FROM accounts WHERE alias = ?').get(alias);
  }
}
