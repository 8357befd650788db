// Base of every repository: prepared statements are compiled once per SQL text and reused.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { decodeMarker, toPage, type Page } from './rows.js';

/** Tables of named, pathed entities, listed by PathPrefix and paged by name. */
export type PathedTable = 'users' | 'groups' | 'roles' | 'instance_profiles' | 'server_certificates';

export abstract class Repo {
  private readonly statements = new Map<string, Statement>();
  constructor(protected readonly db: Db) {}

  protected q<P extends unknown[] | {} = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as unknown as Statement<P, R>;
  }

  /** One keyset page of an account's rows whose path starts with pathPrefix, by name, as IAM lists them. */
  protected pageByPath<R extends { name: string }>(
    table: PathedTable,
    accountId: string,
    pathPrefix: string,
    marker: string | undefined,
    limit: number,
  ): Page<R> {
    const rows = this.q<{}, R>(
      `SELECT * FROM ${table} WHERE account_id = @accountId AND substr(path, 1, length(@prefix)) = @prefix
         AND name > @after COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT @limit`,
    ).all({ accountId, prefix: pathPrefix, after: decodeMarker(marker) ?? '', limit: limit + 1 });
    return toPage(rows, limit, (r) => r.name);
  }

  /** The account's rows in `table`, read from the counts the triggers keep (migrations/010):
   *  one row read, whatever the store's size. */
  protected countIn(table: PathedTable | 'policies', accountId: string): number {
    return this.q<[string, string], { n: number }>('SELECT n FROM entity_counts WHERE account_id = ? AND kind = ?').get(accountId, table)?.n ?? 0;
  }
}
