// sts:GetWebIdentityToken — a JWT signed by STS that represents the caller, for external services
// that trust the account's outbound issuer (IAM EnableOutboundWebIdentityFederation). Claims:
// iss = the account's issuer URL, sub = the caller's ARN, aud, iat/nbf/exp (server clock), jti, and
// under "https://sts.amazonaws.com/": aws_account, principal_id (the role's ARN for role sessions),
// source_region, request_tags. Signed RS256 or ES384 with a per-account key kept in the store.
import { randomUUID } from 'node:crypto';
// Lazy: jose is loaded on first use (JWTs are rare requests); start-up pays nothing for it.
const jose = () => import('jose');
import type { StsHandlers } from '../protocol/handlers.js';
import { AwsError, validationError } from '../protocol/errors.js';
import type { Store } from '../store/store.js';
import { signingKey, signingKeys } from './signing.js';
import { checkTags } from './session-params.js';

export const ALGORITHMS = ['RS256', 'ES384'] as const;
/** The largest payload iam-local signs (AWS does not publish its limit). */
export const MAX_JWT_PAYLOAD_BYTES = 8192;
export const outboundPurpose = (accountId: string, alg: string) => `outbound:${accountId}:${alg}`;

export const outboundKeys = (store: Store, accountId: string) =>
  ALGORITHMS.flatMap((alg) => signingKeys(store, outboundPurpose(accountId, alg)));

const disabled = () =>
  new AwsError(
    'OutboundWebIdentityFederationDisabledException',
    'The outbound web identity federation feature is not enabled for this account. To use this feature, you must first enable it through the AWS Management Console or API.',
    403,
  );
const escalation = () =>
  new AwsError(
    'SessionDurationEscalationException',
    'The requested token duration would extend the session beyond its original expiration time.',
    403,
  );
const tooLarge = () =>
  new AwsError(
    'JWTPayloadSizeExceededException',
    'The requested token payload size exceeds the maximum allowed size. Reduce the number of request tags included in the GetWebIdentityToken API call to reduce the token payload size.',
    400,
  );

export const outboundTokenHandlers: StsHandlers = {
  async GetWebIdentityToken(ctx, input) {
    if (!(ALGORITHMS as readonly string[]).includes(input.SigningAlgorithm))
      throw validationError(
        `1 validation error detected: Value '${input.SigningAlgorithm}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]`,
      );
    const p = ctx.principal;
    const outbound = ctx.store.identityProviders.getOutbound(p.accountId);
    if (!outbound?.enabled) throw disabled();
    const duration = input.DurationSeconds ?? 300;
    const now = ctx.now();
    const exp = Math.floor(now.getTime() / 1000) + duration;
    if (p.session && exp * 1000 > p.session.expiresAt.getTime()) throw escalation();
    checkTags(input.Tags);
    const claims = {
      iss: outbound.issuer_identifier,
      sub: p.arn,
      aud: input.Audience.length === 1 ? input.Audience[0] : input.Audience,
      iat: Math.floor(now.getTime() / 1000),
      nbf: Math.floor(now.getTime() / 1000),
      exp,
      jti: randomUUID(),
      'https://sts.amazonaws.com/': {
        aws_account: p.accountId,
        principal_id: p.type === 'assumed-role' && p.roleArn ? p.roleArn : p.arn,
        source_region: ctx.region,
        ...(input.Tags?.length ? { request_tags: Object.fromEntries(input.Tags.map((t) => [t.Key, t.Value])) } : {}),
      },
    };
    if (Buffer.byteLength(JSON.stringify(claims)) > MAX_JWT_PAYLOAD_BYTES) throw tooLarge();
    const alg = input.SigningAlgorithm;
    const key = ctx.store.tx(() => signingKey(ctx.store, outboundPurpose(p.accountId, alg), alg, now));
    const token = await new (await jose()).SignJWT(claims).setProtectedHeader({ alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
    return { WebIdentityToken: token, Expiration: new Date(exp * 1000) };
  },

};
