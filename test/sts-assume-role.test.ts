// sts:AssumeRole with the real SDK: credentials, trust decisions, durations, chaining, MFA, tags,
// source identity, session policies, expiry by the server clock.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { sdkError, startServer, type Credentials, type TestServer } from './helpers/server.js';
import { totpCode, totpStep } from '../src/iam/mfa-totp.js';

const ACCOUNT = '000000000000';
const OTHER = '111111111111';

const trust = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (principal: object, extra: object = {}, actions: string | string[] = 'sts:AssumeRole') => ({
  Effect: 'Allow',
  Principal: principal,
  Action: actions,
  ...extra,
});

let t: TestServer;

async function role(name: string, doc: string, iam: IAMClient = t.iam, max?: number) {
  const r = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc, MaxSessionDuration: max }));
  return r.Role!;
}

async function user(name: string): Promise<Credentials & { arn: string; id: string }> {
  const u = await t.iam.send(new CreateUserCommand({ UserName: name }));
  const k = await t.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey!, arn: u.User!.Arn!, id: u.User!.UserId! };
}

const credsOf = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

async function assume(creds: Credentials, input: AssumeRoleCommandInput) {
  return t.stsAs(creds).send(new AssumeRoleCommand(input));
}

const ROOT = { accessKeyId: 'test', secretAccessKey: 'test' };
const arnOf = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;

let alice: Awaited<ReturnType<typeof user>>;
let bob: Awaited<ReturnType<typeof user>>;

beforeAll(async () => {
  t = await startServer();
  alice = await user('alice');
  bob = await user('bob');
  await role('AccountTrust', trust([allow({ AWS: `arn:aws:iam::${ACCOUNT}:root` })]));
  await role('AliceOnly', trust([allow({ AWS: alice.arn })]));
  await role('Long', trust([allow({ AWS: ACCOUNT })]), t.iam, 43200);
});
afterAll(() => t.close());

describe('AssumeRole: the credentials', () => {
  it('answers ASIA credentials, the assumed-role user and an expiry one hour out', async () => {
    const before = Date.now();
    const r = await assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'my-session' });
    const c = r.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c.SecretAccessKey).toHaveLength(40);
    expect(c.SessionToken!.length).toBeGreaterThan(300);
    const exp = c.Expiration!.getTime();
    expect(exp).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3600_000 - 2000);
    expect(exp).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000);
    const roleId = (await t.iam.send(new GetRoleCommand({ RoleName: 'AccountTrust' }))).Role!.RoleId!;
    expect(r.AssumedRoleUser).toEqual({
      AssumedRoleId: `${roleId}:my-session`,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AccountTrust/my-session`,
    });
    expect(r.PackedPolicySize).toBeUndefined();
    expect(roleId).toMatch(/^AROA/);

    const me = await t.stsAs(credsOf(c)).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: ACCOUNT, Arn: r.AssumedRoleUser!.Arn, UserId: r.AssumedRoleUser!.AssumedRoleId });
  });

  it('records RoleLastUsed on the role', async () => {
    await assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'ss-session' });
    const got = await t.iam.send(new GetRoleCommand({ RoleName: 'AccountTrust' }));
    expect(got.Role!.RoleLastUsed?.LastUsedDate).toBeInstanceOf(Date);
    expect(got.Role!.RoleLastUsed?.Region).toBe('us-east-1');
  });

  it('a tampered session token is refused', async () => {
    const r = await assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'ss-session' });
    const c = credsOf(r.Credentials!);
    const e = await sdkError(t.stsAs({ ...c, sessionToken: c.sessionToken! + 'x' }).send(new GetCallerIdentityCommand({})));
    expect(e).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
  });
});

describe('AssumeRole: the trust policy decides', () => {
  it('a trust policy naming the user lets only that user in', async () => {
    await assume(alice, { RoleArn: arnOf('AliceOnly'), RoleSessionName: 'ss-session' });
    const e = await sdkError(assume(bob, { RoleArn: arnOf('AliceOnly'), RoleSessionName: 'ss-session' }));
    expect(e).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${bob.arn} is not authorized to perform: sts:AssumeRole on resource: ${arnOf('AliceOnly')}`,
    });
  });

  it('a role that does not exist is AccessDenied, as AWS answers (no hint that it is missing)', async () => {
    const e = await sdkError(assume(alice, { RoleArn: arnOf('Nope'), RoleSessionName: 'ss-session' }));
    expect(e).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${arnOf('Nope')}`,
    });
  });

  it('ExternalId must match the sts:ExternalId condition', async () => {
    await role('Vendor', trust([allow({ AWS: ACCOUNT }, { Condition: { StringEquals: { 'sts:ExternalId': 'secret-42' } } })]));
    await assume(alice, { RoleArn: arnOf('Vendor'), RoleSessionName: 'ss-session', ExternalId: 'secret-42' });
    const wrong = await sdkError(assume(alice, { RoleArn: arnOf('Vendor'), RoleSessionName: 'ss-session', ExternalId: 'secret-43' }));
    expect(wrong).toMatchObject({ name: 'AccessDenied', status: 403 });
    const missing = await sdkError(assume(alice, { RoleArn: arnOf('Vendor'), RoleSessionName: 'ss-session' }));
    expect(missing.name).toBe('AccessDenied');
  });

  it('an explicit Deny in the trust policy wins', async () => {
    await role('DenyBob', trust([allow({ AWS: ACCOUNT }), { Effect: 'Deny', Principal: { AWS: bob.arn }, Action: 'sts:AssumeRole' }]));
    await assume(alice, { RoleArn: arnOf('DenyBob'), RoleSessionName: 'ss-session' });
    expect((await sdkError(assume(bob, { RoleArn: arnOf('DenyBob'), RoleSessionName: 'ss-session' }))).name).toBe('AccessDenied');
  });

  it('cross-account: a role in another account is reachable when its trust policy names the caller', async () => {
    const otherRoot = { accessKeyId: OTHER, secretAccessKey: 'any' };
    const otherIam = t.iamAs(otherRoot);
    await role('CrossOk', trust([allow({ AWS: `arn:aws:iam::${ACCOUNT}:root` })]), otherIam);
    await role('CrossNo', trust([allow({ AWS: `arn:aws:iam::222222222222:root` })]), otherIam);
    const r = await assume(alice, { RoleArn: arnOf('CrossOk', OTHER), RoleSessionName: 'xx-session' });
    expect(r.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${OTHER}:assumed-role/CrossOk/xx-session`);
    const me = await t.stsAs(credsOf(r.Credentials!)).send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe(OTHER);
    const e = await sdkError(assume(alice, { RoleArn: arnOf('CrossNo', OTHER), RoleSessionName: 'xx-session' }));
    expect(e.message).toBe(`User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${arnOf('CrossNo', OTHER)}`);
  });

  it('a trust policy for a service does not let users in', async () => {
    await role('Ec2Only', trust([allow({ Service: 'ec2.amazonaws.com' })]));
    expect((await sdkError(assume(alice, { RoleArn: arnOf('Ec2Only'), RoleSessionName: 'ss-session' }))).name).toBe('AccessDenied');
  });
});

describe('AssumeRole: durations', () => {
  it('DurationSeconds up to the role maximum; beyond it ValidationError', async () => {
    const r = await assume(alice, { RoleArn: arnOf('Long'), RoleSessionName: 'ss-session', DurationSeconds: 43200 });
    expect(r.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(43100_000);
    const e = await sdkError(assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'ss-session', DurationSeconds: 3601 }));
    expect(e).toEqual({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });

  it('below 900 seconds is a model validation error', async () => {
    const e = await sdkError(assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'ss-session', DurationSeconds: 899 }));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toContain("Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
  });

  it('role chaining is capped at one hour', async () => {
    const first = await assume(alice, { RoleArn: arnOf('Long'), RoleSessionName: 'one' });
    const session = credsOf(first.Credentials!);
    const e = await sdkError(assume(session, { RoleArn: arnOf('Long'), RoleSessionName: 'two', DurationSeconds: 3601 }));
    expect(e).toEqual({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    const ok = await assume(session, { RoleArn: arnOf('Long'), RoleSessionName: 'two', DurationSeconds: 3600 });
    expect(ok.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Long/two`);
  });

  it('RoleSessionName must match the model pattern', async () => {
    const e = await sdkError(assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'has space' }));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toContain("at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
  });
});

describe('AssumeRole: MFA', () => {
  let serial: string;
  let seed: string;
  beforeAll(async () => {
    await role('NeedsMfa', trust([allow({ AWS: ACCOUNT }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })]));
    const v = await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }));
    serial = v.VirtualMFADevice!.SerialNumber!;
    seed = Buffer.from(v.VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    const s = totpStep(new Date());
    await t.iam.send(
      new EnableMFADeviceCommand({
        UserName: 'alice',
        SerialNumber: serial,
        AuthenticationCode1: totpCode(seed, s - 2),
        AuthenticationCode2: totpCode(seed, s - 1),
      }),
    );
  });

  it('without MFA the MFA-requiring trust policy refuses', async () => {
    expect((await sdkError(assume(alice, { RoleArn: arnOf('NeedsMfa'), RoleSessionName: 'ss-session' }))).name).toBe('AccessDenied');
  });

  it('a wrong code is AccessDenied with AWS message', async () => {
    const e = await sdkError(
      assume(alice, { RoleArn: arnOf('NeedsMfa'), RoleSessionName: 'ss-session', SerialNumber: serial, TokenCode: '000000' }),
    );
    expect(e).toEqual({ name: 'AccessDenied', status: 403, message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.' });
  });

  it('a serial number without a code is refused', async () => {
    const e = await sdkError(assume(alice, { RoleArn: arnOf('NeedsMfa'), RoleSessionName: 'ss-session', SerialNumber: serial }));
    expect(e).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
    });
  });

  it("another user's device is refused", async () => {
    const e = await sdkError(
      assume(bob, { RoleArn: arnOf('NeedsMfa'), RoleSessionName: 'ss-session', SerialNumber: serial, TokenCode: totpCode(seed, totpStep(new Date())) }),
    );
    expect(e.name).toBe('AccessDenied');
    expect(e.message).toContain('unable to validate MFA code');
  });

  it('the current code lets alice in, and the session carries MFA into chaining', async () => {
    const r = await assume(alice, {
      RoleArn: arnOf('NeedsMfa'),
      RoleSessionName: 'mfa',
      SerialNumber: serial,
      TokenCode: totpCode(seed, totpStep(new Date())),
    });
    // The session was made with MFA: it can assume the MFA-requiring role again (role chaining).
    const again = await assume(credsOf(r.Credentials!), { RoleArn: arnOf('NeedsMfa'), RoleSessionName: 'chained' });
    expect(again.AssumedRoleUser!.Arn).toContain('assumed-role/NeedsMfa/chained');
  });
});

describe('AssumeRole: session tags, transitive keys, source identity', () => {
  beforeAll(async () => {
    const tagOk = allow({ AWS: ACCOUNT }, {}, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']);
    await role('Tagged', trust([tagOk]));
    await role('Middle', trust([tagOk]));
    await role(
      'BlueOnly',
      trust([allow({ AWS: ACCOUNT }, { Condition: { StringEquals: { 'aws:PrincipalTag/Project': 'blue' } } }, ['sts:AssumeRole', 'sts:TagSession'])]),
    );
  });

  it('passing tags needs sts:TagSession in the trust policy', async () => {
    const e = await sdkError(assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'ss-session', Tags: [{ Key: 'Project', Value: 'blue' }] }));
    expect(e.name).toBe('AccessDenied');
  });

  it('transitive tags survive role chaining; plain session tags do not', async () => {
    const transitive = await assume(alice, {
      RoleArn: arnOf('Tagged'),
      RoleSessionName: 'aa-session',
      Tags: [{ Key: 'Project', Value: 'blue' }],
      TransitiveTagKeys: ['Project'],
    });
    expect(transitive.PackedPolicySize).toBeGreaterThan(0);
    const mid = await assume(credsOf(transitive.Credentials!), { RoleArn: arnOf('Middle'), RoleSessionName: 'bb-session' });
    await assume(credsOf(mid.Credentials!), { RoleArn: arnOf('BlueOnly'), RoleSessionName: 'cc-session' });

    const plain = await assume(alice, { RoleArn: arnOf('Tagged'), RoleSessionName: 'aa-session', Tags: [{ Key: 'Project', Value: 'blue' }] });
    // The session's own tags apply to itself …
    await assume(credsOf(plain.Credentials!), { RoleArn: arnOf('BlueOnly'), RoleSessionName: 'direct' });
    // … but are gone one hop later.
    const mid2 = await assume(credsOf(plain.Credentials!), { RoleArn: arnOf('Middle'), RoleSessionName: 'bb-session' });
    const e = await sdkError(assume(credsOf(mid2.Credentials!), { RoleArn: arnOf('BlueOnly'), RoleSessionName: 'cc-session' }));
    expect(e.name).toBe('AccessDenied');
  });

  it('a chained session cannot override an inherited transitive tag', async () => {
    const first = await assume(alice, {
      RoleArn: arnOf('Tagged'),
      RoleSessionName: 'first',
      Tags: [{ Key: 'Project', Value: 'blue' }],
      TransitiveTagKeys: ['Project'],
    });
    const e = await sdkError(
      assume(credsOf(first.Credentials!), { RoleArn: arnOf('Middle'), RoleSessionName: 'second', Tags: [{ Key: 'project', Value: 'red' }] }),
    );
    expect(e.status).toBe(400);
    // Other keys may still be added.
    await assume(credsOf(first.Credentials!), { RoleArn: arnOf('Middle'), RoleSessionName: 'second', Tags: [{ Key: 'Stage', Value: 'dev' }] });
  });

  it('a transitive tag key must be one of the session tags', async () => {
    const e = await sdkError(
      assume(alice, { RoleArn: arnOf('Tagged'), RoleSessionName: 'aa-session', Tags: [{ Key: 'A', Value: '1' }], TransitiveTagKeys: ['B'] }),
    );
    // STS session-tag errors are InvalidParameterValue (localstack/localstack tests/aws/services/sts/test_sts.snapshot.json
    // TestSTSAssumeRoleTagging::test_assume_role_tag_validation, recorded 10-04-2025)
    expect(e).toEqual({ name: 'InvalidParameterValue', status: 400, message: 'The specified transitive tag key must be included in the requested tags.' });
  });

  it('more than 50 tags is a validation error; duplicate keys are InvalidParameterValue (recorded 10-04-2025)', async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect((await sdkError(assume(alice, { RoleArn: arnOf('Tagged'), RoleSessionName: 'aa-session', Tags: many }))).name).toBe('ValidationError');
    const dup = await sdkError(
      assume(alice, { RoleArn: arnOf('Tagged'), RoleSessionName: 'aa-session', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] }),
    );
    expect(dup).toEqual({ name: 'InvalidParameterValue', status: 400, message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' });
  });

  it('large tag values overflow the packed size', async () => {
    // Random values do not compress: 50 of them cannot fit.
    const big = Array.from({ length: 50 }, (_, i) => ({ Key: `key-${i}`, Value: randomBytes(96).toString('base64') }));
    const e = await sdkError(assume(alice, { RoleArn: arnOf('Tagged'), RoleSessionName: 'aa-session', Tags: big }));
    expect(e).toMatchObject({ name: 'PackedPolicyTooLargeException', status: 400 });
    expect(e.message).toMatch(/^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/);
  });

  it('SourceIdentity is answered, sticks through chaining and cannot change', async () => {
    const r = await assume(alice, { RoleArn: arnOf('Tagged'), RoleSessionName: 'aa-session', SourceIdentity: 'alice@example.com' });
    expect(r.SourceIdentity).toBe('alice@example.com');
    const chained = await assume(credsOf(r.Credentials!), { RoleArn: arnOf('Middle'), RoleSessionName: 'bb-session' });
    expect(chained.SourceIdentity).toBe('alice@example.com');
    const e = await sdkError(assume(credsOf(r.Credentials!), { RoleArn: arnOf('Middle'), RoleSessionName: 'bb-session', SourceIdentity: 'mallory' }));
    expect(e.status).toBe(400);
    // A trust policy without sts:SetSourceIdentity refuses a source identity.
    const refused = await sdkError(assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'aa-session', SourceIdentity: 'alice' }));
    expect(refused.name).toBe('AccessDenied');
  });
});

describe('AssumeRole: session policies', () => {
  it('a malformed session policy is MalformedPolicyDocument', async () => {
    const e = await sdkError(assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'ss-session', Policy: '{not json' }));
    expect(e).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400, message: 'This policy contains invalid Json' });
  });

  it('a valid one is accepted and its packed size reported', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const r = await assume(alice, {
      RoleArn: arnOf('AccountTrust'),
      RoleSessionName: 'ss-session',
      Policy: policy,
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    });
    expect(r.PackedPolicySize).toBeGreaterThanOrEqual(1);
    expect(r.PackedPolicySize).toBeLessThanOrEqual(100);
  });
});

describe('AssumeRole: expiry by the server clock', () => {
  it('credentials are refused with ExpiredToken once the clock passes Expiration', async () => {
    const r = await assume(alice, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'exp', DurationSeconds: 900 });
    const sts = t.stsAs(credsOf(r.Credentials!));
    await sts.send(new GetCallerIdentityCommand({}));
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 901 });
    try {
      const e = await sdkError(sts.send(new GetCallerIdentityCommand({})));
      expect(e).toEqual({ name: 'ExpiredToken', status: 400, message: 'The security token included in the request is expired' });
    } finally {
      await t.admin('POST', '/_iam/clock', { reset: true });
    }
  });
});

describe('AssumeRole: the root user', () => {
  it('with enforcement off the bootstrap root may assume a role whose trust policy names its account', async () => {
    const r = await assume(ROOT, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'root' });
    expect(r.AssumedRoleUser!.Arn).toContain('assumed-role/AccountTrust/root');
  });
});

describe('issueRoleCredentials (for instance profiles and task roles)', () => {
  it('issues a role session without a caller, capped at the role maximum; NoSuchEntity for a missing role', async () => {
    const { issueRoleCredentials } = await import('../src/sts/credentials.js');
    const services = t.server.services;
    const c = services.store.tx(() => issueRoleCredentials(services, ACCOUNT, 'AccountTrust', 'i-0123456789abcdef0', 21600));
    expect(c.AssumedRoleArn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/AccountTrust/i-0123456789abcdef0`);
    expect(c.RoleArn).toBe(arnOf('AccountTrust'));
    expect(c.Expiration.getTime() - Date.now()).toBeLessThanOrEqual(3600_000 + 1000);
    const me = await t.stsAs(credsOf(c)).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(c.AssumedRoleArn);
    expect(() => services.store.tx(() => issueRoleCredentials(services, ACCOUNT, 'Gone', 'x1'))).toThrow('The role with name Gone cannot be found.');
  });
});
