import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';
import { verifyConsolePassword } from '../src/iam/login-profiles.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ACCOUNT = '000000000000';

async function userWithKey(name: string) {
  await t.iam.send(new CreateUserCommand({ UserName: name }));
  const key = await t.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return t.iamAs({ accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! });
}

describe('login profiles', () => {
  it('creates, reads, updates and deletes a login profile; the password is never returned', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const created = await t.iam.send(
      new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9', PasswordResetRequired: true }),
    );
    expect(created.LoginProfile).toMatchObject({ UserName: 'alice', PasswordResetRequired: true });
    expect(created.LoginProfile!.CreateDate).toBeInstanceOf(Date);
    expect(JSON.stringify(created)).not.toContain('Correct-Horse-9');

    const got = await t.iam.send(new GetLoginProfileCommand({ UserName: 'alice' }));
    expect(got.LoginProfile).toMatchObject({ UserName: 'alice', PasswordResetRequired: true });

    await t.iam.send(new UpdateLoginProfileCommand({ UserName: 'alice', PasswordResetRequired: false, Password: 'Another-Pass-8' }));
    expect((await t.iam.send(new GetLoginProfileCommand({ UserName: 'alice' }))).LoginProfile!.PasswordResetRequired).toBe(false);

    // Only a salted hash is stored.
    const row = t.server.services.store.db.prepare('SELECT password_hash FROM login_profiles').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('Another-Pass-8');

    const dup = await sdkError(t.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9' })));
    expect(dup).toEqual({ name: 'EntityAlreadyExistsException', message: 'Login Profile for user alice already exists.', status: 409 });

    const conflict = await sdkError(t.iam.send(new DeleteUserCommand({ UserName: 'alice' })));
    expect(conflict).toEqual({ name: 'DeleteConflictException', message: 'Cannot delete entity, must delete login profile first.', status: 409 });

    await t.iam.send(new DeleteLoginProfileCommand({ UserName: 'alice' }));
    const gone = await sdkError(t.iam.send(new GetLoginProfileCommand({ UserName: 'alice' })));
    expect(gone).toEqual({ name: 'NoSuchEntityException', message: 'Login Profile for User alice cannot be found.', status: 404 });
    const gone2 = await sdkError(t.iam.send(new DeleteLoginProfileCommand({ UserName: 'alice' })));
    expect(gone2.status).toBe(404);
    const gone3 = await sdkError(t.iam.send(new UpdateLoginProfileCommand({ UserName: 'alice', PasswordResetRequired: true })));
    expect(gone3.name).toBe('NoSuchEntityException');
    await t.iam.send(new DeleteUserCommand({ UserName: 'alice' }));
    const noUser = await sdkError(t.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9' })));
    expect(noUser).toEqual({ name: 'NoSuchEntityException', message: 'The user with name alice cannot be found.', status: 404 });
  });

  it('lets a user change their own password, checking the old one', async () => {
    const bob = await userWithKey('bob');
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'First-Pass-111', PasswordResetRequired: true }));
    const wrong = await sdkError(bob.send(new ChangePasswordCommand({ OldPassword: 'nope-nope-1A', NewPassword: 'Second-Pass-222' })));
    expect(wrong.status).toBe(403);
    await bob.send(new ChangePasswordCommand({ OldPassword: 'First-Pass-111', NewPassword: 'Second-Pass-222' }));
    expect((await t.iam.send(new GetLoginProfileCommand({ UserName: 'bob' }))).LoginProfile!.PasswordResetRequired).toBe(false);

    const store = t.server.services.store;
    const now = t.server.services.clock.now();
    expect(store.tx(() => verifyConsolePassword(store, ACCOUNT, 'bob', 'First-Pass-111', now)).ok).toBe(false);
    const ok = store.tx(() => verifyConsolePassword(store, ACCOUNT, 'bob', 'Second-Pass-222', now));
    expect(ok).toMatchObject({ ok: true, passwordResetRequired: false, expired: false });
    const user = await t.iam.send(new GetUserCommand({ UserName: 'bob' }));
    expect(user.User!.PasswordLastUsed?.toISOString().slice(0, 19)).toBe(now.toISOString().slice(0, 19));

    // The root user is not an IAM user.
    const root = await sdkError(t.iam.send(new ChangePasswordCommand({ OldPassword: 'x', NewPassword: 'y' })));
    expect(root).toEqual({ name: 'InvalidUserTypeException', message: 'Only IAM Users can change their own password.', status: 400 });
    // A user without a login profile.
    const carol = await userWithKey('carol');
    const none = await sdkError(carol.send(new ChangePasswordCommand({ OldPassword: 'x', NewPassword: 'Whatever-123' })));
    expect(none).toEqual({ name: 'NoSuchEntityException', message: 'Login Profile for User carol cannot be found.', status: 404 });
  });
});

describe('account password policy', () => {
  it('answers NoSuchEntity while no policy is set, then stores and returns one', async () => {
    const none = await sdkError(t.iam.send(new GetAccountPasswordPolicyCommand({})));
    expect(none).toEqual({ name: 'NoSuchEntityException', message: `The Password Policy with domain name ${ACCOUNT} cannot be found.`, status: 404 });
    const delNone = await sdkError(t.iam.send(new DeleteAccountPasswordPolicyCommand({})));
    expect(delNone.name).toBe('NoSuchEntityException');

    await t.iam.send(new UpdateAccountPasswordPolicyCommand({}));
    const defaults = await t.iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(defaults.PasswordPolicy).toEqual({
      MinimumPasswordLength: 6,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
    });

    await t.iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 2,
        HardExpiry: false,
      }),
    );
    const got = await t.iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(got.PasswordPolicy).toEqual({
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 2,
      HardExpiry: false,
    });

    const tooShort = await sdkError(t.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 5 })));
    expect(tooShort.name).toBe('ValidationError');
  });

  it('refuses passwords that break the policy with PasswordPolicyViolation, including reuse', async () => {
    const dan = await userWithKey('dan');
    const violation = async (password: string) =>
      sdkError(t.iam.send(new CreateLoginProfileCommand({ UserName: 'dan', Password: password })));
    expect(await violation('Sh0rt!')).toEqual({
      name: 'PasswordPolicyViolationException',
      message: 'Password should have a minimum length of 12',
      status: 400,
    });
    expect((await violation('alllowercase1!')).message).toBe('Password should have at least one uppercase letter');
    expect((await violation('ALLUPPERCASE1!')).message).toBe('Password should have at least one lowercase letter');
    expect((await violation('NoNumbersHere!')).message).toBe('Password should have at least one number');
    expect((await violation('NoSymbolsHere1')).message).toBe('Password should have at least one symbol');

    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'dan', Password: 'Good-Password-1' }));
    await dan.send(new ChangePasswordCommand({ OldPassword: 'Good-Password-1', NewPassword: 'Good-Password-2' }));
    const reuse = await sdkError(dan.send(new ChangePasswordCommand({ OldPassword: 'Good-Password-2', NewPassword: 'Good-Password-1' })));
    expect(reuse.name).toBe('PasswordPolicyViolationException');
    const weak = await sdkError(t.iam.send(new UpdateLoginProfileCommand({ UserName: 'dan', Password: 'weak' })));
    expect(weak.name).toBe('PasswordPolicyViolationException');

    // Passwords expire by the clock: 91 days later the sign-in asks for a new one.
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 91 * 86400 });
    const store = t.server.services.store;
    const later = t.server.services.clock.now();
    expect(store.tx(() => verifyConsolePassword(store, ACCOUNT, 'dan', 'Good-Password-2', later))).toMatchObject({
      ok: true,
      expired: true,
      passwordResetRequired: true,
    });
    await t.admin('POST', '/_iam/clock', { reset: true });

    await t.iam.send(new DeleteAccountPasswordPolicyCommand({}));
    expect((await sdkError(t.iam.send(new GetAccountPasswordPolicyCommand({})))).name).toBe('NoSuchEntityException');
  });
});
