import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteUserCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  PutRolePermissionsBoundaryCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ACCOUNT = '000000000000';
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

async function policy(name: string, path = '/') {
  return (await t.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: DOC, Path: path }))).Policy!.Arn!;
}

describe('managed policy attachments', () => {
  it('attaches one policy to a user, a group and a role, and counts and lists them', async () => {
    const arn = await policy('Shared');
    const user = (await t.iam.send(new CreateUserCommand({ UserName: 'att-user', Path: '/a/' }))).User!;
    const group = (await t.iam.send(new CreateGroupCommand({ GroupName: 'att-group', Path: '/a/' }))).Group!;
    const role = (await t.iam.send(new CreateRoleCommand({ RoleName: 'att-role', AssumeRolePolicyDocument: TRUST, Path: '/b/' }))).Role!;
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'att-user', PolicyArn: arn }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'att-group', PolicyArn: arn }));
    await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'att-role', PolicyArn: arn }));
    // Attaching again changes nothing.
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'ATT-USER', PolicyArn: arn }));

    expect((await t.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount).toBe(3);
    const attached = { PolicyName: 'Shared', PolicyArn: arn };
    expect((await t.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'att-user' }))).AttachedPolicies).toEqual([attached]);
    expect((await t.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'att-group' }))).AttachedPolicies).toEqual([attached]);
    expect((await t.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'att-role' }))).AttachedPolicies).toEqual([attached]);

    const all = await t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(all.PolicyUsers).toEqual([{ UserName: 'att-user', UserId: user.UserId }]);
    expect(all.PolicyGroups).toEqual([{ GroupName: 'att-group', GroupId: group.GroupId }]);
    expect(all.PolicyRoles).toEqual([{ RoleName: 'att-role', RoleId: role.RoleId }]);

    const roles = await t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role' }));
    expect([roles.PolicyUsers, roles.PolicyGroups, roles.PolicyRoles!.length]).toEqual([[], [], 1]);
    const underA = await t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PathPrefix: '/a/' }));
    expect([underA.PolicyUsers!.length, underA.PolicyGroups!.length, underA.PolicyRoles!.length]).toEqual([1, 1, 0]);
    const boundaries = await t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsBoundary' }));
    expect([boundaries.PolicyUsers, boundaries.PolicyGroups, boundaries.PolicyRoles]).toEqual([[], [], []]);

    const page1 = await t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, MaxItems: 2 }));
    expect(page1.IsTruncated).toBe(true);
    const page2 = await t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, MaxItems: 2, Marker: page1.Marker }));
    expect(page2.IsTruncated).toBe(false);
    const names = [page1, page2].flatMap((p) => [
      ...p.PolicyGroups!.map((g) => g.GroupName),
      ...p.PolicyUsers!.map((u) => u.UserName),
      ...p.PolicyRoles!.map((r) => r.RoleName),
    ]);
    expect(names.sort()).toEqual(['att-group', 'att-role', 'att-user']);

    const attachedOnly = await t.iam.send(new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true }));
    expect(attachedOnly.Policies!.map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([['Shared', 3]]);
  });

  it('blocks deleting an attached policy, and entities that still have policies', async () => {
    const arn = await policy('Blocking');
    await t.iam.send(new CreateUserCommand({ UserName: 'blocked-user' }));
    await t.iam.send(new CreateGroupCommand({ GroupName: 'blocked-group' }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'blocked-role', AssumeRolePolicyDocument: TRUST }));
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'blocked-user', PolicyArn: arn }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'blocked-group', PolicyArn: arn }));
    await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'blocked-role', PolicyArn: arn }));

    expect(await sdkError(t.iam.send(new DeletePolicyCommand({ PolicyArn: arn })))).toEqual({
      name: 'DeleteConflictException',
      message: 'Cannot delete a policy attached to entities.',
      status: 409,
    });
    const entityConflict = { name: 'DeleteConflictException', message: 'Cannot delete entity, must detach all policies first.', status: 409 };
    expect(await sdkError(t.iam.send(new DeleteUserCommand({ UserName: 'blocked-user' })))).toEqual(entityConflict);
    expect(await sdkError(t.iam.send(new DeleteGroupCommand({ GroupName: 'blocked-group' })))).toEqual(entityConflict);
    expect(await sdkError(t.iam.send(new DeleteRoleCommand({ RoleName: 'blocked-role' })))).toEqual(entityConflict);

    await t.iam.send(new DetachUserPolicyCommand({ UserName: 'blocked-user', PolicyArn: arn }));
    await t.iam.send(new DetachGroupPolicyCommand({ GroupName: 'blocked-group', PolicyArn: arn }));
    await t.iam.send(new DetachRolePolicyCommand({ RoleName: 'blocked-role', PolicyArn: arn }));
    expect((await t.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount).toBe(0);
    await t.iam.send(new DeleteUserCommand({ UserName: 'blocked-user' }));
    await t.iam.send(new DeleteGroupCommand({ GroupName: 'blocked-group' }));
    await t.iam.send(new DeleteRoleCommand({ RoleName: 'blocked-role' }));
    await t.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
  });

  it('answers AWS errors for unknown policies, entities and detaching what is not attached', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'err-user' }));
    const missing = `arn:aws:iam::${ACCOUNT}:policy/Missing`;
    expect(await sdkError(t.iam.send(new AttachUserPolicyCommand({ UserName: 'err-user', PolicyArn: missing })))).toEqual({
      name: 'NoSuchEntityException',
      message: `Policy ${missing} does not exist or is not attachable.`,
      status: 404,
    });
    const arn = await policy('NotAttached');
    expect(await sdkError(t.iam.send(new DetachUserPolicyCommand({ UserName: 'err-user', PolicyArn: arn })))).toEqual({
      name: 'NoSuchEntityException',
      message: `Policy ${arn} was not found.`,
      status: 404,
    });
    expect(await sdkError(t.iam.send(new AttachRolePolicyCommand({ RoleName: 'ghost', PolicyArn: arn })))).toEqual({
      name: 'NoSuchEntityException',
      message: 'The role with name ghost cannot be found.',
      status: 404,
    });
    expect((await sdkError(t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: missing })))).name).toBe('NoSuchEntityException');
  });

  it('leaves service-linked roles alone: no attach, detach or boundary changes', async () => {
    t.server.services.store.roles.insert({
      id: 'AROASERVICELINKEDATT1',
      account_id: ACCOUNT,
      name: 'AWSServiceRoleForTest',
      path: '/aws-service-role/test.amazonaws.com/',
      created_at: new Date().toISOString(),
      trust_policy: TRUST,
      description: null,
      max_session_duration: 3600,
    });
    const arn = await policy('ForServiceRole');
    const protectedErr = {
      name: 'UnmodifiableEntityException',
      message: "Cannot perform the operation on the protected role 'AWSServiceRoleForTest' - this role is only modifiable by AWS",
      status: 400,
    };
    const RoleName = 'AWSServiceRoleForTest';
    expect(await sdkError(t.iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: arn })))).toEqual(protectedErr);
    expect(await sdkError(t.iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: arn })))).toEqual(protectedErr);
    expect(await sdkError(t.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName, PermissionsBoundary: arn })))).toEqual(protectedErr);
    expect(await sdkError(t.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName })))).toEqual(protectedErr);
    expect((await t.iam.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies).toEqual([]);
  });

  it('allows at most 10 managed policies per user, group and role', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'busy-user' }));
    await t.iam.send(new CreateGroupCommand({ GroupName: 'busy-group' }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'busy-role', AssumeRolePolicyDocument: TRUST }));
    const arns: string[] = [];
    for (let i = 0; i < 11; i++) arns.push(await policy(`Quota${i}`, '/quota/'));
    for (const arn of arns.slice(0, 10)) {
      await t.iam.send(new AttachUserPolicyCommand({ UserName: 'busy-user', PolicyArn: arn }));
      await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'busy-group', PolicyArn: arn }));
      await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'busy-role', PolicyArn: arn }));
    }
    const eleventh = arns[10]!;
    expect(await sdkError(t.iam.send(new AttachUserPolicyCommand({ UserName: 'busy-user', PolicyArn: eleventh })))).toEqual({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for PoliciesPerUser: 10',
      status: 409,
    });
    expect((await sdkError(t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'busy-group', PolicyArn: eleventh })))).message).toBe(
      'Cannot exceed quota for PoliciesPerGroup: 10',
    );
    expect((await sdkError(t.iam.send(new AttachRolePolicyCommand({ RoleName: 'busy-role', PolicyArn: eleventh })))).message).toBe(
      'Cannot exceed quota for PoliciesPerRole: 10',
    );
    // Re-attaching one already attached is not a new attachment.
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'busy-user', PolicyArn: arns[0] }));

    // Pagination and PathPrefix of the attached list.
    const page1 = await t.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'busy-user', MaxItems: 4 }));
    expect(page1.AttachedPolicies!.map((p) => p.PolicyName)).toEqual(['Quota0', 'Quota1', 'Quota2', 'Quota3']);
    expect(page1.IsTruncated).toBe(true);
    const rest = await t.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'busy-user', Marker: page1.Marker }));
    expect(rest.AttachedPolicies).toHaveLength(6);
    expect(rest.IsTruncated).toBe(false);
    expect((await t.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'busy-user', PathPrefix: '/other/' }))).AttachedPolicies).toEqual([]);
  });
});
