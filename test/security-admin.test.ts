// Issue #22, item 1: the admin surface (/_iam/*) needs an operator. Reproduced on main: `GET
// /_iam/state` with `Host: attacker.example` returned every secret, and any address could seed,
// reset, mint tokens, read task tokens. Now: a bearer token (IAM_LOCAL_ADMIN_TOKEN, generated at
// start when the server listens beyond loopback), a SigV4 signature by the default account's root,
// or — without proof — a loopback peer using a loopback Host. /_iam/health stays open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { loadConfig, type ConfigOverrides } from '../src/config.js';
import { buildServer, type BuiltServer } from '../src/server.js';
import { signer } from './helpers/sigv4.js';
import type { Credentials } from './helpers/server.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminCall } from '../src/commands/target.js';
import { startCommand } from '../src/commands/start.js';

const REMOTE = '203.0.113.7';
const TOKEN = 'operator-token-0123456789abcdef';

async function server(overrides: ConfigOverrides = {}) {
  return buildServer(loadConfig({}, { port: 0, dbPath: ':memory:', logLevel: 'silent', ...overrides }));
}

const inject = (s: BuiltServer, o: InjectOptions & { remoteAddress?: string }) =>
  s.app().then((app) => app.inject({ remoteAddress: '127.0.0.1', ...o, headers: { host: '127.0.0.1:4577', ...(o.headers ?? {}) } } as InjectOptions));

/** Every route of the admin surface that needs an operator, with a body where it takes one. */
const OPERATOR_ROUTES: [string, string, unknown?][] = [
  ['GET', '/_iam/state'],
  ['PUT', '/_iam/state', {}],
  ['POST', '/_iam/seed', { users: [{ name: 'x' }] }],
  ['POST', '/_iam/reset'],
  ['GET', '/_iam/clock'],
  ['POST', '/_iam/clock', { advanceSeconds: 1 }],
  ['POST', '/_iam/creds/user/alice'],
  ['POST', '/_iam/oidc/token', { sub: 'x', aud: 'sts.amazonaws.com' }],
  ['POST', '/_iam/saml/assertion', {}],
  ['GET', '/_iam/instances'],
  ['POST', '/_iam/instances', { instanceProfileName: 'p' }],
  ['GET', '/_iam/instances/i-0123456789abcdef0'],
  ['PATCH', '/_iam/instances/i-0123456789abcdef0', {}],
  ['DELETE', '/_iam/instances/i-0123456789abcdef0'],
  ['GET', '/_iam/tasks'],
  ['POST', '/_iam/tasks', { roleName: 'r' }],
  ['DELETE', '/_iam/tasks/t'],
  ['GET', '/_iam/decisions'],
  ['GET', '/_iam/decisions/d'],
  ['GET', '/_iam/audit'],
  ['GET', '/_iam/delegation-requests/x/trade-in-token'],
];

const withBody = (body: unknown): Partial<InjectOptions> =>
  body === undefined ? {} : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } };

describe('a server on loopback (no token)', () => {
  let s: BuiltServer;
  beforeAll(async () => {
    s = await server();
  });
  afterAll(() => s.close());

  it('refuses every operator route to a caller beyond loopback without proof (401), and changes nothing', async () => {
    for (const [method, url, body] of OPERATOR_ROUTES) {
      const o = withBody(body);
      const r = await inject(s, { method: method as any, url, remoteAddress: REMOTE, ...o, headers: { ...(o.headers ?? {}) } });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      expect(r.json().error, `${method} ${url}`).toMatch(/operator proof/);
      expect(r.body).not.toMatch(/secret|AKIA|token"/i);
    }
    expect(s.services.store.users.get('000000000000', 'x')).toBeUndefined();
    const state = await inject(s, { method: 'GET', url: '/_iam/state' });
    expect(JSON.stringify(state.json())).not.toContain('"x"');
  });

  it('refuses a loopback peer that uses a foreign Host (DNS rebinding): GET /_iam/state with Host attacker.example', async () => {
    const r = await inject(s, { method: 'GET', url: '/_iam/state', headers: { host: 'attacker.example:4577' } });
    expect(r.statusCode).toBe(403);
    expect(r.body).not.toContain('"rows"');
    expect(r.json().error).toMatch(/IAM_LOCAL_ALLOWED_HOSTS/);
  });

  it('refuses a loopback peer that uses an allowed but non-loopback Host without proof', async () => {
    const r = await inject(s, { method: 'GET', url: '/_iam/state', headers: { host: '10.1.2.3:4577' } });
    expect(r.statusCode).toBe(401);
  });

  it('answers the operator on loopback with a loopback Host (127.0.0.1, localhost, [::1])', async () => {
    for (const host of ['127.0.0.1:4577', 'localhost:4577', '[::1]:4577']) {
      const r = await inject(s, { method: 'GET', url: '/_iam/state', headers: { host } });
      expect(r.statusCode, host).toBe(200);
    }
    const v6 = await inject(s, { method: 'GET', url: '/_iam/clock', remoteAddress: '::1' });
    expect(v6.statusCode).toBe(200);
  });

  it('keeps /_iam/health and the issuers\' public keys open to anyone', async () => {
    for (const url of ['/_iam/health', '/_iam/oidc/jwks.json', '/_iam/saml/metadata']) {
      const r = await inject(s, { method: 'GET', url, remoteAddress: REMOTE, headers: { host: '10.0.0.1:4577' } });
      expect(r.statusCode, url).toBe(200);
    }
  });

  it('refuses a bearer token when the server has none (no token was set or generated)', async () => {
    expect(s.adminToken).toBeUndefined();
    const r = await inject(s, { method: 'GET', url: '/_iam/state', headers: { authorization: 'Bearer anything-at-all-123456' } });
    expect(r.statusCode).toBe(401);
  });

  it('never answers a bigger admin body than 64 KiB, except state import and seed', async () => {
    const big = JSON.stringify({ sub: 'x'.repeat(70 * 1024) });
    const r = await inject(s, { method: 'POST', url: '/_iam/oidc/token', payload: big, headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(413);
    const seed = await inject(s, {
      method: 'POST',
      url: '/_iam/seed?check=true',
      payload: `# ${'x'.repeat(70 * 1024)}\nusers: []\n`,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(seed.statusCode, seed.body).toBe(200);
  });
});

describe('a server listening beyond loopback', () => {
  let s: BuiltServer;
  beforeAll(async () => {
    s = await server({ host: '0.0.0.0' });
  });
  afterAll(() => s.close());

  it('generates an admin token at start, and takes it as Bearer from any address', async () => {
    expect(s.adminToken).toMatch(/^[\w-]{32}$/);
    const r = await inject(s, { method: 'GET', url: '/_iam/state', remoteAddress: REMOTE, headers: { host: '192.0.2.1:4577', authorization: `Bearer ${s.adminToken}` } });
    expect(r.statusCode).toBe(200);
    const wrong = await inject(s, { method: 'GET', url: '/_iam/state', remoteAddress: REMOTE, headers: { host: '192.0.2.1:4577', authorization: `Bearer ${s.adminToken}x` } });
    expect(wrong.statusCode).toBe(401);
  });

  it('refuses the bootstrap key test/test to SigV4 callers (it proves nothing anyone could not type)', async () => {
    const r = await signedInject(s, { accessKeyId: 'test', secretAccessKey: 'test' }, 'GET', '/_iam/state');
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatch(/InvalidClientTokenId/);
  });
});

/** A request to /_iam/* signed as an SDK signs: service iam, the host it is sent to. */
async function signedInject(s: BuiltServer, creds: Credentials, method: string, path: string, body?: string, tamper?: string) {
  const headers: Record<string, string> = { host: '192.0.2.1:4577' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const [p, query] = path.split('?') as [string, string | undefined];
  const signed = await signer(creds, 'iam', 'us-east-1').sign({
    method,
    protocol: 'http:',
    hostname: '192.0.2.1',
    port: 4577,
    path: p,
    query: Object.fromEntries(new URLSearchParams(query ?? '')),
    headers,
    body,
  });
  return s.app().then((app) => app.inject({ method: method as any, url: path, remoteAddress: REMOTE, headers: signed.headers, payload: tamper ?? body }));
}

describe('SigV4 as operator proof', () => {
  let s: BuiltServer;
  let rootKey: Credentials;
  let userKey: Credentials;
  beforeAll(async () => {
    s = await server({ host: '0.0.0.0', adminToken: TOKEN, clock: 'movable' });
    const seed = await inject(s, {
      method: 'POST',
      url: '/_iam/seed',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' },
      payload: 'users:\n  - name: admin\n    policies: [arn:aws:iam::aws:policy/AdministratorAccess]\n',
    });
    expect(seed.statusCode, seed.body).toBe(200);
    const u = await inject(s, { method: 'POST', url: '/_iam/creds/user/admin', headers: { authorization: `Bearer ${TOKEN}` } });
    userKey = { accessKeyId: u.json().accessKeyId, secretAccessKey: u.json().secretAccessKey };
    // A root access key of the default account, as CreateAccessKey by the root makes one.
    const root = s.services.store.credentials.accessKeys;
    rootKey = { accessKeyId: 'AKIAROOTKEY000000001', secretAccessKey: 'r'.repeat(40) };
    root.insert({ id: rootKey.accessKeyId, account_id: '000000000000', user_id: null, secret: rootKey.secretAccessKey, status: 'Active', created_at: new Date().toISOString() });
  });
  afterAll(() => s.close());

  it('takes a request signed by the default account root, body included', async () => {
    const r = await signedInject(s, rootKey, 'GET', '/_iam/state');
    expect(r.statusCode, r.body).toBe(200);
    const c = await signedInject(s, rootKey, 'POST', '/_iam/clock', '{"advanceSeconds":0}');
    expect(c.statusCode, c.body).toBe(200);
    const swapped = await signedInject(s, rootKey, 'POST', '/_iam/clock', '{"advanceSeconds":0}', '{"advanceSeconds":99999}');
    expect(swapped.statusCode).toBe(403);
    expect(swapped.json().error).toMatch(/SignatureDoesNotMatch/);
  });

  it('holds a signed body to the route\'s limit too (64 KiB), before checking its signature', async () => {
    const big = JSON.stringify({ advanceSeconds: 0, pad: 'x'.repeat(70 * 1024) });
    const r = await signedInject(s, rootKey, 'POST', '/_iam/clock', big);
    expect(r.statusCode).toBe(413);
  });

  it('refuses an IAM user, even one with AdministratorAccess (the admin surface spans every account)', async () => {
    const r = await signedInject(s, userKey, 'GET', '/_iam/state');
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatch(/user\/admin is not an operator/);
  });

  it('still lets a signed reader with the permission read its own account\'s audit', async () => {
    const r = await signedInject(s, userKey, 'GET', '/_iam/audit');
    expect(r.statusCode, r.body).toBe(200);
  });
});

describe('the CLI', () => {
  it('sends IAM_LOCAL_ADMIN_TOKEN as a bearer token, and seed files as application/yaml (never text/plain)', async () => {
    const seen: { authorization?: string; type?: string }[] = [];
    const fake = createServer((req, res) => {
      seen.push({ authorization: req.headers.authorization, type: req.headers['content-type'] });
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const before = process.env.IAM_LOCAL_ADMIN_TOKEN;
    try {
      process.env.IAM_LOCAL_ADMIN_TOKEN = TOKEN;
      await adminCall(url, 'POST', '/_iam/seed', { text: 'users: []' });
      delete process.env.IAM_LOCAL_ADMIN_TOKEN;
      await adminCall(url, 'GET', '/_iam/state');
    } finally {
      if (before === undefined) delete process.env.IAM_LOCAL_ADMIN_TOKEN;
      else process.env.IAM_LOCAL_ADMIN_TOKEN = before;
      fake.close();
    }
    expect(seen).toEqual([{ authorization: `Bearer ${TOKEN}`, type: 'application/yaml' }, { authorization: undefined, type: undefined }]);
  });

  it('a bad IAM_LOCAL_INSTANCE_CLIENTS stops the start with one line', async () => {
    await expect(startCommand({ port: '0', db: ':memory:', logLevel: 'silent', instanceProfile: 'p', instanceClients: 'not a host!' })).rejects.toThrow(
      /^IAM_LOCAL_INSTANCE_CLIENTS: must be a list of IP addresses, CIDR blocks or host names\.$/,
    );
  });
});
