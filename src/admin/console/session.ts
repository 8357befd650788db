// Console sign-in and sessions. A session is a random token in an HttpOnly, SameSite=Strict cookie
// that maps to the signed-in principal; it lives in memory, per server, and ends with what it was
// signed in with (a deleted or deactivated root key, a deleted user: sourceStillValid).
//   root: the bootstrap key (test/test) = the default account's root, or a root access key
//         stored in store.credentials, checked against its secret;
//   user: account id (or alias) + user name + password (verifyConsolePassword, which records
//         PasswordLastUsed) and, when the user has an enabled MFA device, a TOTP code
//         (verifyMfaCode: a code is accepted once, as STS accepts it).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Services } from '../../context.js';
import { rootPrincipal, type Principal } from '../../principal.js';
import { bootstrapKeysAccepted, ROOT_ACCESS_KEY, ROOT_SECRET } from '../../auth/authenticate.js';
import { verifyConsolePassword } from '../../iam/login-profiles.js';
import { verifyMfaCode } from '../../iam/mfa-totp.js';
import { iamArn } from '../../arn.js';

export const COOKIE = 'iam_local_console';
/** AWS console sessions last 12 hours by default. */
const SESSION_MS = 12 * 3600 * 1000;

export interface ConsoleSession {
  token: string;
  principal: Principal;
  /** For the page header: how the principal signed in. */
  signedInAs: { kind: 'root' | 'user'; accountId: string; userName?: string; mfa: boolean; passwordResetRequired?: boolean };
  expiresAt: number;
}

export class SignInError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 401,
  ) {
    super(message);
  }
}

const sessionsByServer = new WeakMap<Services, Map<string, ConsoleSession>>();
const sessionsOf = (services: Services) => {
  let m = sessionsByServer.get(services);
  if (!m) sessionsByServer.set(services, (m = new Map()));
  return m;
};

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export interface RootSignIn {
  kind: 'root';
  accessKeyId?: unknown;
  secretAccessKey?: unknown;
}
export interface UserSignIn {
  kind: 'user';
  accountId?: unknown;
  userName?: unknown;
  password?: unknown;
  mfaCode?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function rootSignIn(services: Services, body: RootSignIn): ConsoleSession['signedInAs'] & { principal: Principal } {
  const akid = str(body.accessKeyId).trim();
  const secret = str(body.secretAccessKey);
  const bad = () => new SignInError('InvalidClientTokenId', 'The access key ID or secret access key you entered is not valid.');
  if (akid === ROOT_ACCESS_KEY) {
    if (!bootstrapKeysAccepted(services.config) || !sameSecret(secret, ROOT_SECRET)) throw bad();
    const accountId = services.config.accountId;
    return { kind: 'root', accountId, mfa: false, principal: rootPrincipal(accountId, akid) };
  }
  const key = services.store.credentials.accessKeys.getAny(akid);
  if (!key || key.user_id !== null || key.status !== 'Active' || !sameSecret(secret, key.secret)) throw bad();
  return { kind: 'root', accountId: key.account_id, mfa: false, principal: rootPrincipal(key.account_id, akid) };
}

function userSignIn(services: Services, body: UserSignIn): ConsoleSession['signedInAs'] & { principal: Principal } {
  const { store, clock } = services;
  const accountInput = str(body.accountId).trim();
  const userName = str(body.userName).trim();
  const password = str(body.password);
  const code = str(body.mfaCode).trim();
  const denied = () =>
    new SignInError('AuthenticationFailed', 'Your authentication information is incorrect. Please try again.');
  const accountId = /^\d{12}$/.test(accountInput) ? accountInput : store.accounts.byAlias(accountInput)?.id;
  if (!accountId || !userName) throw denied();
  const now = clock.now();
  return store.tx(() => {
    const check = verifyConsolePassword(store, accountId, userName, password, now);
    if (check.hardExpired)
      throw new SignInError('PasswordExpired', 'Your password has expired. Contact your administrator to reset it.', 403);
    if (!check.ok || !check.user) throw denied();
    const user = check.user;
    const devices = store.mfa.forUser(user.id, undefined, 100).items;
    let mfa = false;
    if (devices.length) {
      if (!code) throw new SignInError('MfaRequired', 'Enter the code from your MFA device.', 401);
      mfa = devices.some((d) => verifyMfaCode(store, accountId, d.serial, code, now));
      if (!mfa) throw new SignInError('InvalidMfaCode', 'Your authentication information is incorrect. Please try again.', 401);
    }
    const principal: Principal = {
      type: 'user',
      accountId,
      arn: iamArn(accountId, 'user', user.path, user.name),
      userId: user.id,
      name: user.name,
      entityId: user.id,
      accessKeyId: `console-${randomBytes(6).toString('hex')}`,
      // A console session signed in with MFA carries aws:MultiFactorAuthPresent=true; without
      // MFA the key is absent, as for long-term credentials.
      session: mfa
        ? {
            issuedAt: now,
            expiresAt: new Date(now.getTime() + SESSION_MS),
            mfaPresent: true,
            mfaAuthenticatedAt: now,
            sessionPolicies: [],
            sessionPolicyArns: [],
            tags: [],
            transitiveTagKeys: [],
            issuedBy: 'ConsoleLogin',
          }
        : undefined,
    };
    // Reset required (or a soft-expired password): the console asks for a new one first, which
    // the user sets with ChangePassword under its own permissions, as on AWS.
    return { kind: 'user' as const, accountId, userName: user.name, mfa, passwordResetRequired: check.passwordResetRequired, principal };
  });
}

export function signIn(services: Services, body: RootSignIn | UserSignIn): ConsoleSession {
  const made = body?.kind === 'user' ? userSignIn(services, body) : rootSignIn(services, body as RootSignIn);
  const { principal, ...signedInAs } = made;
  const session: ConsoleSession = {
    token: randomBytes(32).toString('base64url'),
    principal,
    signedInAs,
    expiresAt: Date.now() + SESSION_MS,
  };
  sessionsOf(services).set(session.token, session);
  return session;
}

export function sessionFor(services: Services, token: string | undefined): ConsoleSession | undefined {
  if (!token) return undefined;
  const sessions = sessionsOf(services);
  const s = sessions.get(token);
  if (!s) return undefined;
  if (s.expiresAt <= Date.now() || !sourceStillValid(services, s)) {
    sessions.delete(token);
    return undefined;
  }
  return s;
}

/**
 * A console session lives no longer than what it was signed in with (checked on every request):
 * the root access key still Active (the bootstrap key: still accepted, see IAM_LOCAL_BOOTSTRAP_KEYS),
 * the user still there — the same user: one re-created under the name has another id.
 */
function sourceStillValid(services: Services, s: ConsoleSession): boolean {
  const p = s.principal;
  if (s.signedInAs.kind === 'root') {
    if (p.accessKeyId === ROOT_ACCESS_KEY) return bootstrapKeysAccepted(services.config);
    const key = services.store.credentials.accessKeys.getAny(p.accessKeyId);
    return key !== undefined && key.status === 'Active' && key.user_id === null && key.account_id === p.accountId;
  }
  return p.entityId !== undefined && services.store.users.getById(p.entityId) !== undefined;
}

export function signOut(services: Services, token: string | undefined) {
  if (token) sessionsOf(services).delete(token);
}

export function tokenFromCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

export const sessionCookie = (token: string) =>
  `${COOKIE}=${token}; Path=/_iam/console; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1000}`;
export const clearedCookie = () => `${COOKIE}=; Path=/_iam/console; HttpOnly; SameSite=Strict; Max-Age=0`;
