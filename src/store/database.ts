// Opens the SQLite store and brings its schema up to date: migrations/NNN_*.sql are applied in
// order, each in its own transaction, and the last applied number is kept in PRAGMA user_version.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectPath } from '../paths.js';

export type Db = Database.Database;

let addon: string | null | undefined;
/** better-sqlite3's compiled addon where its install puts it (build/Release, built or prebuilt): named
 *  to it, SQLite opens without the `bindings` package's search of a dozen places (≈5 ms a start).
 *  null (that search, as before) when the addon is elsewhere. */
function sqliteAddon(): string | null {
  if (addon !== undefined) return addon;
  const file = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3')), '..', 'build', 'Release', 'better_sqlite3.node');
  return (addon = existsSync(file) ? file : null);
}

/** A better-sqlite3 connection (every store, scratch and read-only check opens through here). */
export function sqlite(path: string, options: Database.Options = {}): Db {
  const nativeBinding = sqliteAddon();
  return new Database(path, nativeBinding ? { ...options, nativeBinding } : options);
}

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

/** Where a new store of these migrations is kept ready to copy: dist/, beside the compiled code (as
 *  trusted as it, and absent or read-only in an install that cannot write there). */
function templatePath(migrations: Migration[], dir: string): string {
  // ('wal': templates are kept in WAL mode since; one made before is not taken for one.)
  const hash = createHash('sha256').update('wal\0');
  for (const m of migrations) hash.update(m.name).update('\0').update(m.sql).update('\0');
  return join(dir, `new-store-${hash.digest('hex').slice(0, 16)}.db`);
}

/**
 * A new store file made at once from the template (the migrations' schema, copied: building it
 * statement by statement was a twentieth of a start). The template is copied to a file of its
 * own and hard-linked into place, which fails if the path exists by then: a server opening the
 * same new path at the same moment keeps its file, and this one opens that instead. Any failure
 * (no template yet, no hard links here) leaves the path to be made as before.
 */
function createFromTemplate(path: string, template: string): void {
  if (!existsSync(template) || existsSync(path)) return;
  const tmp = `${path}.${randomBytes(6).toString('hex')}.new`;
  try {
    copyFileSync(template, tmp);
    chmodSync(tmp, 0o600);
    linkSync(tmp, path);
  } catch {
    // made by another server meanwhile, or no hard links on this file system: migrations make it
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Keeps a just-migrated new store's schema as the template of the next new store (see above),
 *  already in WAL mode (VACUUM INTO writes a rollback-journal file): a store's switch to WAL writes
 *  and syncs its header, a fortieth of a start, and a copy of this one starts there. */
function saveTemplate(db: Db, template: string): void {
  const tmp = `${template}.${randomBytes(6).toString('hex')}.new`;
  try {
    db.exec(`VACUUM INTO '${tmp.replaceAll("'", "''")}'`);
    const copy = sqlite(tmp);
    try {
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close(); // (the last connection: its -wal and -shm files go with it)
    }
    renameSync(tmp, template);
  } catch {
    // dist/ not writable (an install owned by another user): every new store runs the migrations
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  }
}

export const TEMPLATE_DIR = projectPath('dist');

export function openDatabase(path: string, templateDir = TEMPLATE_DIR): Db {
  const migrations = readMigrations();
  const onDisk = path !== ':memory:';
  const template = onDisk ? templatePath(migrations, templateDir) : undefined;
  if (template) {
    // The store holds every secret: a new store (and the directory made for it) is the owner's
    // alone. SQLite gives its -wal and -shm files the database file's permissions.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    createFromTemplate(path, template);
    closeSync(openSync(path, 'a', 0o600));
  }
  const db = sqlite(path);
  const fresh = (db.pragma('user_version', { simple: true }) as number) === 0;
  // NORMAL is durable for committed transactions in WAL mode except on power loss; a killed
  // process loses nothing it acknowledged. (Set first: a switch to WAL then syncs less.)
  db.pragma('synchronous = NORMAL');
  if (onDisk) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  if (template && fresh && !existsSync(template)) saveTemplate(db, template);
  return db;
}
