// The programmatic API (`import { startIamLocal } from 'iam-local'`): what a test runner gets — an
// ephemeral port, an in-memory store, the root's keys, seeding, reset, the movable clock, stop —
// and the package's two entry points (ESM, and CommonJS through require) with the vitest
// globalSetup and Jest examples in examples/. (The packed tarball: test/api-pack.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand, GetUserCommand, IAMClient, ListUsersCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startIamLocal, type IamLocal } from '../src/api.js';
import { ROOT } from './e2e/compose.js';
import { sdkError } from './helpers/server.js';

const TRUST_ROOT = (account: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] });

function node(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }).filter(([k, v]) => v !== undefined && !k.startsWith('AWS_') && !k.startsWith('VITEST')));
  return new Promise((resolve) =>
    execFile(process.execPath, args, { cwd, env: clean as NodeJS.ProcessEnv, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('startIamLocal()', () => {
  let a: IamLocal;
  let b: IamLocal;
  const cwdFiles = readdirSync(process.cwd()).sort();
  beforeAll(async () => {
    [a, b] = await Promise.all([startIamLocal(), startIamLocal({ accountId: '123456789012', seed: { users: [{ name: 'seeded' }] } })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('listens on an ephemeral loopback port with an in-memory store and the root\'s bootstrap keys', async () => {
    expect(a.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.endpoint).not.toBe(b.endpoint);
    expect(a.endpoint).not.toMatch(/:4577$/);
    expect(a.credentials).toEqual({ accessKeyId: 'test', secretAccessKey: 'test' });
    expect(a).toMatchObject({ accountId: '000000000000', region: 'us-east-1' });
    expect(a.clientConfig).toEqual({ endpoint: a.endpoint, region: 'us-east-1', credentials: a.credentials });
    expect(a.env).toEqual({ AWS_ENDPOINT_URL: a.endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
    expect((await new STSClient(a.clientConfig).send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::000000000000:root');
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdFiles); // no ./data/iam-local.db
  });

  it('two servers are independent: each its own account, store and seed', async () => {
    const iamB = new IAMClient(b.clientConfig);
    expect((await iamB.send(new GetUserCommand({ UserName: 'seeded' }))).User!.Arn).toBe('arn:aws:iam::123456789012:user/seeded');
    expect((await sdkError(new IAMClient(a.clientConfig).send(new GetUserCommand({ UserName: 'seeded' })))).name).toBe('NoSuchEntityException');
  });

  it('seed() takes a document or a file (YAML), is idempotent, and rejects an invalid one with its line', async () => {
    const first = await a.seed({ users: [{ name: 'from-object', groups: [] }], groups: [] });
    expect(first.counts.created).toBe(1);
    expect((await a.seed({ users: [{ name: 'from-object' }] })).counts).toMatchObject({ created: 0, unchanged: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'iam-local-api-'));
    try {
      writeFileSync(join(dir, 'seed.yaml'), 'version: 1\nusers:\n  - name: from-file\n');
      expect((await a.seed(join(dir, 'seed.yaml'))).applied).toEqual([{ account: '000000000000', kind: 'user', name: 'from-file', outcome: 'created' }]);
      writeFileSync(join(dir, 'bad.yaml'), 'version: 1\nusers:\n  - nmae: typo\n');
      await expect(a.seed(join(dir, 'bad.yaml'))).rejects.toThrow(/bad\.yaml:3/);
      await expect(startIamLocal({ seed: join(dir, 'bad.yaml') })).rejects.toThrow(/bad\.yaml:3/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const users = await new IAMClient(a.clientConfig).send(new ListUsersCommand({}));
    expect(users.Users!.map((u) => u.UserName).sort()).toEqual(['from-file', 'from-object']);
  });

  it('clock: advancing it expires role sessions (ExpiredToken) exactly as time passing would', async () => {
    const iam = new IAMClient(a.clientConfig);
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'clocked', AssumeRolePolicyDocument: TRUST_ROOT(a.accountId) }));
    const { Credentials: c } = await new STSClient(a.clientConfig).send(
      new AssumeRoleCommand({ RoleArn: role.Role!.Arn, RoleSessionName: 'api', DurationSeconds: 900 }),
    );
    const session = new STSClient({ ...a.clientConfig, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! }, maxAttempts: 1 });
    expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${a.accountId}:assumed-role/clocked/api`);
    const before = a.clock.now().getTime();
    const moved = a.clock.advance(901);
    expect(moved.getTime() - before).toBeGreaterThanOrEqual(901_000);
    expect(await sdkError(session.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'ExpiredToken', status: 400 });
    expect(a.clock.set('2030-01-01T00:00:00Z').toISOString()).toMatch(/^2030-01-01T00:00:0/);
    expect(() => a.clock.set('not a time')).toThrow(TypeError);
    expect(Math.abs(a.clock.reset().getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('reset() empties the store (as POST /_iam/reset) and puts the clock back', async () => {
    const iam = new IAMClient(a.clientConfig);
    await iam.send(new CreateUserCommand({ UserName: 'to-be-reset' }));
    a.clock.advance(86_400);
    await a.reset();
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
    expect(Math.abs(a.clock.now().getTime() - Date.now())).toBeLessThan(5_000);
    expect((await new STSClient(a.clientConfig).send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
  });

  it('stop() closes the port; calling it again is harmless', async () => {
    const c = await startIamLocal();
    expect((await fetch(`${c.endpoint}/_iam/health`)).status).toBe(200);
    await c.stop();
    await c.stop();
    await expect(fetch(`${c.endpoint}/_iam/health`)).rejects.toThrow();
  });
});

describe("the package's entry points (package.json exports) and the examples", () => {
  it("ESM: import { startIamLocal } from 'iam-local'", async () => {
    const script = `import { startIamLocal } from 'iam-local';
      const iam = await startIamLocal({ seed: { users: [{ name: 'esm' }] } });
      const r = await fetch(iam.endpoint + '/?Action=GetUser&UserName=esm&Version=2010-05-08');
      console.log(typeof startIamLocal, iam.endpoint.startsWith('http://127.0.0.1:'), r.status);
      await iam.stop();`;
    const r = await node(['--input-type=module', '-e', script], ROOT);
    expect(r.stderr).not.toMatch(/Error/);
    // Unsigned: the server answers with AWS's error for a missing signature, proving it is iam-local.
    expect(r.stdout.trim()).toMatch(/^function true (400|403)$/);
  });

  it("CommonJS: require('iam-local').startIamLocal() resolves to the same API", async () => {
    const script = `const { startIamLocal } = require('iam-local');
      startIamLocal().then(async (iam) => {
        console.log(JSON.stringify({ keys: Object.keys(iam).sort(), accountId: iam.accountId }));
        await iam.stop();
      });`;
    const r = await node(['-e', script], ROOT);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      keys: ['accountId', 'clientConfig', 'clock', 'credentials', 'endpoint', 'env', 'region', 'reset', 'seed', 'stop'],
      accountId: '000000000000',
    });
  });

  it('the Jest example (examples/jest): its globalSetup/globalTeardown and test file, run by a minimal stand-in for Jest (Jest is not a dependency)', async () => {
    // What Jest does with this config: require and await globalSetup in the parent; run the test
    // file in a worker that inherits process.env; await globalTeardown. Here all in one process.
    const runner = `const path = require('node:path');
      const dir = path.join(process.cwd(), 'examples/jest');
      const config = require(path.join(dir, 'jest.config.cjs'));
      const tests = [];
      globalThis.test = (name, fn) => tests.push([name, fn]);
      globalThis.expect = (v) => ({ toBe: (w) => { if (v !== w) throw new Error(JSON.stringify(v) + ' !== ' + JSON.stringify(w)); } });
      (async () => {
        await require(path.join(dir, config.globalSetup))();
        require(path.join(dir, 'iam.test.cjs'));
        for (const [name, fn] of tests) { await fn(); console.log('ok', name); }
        await require(path.join(dir, config.globalTeardown))();
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const r = await node(['--no-warnings', '-e', runner], ROOT);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['ok sees the seeded user', 'ok signs as the account root']);
  });

  it('the vitest globalSetup example (examples/vitest) passes', async () => {
    const r = await node([join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], join(ROOT, 'examples/vitest'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Tests\s+2 passed \(2\)/);
  }, 120_000);
});
