// Accounts: isolation, the 12-digit-key convention, IAM_LOCAL_ACCOUNT_ID, and account aliases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccountAliasCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  GetUserCommand,
  ListAccountAliasesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const OTHER = { accessKeyId: '111111111111', secretAccessKey: 'anything' };

describe('accounts', () => {
  it('a 12-digit access key id is that account’s root, and accounts are isolated', async () => {
    expect(await t.stsAs(OTHER).send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '111111111111',
      Arn: 'arn:aws:iam::111111111111:root',
      UserId: '111111111111',
    });
    await t.iamAs(OTHER).send(new CreateUserCommand({ UserName: 'shared-name' }));
    await t.iam.send(new CreateUserCommand({ UserName: 'shared-name' }));
    const theirs = await t.iamAs(OTHER).send(new GetUserCommand({ UserName: 'shared-name' }));
    const mine = await t.iam.send(new GetUserCommand({ UserName: 'shared-name' }));
    expect(theirs.User!.Arn).toBe('arn:aws:iam::111111111111:user/shared-name');
    expect(mine.User!.Arn).toBe('arn:aws:iam::000000000000:user/shared-name');
    await t.iamAs(OTHER).send(new CreateUserCommand({ UserName: 'only-there' }));
    const names = (await t.iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName);
    expect(names).not.toContain('only-there');
  });

  it('IAM_LOCAL_ACCOUNT_ID sets the account of test/test', async () => {
    const s = await startServer({ accountId: '123456789012' });
    try {
      expect(await s.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' });
    } finally {
      await s.close();
    }
  });
});

describe('account aliases', () => {
  it('creates, lists, replaces and deletes the one alias of an account', async () => {
    expect((await t.iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    await t.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'my-company' }));
    expect((await t.iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['my-company']);
    await t.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'my-company' }));
    await t.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'my-company-2' }));
    expect((await t.iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['my-company-2']);

    const wrong = await sdkError(t.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'my-company' })));
    expect(wrong).toEqual({ name: 'NoSuchEntityException', message: 'The account alias my-company does not exist.', status: 404 });
    await t.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'my-company-2' }));
    expect((await t.iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
  });

  it('keeps aliases unique across accounts (EntityAlreadyExists 409)', async () => {
    await t.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'taken-alias' }));
    const err = await sdkError(t.iamAs(OTHER).send(new CreateAccountAliasCommand({ AccountAlias: 'taken-alias' })));
    expect(err).toEqual({ name: 'EntityAlreadyExistsException', message: 'The account alias taken-alias already exists.', status: 409 });
    expect((await t.iamAs(OTHER).send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    await t.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'taken-alias' }));
    await t.iamAs(OTHER).send(new CreateAccountAliasCommand({ AccountAlias: 'taken-alias' }));
    expect((await t.iamAs(OTHER).send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['taken-alias']);
  });

  it("validates an alias by AWS's pattern", async () => {
    const err = await sdkError(t.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'Bad--Alias' })));
    expect(err).toMatchObject({ name: 'ValidationError', status: 400 });
    // IAM shows no value in model-validation messages (localstack test_iam_roles.snapshot.json, 11-02-2026).
    expect(err.message).toBe(
      "1 validation error detected: Value at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$",
    );
  });
});
