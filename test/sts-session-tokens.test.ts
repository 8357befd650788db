// GetSessionToken, GetFederationToken, GetCallerIdentity of every session kind,
// DecodeAuthorizationMessage and AssumeRoot, with the real SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  AssumeRootCommand,
  DecodeAuthorizationMessageCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import { sdkError, startServer, type Credentials, type TestServer } from './helpers/server.js';
import { totpCode, totpStep } from '../src/iam/mfa-totp.js';
import { encodeAuthorizationMessage } from '../src/sts/authorization-message.js';

const ACCOUNT = '000000000000';
let t: TestServer;
let alice: Credentials & { arn: string; id: string };

const credsOf = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

beforeAll(async () => {
  t = await startServer();
  const u = await t.iam.send(new CreateUserCommand({ UserName: 'alice' }));
  const k = await t.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  alice = { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey!, arn: u.User!.Arn!, id: u.User!.UserId! };
  await t.iam.send(
    new CreateRoleCommand({
      RoleName: 'Ops',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
});
afterAll(() => t.close());

describe('GetSessionToken', () => {
  it('gives an IAM user 12-hour credentials that act as the user', async () => {
    const r = await t.stsAs(alice).send(new GetSessionTokenCommand({}));
    const c = r.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA/);
    const hours = (c.Expiration!.getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const me = await t.stsAs(credsOf(c)).send(new GetCallerIdentityCommand({}));
    expect(me).toEqual(expect.objectContaining({ Arn: alice.arn, UserId: alice.id, Account: ACCOUNT }));
  });

  it('DurationSeconds is honoured within 900..129600', async () => {
    const r = await t.stsAs(alice).send(new GetSessionTokenCommand({ DurationSeconds: 129600 }));
    expect(r.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(129500_000);
    const e = await sdkError(t.stsAs(alice).send(new GetSessionTokenCommand({ DurationSeconds: 129601 })));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toContain('Member must have value less than or equal to 129600');
  });

  it('root sessions last at most one hour', async () => {
    const r = await t.sts.send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    expect(r.Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(3600_000 + 1000);
  });

  it('cannot be called with session credentials', async () => {
    const r = await t.stsAs(alice).send(new GetSessionTokenCommand({}));
    const e = await sdkError(t.stsAs(credsOf(r.Credentials!)).send(new GetSessionTokenCommand({})));
    expect(e).toEqual({ name: 'AccessDenied', status: 403, message: 'Cannot call GetSessionToken with session credentials' });
  });

  it('with MFA the session is MFA-authenticated (a role requiring MFA accepts it)', async () => {
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'MfaOnly',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
          ],
        }),
      }),
    );
    const v = await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' }));
    const serial = v.VirtualMFADevice!.SerialNumber!;
    const seed = Buffer.from(v.VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    const s = totpStep(new Date());
    await t.iam.send(
      new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, AuthenticationCode1: totpCode(seed, s - 2), AuthenticationCode2: totpCode(seed, s - 1) }),
    );
    const wrong = await sdkError(t.stsAs(alice).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: '123456' })));
    expect(wrong).toEqual({ name: 'AccessDenied', status: 403, message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.' });

    const plain = await t.stsAs(alice).send(new GetSessionTokenCommand({}));
    const denied = await sdkError(
      t.stsAs(credsOf(plain.Credentials!)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/MfaOnly`, RoleSessionName: 'no-mfa' })),
    );
    expect(denied.name).toBe('AccessDenied');

    const withMfa = await t.stsAs(alice).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: totpCode(seed, s) }));
    const ok = await t
      .stsAs(credsOf(withMfa.Credentials!))
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/MfaOnly`, RoleSessionName: 'with-mfa' }));
    expect(ok.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/MfaOnly/with-mfa`);
  });
});

describe('GetFederationToken', () => {
  it('answers a federated user and credentials that act as it', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    const r = await t.stsAs(alice).send(new GetFederationTokenCommand({ Name: 'Bob', Policy: policy, DurationSeconds: 1800 }));
    expect(r.FederatedUser).toEqual({ FederatedUserId: `${ACCOUNT}:Bob`, Arn: `arn:aws:sts::${ACCOUNT}:federated-user/Bob` });
    expect(r.PackedPolicySize).toBeGreaterThan(0);
    expect(r.Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(1800_000 + 1000);
    const me = await t.stsAs(credsOf(r.Credentials!)).send(new GetCallerIdentityCommand({}));
    expect(me).toEqual(expect.objectContaining({ Arn: `arn:aws:sts::${ACCOUNT}:federated-user/Bob`, UserId: `${ACCOUNT}:Bob`, Account: ACCOUNT }));
  });

  it('refuses session credentials and malformed policies; the name follows the model', async () => {
    const s = await t.stsAs(alice).send(new GetSessionTokenCommand({}));
    const e = await sdkError(t.stsAs(credsOf(s.Credentials!)).send(new GetFederationTokenCommand({ Name: 'Bob' })));
    expect(e).toEqual({ name: 'AccessDenied', status: 403, message: 'Cannot call GetFederationToken with session credentials' });
    const bad = await sdkError(t.stsAs(alice).send(new GetFederationTokenCommand({ Name: 'Bob', Policy: '[' })));
    expect(bad).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    const name = await sdkError(t.stsAs(alice).send(new GetFederationTokenCommand({ Name: 'B' })));
    expect(name.name).toBe('ValidationError');
  });

  it('root may call it (AWS allows it, with sessions of at most an hour)', async () => {
    const r = await t.sts.send(new GetFederationTokenCommand({ Name: 'RootFed', DurationSeconds: 7200 }));
    expect(r.Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(3600_000 + 1000);
  });
});

describe('GetCallerIdentity', () => {
  it('answers for root, users and assumed roles', async () => {
    expect(await t.sts.send(new GetCallerIdentityCommand({}))).toEqual(
      expect.objectContaining({ Arn: `arn:aws:iam::${ACCOUNT}:root`, UserId: ACCOUNT, Account: ACCOUNT }),
    );
    expect((await t.stsAs(alice).send(new GetCallerIdentityCommand({}))).Arn).toBe(alice.arn);
    const r = await t.stsAs(alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Ops`, RoleSessionName: 'who' }));
    const me = await t.stsAs(credsOf(r.Credentials!)).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Ops/who`);
    expect(me.UserId).toMatch(/^AROA[A-Z2-7]{17}:who$/);
  });
});

describe('DecodeAuthorizationMessage', () => {
  it('decodes what enforcement encoded into AWS JSON shape', async () => {
    const encoded = encodeAuthorizationMessage(
      {
        allowed: false,
        explicitDeny: true,
        matchedStatements: [{ statementId: 'DenyAll', effect: 'Deny' }],
        principal: { id: alice.id, name: 'alice', arn: alice.arn },
        action: 'iam:CreateUser',
        resource: `arn:aws:iam::${ACCOUNT}:user/x`,
        conditions: { 'aws:SourceIp': '127.0.0.1', 'aws:TagKeys': ['a', 'b'] },
      },
      t.server.services.store,
    );
    const r = await t.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    expect(JSON.parse(r.DecodedMessage!)).toEqual({
      allowed: false,
      explicitDeny: true,
      matchedStatements: { items: [{ statementId: 'DenyAll', effect: 'Deny' }] },
      failures: { items: [] },
      context: {
        principal: { id: alice.id, name: 'alice', arn: alice.arn },
        action: 'iam:CreateUser',
        resource: `arn:aws:iam::${ACCOUNT}:user/x`,
        conditions: {
          items: [
            { key: 'aws:SourceIp', values: { items: [{ value: '127.0.0.1' }] } },
            { key: 'aws:TagKeys', values: { items: [{ value: 'a' }, { value: 'b' }] } },
          ],
        },
      },
    });
  });

  it('a message it did not encode is InvalidAuthorizationMessageException', async () => {
    const e = await sdkError(t.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'bm90IGEgbWVzc2FnZQ' })));
    expect(e).toMatchObject({ name: 'InvalidAuthorizationMessageException', status: 400 });
  });
});

describe('AssumeRoot', () => {
  it('is refused: no account here belongs to an organization with centralized root access', async () => {
    const e = await sdkError(
      t.sts.send(
        new AssumeRootCommand({
          TargetPrincipal: '111111111111',
          TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' },
        }),
      ),
    );
    expect(e).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::111111111111:root`,
    });
  });

  it('checks the task policy and the 900-second limit first', async () => {
    const bad = await sdkError(
      t.sts.send(new AssumeRootCommand({ TargetPrincipal: '111111111111', TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } })),
    );
    expect(bad.name).toBe('ValidationError');
    const long = await sdkError(
      t.sts.send(
        new AssumeRootCommand({
          TargetPrincipal: '111111111111',
          TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy' },
          DurationSeconds: 901,
        }),
      ),
    );
    expect(long.name).toBe('ValidationError');
  });
});

describe('what session credentials may call', () => {
  it('GetSessionToken credentials without MFA cannot call IAM; GetFederationToken ones never can', async () => {
    const { ListUsersCommand } = await import('@aws-sdk/client-iam');
    const s = await t.stsAs(alice).send(new GetSessionTokenCommand({}));
    const e = await sdkError(t.iamAs(credsOf(s.Credentials!)).send(new ListUsersCommand({})));
    expect(e).toEqual({ name: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' });
    // STS still accepts them.
    await t.stsAs(credsOf(s.Credentials!)).send(new GetCallerIdentityCommand({}));
    const f = await t.stsAs(alice).send(new GetFederationTokenCommand({ Name: 'Fed' }));
    expect((await sdkError(t.iamAs(credsOf(f.Credentials!)).send(new ListUsersCommand({})))).name).toBe('InvalidClientTokenId');
    // A role session calls IAM as usual.
    const r = await t.stsAs(alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Ops`, RoleSessionName: 'iam-ok' }));
    await t.iamAs(credsOf(r.Credentials!)).send(new ListUsersCommand({}));
  });
});
