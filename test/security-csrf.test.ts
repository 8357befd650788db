// Issue #22, item 2: CSRF and DNS rebinding. Reproduced on main: `POST /_iam/seed` with a
// text/plain YAML body and `Origin: https://evil.example` created a user with an access key and
// AdministratorAccess — exactly what a web page a developer visits can send to 127.0.0.1:4577.
// Now every state-changing /_iam/* route refuses text/plain, form and multipart bodies (a page can
// send those without a CORS preflight) and any foreign Origin or cross-site fetch; every route but
// the signed AWS API checks Host against the names the server answers to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadConfig, type ConfigOverrides } from '../src/config.js';
import { buildServer, type BuiltServer } from '../src/server.js';
import { ROOT } from './helpers/server.js';
import { signQuery } from './helpers/sigv4.js';

const SEED = 'users:\n  - name: mallory\n    policies: [arn:aws:iam::aws:policy/AdministratorAccess]\n    accessKeys: [{id: AKIAMALLORY000000001, secret: evil}]\n';

async function server(overrides: ConfigOverrides = {}) {
  return buildServer(loadConfig({}, { port: 0, dbPath: ':memory:', logLevel: 'silent', ...overrides }));
}
const inject = (s: BuiltServer, o: InjectOptions) =>
  s.app().then((app) => app.inject({ remoteAddress: '127.0.0.1', ...o, headers: { host: '127.0.0.1:4577', ...(o.headers ?? {}) } } as InjectOptions));

describe('CSRF from a web page', () => {
  let s: BuiltServer;
  beforeAll(async () => {
    s = await server();
  });
  afterAll(() => s.close());
  const mallory = () => s.services.store.users.get('000000000000', 'mallory');

  it('the reproduction: text/plain YAML from Origin https://evil.example seeds nothing', async () => {
    const r = await inject(s, { method: 'POST', url: '/_iam/seed', payload: SEED, headers: { 'content-type': 'text/plain', origin: 'https://evil.example' } });
    expect(r.statusCode).toBe(403);
    expect(mallory()).toBeUndefined();
  });

  it('refuses text/plain, form and multipart bodies on state-changing routes even without an Origin', async () => {
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await inject(s, { method: 'POST', url: '/_iam/seed', payload: SEED, headers: { 'content-type': type } });
      expect(r.statusCode, type).toBe(415);
      const reset = await inject(s, { method: 'POST', url: '/_iam/reset', payload: 'a=b', headers: { 'content-type': type } });
      expect(reset.statusCode, type).toBe(415);
    }
    expect(mallory()).toBeUndefined();
  });

  it('takes the seed as application/yaml (the CLI) and JSON', async () => {
    const r = await inject(s, { method: 'POST', url: '/_iam/seed?check=true', payload: SEED, headers: { 'content-type': 'application/yaml' } });
    expect(r.statusCode, r.body).toBe(200);
    const j = await inject(s, { method: 'POST', url: '/_iam/seed?check=true', payload: JSON.stringify({ users: [{ name: 'j' }] }), headers: { 'content-type': 'application/json' } });
    expect(j.statusCode, j.body).toBe(200);
  });

  it('refuses a foreign Origin on reads and writes, and a cross-site or same-site fetch', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:3000', 'null']) {
      const r = await inject(s, { method: 'GET', url: '/_iam/state', headers: { origin } });
      expect(r.statusCode, origin).toBe(403);
      const w = await inject(s, { method: 'POST', url: '/_iam/reset', headers: { origin } });
      expect(w.statusCode, origin).toBe(403);
    }
    for (const site of ['cross-site', 'same-site']) {
      const r = await inject(s, { method: 'GET', url: '/_iam/state', headers: { 'sec-fetch-site': site } });
      expect(r.statusCode, site).toBe(403);
    }
    const same = await inject(s, { method: 'GET', url: '/_iam/state', headers: { origin: 'http://127.0.0.1:4577', 'sec-fetch-site': 'same-origin' } });
    expect(same.statusCode).toBe(200);
    // The console's page may be opened from a link anywhere; its API may not be called from there.
    const page = await inject(s, { method: 'GET', url: '/_iam/console', headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' } });
    expect(page.statusCode).toBe(200);
    const api = await inject(s, { method: 'GET', url: '/_iam/console/api/me', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(api.statusCode).toBe(403);
  });

  it('the console: sign-in refuses a foreign Origin and a form body', async () => {
    const body = JSON.stringify({ kind: 'root', accessKeyId: 'test', secretAccessKey: 'test' });
    const foreign = await inject(s, { method: 'POST', url: '/_iam/console/api/signin', payload: body, headers: { 'content-type': 'application/json', origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    const form = await inject(s, { method: 'POST', url: '/_iam/console/api/signin', payload: 'kind=root', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
    const ok = await inject(s, { method: 'POST', url: '/_iam/console/api/signin', payload: body, headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:4577' } });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('DNS rebinding: Host', () => {
  let s: BuiltServer;
  beforeAll(async () => {
    s = await server({ allowedHosts: ['iam.test'] });
  });
  afterAll(() => s.close());

  it('refuses a name the server does not answer to on every route but the AWS API', async () => {
    for (const url of ['/_iam/state', '/_iam/console', '/_iam/console/api/me', '/latest/meta-data/', '/v2/credentials/x', '/_iam/reset']) {
      const r = await inject(s, { method: url === '/_iam/reset' ? 'POST' : 'GET', url, headers: { host: 'attacker.example:4577' } });
      expect(r.statusCode, url).toBe(403);
    }
    // The public documents (no secret, no change) answer any name: a relying party may use a
    // compose service name.
    for (const url of ['/_iam/health', '/.well-known/openid-configuration', '/_iam/oidc/jwks.json']) {
      const r = await inject(s, { method: 'GET', url, headers: { host: 'attacker.example:4577' } });
      expect(r.statusCode, url).toBe(200);
    }
  });

  it('answers localhost, 127.0.0.1, [::1], IP literals and IAM_LOCAL_ALLOWED_HOSTS', async () => {
    for (const host of ['localhost:4577', '127.0.0.1:4577', '[::1]:4577', 'iam.test', 'IAM.test:80', '10.9.8.7:4577', 'app.localhost']) {
      const r = await inject(s, { method: 'GET', url: '/_iam/health', headers: { host } });
      expect(r.statusCode, host).toBe(200);
    }
  });

  it('the AWS API (POST /) answers any Host the SDK signed: SigV4 covers it', async () => {
    const signed = await signQuery('http://iam-local.internal:4577', { Action: 'GetCallerIdentity', Version: '2011-06-15' }, { creds: ROOT, service: 'sts' });
    const r = await inject(s, { method: 'POST', url: '/', payload: signed.body, headers: signed.headers });
    expect(r.statusCode, r.body).toBe(200);
    // and a host it did not sign is a signature mismatch, as on AWS
    const other = await inject(s, { method: 'POST', url: '/', payload: signed.body, headers: { ...signed.headers, host: 'attacker.example' } });
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('SignatureDoesNotMatch');
  });

  it('IAM_LOCAL_ALLOWED_HOSTS=* answers any name', async () => {
    const any = await server({ allowedHosts: ['*'] });
    try {
      const r = await inject(any, { method: 'GET', url: '/_iam/health', headers: { host: 'whatever.example' } });
      expect(r.statusCode).toBe(200);
    } finally {
      await any.close();
    }
  });

  it('a real SDK against a listening server still works', async () => {
    const url = await s.listen();
    const sts = new STSClient({ endpoint: url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
  });
});
