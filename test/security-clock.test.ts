// Issue #22, item 3: the movable clock is an operator action and can be locked
// (IAM_LOCAL_CLOCK=fixed|system|movable); moving it back never revives what had ended — an STS
// session, a signature or presigned URL, an IMDSv2 token — while what is issued after the move
// works on the moved clock (the SDK signs by the server's Date).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetSessionTokenCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Clock } from '../src/clock.js';
import { TokenStore } from '../src/metadata/tokens.js';
import { ROOT, sdkError, startServer, type TestServer } from './helpers/server.js';
import { presignQuery, send, signQuery } from './helpers/sigv4.js';
import { loadConfig } from '../src/config.js';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { EC2_TRUST, raw } from './helpers/metadata.js';

describe('IAM_LOCAL_CLOCK', () => {
  it('system: POST /_iam/clock is refused (409), the time is the machine\'s', async () => {
    const t = await startServer({ clock: 'system' });
    try {
      const r = await t.admin('POST', '/_iam/clock', { advanceSeconds: 3600 });
      expect(r.status).toBe(409);
      expect(r.json.error).toMatch(/IAM_LOCAL_CLOCK=movable/);
      const now = await t.admin('GET', '/_iam/clock');
      expect(now.json).toMatchObject({ mode: 'system', real: true });
    } finally {
      await t.close();
    }
  });

  it('fixed@TIME: stands still at that time and cannot be moved', async () => {
    const t = await startServer({ clock: 'fixed@2030-01-02T03:04:05Z' as any });
    try {
      const a = await t.admin('GET', '/_iam/clock');
      await new Promise((r) => setTimeout(r, 20));
      const b = await t.admin('GET', '/_iam/clock');
      expect(a.json.now).toBe('2030-01-02T03:04:05.000Z');
      expect(b.json.now).toBe(a.json.now);
      expect((await t.admin('POST', '/_iam/clock', { reset: true })).status).toBe(409);
      // The SDK corrects its skew from the Date header: it works against a fixed 2030 clock.
      const sts = new STSClient({ endpoint: t.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 3 });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
    } finally {
      await t.close();
    }
  });

  it('defaults: movable on loopback, system beyond it; bad values name the variable', () => {
    expect(loadConfig({}).clock).toBe('movable');
    expect(loadConfig({ HOST: '0.0.0.0' }).clock).toBe('system');
    expect(loadConfig({ HOST: '0.0.0.0', IAM_LOCAL_CLOCK: 'movable' }).clock).toBe('movable');
    expect(() => loadConfig({ IAM_LOCAL_CLOCK: 'backwards' })).toThrow(/IAM_LOCAL_CLOCK must be/);
    expect(() => loadConfig({ IAM_LOCAL_CLOCK: 'system@2030-01-01' })).toThrow(/IAM_LOCAL_CLOCK must be/);
  });
});

describe('moving the clock back revives nothing', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('an STS session that expired stays expired after the clock is set back; a new one works', async () => {
    const start = new Date();
    const creds = (await t.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!;
    const session = { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! };
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 3600 });
    expect((await sdkError(t.stsAs(session).send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
    const back = await t.admin('POST', '/_iam/clock', { setTime: start.toISOString() });
    expect(back.status).toBe(200);
    expect(Date.parse(back.json.highWater)).toBeGreaterThan(Date.parse(back.json.now) + 3000_000);
    expect((await sdkError(t.stsAs(session).send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
    // Issued after the move: lives on the moved clock.
    const fresh = (await t.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!;
    const again = t.stsAs({ accessKeyId: fresh.AccessKeyId!, secretAccessKey: fresh.SecretAccessKey!, sessionToken: fresh.SessionToken! });
    expect((await again.send(new GetCallerIdentityCommand({}))).Arn).toContain(':root');
    await t.admin('POST', '/_iam/clock', { reset: true });
  });

  it('a presigned URL refused as expired stays refused when the clock goes back', async () => {
    const url = await presignQuery(t.url, { Action: 'GetCallerIdentity', Version: '2011-06-15' }, { creds: ROOT, service: 'sts', expiresIn: 60 });
    expect((await send(url)).status).toBe(200);
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 120 });
    const late = await send(url);
    expect(late.status).toBe(403);
    expect(late.message).toMatch(/^Signature expired/);
    await t.admin('POST', '/_iam/clock', { reset: true });
    const revived = await send(url);
    expect(revived.status).toBe(403);
    expect(revived.message).toMatch(/^Signature expired/);
  });

  it('a signed request seen before the clock passed its 15 minutes cannot be replayed after a move back', async () => {
    const req = await signQuery(t.url, { Action: 'GetCallerIdentity', Version: '2011-06-15' }, { creds: ROOT, service: 'sts' });
    expect((await send(req.url, { method: 'POST', headers: req.headers, body: req.body })).status).toBe(200);
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 3600 });
    await t.admin('POST', '/_iam/clock', { reset: true });
    const replay = await send(req.url, { method: 'POST', headers: req.headers, body: req.body });
    expect(replay.status).toBe(403);
    expect(replay.code).toBe('SignatureDoesNotMatch');
    // The SDK's own new requests are fine.
    expect((await new STSClient({ endpoint: t.url, region: 'us-east-1', credentials: ROOT }).send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
  });
});

describe('instance role credentials after a move back', () => {
  it('an instance hands out new credentials, not ones that expired before the clock went back', async () => {
    const t = await startServer();
    try {
      await t.iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: EC2_TRUST }));
      await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app' }));
      await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app', RoleName: 'app' }));
      const inst = (await t.admin('POST', '/_iam/instances', { instanceProfileName: 'app' })).json;
      const creds = async () => JSON.parse((await raw(`${inst.endpoint}/latest/meta-data/iam/security-credentials/app`)).body);
      const first = await creds();
      await t.admin('POST', '/_iam/clock', { advanceSeconds: 7 * 3600 });
      await t.admin('POST', '/_iam/clock', { reset: true });
      const second = await creds();
      expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
      const sts = t.stsAs({ accessKeyId: second.AccessKeyId, secretAccessKey: second.SecretAccessKey, sessionToken: second.Token });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toContain('assumed-role/app/');
      const old = t.stsAs({ accessKeyId: first.AccessKeyId, secretAccessKey: first.SecretAccessKey, sessionToken: first.Token });
      expect((await sdkError(old.send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
    } finally {
      await t.close();
    }
  });
});

describe('the clock\'s memory of signatures and tokens', () => {
  it('looking does not record; a remembered artefact that ended before a move back stays ended; bounded', () => {
    const clock = new Clock();
    const end = clock.nowMs() + 60_000;
    expect(clock.knownEnded('a', end)).toBe(false);
    clock.advance(120);
    clock.advance(-120);
    expect(clock.knownEnded('a', end)).toBe(false); // never recorded: judged by its own times
    clock.remember('b', clock.nowMs() + 60_000);
    clock.advance(120);
    clock.advance(-120);
    expect(clock.knownEnded('b', clock.nowMs() + 60_000)).toBe(true);
    for (let i = 0; i < 10_001; i++) clock.remember(`k${i}`, clock.nowMs() + 60_000);
    expect(clock.knownEnded('b', clock.nowMs() + 60_000)).toBe(false); // evicted, oldest first
  });
});

describe('IMDSv2 token store', () => {
  it('an expired token stays expired after the clock moves back; one issued after lives', () => {
    const clock = new Clock();
    const store = new TokenStore(clock);
    const old = store.issue(60);
    expect(store.remaining(old)).toBe(60);
    clock.advance(120);
    clock.advance(-120);
    expect(store.remaining(old)).toBeUndefined();
    const fresh = store.issue(60);
    expect(store.remaining(fresh)).toBe(60);
  });

  it('is bounded per instance and drops expired tokens as it goes', () => {
    const clock = new Clock();
    const store = new TokenStore(clock, 50);
    const first = store.issue(21600);
    for (let i = 0; i < 200; i++) store.issue(1);
    expect(store.size).toBe(50);
    expect(store.remaining(first)).toBeUndefined(); // evicted, oldest first
    clock.advance(5);
    for (let i = 0; i < 40; i++) store.issue(21600);
    expect(store.size).toBeLessThanOrEqual(50);
    const kept = store.issue(21600);
    expect(store.remaining(kept)).toBe(21600);
  });
});
