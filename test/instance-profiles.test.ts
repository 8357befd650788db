import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetInstanceProfileCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

describe('instance profiles', () => {
  it('creates, reads and deletes a profile with AIPA id, path ARN and tags', async () => {
    const created = await t.iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/app/', Tags: [{ Key: 'env', Value: 'dev' }] }),
    );
    expect(created.InstanceProfile).toMatchObject({
      InstanceProfileName: 'web',
      Path: '/app/',
      Arn: 'arn:aws:iam::000000000000:instance-profile/app/web',
      Roles: [],
      Tags: [{ Key: 'env', Value: 'dev' }],
    });
    expect(created.InstanceProfile!.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
    const got = await t.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'WEB' }));
    expect(got.InstanceProfile!.InstanceProfileId).toBe(created.InstanceProfile!.InstanceProfileId);

    const dup = await sdkError(t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'Web' })));
    expect(dup).toEqual({ name: 'EntityAlreadyExistsException', message: 'Instance Profile Web already exists.', status: 409 });

    await t.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }));
    const gone = await sdkError(t.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' })));
    expect(gone).toEqual({ name: 'NoSuchEntityException', message: 'Instance Profile web cannot be found.', status: 404 });
  });

  it('holds one role, shown as a full Role with its URL-decoded trust policy', async () => {
    await t.iam.send(new CreateRoleCommand({ RoleName: 'app-role', Path: '/svc/', AssumeRolePolicyDocument: TRUST }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'other-role', AssumeRolePolicyDocument: TRUST }));
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'one' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'one', RoleName: 'app-role' }));

    const got = await t.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'one' }));
    expect(got.InstanceProfile!.Roles).toHaveLength(1);
    const role = got.InstanceProfile!.Roles![0]!;
    expect(role).toMatchObject({ RoleName: 'app-role', Path: '/svc/', Arn: 'arn:aws:iam::000000000000:role/svc/app-role' });
    expect(role.RoleId).toMatch(/^AROA/);
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual(JSON.parse(TRUST));

    const second = await sdkError(
      t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'one', RoleName: 'other-role' })),
    );
    expect(second).toEqual({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
      status: 409,
    });
    const noRole = await sdkError(
      t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'one', RoleName: 'nope' })),
    );
    expect(noRole).toEqual({ name: 'NoSuchEntityException', message: 'The role with name nope cannot be found.', status: 404 });
    const noProfile = await sdkError(
      t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'none', RoleName: 'app-role' })),
    );
    expect(noProfile.message).toBe('Instance Profile none cannot be found.');
  });

  it('refuses to delete a profile with a role, or a role in a profile (DeleteConflict)', async () => {
    await t.iam.send(new CreateRoleCommand({ RoleName: 'dc-role', AssumeRolePolicyDocument: TRUST }));
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'dc' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'dc', RoleName: 'dc-role' }));
    const msg = 'Cannot delete entity, must remove roles from instance profile first.';
    expect(await sdkError(t.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'dc' })))).toEqual({
      name: 'DeleteConflictException',
      message: msg,
      status: 409,
    });
    expect(await sdkError(t.iam.send(new DeleteRoleCommand({ RoleName: 'dc-role' })))).toEqual({
      name: 'DeleteConflictException',
      message: msg,
      status: 409,
    });
    const notIn = await sdkError(
      t.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'one', RoleName: 'dc-role' })),
    );
    // AWS's message (test_iam_instance_profiles.snapshot.json test_role_instance_profile_operations_errors, recorded 12-02-2026)
    expect(notIn).toEqual({ name: 'NoSuchEntityException', message: 'Role dc-role in Instance Profile one cannot be found.', status: 404 });

    await t.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'dc', RoleName: 'dc-role' }));
    await t.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'dc' }));
    await t.iam.send(new DeleteRoleCommand({ RoleName: 'dc-role' }));
  });

  it('lists profiles by PathPrefix with pagination, and the profiles of a role', async () => {
    for (const n of ['lp1', 'lp2', 'lp3', 'lp4', 'lp5'])
      await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: n, Path: '/list/' }));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await t.iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/list/', MaxItems: 2, Marker: marker }));
      seen.push(...page.InstanceProfiles!.map((p) => p.InstanceProfileName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(seen).toEqual(['lp1', 'lp2', 'lp3', 'lp4', 'lp5']);
    expect(pages).toBe(3);

    await t.iam.send(new CreateRoleCommand({ RoleName: 'shared-role', AssumeRolePolicyDocument: TRUST }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'lp2', RoleName: 'shared-role' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'lp4', RoleName: 'shared-role' }));
    const forRole = await t.iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'shared-role' }));
    expect(forRole.InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(['lp2', 'lp4']);
    expect(forRole.InstanceProfiles![0]!.Roles![0]!.RoleName).toBe('shared-role');
    const missing = await sdkError(t.iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'ghost' })));
    expect(missing.name).toBe('NoSuchEntityException');
  });

  it('tags, untags and lists tags of a profile', async () => {
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'tagged' }));
    await t.iam.send(
      new TagInstanceProfileCommand({ InstanceProfileName: 'tagged', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }),
    );
    await t.iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'tagged', TagKeys: ['a'] }));
    const tags = await t.iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'tagged' }));
    expect(tags.Tags).toEqual([{ Key: 'b', Value: '2' }]);
    const dup = await sdkError(
      t.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'tagged', Tags: [{ Key: 'x', Value: '1' }, { Key: 'X', Value: '2' }] })),
    );
    expect(dup).toMatchObject({ name: 'InvalidInputException', status: 400 });
    const none = await sdkError(t.iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'nope' })));
    expect(none.message).toBe('Instance Profile nope cannot be found.');
  });
});
