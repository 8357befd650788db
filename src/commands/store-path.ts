// The store file a command is about to open (--db / IAM_LOCAL_DB), checked before SQLite touches
// it, so a wrong path fails at once with one line that says why: a directory, a file of another
// program, a place that cannot be written, or a virtual file system such as /proc (where SQLite
// can wait on locks that never come).
import { accessSync, closeSync, constants, existsSync, openSync, readSync, realpathSync, statSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sqlite, type Db } from '../store/database.js';
import { CliError } from './cli-error.js';

const SQLITE_MAGIC = 'SQLite format 3\0';
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];
// statfs f_type of procfs, sysfs, devpts, debugfs, securityfs, cgroup, cgroup2.
const VIRTUAL_FS = new Set([0x9fa0, 0x62656572, 0x1cd1, 0x64626720, 0x73636673, 0x27e0eb, 0x63677270]);

const HINT = 'give a file on a disk, e.g. ./data/iam-local.db, or :memory: for a throw-away store';

function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

function isVirtual(existing: string): string | undefined {
  let real = existing;
  try {
    real = realpathSync.native(existing); // (the system call: no path walk in JavaScript at start)
  } catch {}
  const root = VIRTUAL_ROOTS.find((r) => real === r || real.startsWith(r + '/'));
  if (root) return root;
  try {
    if (VIRTUAL_FS.has(Number(statfsSync(real).type))) return real;
  } catch {}
  return undefined;
}

const writable = (p: string) => {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Throws a CliError naming `name` (--db or IAM_LOCAL_DB) when `path` cannot be an iam-local store. */
export function checkStorePath(path: string, name: string) {
  if (path === ':memory:') return;
  const abs = resolve(path);
  const existing = nearestExisting(abs);
  const virtual = isVirtual(existing);
  if (virtual) throw new CliError(`${name} ${path} is on ${virtual}, a virtual file system that cannot hold a store; ${HINT}.`);
  if (existing !== abs) {
    if (!statSync(existing).isDirectory()) throw new CliError(`${name} ${path}: ${existing} is a file, not a directory; ${HINT}.`);
    if (!writable(existing)) throw new CliError(`${name} ${path} cannot be created: ${existing} is not writable by this user; ${HINT}.`);
    return;
  }
  const st = statSync(abs);
  if (st.isDirectory()) throw new CliError(`${name} ${path} is a directory; give a file path, e.g. ${path.replace(/\/$/, '')}/iam-local.db.`);
  if (!st.isFile()) throw new CliError(`${name} ${path} is not a regular file; ${HINT}.`);
  if (!writable(abs)) throw new CliError(`${name} ${path} is not writable by this user; ${HINT}.`);
  if (!writable(dirname(abs))) throw new CliError(`${name} ${path}: its directory ${dirname(abs)} is not writable (SQLite keeps its journal there); ${HINT}.`);
  if (st.size === 0) return;
  const head = Buffer.alloc(16);
  const fd = openSync(abs, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  const notOurs = `${name} ${path} is not an iam-local store`;
  if (head.toString('latin1') !== SQLITE_MAGIC) throw new CliError(`${notOurs} (not a SQLite database); give another path, or move the file away.`);
  let db: Db | undefined;
  try {
    db = sqlite(abs, { readonly: true, fileMustExist: true, timeout: 1000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const ours = tables.includes('accounts') && tables.includes('users');
    if (tables.length && (!ours || version === 0))
      throw new CliError(`${notOurs}: a SQLite database of another program (tables ${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''}); give another path.`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${notOurs} (SQLite cannot read it: ${(e as Error).message}); give another path.`);
  } finally {
    db?.close();
  }
}

/** An error of opening the store (SQLite) as one line, or undefined for any other error. */
export function storeOpenError(e: unknown, path: string, name: string): CliError | undefined {
  const code = (e as { code?: string }).code ?? '';
  if (!/^SQLITE_|^E(ACCES|ROFS|NOTDIR|ISDIR|PERM)$/.test(code)) return undefined;
  if (/NOTADB|CORRUPT/.test(code)) return new CliError(`${name} ${path} is not an iam-local store (${(e as Error).message}); give another path.`);
  if (/READONLY|ACCES|PERM|ROFS/.test(code)) return new CliError(`${name} ${path} is not writable by this user (${(e as Error).message}); ${HINT}.`);
  if (/BUSY|LOCKED/.test(code)) return new CliError(`${name} ${path} is locked by another process (an iam-local already running on it?); stop it or give another path.`);
  return new CliError(`${name} ${path} cannot be opened as a store (${(e as Error).message}); ${HINT}.`);
}
