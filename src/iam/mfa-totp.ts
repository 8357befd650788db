// The one TOTP check of iam-local (RFC 6238: SHA-1, 6 digits, 30-second steps, as AWS's virtual
// MFA devices use). EnableMFADevice/ResyncMFADevice, STS (SerialNumber + TokenCode) and the
// console sign-in all go through here, so a code is accepted once and only once everywhere.
import { lazy } from '../lazy.js';
// Lazy: only MFA checks need otpauth; start-up pays nothing for it.
const otpauth = lazy<typeof import('otpauth')>('otpauth');
import type { Store } from '../store/store.js';

export const TOTP_PERIOD_SECONDS = 30;

export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code a device with this base32 seed shows during the given time step. */
export function totpCode(seedBase32: string, step: number): string {
  const { HOTP, Secret } = otpauth();
  return HOTP.generate({ secret: Secret.fromBase32(seedBase32), algorithm: 'SHA1', digits: 6, counter: step });
}

/** The step in [from, to] whose code is `code`, if any (latest first, so the freshest match wins). */
export function matchStep(seedBase32: string, code: string, from: number, to: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  for (let s = to; s >= from; s--) if (totpCode(seedBase32, s) === code) return s;
  return undefined;
}

/**
 * Checks a TokenCode against an enabled MFA device of the account: the code must be the current
 * one or one step either side, and newer than the last code the device accepted (a code is never
 * accepted twice). On success the device remembers the step. Must run inside a store transaction.
 */
export function verifyMfaCode(store: Store, accountId: string, serialNumber: string, code: string, now: Date): boolean {
  const device = store.mfa.get(accountId, serialNumber);
  if (!device || !device.user_id) return false;
  const cur = totpStep(now);
  const step = matchStep(device.seed, code, cur - 1, cur + 1);
  if (step === undefined) return false;
  if (device.last_step !== null && step <= device.last_step) return false;
  store.mfa.setLastStep(device.serial, step);
  return true;
}
