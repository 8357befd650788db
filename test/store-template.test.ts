// A new store file is a copy of the migrations' schema kept in dist/ (src/store/database.ts): it must
// be the very store the migrations make, the owner's alone, and never replace a store that exists.
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, readMigrations, sqlite, migrate, type Db } from '../src/store/database.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'iam-local-template-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o700);
    rmSync(d, { recursive: true, force: true });
  }
});

const schema = (db: Db) => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
const templates = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('new-store-'));

describe('new store from the template', () => {
  it('is the store the migrations make, and the first new store leaves the template', () => {
    const templateDir = tempDir();
    const byMigrations = sqlite(':memory:');
    migrate(byMigrations, readMigrations());

    const first = openDatabase(join(tempDir(), 'first.db'), templateDir);
    expect(templates(templateDir)).toHaveLength(1);
    const path = join(tempDir(), 'sub', 'second.db');
    const second = openDatabase(path, templateDir);
    for (const db of [first, second]) {
      expect(schema(db)).toEqual(schema(byMigrations));
      expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().at(-1)!.version);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // The template is kept in WAL mode (bytes 18 and 19 of its header are 2), so a copy needs no
    // switch at its first open; and it is kept alone, without -wal or -shm files beside it.
    const [template] = templates(templateDir);
    expect([...readFileSync(join(templateDir, template!)).subarray(18, 20)]).toEqual([2, 2]);
    expect(templates(templateDir)).toEqual([template]);
    // Nothing half-made is left beside it.
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.new'))).toEqual([]);
    // It works as a store: a write and a read.
    second.prepare("INSERT INTO accounts (id, created_at) VALUES ('123456789012', '2026-01-01T00:00:00Z')").run();
    expect(second.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 1 });
    first.close();
    second.close();
  });

  it('never replaces a store that exists', () => {
    const templateDir = tempDir();
    openDatabase(join(tempDir(), 'seed.db'), templateDir).close();
    expect(templates(templateDir)).toHaveLength(1);
    const path = join(tempDir(), 'kept.db');
    const db = openDatabase(path, templateDir);
    db.prepare("INSERT INTO accounts (id, created_at) VALUES ('123456789012', '2026-01-01T00:00:00Z')").run();
    db.close();
    const again = openDatabase(path, templateDir);
    expect(again.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 1 });
    again.close();
  });

  it('still makes new stores when the template cannot be written', () => {
    const templateDir = tempDir();
    chmodSync(templateDir, 0o500);
    const path = join(tempDir(), 'a.db');
    const db = openDatabase(path, templateDir);
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().at(-1)!.version);
    db.close();
    // (root writes anywhere: only an unprivileged user sees the directory refuse.)
    if (process.getuid?.() !== 0) expect(templates(templateDir)).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });
});
