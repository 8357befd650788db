// The request log line of a denied call carries its decision id (the x-iam-local-decision-id the
// response carried), so a denial seen in the log leads straight to GET /_iam/decisions/ID.
// And a quiet install on Node 20: no dependency demands a newer Node than `engines` says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// npm's own range logic (semver, installed with the toolchain; no types needed for two calls).
const semver = createRequire(import.meta.url)('semver') as { minVersion(r: string): { version: string }; satisfies(v: string, r: string): boolean };

describe('request log', { timeout: 120_000 }, () => {
  let child: ChildProcess;
  let url: string;
  const lines: any[] = [];
  beforeAll(async () => {
    child = spawn(process.execPath, [join(ROOT, 'bin', 'iam-local.js'), 'start', '--port', '0', '--db', ':memory:', '--enforce', 'on', '--log-level', 'info'], {
      cwd: ROOT,
      env: { ...process.env, IAM_LOCAL_SEED: '', IAM_LOCAL_INSTANCE_PROFILE: '' },
    });
    let buf = '';
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        buf += d;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const j = JSON.parse(buf.slice(0, i));
          buf = buf.slice(i + 1);
          lines.push(j);
          if (j.msg === 'iam-local listening') resolve(j.url);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it("a denied call's line carries the decision id of its response", async () => {
    const root = new IAMClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    await root.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    const iam = new IAMClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }, maxAttempts: 1 });
    let decisionId: string | undefined;
    let requestId: string | undefined;
    try {
      await iam.send(new ListRolesCommand({}));
      throw new Error('expected AccessDenied');
    } catch (e: any) {
      expect(e.name).toBe('AccessDenied');
      decisionId = e.$response?.headers?.['x-iam-local-decision-id'];
      requestId = e.$metadata.requestId;
    }
    // The SDK keeps the raw response on the error; without it, ask the decision log.
    if (!decisionId) {
      const recent = await fetch(`${url}/_iam/decisions?denied=true&limit=1`).then((r) => r.json());
      decisionId = recent.decisions[0].id;
    }
    expect(decisionId).toMatch(/^d-/);
    await new Promise((r) => setTimeout(r, 300));
    const line = lines.find((l) => l.msg === 'request' && l.requestId === requestId);
    expect(line).toMatchObject({ action: 'iam:ListRoles', status: 403, decisionId });
    const explained = await fetch(`${url}/_iam/decisions/${line.decisionId}`).then((r) => r.json());
    expect(explained).toMatchObject({ id: decisionId });
  });
});

describe('quiet on Node 20', () => {
  it('no installed package demands a newer Node than engines (npm would warn EBADENGINE)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const ours = semver.minVersion(pkg.engines.node).version; // 20.0.0
    const demanding = Object.entries<any>(lock.packages)
      .filter(([path, p]) => path && p.engines?.node && !p.optional && !semver.satisfies(ours, p.engines.node) && !semver.satisfies(process.version, p.engines.node))
      .map(([path, p]) => `${path}@${p.version} (node ${p.engines.node})`);
    expect(demanding).toEqual([]);
    // The one that did: cookie 2 (node >=22), through fastify → light-my-request; pinned to 1.x.
    const cookies = Object.keys(lock.packages).filter((p) => p.endsWith('node_modules/cookie'));
    expect(cookies.length).toBeGreaterThan(0);
    for (const p of cookies) expect(lock.packages[p].version, p).toMatch(/^1\./);
  });

  it('fastify still works with the pinned cookie (inject with cookies goes through it)', async () => {
    const app = Fastify();
    app.get('/', async (req) => ({ cookie: req.headers.cookie }));
    const res = await app.inject({ method: 'GET', url: '/', cookies: { session: 'a b' } });
    expect(res.json()).toEqual({ cookie: 'session=a%20b' });
    await app.close();
  });
});
