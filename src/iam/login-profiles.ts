// Console passwords: Create/Get/Update/DeleteLoginProfile, ChangePassword by the user itself, and
// verifyConsolePassword for the console sign-in. Passwords are stored only as salted hashes.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { LoginProfile } from '../protocol/generated/iam-types.js';
import { AwsError, entityAlreadyExists, noSuchEntity, validationError } from '../protocol/errors.js';
import type { LoginProfileRow } from '../store/login-profiles.js';
import { iso } from '../store/rows.js';
import type { Store } from '../store/store.js';
import type { UserRow } from '../store/users.js';
import { requireUser, userOrCaller } from './users.js';
import { checkPassword, hashPassword, passwordExpiry, passwordMatches } from './password-policy.js';

/** How many earlier passwords are kept for PasswordReusePrevention (its maximum). */
const HISTORY = 24;

const noProfile = (userName: string) => noSuchEntity(`Login Profile for User ${userName} cannot be found.`);

function requireProfile(ctx: RequestContext, user: UserRow): LoginProfileRow {
  const row = ctx.store.loginProfiles.get(user.id);
  if (!row) throw noProfile(user.name);
  return row;
}

function profileShape(user: UserRow, row: LoginProfileRow): LoginProfile {
  return { UserName: user.name, CreateDate: new Date(row.created_at), PasswordResetRequired: !!row.reset_required };
}

function namedUser(ctx: RequestContext, name: string | undefined): UserRow {
  const user = userOrCaller(ctx, name);
  if (!user) throw validationError('Must specify userName when calling with non-User credentials');
  return user;
}

function setPassword(ctx: RequestContext, user: UserRow, password: string) {
  const hash = hashPassword(password);
  const at = iso(ctx.now());
  ctx.store.loginProfiles.setPassword(user.id, hash, at);
  ctx.store.loginProfiles.remember(user.id, hash, at);
}


export const loginProfileHandlers: IamHandlers = {
  CreateLoginProfile(ctx, input) {
    const user = namedUser(ctx, input.UserName);
    if (ctx.store.loginProfiles.get(user.id)) throw entityAlreadyExists(`Login Profile for user ${user.name} already exists.`);
    if (input.Password === undefined) throw validationError('Password is required when creating a login profile for an IAM user.');
    checkPassword(ctx.store, ctx.accountId, input.Password);
    const hash = hashPassword(input.Password);
    const at = iso(ctx.now());
    const row: LoginProfileRow = {
      user_id: user.id,
      account_id: ctx.accountId,
      password_hash: hash,
      created_at: at,
      changed_at: at,
      reset_required: input.PasswordResetRequired ? 1 : 0,
    };
    ctx.store.loginProfiles.insert(row);
    ctx.store.loginProfiles.remember(user.id, hash, at);
    return { LoginProfile: profileShape(user, row) };
  },

  GetLoginProfile(ctx, input) {
    const user = namedUser(ctx, input.UserName);
    return { LoginProfile: profileShape(user, requireProfile(ctx, user)) };
  },

  UpdateLoginProfile(ctx, input) {
    const user = requireUser(ctx, input.UserName);
    requireProfile(ctx, user);
    if (input.Password !== undefined) {
      checkPassword(ctx.store, ctx.accountId, input.Password);
      setPassword(ctx, user, input.Password);
    }
    if (input.PasswordResetRequired !== undefined) ctx.store.loginProfiles.setResetRequired(user.id, input.PasswordResetRequired);
  },

  DeleteLoginProfile(ctx, input) {
    const user = namedUser(ctx, input.UserName);
    requireProfile(ctx, user);
    ctx.store.loginProfiles.delete(user.id);
  },

  ChangePassword(ctx, input) {
    const p = ctx.principal;
    if (p.type !== 'user' || !p.entityId)
      throw new AwsError('InvalidUserType', 'Only IAM Users can change their own password.', 400);
    const user = ctx.store.users.getById(p.entityId);
    if (!user) throw noSuchEntity(`The user with name ${p.name} cannot be found.`);
    const profile = requireProfile(ctx, user);
    if (!passwordMatches(input.OldPassword, profile.password_hash))
      throw new AwsError('AccessDenied', 'The old password is incorrect.', 403);
    checkPassword(ctx.store, ctx.accountId, input.NewPassword, ctx.store.loginProfiles.history(user.id, HISTORY));
    setPassword(ctx, user, input.NewPassword);
    ctx.store.loginProfiles.setResetRequired(user.id, false);
  },
};

export interface ConsolePasswordCheck {
  ok: boolean;
  user?: UserRow;
  /** The user must set a new password before doing anything else. */
  passwordResetRequired: boolean;
  /** The password is past the policy's MaxPasswordAge. */
  expired: boolean;
  /** Expired with HardExpiry: only an administrator can let the user in again. */
  hardExpired: boolean;
}

/**
 * The console sign-in's password check. On success the user's PasswordLastUsed is recorded (it
 * feeds GetUser and the credential report). Must run inside a store transaction.
 */
export function verifyConsolePassword(
  store: Store,
  accountId: string,
  userName: string,
  password: string,
  now: Date,
): ConsolePasswordCheck {
  const fail: ConsolePasswordCheck = { ok: false, passwordResetRequired: false, expired: false, hardExpired: false };
  const user = store.users.get(accountId, userName);
  if (!user) return fail;
  const profile = store.loginProfiles.get(user.id);
  if (!profile || !passwordMatches(password, profile.password_hash)) return fail;
  const expiry = passwordExpiry(store, accountId, profile.changed_at);
  const expired = expiry !== undefined && expiry.getTime() <= now.getTime();
  const hardExpired = expired && !!store.loginProfiles.policy(accountId)?.hard_expiry;
  if (hardExpired) return { ...fail, user, expired, hardExpired };
  store.users.setPasswordLastUsed(user.id, iso(now));
  return { ok: true, user, passwordResetRequired: !!profile.reset_required || expired, expired, hardExpired };
}
