// Accounts: every entity is scoped by one; they are created on first use.
import { Repo } from './repo.js';
import type { Db } from './database.js';

/** How many times each database had all its tables emptied or replaced (reset, state import). */
const replacements = new WeakMap<Db, number>();

/** To be called after every table of `db` was emptied or replaced: accounts known to exist may be gone. */
export function tablesReplaced(db: Db) {
  replacements.set(db, (replacements.get(db) ?? 0) + 1);
}

/** Changes whenever tablesReplaced(db) was called: a memo of what is in `db` is void when it does. */
export const replacementsOf = (db: Db) => replacements.get(db) ?? 0;

export interface AccountRow {
  id: string;
  alias: string | null;
  created_at: string;
}

export class AccountRepo extends Repo {
  /** Accounts known to exist, since the tables were last replaced (accounts are deleted no other way). */
  private readonly known = new Set<string>();
  private knownAt = 0;

  /** ensure() without its answer, for the request pipeline: no query once the account is known. */
  ensureExists(id: string, createdAt: Date) {
    const at = replacementsOf(this.db);
    if (at !== this.knownAt) {
      this.known.clear();
      this.knownAt = at;
    }
    if (this.known.has(id)) return;
    this.ensure(id, createdAt.toISOString());
    if (this.known.size >= 10_000) this.known.clear();
    this.known.add(id);
  }

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

  /** Up to `limit` account ids (the console's sign-in pre-fills the account when there is one). */
  someIds(limit: number): string[] {
    return this.q<[number], { id: string }>('SELECT id FROM accounts ORDER BY id LIMIT ?').all(limit).map((r) => r.id);
  }

  byAlias(alias: string): AccountRow | undefined {
    return this.q<[string], AccountRow>('SELECT * FROM accounts WHERE alias = ?').get(alias);
  }
}
