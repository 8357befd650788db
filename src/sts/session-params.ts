// What every session-issuing STS call shares: session policies, session tags, packed size,
// duration limits and MFA checks, with AWS's errors.
import { lazy } from '../lazy.js';
import type { RequestContext } from '../context.js';
import type { Principal } from '../principal.js';
import { AwsError, accessDenied, validationError } from '../protocol/errors.js';
import { requireValidPolicy } from '../resolution/policy-errors.js';
import { verifyMfaCode } from '../iam/mfa-totp.js';
import type { PolicyDescriptorType, Tag } from '../protocol/generated/sts-types.js';

// node:zlib only for a session policy's packed size (AssumeRole with Policy/PolicyArns/Tags): not at start.
const zlib = lazy<typeof import('node:zlib')>('node:zlib');

export const ROLE_CHAINING_MAX_SECONDS = 3600;
export const MAX_SESSION_TAGS = 50;
/** Session policies: their plaintext may not exceed this many characters (AWS's documented limit). */
export const SESSION_POLICY_MAX_CHARS = 2048;
/** The budget the packed (compressed) session policies + tags are measured against. AWS does not
 *  publish its packing; iam-local deflates the compact JSON and counts against 2,048 bytes. */
export const PACKED_BUDGET_BYTES = 2048;

export const packedPolicyTooLarge = (percent: number) =>
  new AwsError('PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`, 400);

/** Validates an inline session policy (MalformedPolicyDocument as IAM words it). */
export function checkSessionPolicy(policy: string | undefined) {
  if (policy === undefined) return;
  requireValidPolicy(policy, 'session', { skipSize: true });
}

export function policyArnsOf(arns: PolicyDescriptorType[] | undefined): string[] {
  const out: string[] = [];
  for (const d of arns ?? []) {
    if (d.arn === undefined) continue;
    if (!/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+/.test(d.arn))
      throw validationError(`Invalid ARN format: ${d.arn}`);
    out.push(d.arn);
  }
  return out;
}

/** STS's session-tag errors are InvalidParameterValue (test_sts.snapshot.json TestSTSAssumeRoleTagging, recorded 10-04-2025). */
export const invalidParameterValue = (message: string) => new AwsError('InvalidParameterValue', message, 400);

/** Duplicate keys (case-insensitive) are refused as STS refuses them. */
export function checkTags(tags: Tag[] | undefined) {
  if (!tags?.length) return;
  const seen = new Set<string>();
  for (const t of tags) {
    const k = t.Key.toLowerCase();
    if (seen.has(k)) throw invalidParameterValue('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(k);
  }
}

/**
 * A role ARN must at least be an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE with partition,
 * service and resource present) before STS looks for the role or authorizes anything: otherwise
 * ValidationError `<value> is invalid` (test_sts.snapshot.json test_sts_invalid_parameters, recorded 21-07-2025).
 */
export function checkArnSyntax(value: string) {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2] || !parts.slice(5).join(':'))
    throw validationError(`${value} is invalid`);
}

/**
 * The percentage of the packed budget used by session policies and tags; PackedPolicyTooLarge past
 * 100%. Returns undefined when the request passed neither (AWS then omits PackedPolicySize).
 */
export function packedPolicySize(policy: string | undefined, policyArns: string[], tags: Tag[]): number | undefined {
  if (policy === undefined && policyArns.length === 0 && tags.length === 0) return undefined;
  let compact = '';
  if (policy !== undefined) {
    try {
      compact = JSON.stringify(JSON.parse(policy));
    } catch {
      compact = policy;
    }
  }
  const packed = zlib().deflateRawSync(Buffer.from(JSON.stringify([compact, policyArns, tags.map((t) => [t.Key, t.Value])]))).length;
  const percent = Math.max(1, Math.ceil((packed * 100) / PACKED_BUDGET_BYTES));
  if (percent > 100) throw packedPolicyTooLarge(percent);
  return percent;
}

/** Whether the caller itself is using temporary credentials (role chaining, federated, …). */
export const isTemporary = (p: Principal) => p.session !== undefined || p.accessKeyId.startsWith('ASIA');

export const MFA_BOTH_REQUIRED = 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.';
export const MFA_INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';
export const MFA_UNKNOWN_DEVICE =
  'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';

/**
 * Checks SerialNumber + TokenCode as a real TOTP against the caller's own MFA device. Returns
 * true when MFA was given and valid, false when none was given; throws AccessDenied otherwise.
 */
export function checkMfa(ctx: RequestContext, serialNumber: string | undefined, tokenCode: string | undefined): boolean {
  if (serialNumber === undefined && tokenCode === undefined) return false;
  if (serialNumber === undefined || tokenCode === undefined) throw accessDenied(MFA_BOTH_REQUIRED);
  const p = ctx.principal;
  const device = ctx.store.mfa.get(p.accountId, serialNumber);
  // The device must be the calling IAM user's (for role sessions: a device of the session's
  // account; AWS lets role sessions pass a device of the user who started the chain).
  const owner = p.type === 'user' ? p.entityId : undefined;
  if (!device || !device.user_id || (owner !== undefined && device.user_id !== owner)) throw accessDenied(MFA_UNKNOWN_DEVICE);
  if (!verifyMfaCode(ctx.store, p.accountId, serialNumber, tokenCode, ctx.now())) throw accessDenied(MFA_INVALID_CODE);
  return true;
}
