import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteUserPermissionsBoundaryCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  PutRolePermissionsBoundaryCommand,
  PutUserPermissionsBoundaryCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ACCOUNT = '000000000000';
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const POWER_USER = 'arn:aws:iam::aws:policy/PowerUserAccess';

async function policy(name: string) {
  return (await t.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: DOC }))).Policy!.Arn!;
}

describe('permissions boundaries', () => {
  it('sets a boundary at CreateUser and CreateRole, and counts its use', async () => {
    const arn = await policy('Boundary');
    const created = await t.iam.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: arn }));
    // AWS reports the type as `Policy` (localstack test_iam_roles.snapshot.json,
    // TestRolePermissionsBoundary::test_role_permissions_boundary_lifecycle, recorded 11-02-2026).
    const expected = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn };
    expect(created.User!.PermissionsBoundary).toEqual(expected);
    expect((await t.iam.send(new GetUserCommand({ UserName: 'bounded' }))).User!.PermissionsBoundary).toEqual(expected);

    const role = await t.iam.send(new CreateRoleCommand({ RoleName: 'bounded-role', AssumeRolePolicyDocument: TRUST, PermissionsBoundary: arn }));
    expect((await t.iam.send(new GetRoleCommand({ RoleName: 'bounded-role' }))).Role!.PermissionsBoundary).toEqual(expected);

    const p = (await t.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    expect([p.AttachmentCount, p.PermissionsBoundaryUsageCount]).toEqual([0, 2]);

    const entities = await t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsBoundary' }));
    expect(entities.PolicyUsers).toEqual([{ UserName: 'bounded', UserId: created.User!.UserId }]);
    expect(entities.PolicyRoles).toEqual([{ RoleName: 'bounded-role', RoleId: role.Role!.RoleId }]);
    const asPolicy = await t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsPolicy' }));
    expect([asPolicy.PolicyUsers, asPolicy.PolicyRoles]).toEqual([[], []]);

    const listed = await t.iam.send(new ListPoliciesCommand({ Scope: 'Local', PolicyUsageFilter: 'PermissionsBoundary' }));
    expect(listed.Policies!.map((x) => [x.PolicyName, x.PermissionsBoundaryUsageCount])).toEqual([['Boundary', 2]]);

    // In use as a boundary, the policy cannot be deleted.
    expect(await sdkError(t.iam.send(new DeletePolicyCommand({ PolicyArn: arn })))).toEqual({
      name: 'DeleteConflictException',
      message: 'Cannot delete a policy attached to entities.',
      status: 409,
    });
  });

  it('refuses a boundary that is not an existing managed policy, and creates nothing', async () => {
    const missing = `arn:aws:iam::${ACCOUNT}:policy/NoSuchBoundary`;
    const err = await sdkError(t.iam.send(new CreateUserCommand({ UserName: 'unbounded', PermissionsBoundary: missing })));
    expect(err).toEqual({
      name: 'NoSuchEntityException',
      message: `Scope ARN: ${missing} does not exist or is not attachable.`,
      status: 404,
    });
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'unbounded' })))).name).toBe('NoSuchEntityException');

    const roleErr = await sdkError(
      t.iam.send(new CreateRoleCommand({ RoleName: 'unbounded-role', AssumeRolePolicyDocument: TRUST, PermissionsBoundary: 'arn:aws:iam::aws:policy/NotAPolicy' })),
    );
    expect(roleErr.message).toBe('Scope ARN: arn:aws:iam::aws:policy/NotAPolicy does not exist or is not attachable.');
    expect((await sdkError(t.iam.send(new GetRoleCommand({ RoleName: 'unbounded-role' })))).name).toBe('NoSuchEntityException');
  });

  it('puts and deletes boundaries on users and roles, AWS managed ones included', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'later' }));
    await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'later', PermissionsBoundary: POWER_USER }));
    expect((await t.iam.send(new GetUserCommand({ UserName: 'later' }))).User!.PermissionsBoundary!.PermissionsBoundaryArn).toBe(POWER_USER);
    expect((await t.iam.send(new GetPolicyCommand({ PolicyArn: POWER_USER }))).Policy!.PermissionsBoundaryUsageCount).toBe(1);
    await t.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'later' }));
    expect((await t.iam.send(new GetUserCommand({ UserName: 'later' }))).User!.PermissionsBoundary).toBeUndefined();
    expect((await t.iam.send(new GetPolicyCommand({ PolicyArn: POWER_USER }))).Policy!.PermissionsBoundaryUsageCount).toBe(0);

    await t.iam.send(new CreateRoleCommand({ RoleName: 'later-role', AssumeRolePolicyDocument: TRUST }));
    const arn = await policy('RoleBoundary');
    await t.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'later-role', PermissionsBoundary: arn }));
    expect((await t.iam.send(new GetRoleCommand({ RoleName: 'later-role' }))).Role!.PermissionsBoundary!.PermissionsBoundaryArn).toBe(arn);
    await t.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'later-role' }));
    expect((await t.iam.send(new GetRoleCommand({ RoleName: 'later-role' }))).Role!.PermissionsBoundary).toBeUndefined();
    await t.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));

    expect(await sdkError(t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'nobody', PermissionsBoundary: POWER_USER })))).toEqual({
      name: 'NoSuchEntityException',
      message: 'The user with name nobody cannot be found.',
      status: 404,
    });
    const bad = await sdkError(
      t.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'later-role', PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/Gone` })),
    );
    expect(bad.message).toBe(`Scope ARN: arn:aws:iam::${ACCOUNT}:policy/Gone does not exist or is not attachable.`);
  });
});
