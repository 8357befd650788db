// Issue #22, item 10: two servers on one store file. With the default ./data/iam-local.db that is
// one `npm start` too many, and `iam-local seed --db …` writes to the file of a running server by
// design. Two servers answered 5 of 300 racing CreateUser calls with a 500 (SQLITE_BUSY_SNAPSHOT:
// a deferred transaction that had read could not then write once the other process had
// committed). Sharing is made safe instead of refused: every store transaction takes the write
// lock up front (BEGIN IMMEDIATE) and waits for it (busy_timeout), and a store still busy after
// that answers Throttling (400, which SDKs retry), never a 500.
// The servers run in child processes: in one process better-sqlite3's synchronous transactions
// never interleave, so only two processes can race.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { ROOT } from './helpers/server.js';
import { send, signQuery } from './helpers/sigv4.js';
import { toAwsError } from '../src/protocol/execute.js';
import type { Services } from '../src/context.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'iam-local-shared-'));
const db = join(dir, 'shared.db');
const children: ChildProcess[] = [];

function startChild(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli.ts'), 'start', '--port', '0', '--db', db], {
    cwd: REPO,
    env: { ...process.env, IAM_LOCAL_LOG_LEVEL: 'info', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const m = /"msg":"iam-local listening".*?"url":"([^"]+)"|"url":"([^"]+)".*?"msg":"iam-local listening"/.exec(buf);
      if (m) resolve((m[1] ?? m[2])!);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${buf}`)));
  });
}

let urls: string[] = [];
beforeAll(async () => {
  urls = [await startChild()];
  urls.push(await startChild()); // one after the other: the first applies the migrations
}, 60_000);
afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('two servers on one store file', () => {
  it('300 racing CreateUser calls split over both: every one succeeds, none is a 500, both see all 300', async () => {
    const N = 300;
    const statuses: number[] = [];
    const bodies: string[] = [];
    // 30 calls in flight at a time, alternating servers.
    for (let from = 0; from < N; from += 30) {
      const batch = Array.from({ length: Math.min(30, N - from) }, async (_, k) => {
        const i = from + k;
        const s = await signQuery(urls[i % 2]!, { Action: 'CreateUser', Version: '2010-05-08', UserName: `racer-${i}` }, { creds: ROOT, service: 'iam' });
        const r = await send(s.url, { method: 'POST', headers: s.headers, body: s.body });
        statuses.push(r.status);
        if (r.status !== 200) bodies.push(r.body);
      });
      await Promise.all(batch);
    }
    expect(bodies).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(N);
    for (const url of urls) {
      const iam = new IAMClient({ endpoint: url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
      const users = (await iam.send(new ListUsersCommand({ MaxItems: 1000 }))).Users!.filter((u) => u.UserName!.startsWith('racer-'));
      expect(users).toHaveLength(N);
    }
  }, 120_000);
});

describe('a store still locked after the busy timeout', () => {
  it('answers Throttling (400, retried by SDKs), not a 500', () => {
    const warnings: unknown[] = [];
    const services = { log: { warn: (o: unknown) => warnings.push(o), error: () => {} } } as unknown as Services;
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT']) {
      const err = Object.assign(new Error('database is locked'), { code });
      for (const service of ['iam', 'sts'] as const)
        expect(toAwsError(services, err, service)).toMatchObject({ code: 'Throttling', message: 'Rate exceeded', status: 400 });
    }
    expect(warnings).toHaveLength(4);
    // Anything else unexpected is still the service's internal failure.
    expect(toAwsError(services, new Error('boom'), 'iam')).toMatchObject({ code: 'ServiceFailure', status: 500 });
  });
});
