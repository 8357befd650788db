// Access keys: lifecycle, limits, status, last-used, and who a key proves its caller to be.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { sdkError, startServer, userWithKey, type TestServer } from './helpers/server.js';
import { newAccessKeyId } from '../src/auth/access-key-id.js';

const INVALID = { name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 };

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());
afterEach(async () => {
  await t.admin('POST', '/_iam/clock', { reset: true });
});

describe('access keys', () => {
  it('creates AWS-shaped keys that sign as the user (GetCallerIdentity, GetUser without a name)', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/' }));
    const created = await t.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const key = created.AccessKey!;
    expect(key.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(key.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(key).toMatchObject({ UserName: 'alice', Status: 'Active' });
    expect(key.CreateDate).toBeInstanceOf(Date);

    const creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const user = (await t.iam.send(new GetUserCommand({ UserName: 'alice' }))).User!;
    const id = await t.stsAs(creds).send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/eng/alice', UserId: user.UserId });
    const me = await t.iamAs(creds).send(new GetUserCommand({}));
    expect(me.User).toMatchObject({ UserName: 'alice', Path: '/eng/', UserId: user.UserId });
  });

  it('allows at most 2 keys per user (LimitExceeded 409), lists them, and CreateAccessKey without a name is for the caller', async () => {
    const u = await userWithKey(t, 'bob');
    const second = await u.iam.send(new CreateAccessKeyCommand({}));
    expect(second.AccessKey!.UserName).toBe('bob');
    const err = await sdkError(t.iam.send(new CreateAccessKeyCommand({ UserName: 'bob' })));
    expect(err).toEqual({ name: 'LimitExceededException', message: 'Cannot exceed quota for AccessKeysPerUser: 2', status: 409 });
    const list = await t.iam.send(new ListAccessKeysCommand({ UserName: 'bob' }));
    expect(list.AccessKeyMetadata!.map((k) => k.AccessKeyId).sort()).toEqual([u.creds.accessKeyId, second.AccessKey!.AccessKeyId].sort());
    expect(list.AccessKeyMetadata!.every((k) => k.Status === 'Active' && k.UserName === 'bob')).toBe(true);
    const paged = await t.iam.send(new ListAccessKeysCommand({ UserName: 'bob', MaxItems: 1 }));
    expect(paged.IsTruncated).toBe(true);
    const rest = await t.iam.send(new ListAccessKeysCommand({ UserName: 'bob', Marker: paged.Marker }));
    expect(rest.AccessKeyMetadata).toHaveLength(1);
    expect(rest.AccessKeyMetadata![0]!.AccessKeyId).not.toBe(paged.AccessKeyMetadata![0]!.AccessKeyId);
    expect(await sdkError(t.iam.send(new ListAccessKeysCommand({ UserName: 'nobody' })))).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });

  it('refuses an Inactive key at once and accepts it again when reactivated', async () => {
    const u = await userWithKey(t, 'carol');
    await expect(u.sts.send(new GetCallerIdentityCommand({}))).resolves.toBeTruthy();
    await t.iam.send(new UpdateAccessKeyCommand({ UserName: 'carol', AccessKeyId: u.creds.accessKeyId, Status: 'Inactive' }));
    expect((await t.iam.send(new ListAccessKeysCommand({ UserName: 'carol' }))).AccessKeyMetadata![0]!.Status).toBe('Inactive');
    expect(await sdkError(u.sts.send(new GetCallerIdentityCommand({})))).toEqual(INVALID);
    expect(await sdkError(u.iam.send(new ListUsersCommand({})))).toEqual(INVALID);
    await t.iam.send(new UpdateAccessKeyCommand({ UserName: 'carol', AccessKeyId: u.creds.accessKeyId, Status: 'Active' }));
    await expect(u.sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: u.arn });
  });

  it('refuses a deleted key (never treats it as an unknown key), and DeleteUser waits for its keys', async () => {
    const u = await userWithKey(t, 'dave');
    const conflict = await sdkError(t.iam.send(new DeleteUserCommand({ UserName: 'dave' })));
    expect(conflict).toEqual({ name: 'DeleteConflictException', message: 'Cannot delete entity, must delete access keys first.', status: 409 });
    await t.iam.send(new DeleteAccessKeyCommand({ UserName: 'dave', AccessKeyId: u.creds.accessKeyId }));
    expect(await sdkError(u.sts.send(new GetCallerIdentityCommand({})))).toEqual(INVALID);
    expect((await t.iam.send(new ListAccessKeysCommand({ UserName: 'dave' }))).AccessKeyMetadata).toEqual([]);
    const again = await sdkError(t.iam.send(new DeleteAccessKeyCommand({ UserName: 'dave', AccessKeyId: u.creds.accessKeyId })));
    expect(again).toEqual({ name: 'NoSuchEntityException', message: `The Access Key with id ${u.creds.accessKeyId} cannot be found.`, status: 404 });
    await t.iam.send(new DeleteUserCommand({ UserName: 'dave' }));
  });

  it("does not let one user's name reach another user's key", async () => {
    const a = await userWithKey(t, 'erin');
    await t.iam.send(new CreateUserCommand({ UserName: 'frank' }));
    const err = await sdkError(t.iam.send(new UpdateAccessKeyCommand({ UserName: 'frank', AccessKeyId: a.creds.accessKeyId, Status: 'Inactive' })));
    expect(err).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });

  it('records last use (date by the server clock, service, region); N/A before first use', async () => {
    const u = await userWithKey(t, 'gina');
    const before = await t.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: u.creds.accessKeyId }));
    expect(before).toMatchObject({ UserName: 'gina', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
    expect(before.AccessKeyLastUsed!.LastUsedDate).toBeUndefined();

    await t.admin('POST', '/_iam/clock', { advanceSeconds: 300 });
    const clock = (await t.admin('GET', '/_iam/clock')).json;
    await u.sts.send(new GetCallerIdentityCommand({}));
    const after = await t.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: u.creds.accessKeyId }));
    expect(after.AccessKeyLastUsed).toMatchObject({ ServiceName: 'sts', Region: 'us-east-1' });
    const used = after.AccessKeyLastUsed!.LastUsedDate!.getTime();
    expect(Math.abs(used - Date.parse(clock.now))).toBeLessThan(5_000);
    expect(used - Date.now()).toBeGreaterThan(290_000);

    await u.iam.send(new ListUsersCommand({}));
    expect((await t.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: u.creds.accessKeyId }))).AccessKeyLastUsed!.ServiceName).toBe('iam');
  });

  it('gives the root its own access keys when the root calls CreateAccessKey without a name', async () => {
    const key = (await t.iam.send(new CreateAccessKeyCommand({}))).AccessKey!;
    const root = t.stsAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    expect(await root.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: 'arn:aws:iam::000000000000:root', UserId: '000000000000' });
    const list = await t.iam.send(new ListAccessKeysCommand({}));
    expect(list.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([key.AccessKeyId]);
    await t.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: key.AccessKeyId! }));
  });

  it('dates new keys by the server clock', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'future' }));
    await t.admin('POST', '/_iam/clock', { setTime: '2030-06-01T12:00:00Z' });
    // Sign at the server's time (the shared SDK client would fail once, then correct its clock
    // from the Date header for the rest of the file).
    const { signQuery, send } = await import('./helpers/sigv4.js');
    const s = await signQuery(t.url, { Action: 'CreateAccessKey', Version: '2010-05-08', UserName: 'future' }, {
      creds: { accessKeyId: 'test', secretAccessKey: 'test' },
      service: 'iam',
      signingDate: new Date('2030-06-01T12:00:05Z'),
    });
    const res = await send(s.url, { method: 'POST', headers: s.headers, body: s.body });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/<CreateDate>2030-06-01T12:00:0\dZ<\/CreateDate>/);
  });

  it('refuses a session token sent with a long-term key', async () => {
    const u = await userWithKey(t, 'hank');
    const err = await sdkError(t.stsAs({ ...u.creds, sessionToken: 'anything' }).send(new GetCallerIdentityCommand({})));
    expect(err).toEqual(INVALID);
  });
});

describe('GetAccessKeyInfo', () => {
  it("answers the owning account of any key id, other accounts' included", async () => {
    const mine = await userWithKey(t, 'ivy');
    expect(await t.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: mine.creds.accessKeyId }))).toMatchObject({ Account: '000000000000' });

    const other = { accessKeyId: '111122223333', secretAccessKey: 'x' };
    const theirs = await userWithKey(t, 'ivy', { as: other });
    expect(theirs.arn).toBe('arn:aws:iam::111122223333:user/ivy');
    expect(await t.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: theirs.creds.accessKeyId }))).toMatchObject({ Account: '111122223333' });
    expect(await theirs.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/ivy' });

    // A key this server never issued: the account is read from the id itself, as AWS does.
    const foreign = newAccessKeyId('AKIA', '444455556666');
    expect(await t.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: foreign }))).toMatchObject({ Account: '444455556666' });
    expect(await t.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'ASIAY34FZKBOKMUTVV7A' }))).toMatchObject({ Account: '609629065308' });
  });
});
