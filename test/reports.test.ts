import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteAccessKeyCommand,
  GenerateOrganizationsAccessReportCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetOrganizationsAccessReportCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  ListGroupsCommand,
  ListPoliciesGrantingServiceAccessCommand,
  ListRolesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SetSecurityTokenServicePreferencesCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ACCOUNT = '000000000000';
const doc = (actions: string[] | string, resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('GetAccountSummary', () => {
  it('reports real counts, quotas and every AWS key', async () => {
    const before = (await t.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(Object.keys(before).sort()).toEqual(
      [
        'Users', 'UsersQuota', 'Groups', 'GroupsQuota', 'ServerCertificates', 'ServerCertificatesQuota', 'UserPolicySizeQuota',
        'GroupPolicySizeQuota', 'GroupsPerUserQuota', 'SigningCertificatesPerUserQuota', 'AccessKeysPerUserQuota', 'MFADevices',
        'MFADevicesInUse', 'AccountMFAEnabled', 'AccountAccessKeysPresent', 'AccountPasswordPresent', 'AccountSigningCertificatesPresent',
        'AttachedPoliciesPerGroupQuota', 'AttachedPoliciesPerRoleQuota', 'AttachedPoliciesPerUserQuota', 'Policies', 'PoliciesQuota',
        'PolicySizeQuota', 'PolicyVersionsInUse', 'PolicyVersionsInUseQuota', 'VersionsPerPolicyQuota', 'GlobalEndpointTokenVersion',
        'AssumeRolePolicySizeQuota', 'InstanceProfiles', 'InstanceProfilesQuota', 'Providers', 'RolePolicySizeQuota', 'Roles', 'RolesQuota',
      ].sort(),
    );
    expect(before).toMatchObject({
      UsersQuota: 5000,
      GroupsQuota: 300,
      RolesQuota: 1000,
      PoliciesQuota: 1500,
      AccessKeysPerUserQuota: 2,
      VersionsPerPolicyQuota: 5,
      GlobalEndpointTokenVersion: 1,
    });

    await t.iam.send(new CreateUserCommand({ UserName: 'sum-user' }));
    await t.iam.send(new CreateGroupCommand({ GroupName: 'sum-group' }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'sum-role', AssumeRolePolicyDocument: TRUST }));
    const p = await t.iam.send(new CreatePolicyCommand({ PolicyName: 'sum-policy', PolicyDocument: doc('s3:GetObject') }));
    await t.iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Policy!.Arn!, PolicyDocument: doc('s3:*') }));
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'sum-profile' }));
    await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'sum-mfa' }));
    await t.iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));

    const after = (await t.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(after.Users).toBe(before.Users! + 1);
    expect(after.Groups).toBe(before.Groups! + 1);
    expect(after.Roles).toBe(before.Roles! + 1);
    expect(after.Policies).toBe(before.Policies! + 1);
    expect(after.PolicyVersionsInUse).toBe(before.PolicyVersionsInUse! + 2);
    expect(after.InstanceProfiles).toBe(before.InstanceProfiles! + 1);
    expect(after.MFADevices).toBe(before.MFADevices! + 1);
    expect(after.MFADevicesInUse).toBe(before.MFADevicesInUse);
    expect(after.GlobalEndpointTokenVersion).toBe(2);

    await t.iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' }));
    expect((await t.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion).toBe(1);
    const bad = await sdkError(t.iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v3Token' as any })));
    expect(bad.name).toBe('ValidationError');
  });
});

describe('GetAccountSummary, root credentials', () => {
  it('AccountAccessKeysPresent counts only the root user\'s own keys', async () => {
    const present = async () => (await t.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountAccessKeysPresent;
    expect(await present()).toBe(0);
    await t.iam.send(new CreateUserCommand({ UserName: 'keyed-user' }));
    await t.iam.send(new CreateAccessKeyCommand({ UserName: 'keyed-user' }));
    expect(await present()).toBe(0);
    const root = (await t.iam.send(new CreateAccessKeyCommand({}))).AccessKey!;
    expect(await present()).toBe(1);
    await t.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: root.AccessKeyId! }));
    expect(await present()).toBe(0);
  });
});

describe('GetAccountAuthorizationDetails', () => {
  it('returns users, groups, roles and policies with their inline and managed policies, filtered and paginated', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'az-user', Path: '/az/' }));
    await t.iam.send(new TagUserCommand({ UserName: 'az-user', Tags: [{ Key: 'team', Value: 'az' }] }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'az-user', PolicyName: 'inline-u', PolicyDocument: doc('iam:ListUsers') }));
    const pol = await t.iam.send(new CreatePolicyCommand({ PolicyName: 'az-policy', PolicyDocument: doc('s3:ListBucket') }));
    const arn = pol.Policy!.Arn!;
    await t.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:*'), SetAsDefault: true }));
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'az-user', PolicyArn: arn }));
    await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'az-user', PermissionsBoundary: arn }));
    await t.iam.send(new CreateGroupCommand({ GroupName: 'az-group' }));
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'az-group', UserName: 'az-user' }));
    await t.iam.send(new PutGroupPolicyCommand({ GroupName: 'az-group', PolicyName: 'inline-g', PolicyDocument: doc('ec2:*') }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'az-group', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'az-role', AssumeRolePolicyDocument: TRUST }));
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'az-role', PolicyName: 'inline-r', PolicyDocument: doc('sqs:*') }));
    await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'az-role', PolicyArn: arn }));
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'az-profile' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'az-profile', RoleName: 'az-role' }));

    const all = await t.iam.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(all.IsTruncated).toBe(false);
    const user = all.UserDetailList!.find((u) => u.UserName === 'az-user')!;
    expect(user).toMatchObject({
      Path: '/az/',
      Arn: `arn:aws:iam::${ACCOUNT}:user/az/az-user`,
      GroupList: ['az-group'],
      AttachedManagedPolicies: [{ PolicyName: 'az-policy', PolicyArn: arn }],
      PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn },
      Tags: [{ Key: 'team', Value: 'az' }],
    });
    expect(user.UserPolicyList).toHaveLength(1);
    expect(user.UserPolicyList![0]!.PolicyName).toBe('inline-u');
    expect(JSON.parse(decodeURIComponent(user.UserPolicyList![0]!.PolicyDocument!))).toEqual(JSON.parse(doc('iam:ListUsers')));

    const group = all.GroupDetailList!.find((g) => g.GroupName === 'az-group')!;
    expect(group.GroupPolicyList!.map((p) => p.PolicyName)).toEqual(['inline-g']);
    expect(group.AttachedManagedPolicies).toEqual([{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);

    const role = all.RoleDetailList!.find((r) => r.RoleName === 'az-role')!;
    expect(role.RolePolicyList!.map((p) => p.PolicyName)).toEqual(['inline-r']);
    expect(role.AttachedManagedPolicies).toEqual([{ PolicyName: 'az-policy', PolicyArn: arn }]);
    expect(role.InstanceProfileList!.map((p) => p.InstanceProfileName)).toEqual(['az-profile']);
    expect(role.InstanceProfileList![0]!.Roles![0]!.RoleName).toBe('az-role');
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual(JSON.parse(TRUST));
    expect(role.RoleLastUsed).toBeDefined();

    const local = all.Policies!.find((p) => p.Arn === arn)!;
    expect(local).toMatchObject({ PolicyName: 'az-policy', DefaultVersionId: 'v2', AttachmentCount: 2, PermissionsBoundaryUsageCount: 1, IsAttachable: true });
    expect(local.PolicyVersionList!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v2', true], ['v1', false]]);
    expect(JSON.parse(decodeURIComponent(local.PolicyVersionList![0]!.Document!))).toEqual(JSON.parse(doc('s3:*')));
    // AWS managed policies appear only where attached in the account.
    const awsManaged = all.Policies!.filter((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/'));
    expect(awsManaged.map((p) => p.PolicyName)).toEqual(['ReadOnlyAccess']);
    expect(awsManaged[0]!.PolicyVersionList!.some((v) => v.IsDefaultVersion && v.Document)).toBe(true);

    const onlyRoles = await t.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    expect(onlyRoles.UserDetailList).toEqual([]);
    expect(onlyRoles.GroupDetailList).toEqual([]);
    expect(onlyRoles.Policies).toEqual([]);
    expect(onlyRoles.RoleDetailList!.map((r) => r.RoleName)).toContain('az-role');
    const onlyAws = await t.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['AWSManagedPolicy'] }));
    expect(onlyAws.Policies!.map((p) => p.PolicyName)).toEqual(['ReadOnlyAccess']);

    // Pagination walks the same items as one call.
    const total = all.UserDetailList!.length + all.GroupDetailList!.length + all.RoleDetailList!.length + all.Policies!.length;
    let seen = 0;
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await t.iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2, Marker: marker }));
      seen += page.UserDetailList!.length + page.GroupDetailList!.length + page.RoleDetailList!.length + page.Policies!.length;
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(seen).toBe(total);
    expect(pages).toBe(Math.ceil(total / 2));
  });
});

describe('service last accessed', () => {
  it('reports the services a user, its group and a policy used, from real calls', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'sla-user' }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'sla-user', PolicyName: 'iam-read', PolicyDocument: doc(['iam:List*', 'sts:GetCallerIdentity']) }));
    await t.iam.send(new CreateGroupCommand({ GroupName: 'sla-group' }));
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'sla-group', UserName: 'sla-user' }));
    const pol = await t.iam.send(new CreatePolicyCommand({ PolicyName: 'sla-policy', PolicyDocument: doc(['iam:ListGroups', 's3:GetObject']) }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'sla-group', PolicyArn: pol.Policy!.Arn! }));
    const key = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'sla-user' }))).AccessKey!;
    const asUser = t.iamAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    await asUser.send(new ListGroupsCommand({}));
    await asUser.send(new ListRolesCommand({}));

    const userArn = `arn:aws:iam::${ACCOUNT}:user/sla-user`;
    const { JobId } = await t.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: userArn, Granularity: 'ACTION_LEVEL' }));
    expect(JobId).toMatch(/^[0-9a-f-]{36}$/);
    const details = await t.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(details).toMatchObject({ JobStatus: 'COMPLETED', JobType: 'ACTION_LEVEL' });
    expect(details.JobCreationDate).toBeInstanceOf(Date);
    expect(details.JobCompletionDate).toBeInstanceOf(Date);
    expect(details.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['iam', 's3', 'sts']);
    const iam = details.ServicesLastAccessed!.find((s) => s.ServiceNamespace === 'iam')!;
    expect(iam).toMatchObject({ LastAuthenticatedEntity: userArn, LastAuthenticatedRegion: 'us-east-1', TotalAuthenticatedEntities: 1 });
    expect(iam.LastAuthenticated).toBeInstanceOf(Date);
    expect(iam.TrackedActionsLastAccessed!.map((a) => a.ActionName)).toEqual(['ListGroups', 'ListRoles']);
    const s3 = details.ServicesLastAccessed!.find((s) => s.ServiceNamespace === 's3')!;
    expect(s3.LastAuthenticated).toBeUndefined();
    expect(s3.TotalAuthenticatedEntities).toBe(0);

    // The group's report credits its member; WithEntities names them.
    const groupJob = await t.iam.send(
      new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:group/sla-group` }),
    );
    const groupDetails = await t.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: groupJob.JobId }));
    expect(groupDetails.JobType).toBe('SERVICE_LEVEL');
    expect(groupDetails.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['iam', 's3']);
    const withEntities = await t.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: groupJob.JobId, ServiceNamespace: 'iam' }));
    expect(withEntities.JobStatus).toBe('COMPLETED');
    expect(withEntities.EntityDetailsList).toHaveLength(1);
    expect(withEntities.EntityDetailsList![0]!.EntityInfo).toMatchObject({ Arn: userArn, Name: 'sla-user', Type: 'USER', Path: '/' });
    expect(withEntities.EntityDetailsList![0]!.LastAuthenticated).toBeInstanceOf(Date);

    // A managed policy's report.
    const policyJob = await t.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: pol.Policy!.Arn! }));
    const policyDetails = await t.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: policyJob.JobId, MaxItems: 1 }));
    expect(policyDetails.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['iam']);
    expect(policyDetails.IsTruncated).toBe(true);
    const rest = await t.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: policyJob.JobId, Marker: policyDetails.Marker }));
    expect(rest.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['s3']);

    const noUser = await sdkError(t.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/ghost` })));
    expect(noUser).toEqual({ name: 'NoSuchEntityException', message: 'The user with name ghost cannot be found.', status: 404 });
    const badArn = await sdkError(t.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: 'arn:aws:s3:::bucket-name' })));
    expect(badArn.name).toBe('InvalidInputException');
    const noJob = await sdkError(t.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: '00000000-0000-0000-0000-000000000000' })));
    expect(noJob.name).toBe('NoSuchEntityException');

    // Which policies grant a service to the user: its own inline one and its group's managed one.
    const granting = await t.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: userArn, ServiceNamespaces: ['iam', 's3', 'ec2'] }));
    expect(granting.IsTruncated).toBe(false);
    const byNs = Object.fromEntries(granting.PoliciesGrantingServiceAccess!.map((e) => [e.ServiceNamespace, e.Policies]));
    expect(byNs.iam).toEqual([
      { PolicyName: 'iam-read', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'sla-user' },
      { PolicyName: 'sla-policy', PolicyType: 'MANAGED', PolicyArn: pol.Policy!.Arn!, EntityType: 'GROUP', EntityName: 'sla-group' },
    ]);
    expect(byNs.s3!.map((p: { PolicyName?: string }) => p.PolicyName)).toEqual(['sla-policy']);
    expect(byNs.ec2).toEqual([]);
    const grantingNoUser = await sdkError(
      t.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/ghost`, ServiceNamespaces: ['iam'] })),
    );
    expect(grantingNoUser.name).toBe('NoSuchEntityException');
    const grantingBad = await sdkError(t.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: 'arn:aws:s3:::bucket-name', ServiceNamespaces: ['iam'] })));
    expect(grantingBad.name).toBe('InvalidInputException');
    const entitiesNoJob = await sdkError(
      t.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: '00000000-0000-0000-0000-000000000000', ServiceNamespace: 'iam' })),
    );
    expect(entitiesNoJob.name).toBe('NoSuchEntityException');
  });

  it("credits a role with the calls made by its sessions", async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'sla-assumer' }));
    const key = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'sla-assumer' }))).AccessKey!;
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'sla-role',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'sla-role', PolicyName: 'p', PolicyDocument: doc(['iam:ListRoles', 'ec2:*']) }));
    const session = await t
      .stsAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/sla-role`, RoleSessionName: 's1' }));
    const c = session.Credentials!;
    await t.iamAs({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new ListRolesCommand({}));

    const roleArn = `arn:aws:iam::${ACCOUNT}:role/sla-role`;
    const { JobId } = await t.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: roleArn }));
    const details = await t.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    expect(details.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['ec2', 'iam']);
    expect(details.ServicesLastAccessed![1]).toMatchObject({ ServiceNamespace: 'iam', LastAuthenticatedEntity: roleArn, TotalAuthenticatedEntities: 1 });
    expect(details.ServicesLastAccessed![0]!.LastAuthenticated).toBeUndefined();
  });

  it('counts denied attempts too, as AWS does (enforcement on)', async () => {
    const e = await startServer({ enforce: 'on' });
    try {
      await e.iam.send(new CreateUserCommand({ UserName: 'denied' }));
      await e.iam.send(
        new PutUserPolicyCommand({
          UserName: 'denied',
          PolicyName: 'p',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
              { Effect: 'Deny', Action: 'iam:ListRoles', Resource: '*' },
            ],
          }),
        }),
      );
      const key = (await e.iam.send(new CreateAccessKeyCommand({ UserName: 'denied' }))).AccessKey!;
      const asUser = e.iamAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
      expect((await sdkError(asUser.send(new ListRolesCommand({})))).status).toBe(403);
      const { JobId } = await e.iam.send(
        new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/denied`, Granularity: 'ACTION_LEVEL' }),
      );
      const iam = (await e.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }))).ServicesLastAccessed!.find(
        (s) => s.ServiceNamespace === 'iam',
      )!;
      expect(iam.LastAuthenticated).toBeInstanceOf(Date);
      expect(iam.TrackedActionsLastAccessed!.map((a) => a.ActionName)).toEqual(['ListRoles']);
    } finally {
      await e.close();
    }
  });

  it('answers the Organizations access report as a standalone account', async () => {
    const { JobId } = await t.iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'o-a1b2c3d4e5/r-f6g7h8i9j0example' }));
    const report = await t.iam.send(new GetOrganizationsAccessReportCommand({ JobId }));
    expect(report.JobStatus).toBe('FAILED');
    expect(report.ErrorDetails).toEqual({ Code: 'AWSOrganizationsNotInUseException', Message: 'Your account is not a member of an organization.' });
    const missing = await sdkError(t.iam.send(new GetOrganizationsAccessReportCommand({ JobId: '00000000-0000-0000-0000-000000000000' })));
    expect(missing.name).toBe('NoSuchEntityException');
  });
});
