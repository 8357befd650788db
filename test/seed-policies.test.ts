// Every example policy of the user's source document (../shared/seeds/000_df3a644861c9eeea.txt,
// "AWS Basics #2: IAM") decides as the document says — through the Policy Simulator, and, where the
// action is an IAM or STS action, with IAM_LOCAL_ENFORCE=on for calls signed as real users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetRoleCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type ContextEntry,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { sdkError, startServer, userWithKey, type TestServer } from './helpers/server.js';
import { totpCode, totpStep } from '../src/iam/mfa-totp.js';

const A = '000000000000';

// The document's policies, as written there.
const S3_GET_MY_BUCKET = `{
"Version": "2012-10-17",
"Statement": [
{
"Effect": "Allow",
"Action": "s3:GetObject",
"Resource": "arn:aws:s3:::my-bucket/*"
}
]
}`;
const statement = (s: object) => JSON.stringify({ Version: '2012-10-17', Statement: [s] });
const S3_FROM_OFFICE = statement({
  Effect: 'Allow',
  Action: 's3:*',
  Resource: 'arn:aws:s3:::my-bucket/*',
  Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
});
const IAM_WITH_MFA = statement({ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
const EC2_TRUST = statement({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
const PROD_GUARDRAIL = statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } });
const DENY_IAM = statement({ Effect: 'Deny', Action: 'iam:*', Resource: '*' });
const DEV_ONLY = statement({ Effect: 'Allow', Action: '*', Resource: ['arn:aws:iam::*:user/dev/*', 'arn:aws:iam::*:role/dev/*', 'arn:aws:iam::*:policy/dev/*', 'arn:aws:iam::*:group/dev/*'] });

const denied = (who: string, action: string, resource: string, why: string) => ({
  name: 'AccessDenied',
  status: 403,
  message: `User: ${who} is not authorized to perform: ${action} on resource: ${resource} ${why}`,
});

let t: TestServer;
beforeAll(async () => {
  t = await startServer({ enforce: 'on' });
});
afterAll(() => t.close());

async function custom(policies: string[], actions: string[], resources?: string[], context?: ContextEntry[]) {
  const r = await t.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: policies, ActionNames: actions, ResourceArns: resources, ContextEntries: context }));
  return r.EvaluationResults!.map((e) => e.EvalDecision);
}

describe('Policy — writing permissions in JSON', () => {
  it('s3:GetObject on every object in my-bucket — and nothing else', async () => {
    expect(await custom([S3_GET_MY_BUCKET], ['s3:GetObject'], ['arn:aws:s3:::my-bucket/photos/cat.jpg', 'arn:aws:s3:::my-bucket', 'arn:aws:s3:::other-bucket/x'])).toEqual([
      'allowed',
      'implicitDeny',
      'implicitDeny',
    ]);
    expect(await custom([S3_GET_MY_BUCKET], ['s3:PutObject', 's3:DeleteObject'], ['arn:aws:s3:::my-bucket/a'])).toEqual(['implicitDeny', 'implicitDeny']);
  });

  it('the shape of Action: s3:Get*, s3:*, and a list', async () => {
    const withAction = (Action: string | string[]) => statement({ Effect: 'Allow', Action, Resource: '*' });
    expect(await custom([withAction('s3:Get*')], ['s3:GetObject', 's3:GetBucketPolicy', 's3:PutObject'])).toEqual(['allowed', 'allowed', 'implicitDeny']);
    expect(await custom([withAction('s3:*')], ['s3:GetObject', 's3:DeleteBucket', 'ec2:RunInstances'])).toEqual(['allowed', 'allowed', 'implicitDeny']);
    expect(await custom([withAction(['s3:GetObject', 's3:PutObject'])], ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])).toEqual([
      'allowed',
      'allowed',
      'implicitDeny',
    ]);
  });

  it('the shape of Resource: the bucket itself, every object, a prefix, everything', async () => {
    const withResource = (Resource: string) => statement({ Effect: 'Allow', Action: 's3:*', Resource });
    const targets = ['arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket/readme.txt', 'arn:aws:s3:::my-bucket/uploads/2026/a.png', 'arn:aws:s3:::another'];
    expect(await custom([withResource('arn:aws:s3:::my-bucket')], ['s3:ListBucket'], targets)).toEqual(['allowed', 'implicitDeny', 'implicitDeny', 'implicitDeny']);
    expect(await custom([withResource('arn:aws:s3:::my-bucket/*')], ['s3:GetObject'], targets)).toEqual(['implicitDeny', 'allowed', 'allowed', 'implicitDeny']);
    expect(await custom([withResource('arn:aws:s3:::my-bucket/uploads/*')], ['s3:GetObject'], targets)).toEqual(['implicitDeny', 'implicitDeny', 'allowed', 'implicitDeny']);
    expect(await custom([withResource('*')], ['s3:GetObject'], targets)).toEqual(['allowed', 'allowed', 'allowed', 'allowed']);
  });
});

describe('Condition — the most powerful control', () => {
  const ip = (v: string): ContextEntry[] => [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: [v] }];

  it('IpAddress 203.0.113.0/24: allowed from the office network only (simulator)', async () => {
    const obj = ['arn:aws:s3:::my-bucket/report.pdf'];
    expect(await custom([S3_FROM_OFFICE], ['s3:GetObject'], obj, ip('203.0.113.42'))).toEqual(['allowed']);
    expect(await custom([S3_FROM_OFFICE], ['s3:GetObject'], obj, ip('198.51.100.7'))).toEqual(['implicitDeny']);
    const r = await t.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [S3_FROM_OFFICE], ActionNames: ['s3:GetObject'], ResourceArns: obj }));
    // With ResourceArns, AWS reports the missing keys per resource.
    expect(r.EvaluationResults![0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      MissingContextValues: [],
      ResourceSpecificResults: [{ EvalResourceName: obj[0], EvalResourceDecision: 'implicitDeny', MissingContextValues: ['aws:SourceIp'] }],
    });
  });

  it('iam:* only with MFA: the simulator decides by aws:MultiFactorAuthPresent', async () => {
    const mfa = (v: string): ContextEntry[] => [{ ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyType: 'boolean', ContextKeyValues: [v] }];
    expect(await custom([IAM_WITH_MFA], ['iam:CreateUser'], undefined, mfa('true'))).toEqual(['allowed']);
    expect(await custom([IAM_WITH_MFA], ['iam:CreateUser'], undefined, mfa('false'))).toEqual(['implicitDeny']);
    expect(await custom([IAM_WITH_MFA], ['iam:CreateUser'])).toEqual(['implicitDeny']);
  });

  it('iam:* only with MFA, enforced: access keys alone are denied, an MFA session is allowed', async () => {
    const u = await userWithKey(t, 'mfa-admin');
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'mfa-admin', PolicyName: 'IamWithMfa', PolicyDocument: IAM_WITH_MFA }));
    expect(await sdkError(u.iam.send(new ListUsersCommand({})))).toEqual(
      denied(u.arn, 'iam:ListUsers', `arn:aws:iam::${A}:user/`, 'because no identity-based policy allows the iam:ListUsers action'),
    );
    const v = await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa-admin' }));
    const seed = Buffer.from(v.VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    const serial = v.VirtualMFADevice!.SerialNumber!;
    const step = totpStep(new Date());
    await t.iam.send(
      new EnableMFADeviceCommand({ UserName: 'mfa-admin', SerialNumber: serial, AuthenticationCode1: totpCode(seed, step - 2), AuthenticationCode2: totpCode(seed, step - 1) }),
    );
    const s = await u.sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: totpCode(seed, step) }));
    const withMfa = t.iamAs({ accessKeyId: s.Credentials!.AccessKeyId!, secretAccessKey: s.Credentials!.SecretAccessKey!, sessionToken: s.Credentials!.SessionToken! });
    await withMfa.send(new ListUsersCommand({}));
    await withMfa.send(new CreateUserCommand({ UserName: 'made-with-mfa' }));
  });
});

describe('Allow / Deny evaluation order', () => {
  const allowAll = statement({ Effect: 'Allow', Action: '*', Resource: '*' });
  const denyProdUsers = statement({ Effect: 'Deny', Action: 'iam:*', Resource: `arn:aws:iam::${A}:user/prod/*` });

  it('explicit Deny → denied; Allow → allowed; neither → denied (simulator)', async () => {
    const r = await custom([allowAll, denyProdUsers], ['iam:DeleteUser'], [`arn:aws:iam::${A}:user/prod/db-admin`, `arn:aws:iam::${A}:user/dev/tester`]);
    expect(r).toEqual(['explicitDeny', 'allowed']);
    expect(await custom([denyProdUsers], ['iam:GetUser'], [`arn:aws:iam::${A}:user/dev/tester`])).toEqual(['implicitDeny']);
  });

  it('the guardrail Deny next to an Allow holds for a real user (enforced)', async () => {
    const u = await userWithKey(t, 'careful');
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'careful', PolicyName: 'AllowAll', PolicyDocument: allowAll }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'careful', PolicyName: 'NeverProd', PolicyDocument: denyProdUsers }));
    await u.iam.send(new CreateUserCommand({ UserName: 'tester', Path: '/dev/' }));
    expect(await sdkError(u.iam.send(new CreateUserCommand({ UserName: 'db-admin', Path: '/prod/' })))).toEqual(
      denied(u.arn, 'iam:CreateUser', `arn:aws:iam::${A}:user/prod/db-admin`, 'with an explicit deny in an identity-based policy'),
    );
  });
});

describe('Role — trust policy + permission policy', () => {
  beforeAll(async () => {
    await t.iam.send(new CreateRoleCommand({ RoleName: 'EC2-AppRole', AssumeRolePolicyDocument: EC2_TRUST }));
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'EC2-AppRole', PolicyName: 'AppBucket', PolicyDocument: statement({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }) }));
  });

  it('the trust policy lets only ec2.amazonaws.com borrow the role: a user is refused', async () => {
    const u = await userWithKey(t, 'borrower');
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'borrower', PolicyName: 'assume', PolicyDocument: statement({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) }));
    expect(await sdkError(u.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/EC2-AppRole`, RoleSessionName: 'borrowed' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${u.arn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/EC2-AppRole`,
    });
  });

  it('the permission policy: what the role can do once borrowed (simulator)', async () => {
    const r = await t.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${A}:role/EC2-AppRole`,
        ActionNames: ['s3:GetObject', 's3:PutObject'],
        ResourceArns: ['arn:aws:s3:::my-bucket/config.json'],
      }),
    );
    expect(r.EvaluationResults!.map((e) => [e.EvalActionName, e.EvalDecision])).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:PutObject', 'implicitDeny'],
    ]);
    expect(r.EvaluationResults![0]!.MatchedStatements).toMatchObject([{ SourcePolicyId: 'AppBucket', SourcePolicyType: 'role' }]);
  });

  it('a role whose trust policy names the account is borrowed with AssumeRole, then acts with its permission policy', async () => {
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'CICDRole',
        AssumeRolePolicyDocument: statement({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }),
      }),
    );
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'CICDRole', PolicyName: 'ReadRoles', PolicyDocument: statement({ Effect: 'Allow', Action: ['iam:GetRole', 'iam:ListRoles'], Resource: '*' }) }));
    const u = await userWithKey(t, 'ci');
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'ci', PolicyName: 'assume', PolicyDocument: statement({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${A}:role/CICDRole` }) }));
    const s = await u.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/CICDRole`, RoleSessionName: 'build-42' }));
    const role = t.iamAs({ accessKeyId: s.Credentials!.AccessKeyId!, secretAccessKey: s.Credentials!.SecretAccessKey!, sessionToken: s.Credentials!.SessionToken! });
    await role.send(new GetRoleCommand({ RoleName: 'CICDRole' }));
    expect(await sdkError(role.send(new ListUsersCommand({})))).toEqual(
      denied(`arn:aws:sts::${A}:assumed-role/CICDRole/build-42`, 'iam:ListUsers', `arn:aws:iam::${A}:user/`, 'because no identity-based policy allows the iam:ListUsers action'),
    );
  });
});

describe('Groups: Admins, Developers = PowerUserAccess + deny IAM, ReadOnly, Billing', () => {
  beforeAll(async () => {
    for (const g of ['Admins', 'Developers', 'ReadOnly', 'Billing']) await t.iam.send(new CreateGroupCommand({ GroupName: g }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Admins', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Developers', PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }));
    await t.iam.send(new PutGroupPolicyCommand({ GroupName: 'Developers', PolicyName: 'DenyIAM', PolicyDocument: DENY_IAM }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'ReadOnly', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Billing', PolicyArn: 'arn:aws:iam::aws:policy/job-function/Billing' }));
  });

  it('Admins (AdministratorAccess): everything', async () => {
    const u = await userWithKey(t, 'admin-ann');
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'Admins', UserName: 'admin-ann' }));
    await u.iam.send(new CreateUserCommand({ UserName: 'new-hire' }));
    await u.iam.send(new AddUserToGroupCommand({ GroupName: 'ReadOnly', UserName: 'new-hire' }));
  });

  it('Developers: every service but IAM — IAM calls meet the explicit deny; STS still works', async () => {
    const u = await userWithKey(t, 'dev-dan');
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'Developers', UserName: 'dev-dan' }));
    // PowerUserAccess alone would allow iam:ListRoles; the group's Deny IAM wins.
    expect(await sdkError(u.iam.send(new ListRolesCommand({})))).toEqual(
      denied(u.arn, 'iam:ListRoles', `arn:aws:iam::${A}:role/`, 'with an explicit deny in an identity-based policy'),
    );
    expect(await sdkError(u.iam.send(new CreateUserCommand({ UserName: 'sneaky' })))).toEqual(
      denied(u.arn, 'iam:CreateUser', `arn:aws:iam::${A}:user/sneaky`, 'with an explicit deny in an identity-based policy'),
    );
    expect(await u.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: u.arn });

    const sim = await t.iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: u.arn, ActionNames: ['s3:DeleteObject', 'ec2:RunInstances', 'iam:ListRoles', 'iam:CreateUser'] }),
    );
    expect(sim.EvaluationResults!.map((e) => [e.EvalActionName, e.EvalDecision])).toEqual([
      ['s3:DeleteObject', 'allowed'],
      ['ec2:RunInstances', 'allowed'],
      ['iam:ListRoles', 'explicitDeny'],
      ['iam:CreateUser', 'explicitDeny'],
    ]);
    expect(sim.EvaluationResults![0]!.MatchedStatements).toMatchObject([{ SourcePolicyId: 'PowerUserAccess', SourcePolicyType: 'aws-managed' }]);
    expect(sim.EvaluationResults![2]!.MatchedStatements).toMatchObject([{ SourcePolicyId: 'DenyIAM', SourcePolicyType: 'group' }]);
  });

  it('ReadOnly: reads allowed, writes denied', async () => {
    const u = await userWithKey(t, 'reader-rae');
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'ReadOnly', UserName: 'reader-rae' }));
    await u.iam.send(new ListUsersCommand({}));
    expect(await sdkError(u.iam.send(new CreateUserCommand({ UserName: 'nope' })))).toEqual(
      denied(u.arn, 'iam:CreateUser', `arn:aws:iam::${A}:user/nope`, 'because no identity-based policy allows the iam:CreateUser action'),
    );
  });

  it('Billing: the billing console only', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'bill' }));
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'Billing', UserName: 'bill' }));
    const sim = await t.iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${A}:user/bill`, ActionNames: ['aws-portal:ViewBilling', 'ec2:RunInstances', 'iam:CreateUser'] }),
    );
    expect(sim.EvaluationResults!.map((e) => e.EvalDecision)).toEqual(['allowed', 'implicitDeny', 'implicitDeny']);
  });
});

describe('Permission boundary "DevOnly" — can only create dev/* resources', () => {
  it('a Developer bounded by DevOnly creates /dev/ users and nothing in /prod/ (enforced)', async () => {
    await t.iam.send(new CreatePolicyCommand({ PolicyName: 'DevOnly', PolicyDocument: DEV_ONLY }));
    const u = await userWithKey(t, 'junior');
    // A junior with PowerUserAccess and a self-granted AdministratorAccess is still bounded.
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'junior', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'junior', PermissionsBoundary: `arn:aws:iam::${A}:policy/DevOnly` }));
    await u.iam.send(new CreateUserCommand({ UserName: 'dev-bot', Path: '/dev/' }));
    expect(await sdkError(u.iam.send(new CreateUserCommand({ UserName: 'prod-bot', Path: '/prod/' })))).toEqual(
      denied(u.arn, 'iam:CreateUser', `arn:aws:iam::${A}:user/prod/prod-bot`, 'because no permissions boundary allows the iam:CreateUser action'),
    );
    expect(await sdkError(u.iam.send(new CreatePolicyCommand({ PolicyName: 'MoreForMe', PolicyDocument: statement({ Effect: 'Allow', Action: '*', Resource: '*' }) })))).toEqual(
      denied(u.arn, 'iam:CreatePolicy', `arn:aws:iam::${A}:policy/MoreForMe`, 'because no permissions boundary allows the iam:CreatePolicy action'),
    );
  });

  it('the simulator shows the boundary deciding', async () => {
    const r = await t.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${A}:user/junior`,
        ActionNames: ['iam:CreateUser'],
        ResourceArns: [`arn:aws:iam::${A}:user/dev/x`, `arn:aws:iam::${A}:user/prod/x`],
      }),
    );
    expect(r.EvaluationResults!.map((e) => [e.EvalDecision, e.PermissionsBoundaryDecisionDetail])).toEqual([
      ['allowed', { AllowedByPermissionsBoundary: true }],
      ['implicitDeny', { AllowedByPermissionsBoundary: false }],
    ]);
  });
});

describe('Guardrails via conditions: Deny everything tagged env=prod', () => {
  it('simulator: denied only where the resource carries env=prod', async () => {
    const allowAll = statement({ Effect: 'Allow', Action: '*', Resource: '*' });
    const tag = (v: string): ContextEntry[] => [{ ContextKeyName: 'aws:ResourceTag/env', ContextKeyType: 'string', ContextKeyValues: [v] }];
    expect(await custom([allowAll, PROD_GUARDRAIL], ['ec2:TerminateInstances'], undefined, tag('prod'))).toEqual(['explicitDeny']);
    expect(await custom([allowAll, PROD_GUARDRAIL], ['ec2:TerminateInstances'], undefined, tag('dev'))).toEqual(['allowed']);
  });

  it('enforced: a prod-tagged role cannot be touched, a dev one can', async () => {
    const u = await userWithKey(t, 'ops');
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'ops', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'ops', PolicyName: 'ProdGuardrail', PolicyDocument: PROD_GUARDRAIL }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'prod-db', AssumeRolePolicyDocument: EC2_TRUST, Tags: [{ Key: 'env', Value: 'prod' }] }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'dev-db', AssumeRolePolicyDocument: EC2_TRUST, Tags: [{ Key: 'env', Value: 'dev' }] }));
    await u.iam.send(new GetRoleCommand({ RoleName: 'dev-db' }));
    expect(await sdkError(u.iam.send(new GetRoleCommand({ RoleName: 'prod-db' })))).toEqual(
      denied(u.arn, 'iam:GetRole', `arn:aws:iam::${A}:role/prod-db`, 'with an explicit deny in an identity-based policy'),
    );
  });
});

describe('Hands-on: curtis with AdministratorAccess attached directly', () => {
  it('can administer IAM with his access key', async () => {
    const u = await userWithKey(t, 'curtis');
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'curtis', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    expect(await u.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: `arn:aws:iam::${A}:user/curtis` });
    await u.iam.send(new CreateUserCommand({ UserName: 'dev-bot-2' }));
  });
});
