// Issue #22, item 8 (files): the store file holds every secret (keys, sessions, MFA seeds), and so
// does an export; both are created readable by their owner only (0600), and the directory made
// for a new store 0700. SQLite gives the -wal/-shm files the store's own mode.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../src/store/store.js';
import { PROJECT_ROOT as ROOT } from '../src/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'iam-local-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('files with secrets are the owner\'s alone', () => {
  it('a new store file, its WAL and the directory made for it', () => {
    const old = process.umask(0o022);
    try {
      const path = join(dir, 'new-dir', 'iam-local.db');
      const store = Store.open(path);
      store.accounts.ensure('000000000000', new Date().toISOString());
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
      expect(mode(join(dir, 'new-dir'))).toBe(0o700);
      store.close();
    } finally {
      process.umask(old);
    }
  });

  it('`iam-local export -o FILE`', () => {
    const db = join(dir, 'export-src.db');
    Store.open(db).close();
    const out = join(dir, 'state.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'export', '--db', db, '-o', out], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(mode(out)).toBe(0o600);
  });
});
