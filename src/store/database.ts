// Opens the SQLite store and brings its schema up to date: migrations/NNN_*.sql are applied in
// order, each in its own transaction, and the last applied number is kept in PRAGMA user_version.
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectPath } from '../paths.js';

export type Db = Database.Database;

export const MIGRATIONS_DIR = projectPath('migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .map((f) => ({ version: parseInt(f, 10), name: f, sql: readFileSync(join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

export function migrate(db: Db, migrations = readMigrations()): number {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (!migrations.some((m) => m.version > version())) return version();
  // Every pending migration in one transaction (a new store: all of them, in half the time of one
  // transaction each; all or none applied). Under the write lock the version is looked at again:
  // a server starting at the same moment on the same file may have applied some meanwhile.
  db.transaction(() => {
    for (const m of migrations) {
      if (m.version <= version()) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return version();
}

export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    // The store holds every secret: a new store (and the directory made for it) is the owner's
    // alone. SQLite gives its -wal and -shm files the database file's permissions.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
  }
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  // NORMAL is durable for committed transactions in WAL mode except on power loss; a killed
  // process loses nothing it acknowledged.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
