// One identity for the built-in OIDC issuer: whatever name a client reaches the server by
// (127.0.0.1, localhost, a container's name), discovery, minted tokens and the starter template's
// provider agree on https://127.0.0.1:<listening port> (or IAM_LOCAL_OIDC_ISSUER), so a token
// fetched through any of them is accepted for the starter's CICDRole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { startServer, type TestServer } from './helpers/server.js';

const STARTER = readFileSync(fileURLToPath(new URL('../templates/starter.yaml', import.meta.url)), 'utf8');

/** A JSON request to the server with a chosen Host header (the name the client used). */
function call(t: TestServer, host: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<any> {
  const u = new URL(t.url);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method, path, headers: { host, ...(payload !== undefined ? { 'content-type': contentType } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new Error(`${res.statusCode}: ${text}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the built-in OIDC issuer has one identity per server', { timeout: 60_000 }, () => {
  let t: TestServer;
  let port: string;
  beforeAll(async () => {
    t = await startServer();
    port = new URL(t.url).port;
    // The starter template, sent through `localhost`: its provider and CICDRole name the issuer.
    const seeded = await call(t, `localhost:${port}`, 'POST', '/_iam/seed?name=starter.yaml', STARTER, 'application/yaml');
    expect(seeded.error).toBeUndefined();
  });
  afterAll(() => t.close());

  it('discovery answers the same issuer whatever Host the client used', async () => {
    const names = [`127.0.0.1:${port}`, `localhost:${port}`, `iam-local:${port}`, 'iam-local'];
    const issuers = await Promise.all(names.map((h) => call(t, h, 'GET', '/.well-known/openid-configuration').then((c) => c.issuer)));
    expect(issuers).toEqual(names.map(() => `https://127.0.0.1:${port}`));
    const providers = await t.iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(providers.OpenIDConnectProviderList!.map((p) => p.Arn)).toEqual([`arn:aws:iam::000000000000:oidc-provider/127.0.0.1:${port}`]);
  });

  for (const name of ['localhost', '127.0.0.1']) {
    it(`a token fetched through ${name} assumes the starter's CICDRole`, async () => {
      const minted = await call(t, `${name}:${port}`, 'POST', '/_iam/oidc/token', { sub: 'repo:my-org/my-app:ref:refs/heads/main', aud: 'sts.amazonaws.com' });
      expect(minted.issuer).toBe(`https://127.0.0.1:${port}`);
      const sts = new STSClient({ endpoint: t.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
      const out = await sts.send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: 'arn:aws:iam::000000000000:role/CICDRole', RoleSessionName: 'gha', WebIdentityToken: minted.token }),
      );
      expect(out.AssumedRoleUser!.Arn).toBe('arn:aws:sts::000000000000:assumed-role/CICDRole/gha');
      expect(out.Provider).toBe(`arn:aws:iam::000000000000:oidc-provider/127.0.0.1:${port}`);
    });
  }
});

describe('IAM_LOCAL_OIDC_ISSUER / --oidc-issuer fixes it', { timeout: 60_000 }, () => {
  it('discovery, tokens and ${ISSUER_URL} in a seed all use the configured issuer', async () => {
    const t = await startServer({ oidcIssuer: 'https://oidc.example.test/' });
    try {
      const port = new URL(t.url).port;
      expect((await call(t, `localhost:${port}`, 'GET', '/.well-known/openid-configuration')).issuer).toBe('https://oidc.example.test');
      expect((await call(t, `127.0.0.1:${port}`, 'POST', '/_iam/oidc/token', { sub: 'x' })).claims.iss).toBe('https://oidc.example.test');
      const seeded = await call(t, `localhost:${port}`, 'POST', '/_iam/seed', 'oidcProviders:\n  - url: ${ISSUER_URL}\n', 'application/yaml');
      expect(seeded.applied).toEqual([{ account: '000000000000', kind: 'oidc-provider', name: 'oidc.example.test', outcome: 'created' }]);
    } finally {
      await t.close();
    }
  });
});
