// The account password policy (Get/Update/DeleteAccountPasswordPolicy) and the check every new
// console password goes through (PasswordPolicyViolation with AWS's messages).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { PasswordPolicy } from '../protocol/generated/iam-types.js';
import { AwsError, noSuchEntity } from '../protocol/errors.js';
import type { PasswordPolicyRow } from '../store/login-profiles.js';
import type { Store } from '../store/store.js';

/** The symbols IAM counts for RequireSymbols. */
const SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
const DAY_MS = 86_400_000;

export const passwordPolicyViolation = (message: string) => new AwsError('PasswordPolicyViolation', message, 400);

const noPolicy = (accountId: string) => noSuchEntity(`The Password Policy with domain name ${accountId} cannot be found.`);

export function policyShape(row: PasswordPolicyRow): PasswordPolicy {
  return {
    MinimumPasswordLength: row.minimum_length,
    RequireSymbols: !!row.require_symbols,
    RequireNumbers: !!row.require_numbers,
    RequireUppercaseCharacters: !!row.require_uppercase,
    RequireLowercaseCharacters: !!row.require_lowercase,
    AllowUsersToChangePassword: !!row.allow_users_to_change,
    ExpirePasswords: row.max_age !== null && row.max_age > 0,
    MaxPasswordAge: row.max_age ?? undefined,
    PasswordReusePrevention: row.reuse_prevention ?? undefined,
    HardExpiry: row.hard_expiry === null ? undefined : !!row.hard_expiry,
  };
}

const has = {
  upper: (p: string) => /[A-Z]/.test(p),
  lower: (p: string) => /[a-z]/.test(p),
  number: (p: string) => /[0-9]/.test(p),
  symbol: (p: string) => [...p].some((c) => SYMBOLS.includes(c)),
};

/**
 * Throws PasswordPolicyViolation when `password` breaks the account's policy — the custom one if
 * set, else AWS's default (at least 8 characters and three of the four character types).
 * `previousHashes` are the user's recent passwords when reuse prevention applies.
 */
export function checkPassword(store: Store, accountId: string, password: string, previousHashes: string[] = []) {
  const policy = store.loginProfiles.policy(accountId);
  if (!policy) {
    if (password.length < 8) throw passwordPolicyViolation('Password should have a minimum length of 8');
    const kinds = [has.upper, has.lower, has.number, has.symbol].filter((f) => f(password)).length;
    if (kinds < 3)
      throw passwordPolicyViolation(
        'Password should have at least three of the following character types: uppercase letters, lowercase letters, numbers, and symbols',
      );
    return;
  }
  if (password.length < policy.minimum_length)
    throw passwordPolicyViolation(`Password should have a minimum length of ${policy.minimum_length}`);
  if (policy.require_lowercase && !has.lower(password))
    throw passwordPolicyViolation('Password should have at least one lowercase letter');
  if (policy.require_uppercase && !has.upper(password))
    throw passwordPolicyViolation('Password should have at least one uppercase letter');
  if (policy.require_numbers && !has.number(password)) throw passwordPolicyViolation('Password should have at least one number');
  if (policy.require_symbols && !has.symbol(password)) throw passwordPolicyViolation('Password should have at least one symbol');
  if (policy.reuse_prevention && previousHashes.slice(0, policy.reuse_prevention).some((h) => passwordMatches(password, h)))
    throw passwordPolicyViolation(`Password should not be one of your previous ${policy.reuse_prevention} passwords`);
}

/** When a password set at `changedAt` must be changed, if the policy makes passwords expire. */
export function passwordExpiry(store: Store, accountId: string, changedAt: string): Date | undefined {
  const policy = store.loginProfiles.policy(accountId);
  if (!policy?.max_age) return undefined;
  return new Date(Date.parse(changedAt) + policy.max_age * DAY_MS);
}

export const passwordPolicyHandlers: IamHandlers = {
  GetAccountPasswordPolicy(ctx: RequestContext) {
    const row = ctx.store.loginProfiles.policy(ctx.accountId);
    if (!row) throw noPolicy(ctx.accountId);
    return { PasswordPolicy: policyShape(row) };
  },

  // Every parameter left out goes back to its default, as in IAM.
  UpdateAccountPasswordPolicy(ctx, input) {
    ctx.store.loginProfiles.putPolicy({
      account_id: ctx.accountId,
      minimum_length: input.MinimumPasswordLength ?? 6,
      require_symbols: input.RequireSymbols ? 1 : 0,
      require_numbers: input.RequireNumbers ? 1 : 0,
      require_uppercase: input.RequireUppercaseCharacters ? 1 : 0,
      require_lowercase: input.RequireLowercaseCharacters ? 1 : 0,
      allow_users_to_change: input.AllowUsersToChangePassword ? 1 : 0,
      max_age: input.MaxPasswordAge ?? null,
      reuse_prevention: input.PasswordReusePrevention ?? null,
      hard_expiry: input.HardExpiry === undefined ? null : input.HardExpiry ? 1 : 0,
    });
  },

  DeleteAccountPasswordPolicy(ctx) {
    // Get says "Password Policy with domain name", Delete "account policy with name" (both recorded 13-02-2026).
    if (!ctx.store.loginProfiles.deletePolicy(ctx.accountId))
      throw noSuchEntity('The account policy with name PasswordPolicy cannot be found.');
  },
};

// Console passwords are kept only as salted scrypt hashes: 'scrypt$N$r$p$SALT$HASH' (base64).
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: +n!, r: +r!, p: +p! });
  return timingSafeEqual(actual, expected);
}
