// Coverage of errors that depend on time: a signing certificate past its NotAfter, and STS calls
// signed with session credentials past their expiry (driven by the server clock, /_iam/clock).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CreateRoleCommand, CreateUserCommand, UploadSigningCertificateCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { sdkError, startServer, userWithKey, type TestServer } from './helpers/server.js';
import forge from 'node-forge';

const ACCOUNT = '000000000000';
const EXPIRED = { name: 'ExpiredToken', status: 400, message: 'The security token included in the request is expired' };
let t: TestServer;

/** A self-signed certificate valid for one day, two days ago. */
function expiredCertificate(): string {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  const day = 24 * 3600 * 1000;
  cert.validity.notBefore = new Date(Date.now() - 3 * day);
  cert.validity.notAfter = new Date(Date.now() - 2 * day);
  const subject = [{ name: 'commonName', value: 'expired.example.com' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

beforeAll(async () => {
  t = await startServer();
  await t.iam.send(
    new CreateRoleCommand({
      RoleName: 'CovClock',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
});
afterEach(async () => {
  await t.admin('POST', '/_iam/clock', { reset: true });
});
afterAll(() => t.close());

describe('time-dependent errors', () => {
  it('UploadSigningCertificate: a certificate past its NotAfter is InvalidCertificate', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'cov-signer' }));
    const cert = expiredCertificate();
    const e = await sdkError(t.iam.send(new UploadSigningCertificateCommand({ UserName: 'cov-signer', CertificateBody: cert })));
    expect(e).toEqual({ name: 'InvalidCertificateException', status: 400, message: 'The certificate has expired.' });
  });

  it('AssumeRole signed with expired session credentials is ExpiredToken', async () => {
    const u = await userWithKey(t, 'cov-chainer');
    const session = await u.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const creds = {
      accessKeyId: session.Credentials!.AccessKeyId!,
      secretAccessKey: session.Credentials!.SecretAccessKey!,
      sessionToken: session.Credentials!.SessionToken!,
    };
    const sts = t.stsAs(creds);
    // Valid before expiry…
    const ok = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/CovClock`, RoleSessionName: 'before' }));
    expect(ok.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/CovClock/before`);
    // …refused after.
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 901 });
    const e = await sdkError(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/CovClock`, RoleSessionName: 'after' })));
    expect(e).toEqual(EXPIRED);
  });
});
