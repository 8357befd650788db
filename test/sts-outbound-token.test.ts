// Outbound web identity federation: the IAM switch and sts:GetWebIdentityToken (JWT verified with
// jose against the account's published JWKS); sts:GetDelegatedAccessToken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateRoleCommand,
  DisableOutboundWebIdentityFederationCommand,
  EnableOutboundWebIdentityFederationCommand,
  GetOutboundWebIdentityFederationInfoCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetDelegatedAccessTokenCommand, GetWebIdentityTokenCommand } from '@aws-sdk/client-sts';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

const ACCOUNT = '000000000000';
let t: TestServer;

beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

describe('outbound web identity federation (IAM)', () => {
  it('disabled at first: info and disable are FeatureDisabled, GetWebIdentityToken refused', async () => {
    const info = await sdkError(t.iam.send(new GetOutboundWebIdentityFederationInfoCommand({})));
    expect(info).toMatchObject({ name: 'FeatureDisabledException', status: 404 });
    expect((await sdkError(t.iam.send(new DisableOutboundWebIdentityFederationCommand({})))).name).toBe('FeatureDisabledException');
    const token = await sdkError(t.sts.send(new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256' })));
    expect(token).toMatchObject({ name: 'OutboundWebIdentityFederationDisabledException', status: 403 });
  });

  it('enable gives an issuer URL, kept across disable/enable; enabling twice is FeatureEnabled', async () => {
    const on = await t.iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    expect(on.IssuerIdentifier).toMatch(/^https:\/\/[0-9a-f-]{36}\.tokens\.sts\.global\.api\.aws$/);
    const again = await sdkError(t.iam.send(new EnableOutboundWebIdentityFederationCommand({})));
    expect(again).toMatchObject({ name: 'FeatureEnabledException', status: 409 });
    expect(await t.iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).toMatchObject({
      IssuerIdentifier: on.IssuerIdentifier,
      JwtVendingEnabled: true,
    });
    await t.iam.send(new DisableOutboundWebIdentityFederationCommand({}));
    const back = await t.iam.send(new EnableOutboundWebIdentityFederationCommand({}));
    expect(back.IssuerIdentifier).toBe(on.IssuerIdentifier);
  });
});

describe('GetWebIdentityToken', () => {
  const verify = async (token: string, aud: string) => {
    const jwks = await t.admin('GET', `/_iam/outbound/${ACCOUNT}/.well-known/jwks.json`);
    const issuer = (await t.iam.send(new GetOutboundWebIdentityFederationInfoCommand({}))).IssuerIdentifier!;
    return jwtVerify(token, createLocalJWKSet(jwks.json), { issuer, audience: aud });
  };

  it('signs a JWT for the caller that verifies against the published JWKS (RS256 and ES384)', async () => {
    const r = await t.sts.send(
      new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256', Tags: [{ Key: 'team', Value: 'blue' }] }),
    );
    const { payload, protectedHeader } = await verify(r.WebIdentityToken!, 'https://api.example.com');
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.sub).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(payload['https://sts.amazonaws.com/']).toMatchObject({ aws_account: ACCOUNT, request_tags: { team: 'blue' } });
    expect(r.Expiration!.getTime()).toBe(payload.exp! * 1000);

    const es = await t.sts.send(new GetWebIdentityTokenCommand({ Audience: ['a', 'b'], SigningAlgorithm: 'ES384', DurationSeconds: 60 }));
    const v = await verify(es.WebIdentityToken!, 'b');
    expect(v.protectedHeader.alg).toBe('ES384');
    expect(v.payload.aud).toEqual(['a', 'b']);
  });

  it('a role session: sub is the session, principal_id the role; it may not outlive the session', async () => {
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'Worker',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }] }),
      }),
    );
    const s = await t.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Worker`, RoleSessionName: 'job', DurationSeconds: 900 }));
    const sts = t.stsAs({ accessKeyId: s.Credentials!.AccessKeyId!, secretAccessKey: s.Credentials!.SecretAccessKey!, sessionToken: s.Credentials!.SessionToken! });
    const r = await sts.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256' }));
    const { payload } = await verify(r.WebIdentityToken!, 'x');
    expect(payload.sub).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Worker/job`);
    expect((payload['https://sts.amazonaws.com/'] as any).principal_id).toBe(`arn:aws:iam::${ACCOUNT}:role/Worker`);
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 700 });
    try {
      const e = await sdkError(sts.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256', DurationSeconds: 300 })));
      expect(e).toMatchObject({ name: 'SessionDurationEscalationException', status: 403 });
    } finally {
      await t.admin('POST', '/_iam/clock', { reset: true });
    }
  });

  it('validates the algorithm and duration', async () => {
    const alg = await sdkError(t.sts.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'HS256' })));
    expect(alg.name).toBe('ValidationError');
    const long = await sdkError(t.sts.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256', DurationSeconds: 3601 })));
    expect(long.name).toBe('ValidationError');
  });

  it('too many large tags overflow the JWT payload', async () => {
    const tags = Array.from({ length: 40 }, (_, i) => ({ Key: `key-${i}-${'k'.repeat(100)}`, Value: 'v'.repeat(250) }));
    const e = await sdkError(t.sts.send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256', Tags: tags })));
    expect(e).toMatchObject({ name: 'JWTPayloadSizeExceededException', status: 400 });
  });
});

describe('GetDelegatedAccessToken', () => {
  it('a trade-in token iam-local did not issue is ExpiredTradeInTokenException', async () => {
    const e = await sdkError(t.sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'x'.repeat(40) })));
    expect(e).toMatchObject({ name: 'ExpiredTradeInTokenException', status: 400 });
  });
});
