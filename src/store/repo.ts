// Base of every repository: prepared statements are compiled once per SQL text and reused.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

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
}
