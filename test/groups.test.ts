import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const send = (c: any) => t.iam.send(c) as Promise<any>;

describe('groups', () => {
  it('creates, reads, renames and deletes a group', async () => {
    const created = await send(new CreateGroupCommand({ GroupName: 'devs', Path: '/eng/' }));
    expect(created.Group).toMatchObject({ GroupName: 'devs', Path: '/eng/', Arn: 'arn:aws:iam::000000000000:group/eng/devs' });
    expect(created.Group.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
    expect(created.Group.CreateDate).toBeInstanceOf(Date);

    const got = await send(new GetGroupCommand({ GroupName: 'DEVS' }));
    expect(got.Group).toMatchObject({ GroupName: 'devs', GroupId: created.Group.GroupId });
    expect(got.Users).toEqual([]);
    expect(got.IsTruncated).toBe(false);

    await send(new UpdateGroupCommand({ GroupName: 'devs', NewGroupName: 'developers', NewPath: '/ops/' }));
    const renamed = await send(new GetGroupCommand({ GroupName: 'developers' }));
    expect(renamed.Group).toMatchObject({ Path: '/ops/', GroupId: created.Group.GroupId, Arn: 'arn:aws:iam::000000000000:group/ops/developers' });
    const gone = await sdkError(send(new GetGroupCommand({ GroupName: 'devs' })));
    expect(gone).toEqual({ name: 'NoSuchEntityException', message: 'The group with name devs cannot be found.', status: 404 });

    await send(new DeleteGroupCommand({ GroupName: 'developers' }));
    const err = await sdkError(send(new DeleteGroupCommand({ GroupName: 'developers' })));
    expect(err).toEqual({ name: 'NoSuchEntityException', message: 'The group with name developers cannot be found.', status: 404 });
  });

  it('refuses duplicate names case-insensitively, on create and on rename', async () => {
    await send(new CreateGroupCommand({ GroupName: 'admins' }));
    await send(new CreateGroupCommand({ GroupName: 'readers' }));
    const dup = await sdkError(send(new CreateGroupCommand({ GroupName: 'ADMINS' })));
    expect(dup).toEqual({ name: 'EntityAlreadyExistsException', message: 'Group with name ADMINS already exists.', status: 409 });
    const rename = await sdkError(send(new UpdateGroupCommand({ GroupName: 'readers', NewGroupName: 'Admins' })));
    expect(rename).toEqual({ name: 'EntityAlreadyExistsException', message: 'Group with name Admins already exists.', status: 409 });
    // Changing only the case of one's own name is allowed.
    await send(new UpdateGroupCommand({ GroupName: 'readers', NewGroupName: 'Readers' }));
    expect((await send(new GetGroupCommand({ GroupName: 'readers' }))).Group.GroupName).toBe('Readers');
    const missing = await sdkError(send(new UpdateGroupCommand({ GroupName: 'nope', NewPath: '/x/' })));
    expect(missing).toEqual({ name: 'NoSuchEntityException', message: 'The group with name nope cannot be found.', status: 404 });
  });

  it('lists groups with PathPrefix and Marker/MaxItems pagination', async () => {
    for (const n of ['g3', 'g1', 'G2', 'g5', 'g4']) await send(new CreateGroupCommand({ GroupName: n, Path: '/pag/' }));
    await send(new CreateGroupCommand({ GroupName: 'g0', Path: '/other/' }));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await send(new ListGroupsCommand({ PathPrefix: '/pag/', MaxItems: 2, Marker: marker }));
      seen.push(...page.Groups.map((g: any) => g.GroupName));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(seen).toEqual(['g1', 'G2', 'g3', 'g4', 'g5']);
    expect(pages).toBe(3);
    const all = await send(new ListGroupsCommand({}));
    expect(all.Groups.map((g: any) => g.GroupName)).toContain('g0');
  });
});

describe('group membership', () => {
  it('adds and removes users, shown by GetGroup and ListGroupsForUser', async () => {
    await send(new CreateGroupCommand({ GroupName: 'team' }));
    await send(new CreateGroupCommand({ GroupName: 'team2' }));
    for (const u of ['m3', 'm1', 'm2']) await send(new CreateUserCommand({ UserName: u, Path: '/people/' }));
    for (const u of ['m3', 'm1', 'm2']) await send(new AddUserToGroupCommand({ GroupName: 'team', UserName: u }));
    // Adding an existing member again succeeds and changes nothing.
    await send(new AddUserToGroupCommand({ GroupName: 'TEAM', UserName: 'M1' }));
    await send(new AddUserToGroupCommand({ GroupName: 'team2', UserName: 'm1' }));

    const first = await send(new GetGroupCommand({ GroupName: 'team', MaxItems: 2 }));
    expect(first.Users.map((u: any) => u.UserName)).toEqual(['m1', 'm2']);
    expect(first.Users[0]).toMatchObject({ Path: '/people/', Arn: 'arn:aws:iam::000000000000:user/people/m1' });
    expect(first.IsTruncated).toBe(true);
    const second = await send(new GetGroupCommand({ GroupName: 'team', MaxItems: 2, Marker: first.Marker }));
    expect(second.Users.map((u: any) => u.UserName)).toEqual(['m3']);
    expect(second.IsTruncated).toBe(false);

    const forUser = await send(new ListGroupsForUserCommand({ UserName: 'm1', MaxItems: 1 }));
    expect(forUser.Groups.map((g: any) => g.GroupName)).toEqual(['team']);
    expect(forUser.IsTruncated).toBe(true);
    const rest = await send(new ListGroupsForUserCommand({ UserName: 'm1', Marker: forUser.Marker }));
    expect(rest.Groups.map((g: any) => g.GroupName)).toEqual(['team2']);

    await send(new RemoveUserFromGroupCommand({ GroupName: 'team', UserName: 'm2' }));
    const after = await send(new GetGroupCommand({ GroupName: 'team' }));
    expect(after.Users.map((u: any) => u.UserName)).toEqual(['m1', 'm3']);
    // Removing a user who is no longer a member succeeds on AWS (localstack/localstack
    // tests/aws/services/iam/test_iam_users.snapshot.json TestUserGroups::test_user_group_membership, recorded 11-02-2026).
    await send(new RemoveUserFromGroupCommand({ GroupName: 'team', UserName: 'm2' }));
    expect((await send(new GetGroupCommand({ GroupName: 'team' }))).Users.map((u: any) => u.UserName)).toEqual(['m1', 'm3']);
  });

  it('answers a missing group or user with NoSuchEntity', async () => {
    await send(new CreateUserCommand({ UserName: 'lonely' }));
    await send(new CreateGroupCommand({ GroupName: 'club' }));
    expect(await sdkError(send(new AddUserToGroupCommand({ GroupName: 'ghosts', UserName: 'lonely' })))).toEqual({
      name: 'NoSuchEntityException',
      message: 'The group with name ghosts cannot be found.',
      status: 404,
    });
    expect(await sdkError(send(new AddUserToGroupCommand({ GroupName: 'club', UserName: 'casper' })))).toEqual({
      name: 'NoSuchEntityException',
      message: 'The user with name casper cannot be found.',
      status: 404,
    });
    expect(await sdkError(send(new ListGroupsForUserCommand({ UserName: 'casper' })))).toMatchObject({
      message: 'The user with name casper cannot be found.',
      status: 404,
    });
    const none = await send(new ListGroupsForUserCommand({ UserName: 'lonely' }));
    expect(none.Groups).toEqual([]);
  });

  it('keeps memberships when the user or group is renamed', async () => {
    await send(new CreateUserCommand({ UserName: 'renamer' }));
    await send(new CreateGroupCommand({ GroupName: 'oldname' }));
    await send(new AddUserToGroupCommand({ GroupName: 'oldname', UserName: 'renamer' }));
    await send(new UpdateGroupCommand({ GroupName: 'oldname', NewGroupName: 'newname' }));
    const groups = await send(new ListGroupsForUserCommand({ UserName: 'renamer' }));
    expect(groups.Groups.map((g: any) => g.GroupName)).toEqual(['newname']);
  });

  it('limits a user to 10 groups with LimitExceeded', async () => {
    await send(new CreateUserCommand({ UserName: 'joiner' }));
    for (let i = 0; i < 11; i++) await send(new CreateGroupCommand({ GroupName: `lim${i}` }));
    for (let i = 0; i < 10; i++) await send(new AddUserToGroupCommand({ GroupName: `lim${i}`, UserName: 'joiner' }));
    // Re-adding to a group the user is already in is still fine at the limit.
    await send(new AddUserToGroupCommand({ GroupName: 'lim0', UserName: 'joiner' }));
    const err = await sdkError(send(new AddUserToGroupCommand({ GroupName: 'lim10', UserName: 'joiner' })));
    expect(err).toEqual({ name: 'LimitExceededException', message: 'Cannot exceed quota for GroupsPerUser: 10', status: 409 });
  });

  it('refuses to delete a group with members, or a user in a group, with DeleteConflict', async () => {
    await send(new CreateUserCommand({ UserName: 'member' }));
    await send(new CreateGroupCommand({ GroupName: 'occupied' }));
    await send(new AddUserToGroupCommand({ GroupName: 'occupied', UserName: 'member' }));
    const g = await sdkError(send(new DeleteGroupCommand({ GroupName: 'occupied' })));
    expect(g).toEqual({ name: 'DeleteConflictException', message: 'Cannot delete entity, must remove users from group first.', status: 409 });
    const u = await sdkError(send(new DeleteUserCommand({ UserName: 'member' })));
    expect(u).toEqual({ name: 'DeleteConflictException', message: 'Cannot delete entity, must remove users from group first.', status: 409 });
    await send(new RemoveUserFromGroupCommand({ GroupName: 'occupied', UserName: 'member' }));
    await send(new DeleteUserCommand({ UserName: 'member' }));
    await send(new DeleteGroupCommand({ GroupName: 'occupied' }));
  });
});

describe('group quota', () => {
  it('limits an account to 300 groups with LimitExceeded', async () => {
    const store = t.server.services.store;
    const have = store.groups.count('000000000000');
    store.tx(() => {
      for (let i = have; i < 300; i++)
        store.groups.insert({ id: `AGPAFILLER${String(i).padStart(11, '0')}`, account_id: '000000000000', name: `filler${i}`, path: '/fill/', created_at: new Date().toISOString() });
    });
    const err = await sdkError(send(new CreateGroupCommand({ GroupName: 'onetoomany' })));
    expect(err).toEqual({ name: 'LimitExceededException', message: 'Cannot exceed quota for GroupsPerAccount: 300', status: 409 });
    await send(new DeleteGroupCommand({ GroupName: 'filler299' }));
    await send(new CreateGroupCommand({ GroupName: 'onetoomany' }));
  });
});
