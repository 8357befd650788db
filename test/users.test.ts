import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

describe('users', () => {
  it('creates, reads, renames and deletes a user', async () => {
    const created = await t.iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'a' }] }));
    expect(created.User).toMatchObject({ UserName: 'alice', Path: '/eng/', Arn: 'arn:aws:iam::000000000000:user/eng/alice' });
    expect(created.User!.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(created.User!.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    expect(created.User!.CreateDate).toBeInstanceOf(Date);

    const got = await t.iam.send(new GetUserCommand({ UserName: 'ALICE' }));
    expect(got.User!.UserName).toBe('alice');

    await t.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alice2', NewPath: '/ops/' }));
    const renamed = await t.iam.send(new GetUserCommand({ UserName: 'alice2' }));
    expect(renamed.User).toMatchObject({ Path: '/ops/', UserId: created.User!.UserId });

    await t.iam.send(new DeleteUserCommand({ UserName: 'alice2' }));
    const err = await sdkError(t.iam.send(new GetUserCommand({ UserName: 'alice2' })));
    expect(err).toEqual({ name: 'NoSuchEntityException', message: 'The user with name alice2 cannot be found.', status: 404 });
  });

  it('refuses a duplicate name case-insensitively with EntityAlreadyExists (409)', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const err = await sdkError(t.iam.send(new CreateUserCommand({ UserName: 'BOB' })));
    expect(err).toEqual({ name: 'EntityAlreadyExistsException', message: 'User with name BOB already exists.', status: 409 });
  });

  it('answers constraint violations with ValidationError as AWS does', async () => {
    const err = await sdkError(t.iam.send(new CreateUserCommand({ UserName: 'bad name!' })));
    expect(err.status).toBe(400);
    expect(err.name).toBe('ValidationError');
    // IAM checks a name's characters in its own code (hashicorp/terraform#16187, kubecost/docs#36):
    expect(err.message).toBe(
      'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    );
    // Model violations come first and IAM shows no values (localstack test_iam_roles.snapshot.json,
    // TestRoleTags::test_role_tag_errors, recorded 11-02-2026); the path's own check waits for them.
    const two = await sdkError(t.iam.send(new CreateUserCommand({ UserName: 'x'.repeat(65), Path: 'nope' })));
    expect(two.message).toBe(
      "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64",
    );
    const path = await sdkError(t.iam.send(new CreateUserCommand({ UserName: 'pathless', Path: 'nope' })));
    expect(path.message).toBe(
      'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
    );
  });

  it('lists users with PathPrefix and Marker/MaxItems pagination', async () => {
    for (const n of ['p1', 'p2', 'p3', 'p4', 'p5']) await t.iam.send(new CreateUserCommand({ UserName: n, Path: '/pag/' }));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await t.iam.send(new ListUsersCommand({ PathPrefix: '/pag/', MaxItems: 2, Marker: marker }));
      seen.push(...page.Users!.map((u) => u.UserName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(seen).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(pages).toBe(3);
  });

  it('tags and untags users', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'tagged' }));
    await t.iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await t.iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'A', Value: '3' }] }));
    await t.iam.send(new UntagUserCommand({ UserName: 'tagged', TagKeys: ['b'] }));
    const tags = await t.iam.send(new ListUserTagsCommand({ UserName: 'tagged' }));
    expect(tags.Tags).toEqual([{ Key: 'A', Value: '3' }]);
    const dup = await sdkError(
      t.iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'x', Value: '1' }, { Key: 'X', Value: '2' }] })),
    );
    expect(dup).toMatchObject({ name: 'InvalidInputException', status: 400 });
  });

  it('GetUser without a name answers the root user', async () => {
    const me = await t.iam.send(new GetUserCommand({}));
    expect(me.User!.Arn).toBe('arn:aws:iam::000000000000:root');
  });
});

describe('protocol', () => {
  it('GetCallerIdentity answers the root of the default account', async () => {
    const id = await t.sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root', UserId: '000000000000' });
  });

  it('answers an unknown action with InvalidAction (400)', async () => {
    const res = await t.query({ Action: 'MakeCoffee', Version: '2010-05-08' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>InvalidAction</Code>');
    expect(res.body).toContain('<Message>Could not find operation MakeCoffee for version 2010-05-08</Message>');
  });
});
