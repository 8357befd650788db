// AssumeRoleWithWebIdentity against iam-local's own OIDC issuer, with the real SDK — including the
// SDK's own fromWebToken / fromTokenFile credential providers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTokenFile, fromWebToken } from '@aws-sdk/credential-providers';
import { generateKeyPair, SignJWT } from 'jose';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

const ACCOUNT = '000000000000';
let t: TestServer;
let issuer: string;
let url: string;
let anon: STSClient;

const mint = async (claims: Record<string, unknown>): Promise<string> => {
  const r = await t.admin('POST', '/_iam/oidc/token', claims);
  expect(r.status).toBe(200);
  return r.json.token;
};

const trust = (federated: string, conditions: object) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: conditions }],
  });

beforeAll(async () => {
  t = await startServer();
  anon = new STSClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
  const conf = await t.admin('GET', '/.well-known/openid-configuration');
  issuer = conf.json.issuer;
  url = issuer.replace('https://', '');
  await t.iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: ['sts.amazonaws.com'] }));
  await t.iam.send(
    new CreateRoleCommand({
      RoleName: 'Deployer',
      AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:oidc-provider/${url}`, {
        StringEquals: { [`${url}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${url}:sub`]: 'repo:org/repo:*' },
      }),
    }),
  );
});
afterAll(() => t.close());

const ROLE = `arn:aws:iam::${ACCOUNT}:role/Deployer`;

describe('the OIDC issuer', () => {
  it('publishes discovery and a JWKS with its RS256 key', async () => {
    const conf = await t.admin('GET', '/.well-known/openid-configuration');
    expect(conf.json).toMatchObject({ issuer: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), jwks_uri: `${t.url}/_iam/oidc/jwks.json` });
    const jwks = await t.admin('GET', '/_iam/oidc/jwks.json');
    expect(jwks.json.keys).toHaveLength(1);
    expect(jwks.json.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), e: 'AQAB' });
  });

  it('mints tokens with the claims asked for, by the server clock', async () => {
    const r = await t.admin('POST', '/_iam/oidc/token', { sub: 'repo:org/repo:ref:refs/heads/main', aud: 'sts.amazonaws.com', expiresIn: 600 });
    expect(r.json.claims).toMatchObject({ iss: issuer, sub: 'repo:org/repo:ref:refs/heads/main', aud: 'sts.amazonaws.com' });
    expect(r.json.claims.exp - r.json.claims.iat).toBe(600);
    const bad = await t.admin('POST', '/_iam/oidc/token', { sub: 5 });
    expect(bad.status).toBe(400);
  });
});

describe('AssumeRoleWithWebIdentity', () => {
  it('a GitHub Actions-shaped token gets role credentials (unsigned call, as the SDK makes it)', async () => {
    const token = await mint({ sub: 'repo:org/repo:ref:refs/heads/main', aud: 'sts.amazonaws.com' });
    const r = await anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'gha-run-1', WebIdentityToken: token }));
    expect(r.SubjectFromWebIdentityToken).toBe('repo:org/repo:ref:refs/heads/main');
    expect(r.Provider).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/${url}`);
    expect(r.Audience).toBe('sts.amazonaws.com');
    expect(r.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/gha-run-1`);
    expect(r.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    const sts = new STSClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(r.AssumedRoleUser!.Arn);
    const role = await t.iam.send(new GetRoleCommand({ RoleName: 'Deployer' }));
    expect(role.Role!.RoleLastUsed?.LastUsedDate).toBeInstanceOf(Date);
  });

  it('a sub the trust policy does not match is AccessDenied', async () => {
    const token = await mint({ sub: 'repo:evil/repo:ref:refs/heads/main', aud: 'sts.amazonaws.com' });
    const e = await sdkError(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'xx', WebIdentityToken: token })));
    expect(e).toEqual({ name: 'AccessDenied', status: 403, message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' });
  });

  it('an audience not in the ClientIDList is InvalidIdentityToken', async () => {
    const token = await mint({ sub: 'repo:org/repo:x', aud: 'someone-else' });
    const e = await sdkError(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'xx', WebIdentityToken: token })));
    expect(e).toEqual({ name: 'InvalidIdentityTokenException', status: 400, message: 'Incorrect token audience' });
  });

  it('an issuer with no IAM provider is InvalidIdentityToken', async () => {
    const token = await mint({ iss: 'https://idp.example.com', sub: 'x', aud: 'sts.amazonaws.com' });
    const e = await sdkError(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'xx', WebIdentityToken: token })));
    expect(e).toEqual({
      name: 'InvalidIdentityTokenException',
      status: 400,
      message: 'No OpenIDConnect provider found in your account for https://idp.example.com',
    });
  });

  it('an expired token is ExpiredTokenException, also when the clock moves past exp', async () => {
    const old = await mint({ sub: 'repo:org/repo:x', aud: 'sts.amazonaws.com', expiresIn: -5 });
    const e = await sdkError(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'xx', WebIdentityToken: old })));
    expect(e.name).toBe('ExpiredTokenException');
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);

    const fresh = await mint({ sub: 'repo:org/repo:x', aud: 'sts.amazonaws.com', expiresIn: 60 });
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 61 });
    try {
      const later = await sdkError(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'xx', WebIdentityToken: fresh })));
      expect(later.name).toBe('ExpiredTokenException');
    } finally {
      await t.admin('POST', '/_iam/clock', { reset: true });
    }
  });

  it('a tampered, foreign-signed or non-JWT token is InvalidIdentityToken', async () => {
    const token = await mint({ sub: 'repo:org/repo:x', aud: 'sts.amazonaws.com' });
    const [h, p] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'repo:org/repo:admin' })).toString('base64url')}.${token.split('.')[2]}`;
    const tampered = await sdkError(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'xx', WebIdentityToken: forged })));
    expect(tampered).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });

    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'not-ours' }).sign(privateKey);
    const f = await sdkError(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'xx', WebIdentityToken: foreign })));
    expect(f.message).toBe(
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    );
    const junk = await sdkError(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'xx', WebIdentityToken: 'not-a-jwt' })));
    expect(junk).toEqual({
      name: 'InvalidIdentityTokenException',
      status: 400,
      message: 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
    });
  });

  it('DurationSeconds is limited by the role', async () => {
    const token = await mint({ sub: 'repo:org/repo:x', aud: 'sts.amazonaws.com' });
    const e = await sdkError(
      anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'xx', WebIdentityToken: token, DurationSeconds: 7200 })),
    );
    expect(e).toMatchObject({ name: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
  });

  it("the seed's CICDRole: a token from GitHub's issuer name, minted by iam-local", async () => {
    const gh = 'token.actions.githubusercontent.com';
    await t.iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${gh}`, ClientIDList: ['sts.amazonaws.com'] }));
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'CICDRole',
        AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:oidc-provider/${gh}`, {
          StringEquals: { [`${gh}:aud`]: 'sts.amazonaws.com', [`${gh}:sub`]: 'repo:org/repo:ref:refs/heads/main' },
        }),
      }),
    );
    const token = await mint({ iss: `https://${gh}`, sub: 'repo:org/repo:ref:refs/heads/main', aud: 'sts.amazonaws.com' });
    const r = await anon.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/CICDRole`, RoleSessionName: 'GitHubActions', WebIdentityToken: token }),
    );
    expect(r.Provider).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/${gh}`);
  });
});

describe("the SDK's own web identity providers", () => {
  it('fromWebToken gets credentials from a token minted by iam-local', async () => {
    const token = await mint({ sub: 'repo:org/repo:ref:refs/heads/main', aud: 'sts.amazonaws.com' });
    const provider = fromWebToken({ roleArn: ROLE, webIdentityToken: token, roleSessionName: 'sdk-web', clientConfig: { endpoint: t.url, region: 'us-east-1' } });
    const creds = await provider();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.expiration).toBeInstanceOf(Date);
    const sts = new STSClient({ endpoint: t.url, region: 'us-east-1', credentials: provider });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/sdk-web`);
  });

  it('fromTokenFile reads the token from a file, as on EKS or GitHub Actions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-local-oidc-'));
    const file = join(dir, 'token');
    writeFileSync(file, await mint({ sub: 'repo:org/repo:ref:refs/heads/main', aud: 'sts.amazonaws.com' }));
    const provider = fromTokenFile({ webIdentityTokenFile: file, roleArn: ROLE, roleSessionName: 'sdk-file', clientConfig: { endpoint: t.url, region: 'us-east-1' } });
    const sts = new STSClient({ endpoint: t.url, region: 'us-east-1', credentials: provider });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/sdk-file`);
  });
});

describe('the issuer key survives a restart', () => {
  it('a token minted before the restart still verifies after it', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'iam-local-db-')), 'store.db');
    const first = await startServer({ dbPath });
    const iss = (await first.admin('GET', '/.well-known/openid-configuration')).json.issuer as string;
    const u = iss.replace('https://', '');
    await first.iam.send(new CreateOpenIDConnectProviderCommand({ Url: iss, ClientIDList: ['sts.amazonaws.com'] }));
    await first.iam.send(
      new CreateRoleCommand({ RoleName: 'Persist', AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:oidc-provider/${u}`, {}) }),
    );
    const token = (await first.admin('POST', '/_iam/oidc/token', { sub: 'me', aud: 'sts.amazonaws.com' })).json.token as string;
    const kid = (await first.admin('GET', '/_iam/oidc/jwks.json')).json.keys[0].kid;
    await first.close();

    const second = await startServer({ dbPath });
    try {
      expect((await second.admin('GET', '/_iam/oidc/jwks.json')).json.keys[0].kid).toBe(kid);
      const sts = new STSClient({ endpoint: second.url, region: 'us-east-1', maxAttempts: 1 });
      // The issuer name embeds the first server's port; the provider was registered for it.
      const r = await sts.send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Persist`, RoleSessionName: 'after', WebIdentityToken: token }),
      );
      expect(r.SubjectFromWebIdentityToken).toBe('me');
    } finally {
      await second.close();
    }
  });
});
