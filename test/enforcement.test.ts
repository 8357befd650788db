// IAM_LOCAL_ENFORCE=on with the real SDK: calls signed as IAM users and role sessions are decided
// by their policies (user, group, role, boundary, session), with AWS's AccessDenied messages; every
// decision carries an id explained by /_iam/decisions/ID. IAM_LOCAL_ENFORCE=audit decides, logs and
// never denies.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateInstanceProfileCommand,
  AttachUserPolicyCommand,
  CreatePolicyVersionCommand,
  DeleteUserPermissionsBoundaryCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand,
  ChangePasswordCommand,
  CreateLoginProfileCommand,
  UpdateAccountPasswordPolicyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteUserPolicyCommand,
  EnableMFADeviceCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  CreatePolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand, GetFederationTokenCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { sdkError, startServer, userWithKey, type Credentials, type TestServer } from './helpers/server.js';
import { totpCode, totpStep } from '../src/iam/mfa-totp.js';
import { Store } from '../src/store/store.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const A = '000000000000';
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });
const denied = (who: string, action: string, resource: string, why: string) => ({
  name: 'AccessDenied',
  status: 403,
  message: `User: ${who} is not authorized to perform: ${action} on resource: ${resource} ${why}`,
});
const noIdentity = (a: string) => `because no identity-based policy allows the ${a} action`;

/** Records the x-iam-local-decision-id header of the last response a client received. */
function withDecisionHeader<C extends IAMClient | STSClient>(client: C): C & { lastDecision?: string } {
  const c = client as C & { lastDecision?: string };
  (c.middlewareStack as IAMClient['middlewareStack']).add(
    (next: any) => async (args: any) => {
      const out = await next(args);
      c.lastDecision = (out.response as { headers: Record<string, string> }).headers['x-iam-local-decision-id'];
      return out;
    },
    { step: 'deserialize', priority: 'low' },
  );
  return c;
}

describe('IAM_LOCAL_ENFORCE=on', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer({ enforce: 'on' });
  });
  afterAll(() => t.close());

  it('a user with no policies is denied with AWS message, and allowed once a policy allows (cache invalidated)', async () => {
    const u = await userWithKey(t, 'nopol');
    expect(await sdkError(u.iam.send(new ListUsersCommand({})))).toEqual(
      denied(u.arn, 'iam:ListUsers', `arn:aws:iam::${A}:user/`, noIdentity('iam:ListUsers')),
    );
    expect(await sdkError(u.iam.send(new GetUserCommand({ UserName: 'nopol' })))).toEqual(
      denied(u.arn, 'iam:GetUser', u.arn, noIdentity('iam:GetUser')),
    );
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'nopol', PolicyName: 'list', PolicyDocument: doc(allow('iam:ListUsers')) }));
    expect((await u.iam.send(new ListUsersCommand({}))).Users!.map((x) => x.UserName)).toContain('nopol');
    await t.iam.send(new DeleteUserPolicyCommand({ UserName: 'nopol', PolicyName: 'list' }));
    expect((await sdkError(u.iam.send(new ListUsersCommand({})))).name).toBe('AccessDenied');
  });

  it('the root user is allowed everything; GetCallerIdentity is never denied', async () => {
    await t.iam.send(new ListUsersCommand({}));
    const u = await userWithKey(t, 'denyall');
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'denyall', PolicyName: 'no', PolicyDocument: doc(deny('*')) }));
    expect(await u.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: u.arn });
    expect(await sdkError(u.iam.send(new GetUserCommand({})))).toEqual(
      denied(u.arn, 'iam:GetUser', u.arn, 'with an explicit deny in an identity-based policy'),
    );
  });

  it('group policies apply to their members; explicit Deny beats Allow', async () => {
    const u = await userWithKey(t, 'grouped');
    await t.iam.send(new CreateGroupCommand({ GroupName: 'Readers' }));
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'Readers', UserName: 'grouped' }));
    await t.iam.send(
      new CreatePolicyCommand({ PolicyName: 'ReadUsers', PolicyDocument: doc(allow(['iam:ListUsers', 'iam:GetUser'])) }),
    );
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Readers', PolicyArn: `arn:aws:iam::${A}:policy/ReadUsers` }));
    await u.iam.send(new ListUsersCommand({}));
    await u.iam.send(new GetUserCommand({ UserName: 'nopol' }));
    await t.iam.send(
      new PutUserPolicyCommand({ UserName: 'grouped', PolicyName: 'not-nopol', PolicyDocument: doc(deny('iam:GetUser', `arn:aws:iam::${A}:user/nopol`)) }),
    );
    expect(await sdkError(u.iam.send(new GetUserCommand({ UserName: 'nopol' })))).toEqual(
      denied(u.arn, 'iam:GetUser', `arn:aws:iam::${A}:user/nopol`, 'with an explicit deny in an identity-based policy'),
    );
    await u.iam.send(new GetUserCommand({ UserName: 'grouped' }));
  });

  it('every write that changes a policy set takes effect on the next call (no stale cache)', async () => {
    const u = await userWithKey(t, 'churn');
    const arn = `arn:aws:iam::${A}:policy/ChurnPolicy`;
    await t.iam.send(new CreateGroupCommand({ GroupName: 'Churners' }));
    await t.iam.send(new CreatePolicyCommand({ PolicyName: 'ChurnPolicy', PolicyDocument: doc(allow('iam:ListRoles')) }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Churners', PolicyArn: arn }));
    const can = async () => {
      try {
        await u.iam.send(new ListRolesCommand({}));
        return true;
      } catch (e: any) {
        if (e.name !== 'AccessDenied') throw e;
        return false;
      }
    };
    expect(await can()).toBe(false);
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'Churners', UserName: 'churn' }));
    expect(await can()).toBe(true);
    await t.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow('iam:GetRole')), SetAsDefault: true }));
    expect(await can()).toBe(false);
    await t.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(await can()).toBe(true);
    await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'churn', PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMUserChangePassword' }));
    expect(await can()).toBe(false);
    await t.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'churn' }));
    expect(await can()).toBe(true);
    await t.iam.send(new DetachGroupPolicyCommand({ GroupName: 'Churners', PolicyArn: arn }));
    expect(await can()).toBe(false);
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'churn', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    expect(await can()).toBe(true);
    await t.iam.send(new DetachUserPolicyCommand({ UserName: 'churn', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Churners', PolicyArn: arn }));
    expect(await can()).toBe(true);
    await t.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'Churners', UserName: 'churn' }));
    expect(await can()).toBe(false);
  });

  it('a permissions boundary caps what the identity policies allow (DevOnly: only dev/ users)', async () => {
    const u = await userWithKey(t, 'junior');
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'junior', PolicyName: 'admin', PolicyDocument: doc(allow('*')) }));
    await t.iam.send(
      new CreatePolicyCommand({ PolicyName: 'DevOnly', PolicyDocument: doc(allow('iam:*', ['arn:aws:iam::*:user/dev/*', 'arn:aws:iam::*:role/dev/*'])) }),
    );
    await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'junior', PermissionsBoundary: `arn:aws:iam::${A}:policy/DevOnly` }));
    const created = await u.iam.send(new CreateUserCommand({ UserName: 'dev-bot', Path: '/dev/' }));
    expect(created.User!.Arn).toBe(`arn:aws:iam::${A}:user/dev/dev-bot`);
    expect(await sdkError(u.iam.send(new CreateUserCommand({ UserName: 'prod-bot', Path: '/prod/' })))).toEqual(
      denied(u.arn, 'iam:CreateUser', `arn:aws:iam::${A}:user/prod/prod-bot`, 'because no permissions boundary allows the iam:CreateUser action'),
    );
  });

  it('roles: AssumeRole, then the session acts with the role policies; session policies narrow them', async () => {
    const u = await userWithKey(t, 'operator');
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'Operator',
        AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }),
      }),
    );
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'Operator', PolicyName: 'roles', PolicyDocument: doc(allow(['iam:ListRoles', 'iam:GetRole'])) }));
    const roleArn = `arn:aws:iam::${A}:role/Operator`;
    // The trust policy names only the account: the caller's identity policies must allow too.
    expect(await sdkError(u.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1' })))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'operator', PolicyName: 'assume', PolicyDocument: doc(allow('sts:AssumeRole', roleArn)) }));
    const s = await u.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1' }));
    const creds: Credentials = {
      accessKeyId: s.Credentials!.AccessKeyId!,
      secretAccessKey: s.Credentials!.SecretAccessKey!,
      sessionToken: s.Credentials!.SessionToken!,
    };
    const session = t.iamAs(creds);
    expect((await session.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName)).toContain('Operator');
    const sessionArn = `arn:aws:sts::${A}:assumed-role/Operator/s1`;
    expect(await sdkError(session.send(new ListUsersCommand({})))).toEqual(
      denied(sessionArn, 'iam:ListUsers', `arn:aws:iam::${A}:user/`, noIdentity('iam:ListUsers')),
    );

    // A session policy allowing only GetRole: ListRoles is now refused by the session policy.
    const narrow = await u.sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's2', Policy: doc(allow('iam:GetRole')) }),
    );
    const narrowed = t.iamAs({
      accessKeyId: narrow.Credentials!.AccessKeyId!,
      secretAccessKey: narrow.Credentials!.SecretAccessKey!,
      sessionToken: narrow.Credentials!.SessionToken!,
    });
    await narrowed.send(new GetRoleCommand({ RoleName: 'Operator' }));
    expect(await sdkError(narrowed.send(new ListRolesCommand({})))).toEqual(
      denied(`arn:aws:sts::${A}:assumed-role/Operator/s2`, 'iam:ListRoles', `arn:aws:iam::${A}:role/`, 'because no session policy allows the iam:ListRoles action'),
    );
  });

  it('a trust policy that names the user itself needs no identity policy (same account)', async () => {
    const u = await userWithKey(t, 'named');
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'NamesUser',
        AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: u.arn }, Action: 'sts:AssumeRole' }),
      }),
    );
    const s = await u.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/NamesUser`, RoleSessionName: 'direct' }));
    expect(s.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${A}:assumed-role/NamesUser/direct`);
  });

  it('an AssumeRole refused by STS is recorded as denied, with AWS message (no reason) and the trust layer', async () => {
    const u = await userWithKey(t, 'outsider');
    const sts = withDecisionHeader(u.sts);
    const err = await sdkError(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/NamesUser`, RoleSessionName: 'nope' })));
    expect(err).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${u.arn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/NamesUser`,
    });
    const rec = await t.admin('GET', `/_iam/decisions/${sts.lastDecision}`);
    expect(rec.json).toMatchObject({ action: 'sts:AssumeRole', denied: true, message: err.message, layers: { resource: { decision: 'implicitDeny' } } });
  });

  it('GetFederationToken needs sts:GetFederationToken (resource: the federated user)', async () => {
    const u = await userWithKey(t, 'federator');
    expect(await sdkError(u.sts.send(new GetFederationTokenCommand({ Name: 'guest' })))).toEqual(
      denied(u.arn, 'sts:GetFederationToken', `arn:aws:sts::${A}:federated-user/guest`, noIdentity('sts:GetFederationToken')),
    );
    await t.iam.send(
      new PutUserPolicyCommand({
        UserName: 'federator',
        PolicyName: 'fed',
        PolicyDocument: doc(allow('sts:GetFederationToken', `arn:aws:sts::${A}:federated-user/guest*`)),
      }),
    );
    const f = await u.sts.send(new GetFederationTokenCommand({ Name: 'guest-1', Policy: doc(allow('s3:GetObject')) }));
    expect(f.FederatedUser!.Arn).toBe(`arn:aws:sts::${A}:federated-user/guest-1`);
    expect((await sdkError(u.sts.send(new GetFederationTokenCommand({ Name: 'other' })))).name).toBe('AccessDenied');
  });

  it('users may change their own password without a policy when the account password policy allows it', async () => {
    const u = await userWithKey(t, 'pw-user');
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'pw-user', Password: 'Initial-Passw0rd!' }));
    expect((await sdkError(u.iam.send(new ChangePasswordCommand({ OldPassword: 'Initial-Passw0rd!', NewPassword: 'Second-Passw0rd!' })))).message).toBe(
      `User: ${u.arn} is not authorized to perform: iam:ChangePassword on resource: ${u.arn} ${noIdentity('iam:ChangePassword')}`,
    );
    await t.iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true, MinimumPasswordLength: 8 }));
    await u.iam.send(new ChangePasswordCommand({ OldPassword: 'Initial-Passw0rd!', NewPassword: 'Second-Passw0rd!' }));
  });

  it('AddRoleToInstanceProfile also needs iam:PassRole on the role (for EC2)', async () => {
    const u = await userWithKey(t, 'profiler');
    await t.iam.send(
      new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }),
    );
    await t.iam.send(
      new PutUserPolicyCommand({ UserName: 'profiler', PolicyName: 'profiles', PolicyDocument: doc(allow(['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'])) }),
    );
    await u.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    expect(await sdkError(u.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web' })))).toEqual(
      denied(u.arn, 'iam:PassRole', `arn:aws:iam::${A}:role/web`, noIdentity('iam:PassRole')),
    );
    await t.iam.send(
      new PutUserPolicyCommand({
        UserName: 'profiler',
        PolicyName: 'pass',
        PolicyDocument: doc(allow('iam:PassRole', `arn:aws:iam::${A}:role/web`, { Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } })),
      }),
    );
    await u.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web' }));
  });

  it('AssumeRole of a role whose trust policy requires MFA: the MFA code in the request counts', async () => {
    const u = await userWithKey(t, 'mfa-assumer');
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'NeedsMfa',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:root` },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        }),
      }),
    );
    const roleArn = `arn:aws:iam::${A}:role/NeedsMfa`;
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'mfa-assumer', PolicyName: 'assume', PolicyDocument: doc(allow('sts:AssumeRole', roleArn)) }));
    const v = await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa-assumer' }));
    const serial = v.VirtualMFADevice!.SerialNumber!;
    const seed = Buffer.from(v.VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    const step = totpStep(new Date());
    await t.iam.send(
      new EnableMFADeviceCommand({ UserName: 'mfa-assumer', SerialNumber: serial, AuthenticationCode1: totpCode(seed, step - 2), AuthenticationCode2: totpCode(seed, step - 1) }),
    );
    expect((await sdkError(u.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'no-mfa' })))).name).toBe('AccessDenied');
    const sts = withDecisionHeader(u.sts);
    const ok = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'with-mfa', SerialNumber: serial, TokenCode: totpCode(seed, step) }));
    expect(ok.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${A}:assumed-role/NeedsMfa/with-mfa`);
    expect((await t.admin('GET', `/_iam/decisions/${sts.lastDecision}`)).json).toMatchObject({ action: 'sts:AssumeRole', decision: 'allowed', denied: false });
  });

  it('SourceIp: requests come from 127.0.0.1 — 127.0.0.0/8 allows, 203.0.113.0/24 does not', async () => {
    const local = await userWithKey(t, 'from-local');
    const office = await userWithKey(t, 'from-office');
    const ipPolicy = (cidr: string) => doc(allow('iam:ListUsers', '*', { Condition: { IpAddress: { 'aws:SourceIp': [cidr] } } }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'from-local', PolicyName: 'ip', PolicyDocument: ipPolicy('127.0.0.0/8') }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'from-office', PolicyName: 'ip', PolicyDocument: ipPolicy('203.0.113.0/24') }));
    await local.iam.send(new ListUsersCommand({}));
    expect(await sdkError(office.iam.send(new ListUsersCommand({})))).toEqual(
      denied(office.arn, 'iam:ListUsers', `arn:aws:iam::${A}:user/`, noIdentity('iam:ListUsers')),
    );
  });

  it('MFA: iam:* only with aws:MultiFactorAuthPresent — long-term keys denied, an MFA session allowed', async () => {
    const u = await userWithKey(t, 'mfa-user');
    await t.iam.send(
      new PutUserPolicyCommand({
        UserName: 'mfa-user',
        PolicyName: 'mfa-only',
        PolicyDocument: doc(allow('iam:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
      }),
    );
    expect(await sdkError(u.iam.send(new ListUsersCommand({})))).toEqual(
      denied(u.arn, 'iam:ListUsers', `arn:aws:iam::${A}:user/`, noIdentity('iam:ListUsers')),
    );
    const v = await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa-user' }));
    const serial = v.VirtualMFADevice!.SerialNumber!;
    const seed = Buffer.from(v.VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    const step = totpStep(new Date());
    await t.iam.send(
      new EnableMFADeviceCommand({ UserName: 'mfa-user', SerialNumber: serial, AuthenticationCode1: totpCode(seed, step - 2), AuthenticationCode2: totpCode(seed, step - 1) }),
    );
    // GetSessionToken needs no permission, even under a policy that allows nothing without MFA.
    const plain = await u.sts.send(new GetSessionTokenCommand({}));
    const plainIam = t.iamAs({ accessKeyId: plain.Credentials!.AccessKeyId!, secretAccessKey: plain.Credentials!.SecretAccessKey!, sessionToken: plain.Credentials!.SessionToken! });
    // Refused: by the policy (no MFA in this session), or earlier, as AWS refuses IAM calls made
    // with GetSessionToken credentials that carry no MFA.
    expect((await sdkError(plainIam.send(new ListUsersCommand({})))).status).toBeGreaterThanOrEqual(400);
    const withMfa = await u.sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: totpCode(seed, step) }));
    const mfaIam = t.iamAs({
      accessKeyId: withMfa.Credentials!.AccessKeyId!,
      secretAccessKey: withMfa.Credentials!.SecretAccessKey!,
      sessionToken: withMfa.Credentials!.SessionToken!,
    });
    expect((await mfaIam.send(new ListUsersCommand({}))).Users!.length).toBeGreaterThan(0);
  });

  it('resource-tag guardrail: Deny when aws:ResourceTag/env = prod', async () => {
    const u = await userWithKey(t, 'guarded');
    await t.iam.send(
      new PutUserPolicyCommand({
        UserName: 'guarded',
        PolicyName: 'guardrail',
        PolicyDocument: doc(allow('iam:*'), deny('*', '*', { Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } })),
      }),
    );
    const trust = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    await t.iam.send(new CreateRoleCommand({ RoleName: 'ProdApp', AssumeRolePolicyDocument: trust, Tags: [{ Key: 'env', Value: 'prod' }] }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'DevApp', AssumeRolePolicyDocument: trust, Tags: [{ Key: 'env', Value: 'dev' }] }));
    await t.iam.send(new CreateUserCommand({ UserName: 'prod-svc', Tags: [{ Key: 'env', Value: 'prod' }] }));
    await u.iam.send(new GetRoleCommand({ RoleName: 'DevApp' }));
    expect(await sdkError(u.iam.send(new GetRoleCommand({ RoleName: 'ProdApp' })))).toEqual(
      denied(u.arn, 'iam:GetRole', `arn:aws:iam::${A}:role/ProdApp`, 'with an explicit deny in an identity-based policy'),
    );
    expect(await sdkError(u.iam.send(new GetUserCommand({ UserName: 'prod-svc' })))).toEqual(
      denied(u.arn, 'iam:GetUser', `arn:aws:iam::${A}:user/prod-svc`, 'with an explicit deny in an identity-based policy'),
    );
    // Tagging a role prod afterwards puts it behind the guardrail at once.
    await t.iam.send(new TagRoleCommand({ RoleName: 'DevApp', Tags: [{ Key: 'env', Value: 'prod' }] }));
    expect((await sdkError(u.iam.send(new GetRoleCommand({ RoleName: 'DevApp' })))).name).toBe('AccessDenied');
  });

  it('every decision has an id (response header) explained by /_iam/decisions/ID', async () => {
    const u = await userWithKey(t, 'explained');
    await t.iam.send(
      new PutUserPolicyCommand({
        UserName: 'explained',
        PolicyName: 'WhyPolicy',
        PolicyDocument: JSON.stringify(
          {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'ReadSelf', Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' },
              { Sid: 'NoListing', Effect: 'Deny', Action: 'iam:List*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x' } } },
              { Sid: 'NoRoles', Effect: 'Deny', Action: 'iam:ListRoles', Resource: '*' },
            ],
          },
          null,
          2,
        ),
      }),
    );
    const iam = withDecisionHeader(u.iam);
    await iam.send(new GetUserCommand({}));
    const allowedId = iam.lastDecision!;
    expect(allowedId).toMatch(/^d-/);
    const ok = await t.admin('GET', `/_iam/decisions/${allowedId}`);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      decision: 'allowed',
      denied: false,
      action: 'iam:GetUser',
      resource: u.arn,
      principal: u.arn,
      decidedBy: 'identity',
      statements: [{ policyId: 'WhyPolicy', layer: 'identity', sourceType: 'user', statementIndex: 0, sid: 'ReadSelf', effect: 'Allow', start: { line: 4, column: 5 }, end: { line: 9, column: 6 } }],
    });
    expect(ok.json.context['aws:SourceIp']).toBe('127.0.0.1');
    expect(ok.json.context).toMatchObject({
      'aws:ResourceAccount': A,
      'aws:PrincipalArn': u.arn,
      'aws:PrincipalType': 'User',
      'aws:username': 'explained',
      'aws:userid': u.userId,
      'aws:SecureTransport': 'false',
      'aws:PrincipalIsAWSService': 'false',
    });
    expect(ok.json.context['aws:MultiFactorAuthPresent']).toBeUndefined();

    // A denial: the header is on the error response too; the tag key the Deny needed was missing.
    const err = await sdkError(iam.send(new ListRolesCommand({})));
    expect(err.message).toContain('with an explicit deny in an identity-based policy');
    const deniedId = iam.lastDecision!;
    expect(deniedId).not.toBe(allowedId);
    const why = await t.admin('GET', `/_iam/decisions/${deniedId}`);
    expect(why.json).toMatchObject({
      decision: 'explicitDeny',
      denied: true,
      decidedBy: 'identity',
      message: err.message,
      statements: [{ policyId: 'WhyPolicy', sid: 'NoRoles', statementIndex: 2, effect: 'Deny' }],
      missingContextKeys: ['aws:principaltag/team'],
    });
    // The encoded authorization message decodes through sts:DecodeAuthorizationMessage.
    const decoded = await t.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: why.json.encodedMessage }));
    expect(JSON.parse(decoded.DecodedMessage!)).toMatchObject({ allowed: false, explicitDeny: true, context: { action: 'iam:ListRoles' } });

    const list = await t.admin('GET', '/_iam/decisions?denied=true&limit=5');
    expect(list.json.decisions[0]).toMatchObject({ id: deniedId, action: 'iam:ListRoles', decision: 'explicitDeny' });
    expect((await t.admin('GET', '/_iam/decisions/d-unknown')).status).toBe(404);
  });
});

describe('IAM_LOCAL_ENFORCE=on with a database file written by another process', () => {
  it('a policy written through another connection (e.g. `iam-local seed`) applies on the next call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-local-enf-'));
    const t = await startServer({ enforce: 'on', dbPath: join(dir, 'db.sqlite') });
    try {
      const u = await userWithKey(t, 'outside');
      expect((await sdkError(u.iam.send(new ListUsersCommand({})))).name).toBe('AccessDenied');
      const other = Store.open(join(dir, 'db.sqlite'));
      other.inlinePolicies.put(A, 'user', u.userId, 'from-outside', doc(allow('iam:ListUsers')));
      other.close();
      await u.iam.send(new ListUsersCommand({}));
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('IAM_LOCAL_ENFORCE=audit', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer({ enforce: 'audit' });
  });
  afterAll(() => t.close());

  it('decides and logs one JSON line per call, but never denies', async () => {
    const info = vi.spyOn(t.server.services.log, 'info');
    const u = await userWithKey(t, 'audited');
    const users = await u.iam.send(new ListUsersCommand({}));
    expect(users.Users!.map((x) => x.UserName)).toEqual(['audited']);
    const line = info.mock.calls.map((c) => c[0] as Record<string, unknown>).find((o) => o?.action === 'iam:ListUsers' && o.principal === u.arn);
    expect(line).toMatchObject({
      decision: 'implicitDeny',
      action: 'iam:ListUsers',
      resource: `arn:aws:iam::${A}:user/`,
      principal: u.arn,
      reason: 'because no identity-based policy allows the iam:ListUsers action',
    });
    const rec = await t.admin('GET', `/_iam/decisions/${line!.decisionId}`);
    expect(rec.json).toMatchObject({ mode: 'audit', decision: 'implicitDeny', denied: false });
    info.mockRestore();
  });
});

describe('IAM_LOCAL_ENFORCE=off', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('records nothing and sends no decision header', async () => {
    const u = await userWithKey(t, 'free');
    const iam = withDecisionHeader(u.iam);
    await iam.send(new ListUsersCommand({}));
    expect(iam.lastDecision).toBeUndefined();
    expect((await t.admin('GET', '/_iam/decisions')).json.decisions).toEqual([]);
  });
});
