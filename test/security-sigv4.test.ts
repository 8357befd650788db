// Issue #22, item 6: SigV4 as AWS checks it for IAM and STS, and STS's checks of a JWT's times.
//  - The payload hash is always the hash of the body received: a request signed with
//    `x-amz-content-sha256: UNSIGNED-PAYLOAD` (or any other declared hash) for GetCallerIdentity
//    and sent with the body `Action=CreateUser&UserName=swapped` created the user.
//  - `host` must be a signed header. AWS's message "'Host' or ':authority' must be a 'SignedHeader'
//    in the AWS Authorization." is quoted from AWS's answers in public reports (e.g.
//    aws/aws-sdk-php#2469); JSON services name it InvalidSignatureException, whose Query-protocol
//    code is SignatureDoesNotMatch (403) — the code for IAM/STS is inferred, unconfirmed.
//  - AssumeRoleWithWebIdentity refuses a token whose nbf or iat lies in the future with
//    InvalidIdentityToken (400); the message is the STS model's documentation of that error
//    (AWS's exact text for this case: unconfirmed).
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ROOT, sdkError, startServer, type TestServer } from './helpers/server.js';
import { send, signer } from './helpers/sigv4.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const GCI = 'Action=GetCallerIdentity&Version=2011-06-15';
const SWAPPED = 'Action=CreateUser&UserName=swapped&Version=2010-05-08';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Signs a POST of `body` with the SDK's signer; `headers` join the signed headers (the SDK takes
 *  a declared x-amz-content-sha256 as the payload hash, as it does for S3). */
async function signPost(body: string, service: 'sts' | 'iam', headers: Record<string, string> = {}, withHost = true) {
  const url = new URL(t.url);
  const signed = await signer(ROOT, service).sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: { ...(withHost ? { host: url.host } : {}), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    body,
  });
  return signed.headers as Record<string, string>;
}

const userExists = async (name: string) => {
  try {
    await t.iam.send(new GetUserCommand({ UserName: name }));
    return true;
  } catch (e: any) {
    if (e.name === 'NoSuchEntity' || e.name === 'NoSuchEntityException') return false;
    throw e;
  }
};

describe('the payload hash is the hash of the body received', () => {
  it('the reproduction: UNSIGNED-PAYLOAD over GetCallerIdentity, sent with a CreateUser body, is refused', async () => {
    const headers = await signPost(GCI, 'iam', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    const res = await send(t.url + '/', { method: 'POST', headers, body: SWAPPED });
    expect(res).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    // Scoped to STS, CreateUser is not an STS action at all.
    const sts = await signPost(GCI, 'sts', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect((await send(t.url + '/', { method: 'POST', headers: sts, body: SWAPPED })).status).not.toBe(200);
    expect(await userExists('swapped')).toBe(false);
  });

  it('UNSIGNED-PAYLOAD is refused even for the body it was sent with (IAM and STS take no unsigned payloads)', async () => {
    const headers = await signPost(GCI, 'sts', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    const res = await send(t.url + '/', { method: 'POST', headers, body: GCI });
    expect(res).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('a declared hash of another body does not stand in for the real one', async () => {
    const headers = await signPost(GCI, 'iam', { 'x-amz-content-sha256': sha256(GCI) });
    const res = await send(t.url + '/', { method: 'POST', headers, body: SWAPPED });
    expect(res).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const bogus = await signPost(SWAPPED, 'iam', { 'x-amz-content-sha256': 'not-a-hash' });
    expect(await send(t.url + '/', { method: 'POST', headers: bogus, body: SWAPPED })).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await userExists('swapped')).toBe(false);
  });

  it('a client that signs the true hash in x-amz-content-sha256 still gets through', async () => {
    const headers = await signPost(GCI, 'sts', { 'x-amz-content-sha256': sha256(GCI) });
    const res = await send(t.url + '/', { method: 'POST', headers, body: GCI });
    expect(res.status, res.body).toBe(200);
    expect(res.body).toContain('<GetCallerIdentityResponse');
  });

  /** A presigned URL as botocore builds it (SigV4QueryAuth: UNSIGNED-PAYLOAD, host the only header). */
  function botocorePresign(params: Record<string, string>, service = 'sts') {
    const url = new URL(t.url);
    const amzDate = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    const day = amzDate.slice(0, 8);
    const scope = `${day}/us-east-1/${service}/aws4_request`;
    const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
    const q: Record<string, string> = {
      ...params,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `${ROOT.accessKeyId}/${scope}`,
      'X-Amz-Date': amzDate,
      'X-Amz-Expires': '60',
      'X-Amz-SignedHeaders': 'host',
    };
    const query = Object.keys(q)
      .sort()
      .map((k) => `${enc(k)}=${enc(q[k]!)}`)
      .join('&');
    const canonical = ['GET', '/', query, `host:${url.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
    const h = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
    const key = h(h(h(h(`AWS4${ROOT.secretAccessKey}`, day), 'us-east-1'), service), 'aws4_request');
    return `${t.url}/?${query}&X-Amz-Signature=${createHmac('sha256', key).update(toSign).digest('hex')}`;
  }

  it('a botocore-style presigned URL (UNSIGNED-PAYLOAD, as `aws eks get-token` makes) works — without a body only', async () => {
    const presigned = botocorePresign({ Action: 'GetCallerIdentity', Version: '2011-06-15' });
    const ok = await send(presigned);
    expect(ok.status, ok.body).toBe(200);
    const list = botocorePresign({ Action: 'ListUsers', Version: '2010-05-08' }, 'iam');
    expect((await send(list)).status).toBe(200);
    const swapped = await send(list, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=CreateUser&UserName=swapped&Version=2010-05-08',
    });
    expect(swapped).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await userExists('swapped')).toBe(false);
  });
});

describe('host must be signed', () => {
  it("a signature without host in SignedHeaders is refused with AWS's message", async () => {
    const headers = await signPost(GCI, 'sts', {}, false);
    expect(headers.authorization).not.toMatch(/SignedHeaders=[^,]*host/);
    const res = await send(t.url + '/', { method: 'POST', headers, body: GCI });
    expect(res).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
    // The same request with host signed passes.
    const good = await signPost(GCI, 'sts');
    expect((await send(t.url + '/', { method: 'POST', headers: good, body: GCI })).status).toBe(200);
  });
});

describe('AssumeRoleWithWebIdentity refuses tokens from the future', () => {
  let anon: STSClient;
  let role: string;
  beforeAll(async () => {
    anon = new STSClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
    const issuer = (await t.admin('GET', '/.well-known/openid-configuration')).json.issuer as string;
    const url = issuer.replace('https://', '');
    await t.iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: ['sts.amazonaws.com'] }));
    const r = await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'Future',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::000000000000:oidc-provider/${url}` }, Action: 'sts:AssumeRoleWithWebIdentity' }],
        }),
      }),
    );
    role = r.Role!.Arn!;
  });

  const assume = async (claims: Record<string, unknown>) => {
    const minted = await t.admin('POST', '/_iam/oidc/token', { sub: 'someone', aud: 'sts.amazonaws.com', ...claims });
    expect(minted.status).toBe(200);
    return anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role, RoleSessionName: 'future-test', WebIdentityToken: minted.json.token }));
  };
  const now = () => Math.floor(Date.now() / 1000);

  it('a token valid now is accepted (the control)', async () => {
    const r = await assume({});
    expect(r.Credentials!.AccessKeyId).toMatch(/^ASIA/);
  });

  it('nbf in the future: InvalidIdentityToken', async () => {
    const e = await sdkError(assume({ nbf: now() + 600, exp: now() + 3600 }));
    expect(e).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });
    expect(e.message).toBe(
      'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.',
    );
  });

  it('iat in the future: InvalidIdentityToken', async () => {
    const e = await sdkError(assume({ iat: now() + 600, nbf: now() - 10, exp: now() + 3600 }));
    expect(e).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });
  });

  it('a non-numeric nbf is not a valid JWT', async () => {
    const e = await sdkError(assume({ nbf: 'soon' }));
    expect(e).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });
  });
});
