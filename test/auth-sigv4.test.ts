// SigV4 verification of IAM and STS requests, against AWS's answers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ROOT, sdkError, startServer, userWithKey, type TestServer } from './helpers/server.js';
import { presignQuery, send, signGet, signQuery } from './helpers/sigv4.js';
import { CreateUserCommand } from '@aws-sdk/client-iam';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const GCI = { Action: 'GetCallerIdentity', Version: '2011-06-15' };

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());
afterEach(async () => {
  await t.admin('POST', '/_iam/clock', { reset: true });
});

describe('Authorization header', () => {
  it('accepts a correct signature (root test/test) from the SDK', async () => {
    const id = await t.sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
  });

  it('refuses a wrong secret with SignatureDoesNotMatch (403) and AWS message', async () => {
    const err = await sdkError(t.stsAs({ accessKeyId: 'test', secretAccessKey: 'nope' }).send(new GetCallerIdentityCommand({})));
    expect(err).toEqual({ name: 'SignatureDoesNotMatch', message: MISMATCH, status: 403 });

    const u = await userWithKey(t, 'wrong-secret');
    const bad = await sdkError(
      t.iamAs({ ...u.creds, secretAccessKey: u.creds.secretAccessKey.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }).send(new ListUsersCommand({})),
    );
    expect(bad).toEqual({ name: 'SignatureDoesNotMatch', message: MISMATCH, status: 403 });
  });

  it('refuses a tampered body', async () => {
    const s = await signQuery(t.url, { Action: 'ListUsers', Version: '2010-05-08' }, { creds: ROOT, service: 'iam' });
    const ok = await send(s.url, { method: 'POST', headers: s.headers, body: s.body });
    expect(ok.status).toBe(200);
    const res = await send(s.url, { method: 'POST', headers: s.headers, body: s.body + '&PathPrefix=%2Fx%2F' });
    expect(res).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch', message: MISMATCH });
  });

  it('verifies a signed GET whose query needs URI encoding (sorted, RFC 3986)', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'a+b=c,d@e.f-g_h' }));
    const g = await signGet(t.url, { Version: '2010-05-08', UserName: 'a+b=c,d@e.f-g_h', Action: 'GetUser' }, { creds: ROOT, service: 'iam' });
    const ok = await send(g.url, { headers: g.headers });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<UserName>a+b=c,d@e.f-g_h</UserName>');
    const tampered = await send(g.url.replace('Action=GetUser', 'Action=GetUser&MaxItems=1'), { headers: g.headers });
    expect(tampered).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a body that does not match x-amz-content-sha256', async () => {
    const s = await signQuery(t.url, GCI, { creds: ROOT });
    const res = await send(s.url, {
      method: 'POST',
      headers: { ...s.headers, 'x-amz-content-sha256': 'a'.repeat(64) },
      body: s.body,
    });
    expect(res).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a scope for the wrong service or an invalid region', async () => {
    const svc = await signQuery(t.url, GCI, { creds: ROOT, service: 's3' });
    expect(await send(svc.url, { method: 'POST', headers: svc.headers, body: svc.body })).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to correct service: 'sts'. ",
    });
    const iamAsS3 = await signQuery(t.url, { Action: 'ListUsers', Version: '2010-05-08' }, { creds: ROOT, service: 'ec2' });
    expect(await send(iamAsS3.url, { method: 'POST', headers: iamAsS3.headers, body: iamAsS3.body })).toMatchObject({
      status: 403,
      message: "Credential should be scoped to correct service: 'iam'. ",
    });
    const region = await signQuery(t.url, GCI, { creds: ROOT, region: 'moon-1' });
    expect(await send(region.url, { method: 'POST', headers: region.headers, body: region.body })).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to a valid region, not 'moon-1'. ",
    });
    // A real region other than us-east-1 is fine: this one endpoint serves every region.
    const other = await signQuery(t.url, GCI, { creds: ROOT, region: 'eu-west-1' });
    expect((await send(other.url, { method: 'POST', headers: other.headers, body: other.body })).status).toBe(200);
  });

  it('refuses a credential scope dated another day than X-Amz-Date', async () => {
    const s = await signQuery(t.url, GCI, { creds: ROOT });
    const amzDate = s.headers['x-amz-date']!;
    const auth = s.headers['authorization']!.replace(/\/(\d{8})\//, '/20000101/');
    const res = await send(s.url, { method: 'POST', headers: { ...s.headers, authorization: auth }, body: s.body });
    expect(res).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20000101' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    });
  });

  it('answers an unsigned request with MissingAuthenticationToken (403)', async () => {
    const res = await t.query(GCI);
    expect(res.status).toBe(403);
    expect(res.body).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(res.body).toContain('<Message>Request is missing Authentication Token</Message>');
  });

  it('answers an incomplete Authorization header with IncompleteSignature (400)', async () => {
    const auth = 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sts/aws4_request';
    const res = await send(t.url + '/', {
      method: 'POST',
      headers: { authorization: auth, 'x-amz-date': '20240101T000000Z', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(GCI).toString(),
    });
    expect(res).toMatchObject({
      status: 400,
      code: 'IncompleteSignature',
      message: `Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${auth}`,
    });
  });
});

describe('request time (server clock)', () => {
  // A new client per test: SDKs correct their clock from the Date header (which follows the server
  // clock, as AWS's does), and that correction must not leak from one test into the next.
  const fresh = () => t.stsAs(ROOT);

  it('refuses a request dated more than 15 minutes before the server clock', async () => {
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 20 * 60 });
    const err = await sdkError(fresh().send(new GetCallerIdentityCommand({})));
    expect(err.status).toBe(403);
    expect(err.name).toBe('SignatureDoesNotMatch');
    expect(err.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
  });

  it('gives the exact times in the message', async () => {
    await t.admin('POST', '/_iam/clock', { setTime: '2024-01-01T00:20:00Z' });
    const s = await signQuery(t.url, GCI, { creds: ROOT, signingDate: new Date('2024-01-01T00:00:00Z') });
    const res = await send(s.url, { method: 'POST', headers: s.headers, body: s.body });
    expect(res.message).toMatch(/^Signature expired: 20240101T000000Z is now earlier than 20240101T00(0[45])\d\dZ \(20240101T00(1[89]|2[01])\d\dZ - 15 min\.\)$/);
  });

  it('refuses a request dated more than 15 minutes after the server clock', async () => {
    await t.admin('POST', '/_iam/clock', { advanceSeconds: -20 * 60 });
    const err = await sdkError(fresh().send(new GetCallerIdentityCommand({})));
    expect(err).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(err.message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/);
  });

  it('accepts a request within 15 minutes of a moved clock', async () => {
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 10 * 60 });
    const clock = await t.admin('GET', '/_iam/clock');
    expect(clock.json.offsetSeconds).toBeGreaterThan(590);
    await expect(fresh().send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: '000000000000' });
  });
});

describe('presigned URLs', () => {
  it('a GetCallerIdentity URL presigned by the SDK works with plain fetch, as for IAM authenticators', async () => {
    const u = await userWithKey(t, 'presigner', { path: '/k8s/' });
    const url = await presignQuery(t.url, GCI, { creds: u.creds });
    const res = await send(url);
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<Arn>arn:aws:iam::000000000000:user/k8s/presigner</Arn>`);
    expect(res.body).toContain(`<UserId>${u.userId}</UserId>`);
  });

  it('refuses a presigned URL with a tampered query', async () => {
    const url = await presignQuery(t.url, GCI, { creds: ROOT });
    const res = await send(url.replace('Version=2011-06-15', 'Version=2011-06-15&Extra=1'));
    expect(res).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch', message: MISMATCH });
  });

  it('refuses a presigned URL once expired (X-Amz-Expires, at most 15 minutes), by the server clock', async () => {
    const short = await presignQuery(t.url, GCI, { creds: ROOT, expiresIn: 60 });
    expect((await send(short)).status).toBe(200);
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 120 });
    const late = await send(short);
    expect(late).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(late.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 60 sec\.\)$/);

    await t.admin('POST', '/_iam/clock', { reset: true });
    const long = await presignQuery(t.url, GCI, { creds: ROOT, expiresIn: 3600 });
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 16 * 60 });
    expect(await send(long)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });
});

describe('temporary credentials (sessions)', () => {
  const insertSession = (expiresInSeconds: number) => {
    const services = t.server.services;
    const now = services.clock.now();
    const accessKeyId = 'ASIA' + Math.random().toString(36).slice(2, 18).toUpperCase().padEnd(16, 'Q');
    const roleId = 'AROAEXAMPLEEXAMPLE123';
    const session = {
      accessKeyId,
      accountId: '000000000000',
      secret: 'S'.repeat(40),
      sessionToken: 'token-' + accessKeyId,
      principal: {
        type: 'assumed-role' as const,
        accountId: '000000000000',
        arn: 'arn:aws:sts::000000000000:assumed-role/deployer/ci',
        userId: `${roleId}:ci`,
        name: 'deployer',
        entityId: roleId,
        roleArn: 'arn:aws:iam::000000000000:role/deployer',
        sessionName: 'ci',
        accessKeyId,
        session: {
          issuedAt: now,
          expiresAt: new Date(now.getTime() + expiresInSeconds * 1000),
          mfaPresent: false,
          sessionPolicies: [],
          sessionPolicyArns: [],
          tags: [],
          transitiveTagKeys: [],
          issuedBy: 'AssumeRole',
        },
      },
      expiresAt: new Date(now.getTime() + expiresInSeconds * 1000),
      createdAt: now,
    };
    services.store.credentials.sessions.insert(session);
    return { accessKeyId, secretAccessKey: session.secret, sessionToken: session.sessionToken };
  };

  it('authenticates an ASIA key with its session token as the stored principal', async () => {
    const creds = insertSession(3600);
    const id = await t.stsAs(creds).send(new GetCallerIdentityCommand({}));
    expect(id).toEqual(expect.objectContaining({ Arn: 'arn:aws:sts::000000000000:assumed-role/deployer/ci', UserId: 'AROAEXAMPLEEXAMPLE123:ci' }));
    const presigned = await presignQuery(t.url, GCI, { creds });
    expect(presigned).toContain('X-Amz-Security-Token=');
    expect((await send(presigned)).status).toBe(200);
  });

  it('refuses a missing or tampered session token with InvalidClientTokenId (403)', async () => {
    const creds = insertSession(3600);
    const tampered = await sdkError(t.stsAs({ ...creds, sessionToken: creds.sessionToken + 'x' }).send(new GetCallerIdentityCommand({})));
    expect(tampered).toEqual({ name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 });
    const missing = await sdkError(t.stsAs({ accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }).send(new GetCallerIdentityCommand({})));
    expect(missing).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
  });

  it('refuses expired credentials with ExpiredToken (400) once the clock passes their expiry', async () => {
    const creds = insertSession(900);
    await expect(t.stsAs(creds).send(new GetCallerIdentityCommand({}))).resolves.toBeTruthy();
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 900 });
    // Stay within the 15-minute skew: sign at the server's time.
    const clock = await t.admin('GET', '/_iam/clock');
    const s = await signQuery(t.url, GCI, { creds, signingDate: new Date(clock.json.now) });
    const res = await send(s.url, { method: 'POST', headers: s.headers, body: s.body });
    expect(res).toMatchObject({ status: 400, code: 'ExpiredToken', message: 'The security token included in the request is expired' });
  });
});
