// Who a request is, as its SigV4 signature proves it (AWS's rules, AWS's answers):
//   1. the signature it carries (Authorization header or presigned query)    → sigv4.ts
//   2. the access key → secret + principal: `test` (the default account's root, secret `test`),
//      stored AKIA… keys (users and roots), STS sessions (ASIA…, with their token and expiry);
//      with IAM_LOCAL_ENFORCE=off an unknown key acts as the default account's root (logged once)
//      and a 12-digit key id as that account's root, secret anything. These well-known keys
//      (`test` and the unknown ones) prove nothing anyone could not type, so they are accepted
//      only while the server listens on loopback, unless IAM_LOCAL_BOOTSTRAP_KEYS=on (or never:
//      =off) — see bootstrapKeysAccepted
//   3. credential scope (date, region, service, terminator), request time within 15 minutes of
//      the server clock (presigned: until X-Amz-Expires, at most 15 minutes), the signature itself
//   4. last-used (date, service, region) of the key, by the server clock.
import type { Services } from '../context.js';
import { AwsError } from '../protocol/errors.js';
import { isLoopbackHost } from '../config.js';
import { iamArn } from '../arn.js';
import { rootPrincipal, type Principal } from '../principal.js';
import type { CredentialScope, SignedRequest } from './signed-request.js';
import {
  checkHostSigned,
  parseSignature,
  signatureDoesNotMatch,
  signatureMatches,
  SIGNATURE_MISMATCH_MESSAGE,
  toBasicDate,
  type ParsedSignature,
} from './sigv4.js';

export interface Authenticated {
  principal: Principal;
  region: string;
  /** The signature was checked against a secret the server holds (false: an unknown key or a
   *  12-digit root in `off` mode, whose secret is anything). */
  verified: boolean;
}

/** Whether the well-known keys (`test`/`test`, unknown and 12-digit keys in `off` mode) are accepted. */
export function bootstrapKeysAccepted(config: Services['config']): boolean {
  const mode = config.bootstrapKeys ?? 'loopback';
  return mode === 'on' || (mode === 'loopback' && isLoopbackHost(config.host));
}

export const ROOT_ACCESS_KEY = 'test';
export const ROOT_SECRET = 'test';
/** AWS's allowed clock skew and the longest a presigned Query request stays valid. */
export const MAX_SKEW_SECONDS = 15 * 60;

export const invalidClientTokenId = () =>
  new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
export const expiredToken = () =>
  new AwsError('ExpiredToken', 'The security token included in the request is expired', 400);

/** Valid AWS region names (any partition): one endpoint here serves them all. */
const REGION_RE = /^(?:[a-z]{2}(-gov|-iso[a-z]?)?|eusc-[a-z]{2})-(central|north|south|east|west|northeast|northwest|southeast|southwest)-\d{1,2}$/;

const validRegions = new Set<string>();

export interface Resolved {
  principal: Principal;
  /** undefined: the key's secret is not known (unknown key or 12-digit root in `off` mode). */
  secret?: string;
  /** Where last-used is recorded. */
  record?: { kind: 'key' | 'session'; id: string };
  sessionExpiresAt?: Date;
  sessionEpoch?: number;
}

const loggedUnknownKeys = new Set<string>();

export function resolveKey(services: Services, sig: ParsedSignature): Resolved {
  const { config, store, log } = services;
  const akid = sig.accessKeyId;
  if (akid === ROOT_ACCESS_KEY) {
    if (!bootstrapKeysAccepted(config)) throw invalidClientTokenId();
    return { principal: rootPrincipal(config.accountId, akid), secret: ROOT_SECRET };
  }

  if (akid.startsWith('ASIA')) {
    const session = store.credentials.sessions.get(akid);
    if (session) {
      if (sig.securityToken !== session.sessionToken) throw invalidClientTokenId();
      return {
        principal: { ...session.principal, accessKeyId: akid },
        secret: session.secret,
        record: { kind: 'session', id: akid },
        sessionExpiresAt: session.expiresAt,
        sessionEpoch: session.principal.session?.clockEpoch,
      };
    }
  } else {
    const key = store.credentials.accessKeys.getAny(akid);
    if (key) {
      if (key.status !== 'Active' || sig.securityToken !== undefined) throw invalidClientTokenId();
      let principal: Principal;
      if (key.user_id === null) principal = rootPrincipal(key.account_id, akid);
      else {
        const user = store.users.getById(key.user_id);
        if (!user) throw invalidClientTokenId();
        principal = {
          type: 'user',
          accountId: user.account_id,
          arn: iamArn(user.account_id, 'user', user.path, user.name),
          userId: user.id,
          name: user.name,
          entityId: user.id,
          accessKeyId: akid,
        };
      }
      return { principal, secret: key.secret, record: { kind: 'key', id: akid } };
    }
  }

  // Not a key this server issued.
  if (config.enforce !== 'off' || !bootstrapKeysAccepted(config)) throw invalidClientTokenId();
  if (/^\d{12}$/.test(akid)) return { principal: rootPrincipal(akid, akid) };
  if (!loggedUnknownKeys.has(akid)) {
    if (loggedUnknownKeys.size >= 10_000) loggedUnknownKeys.clear();
    loggedUnknownKeys.add(akid);
    log.warn({ accessKeyId: akid, accountId: config.accountId }, 'unknown access key acts as the root of the default account (IAM_LOCAL_ENFORCE=off)');
  }
  return { principal: rootPrincipal(config.accountId, akid) };
}

/** The credential scope must be today's, a real region, this service and `aws4_request` (the gateway
 *  checks other services' scopes with it). */
export function checkScope(sig: ParsedSignature, service: string) {
  const day = sig.amzDate.slice(0, 8);
  if (sig.scopeDate !== day)
    throw signatureDoesNotMatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${sig.scopeDate}' != '${day}', from '${sig.amzDate}'.`,
    );
  if (!validRegions.has(sig.region) && !(REGION_RE.test(sig.region) && validRegions.add(sig.region))) throw signatureDoesNotMatch(`Credential should be scoped to a valid region, not '${sig.region}'. `);
  if (sig.service !== service) throw signatureDoesNotMatch(`Credential should be scoped to correct service: '${service}'. `);
  if (sig.terminator !== 'aws4_request')
    throw signatureDoesNotMatch(`Credential should be scoped with a valid terminator: 'aws4_request', not '${sig.terminator}'. `);
}

/** The first instant a signature is no longer valid: its time plus its window (+1 ms). */
export function signatureEnd(sig: ParsedSignature): number {
  const window = sig.presigned ? Math.min(sig.expiresSeconds ?? MAX_SKEW_SECONDS, MAX_SKEW_SECONDS) : MAX_SKEW_SECONDS;
  return sig.requestTime.getTime() + window * 1000 + 1;
}

export function checkTime(services: Services, req: SignedRequest, sig: ParsedSignature, resolved: Resolved, now: Date) {
  const t = sig.requestTime.getTime();
  const nowMs = now.getTime();
  const window = sig.presigned ? Math.min(sig.expiresSeconds ?? MAX_SKEW_SECONDS, MAX_SKEW_SECONDS) : MAX_SKEW_SECONDS;
  const label = window === MAX_SKEW_SECONDS ? '15 min.' : `${window} sec.`;
  // A signature (or presigned URL) refused as expired, or seen before the clock moved back past
  // its end, stays expired: moving the clock back revives nothing (src/clock.ts).
  const end = signatureEnd(sig);
  if (t < nowMs - window * 1000 || services.clock.knownEnded(sig.signature, end)) {
    // Remembered as refused only when genuine: forged signatures must not crowd out real ones.
    if (resolved.secret === undefined || signatureMatches(req, sig, resolved.secret)) services.clock.remember(sig.signature, end);
    throw signatureDoesNotMatch(
      `Signature expired: ${sig.amzDate} is now earlier than ${toBasicDate(new Date(nowMs - window * 1000))} (${toBasicDate(now)} - ${label})`,
    );
  }
  if (t > nowMs + MAX_SKEW_SECONDS * 1000)
    throw signatureDoesNotMatch(
      `Signature not yet current: ${sig.amzDate} is still later than ${toBasicDate(new Date(nowMs + MAX_SKEW_SECONDS * 1000))} (${toBasicDate(now)} + 15 min.)`,
    );
}

export function authenticate(
  services: Services,
  req: SignedRequest,
  _scope: CredentialScope | undefined,
  service: 'iam' | 'sts' | 'access-analyzer' = 'iam',
): Authenticated {
  const sig = parseSignature(req);
  const now = services.clock.now();
  const resolved = resolveKey(services, sig);
  if (resolved.sessionExpiresAt && services.clock.hasEnded(resolved.sessionExpiresAt.getTime(), resolved.sessionEpoch)) throw expiredToken();
  checkScope(sig, service);
  checkTime(services, req, sig, resolved, now);
  checkHostSigned(sig);
  if (resolved.secret !== undefined && !signatureMatches(req, sig, resolved.secret))
    throw signatureDoesNotMatch(SIGNATURE_MISMATCH_MESSAGE);
  // Seen: should the clock be moved back past its end, it stays expired (src/clock.ts).
  services.clock.remember(sig.signature, signatureEnd(sig));
  if (resolved.record) {
    const at = now.toISOString();
    const repo = resolved.record.kind === 'key' ? services.store.credentials.accessKeys : services.store.credentials.sessions;
    repo.markUsed(resolved.record.id, at, service, sig.region);
  }
  return { principal: resolved.principal, region: sig.region, verified: resolved.secret !== undefined };
}
