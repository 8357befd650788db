// Crash safety: SIGKILL the server in the middle of a write load on the file store, start it
// again on the same file, and find every acknowledged write there and no half-applied one.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import Database from 'better-sqlite3';
import { CreateUserCommand, IAMClient, ListUsersCommand, ListUserTagsCommand, type User } from '@aws-sdk/client-iam';
import { ROOT } from './helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'iam-local-crash-'));
const dbPath = join(dir, 'iam.db');
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function start(): Promise<{ child: ChildProcess; iam: IAMClient }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
    env: { ...process.env, PORT: String(port), IAM_LOCAL_DB: dbPath, IAM_LOCAL_LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${url}/_iam/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, iam: new IAMClient({ endpoint: url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 }) };
}

const TAGS = [
  { Key: 'a', Value: '1' },
  { Key: 'b', Value: '2' },
  { Key: 'c', Value: '3' },
];

describe('crash safety', () => {
  it('keeps every acknowledged write and no half-applied one across a SIGKILL', async () => {
    const first = await start();
    const acknowledged: string[] = [];
    let n = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const name = `crash-${n++}`;
        try {
          // One request writes a user row and three tag rows: all or nothing.
          await first.iam.send(new CreateUserCommand({ UserName: name, Tags: TAGS }));
          acknowledged.push(name);
        } catch {
          // In flight when the process died: may or may not have landed, but never half.
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThan(20);

    const second = await start();
    const users: User[] = [];
    let marker: string | undefined;
    do {
      const page = await second.iam.send(new ListUsersCommand({ Marker: marker, MaxItems: 1000 }));
      users.push(...page.Users!);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    const stored = new Set(users.map((u) => u.UserName));
    for (const name of acknowledged) expect(stored.has(name), `${name} was acknowledged but is gone`).toBe(true);
    // Every user that exists has all of its tags: no transaction was half applied.
    for (const u of users.slice(-25)) {
      const tags = await second.iam.send(new ListUserTagsCommand({ UserName: u.UserName }));
      expect(tags.Tags).toEqual(TAGS);
    }
    second.child.kill('SIGKILL');
    await new Promise((r) => second.child.once('exit', r));
    const db = new Database(dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const partial = db
        .prepare(
          `SELECT count(*) AS n FROM users u WHERE (SELECT count(*) FROM tags t WHERE t.resource_type = 'user' AND t.resource_id = u.id) != 3`,
        )
        .get() as { n: number };
      expect(partial.n).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);
});
