// sts:AssumeRoleWithWebIdentity — an OIDC ID token (JWT) for role credentials, verified for real:
//   1. the token parses as a JWT;
//   2. its issuer is an IAM OIDC provider registered in the role's account (url without https://);
//   3. its audience is in that provider's ClientIDList;
//   4. its signature verifies (jose) against iam-local's own issuer keys (any token iam-local
//      minted, whatever iss it claims). Keys of other issuers would have to be fetched from their
//      JWKS over the network, which iam-local does not do: such tokens are refused as AWS refuses a
//      token whose key it cannot retrieve. Thumbprints are stored, not used (they pin the TLS
//      certificate of a JWKS endpoint that is never contacted);
//   5. it has not expired by the server clock;
//   6. the role's trust policy allows sts:AssumeRoleWithWebIdentity for the provider, with the
//      <url>:aud, <url>:sub, <url>:amr (and <url>:<claim> for iss/azp/email where present) keys.
// The SDK sends this call unsigned; any signature on it is ignored, as AWS ignores it.
import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';
// Lazy: jose is loaded by the first AssumeRoleWithWebIdentity; start-up pays nothing for it.
let jose: typeof import('jose');
import type { RequestContext } from '../context.js';
import type { StsHandlers } from '../protocol/handlers.js';
import { AwsError, accessDenied } from '../protocol/errors.js';
import type { Tag } from '../protocol/generated/sts-types.js';
import { oidcProviderArn } from '../iam/oidc-providers.js';
import { issueRoleSession } from './assume-role.js';
import { findRole } from '../resolution/roles.js';
import { policyArnsOf } from './session-params.js';
import { decideAssume, federatedTrustRequest } from '../authz/trust.js';
import { signingKeys } from './signing.js';
import { OIDC_PURPOSE } from './oidc-issuer.js';

export const invalidIdentityToken = (message: string) => new AwsError('InvalidIdentityToken', message, 400);
export const idpRejectedClaim = (message: string) => new AwsError('IDPRejectedClaim', message, 403);
export const expiredTokenException = (message: string) => new AwsError('ExpiredTokenException', message, 400);

export const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
export const NO_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

/** The model's documentation of InvalidIdentityToken; AWS's exact text for a token whose nbf/iat
 *  lies ahead is unconfirmed (no recording found). */
export const NOT_YET_VALID =
  'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.';

const TAGS_CLAIM = 'https://aws.amazon.com/tags';
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

interface TokenFacts {
  payload: JWTPayload;
  issuer: string;
  /** The issuer as IAM stores provider URLs (no scheme, no trailing slash). */
  url: string;
  audiences: string[];
}

function parseToken(token: string): TokenFacts {
  let payload: JWTPayload;
  try {
    jose.decodeProtectedHeader(token);
    payload = jose.decodeJwt(token);
  } catch {
    throw invalidIdentityToken(NOT_A_JWT);
  }
  if (typeof payload.iss !== 'string' || !payload.iss) throw invalidIdentityToken(NOT_A_JWT);
  const url = payload.iss.replace(/^https:\/\//, '').replace(/\/$/, '');
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  return { payload, issuer: payload.iss, url, audiences };
}

async function verifySignature(ctx: RequestContext, token: string) {
  const { kid } = jose.decodeProtectedHeader(token);
  const key = signingKeys(ctx.store, OIDC_PURPOSE).find((k) => k.kid === kid);
  if (!key) throw invalidIdentityToken(NO_KEY);
  try {
    await jose.compactVerify(token, key.publicKey, { algorithms: ['RS256'] });
  } catch {
    throw invalidIdentityToken('The web identity token signature could not be verified.');
  }
}

/** Session tags an IdP passes in the https://aws.amazon.com/tags claim. */
function tagsFromClaim(payload: JWTPayload): { tags: Tag[]; transitive: string[] } {
  const c = payload[TAGS_CLAIM] as { principal_tags?: Record<string, string[] | string>; transitive_tag_keys?: string[] } | undefined;
  if (!c || typeof c !== 'object') return { tags: [], transitive: [] };
  const tags = Object.entries(c.principal_tags ?? {}).map(([Key, v]) => ({ Key, Value: String(Array.isArray(v) ? v[0] : v) }));
  return { tags, transitive: Array.isArray(c.transitive_tag_keys) ? c.transitive_tag_keys : [] };
}

const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

export const webIdentityHandlers: StsHandlers = {
  async AssumeRoleWithWebIdentity(ctx, input) {
    jose ??= await import('jose');
    const token = parseToken(input.WebIdentityToken);
    const role = findRole(ctx, input.RoleArn);
    if (!role) throw accessDenied(NOT_AUTHORIZED);
    const provider = ctx.store.identityProviders.oidcByUrl(role.account_id, token.url);
    if (!provider) throw invalidIdentityToken(`No OpenIDConnect provider found in your account for ${token.issuer}`);
    const audience = token.audiences.find((a) => provider.client_ids.includes(a));
    if (audience === undefined) throw invalidIdentityToken('Incorrect token audience');
    await verifySignature(ctx, input.WebIdentityToken);
    const nowSec = Math.floor(ctx.now().getTime() / 1000);
    const exp = token.payload.exp;
    if (typeof exp !== 'number') throw invalidIdentityToken(NOT_A_JWT);
    // A token seen or refused before the clock was moved back past its exp stays expired.
    if (nowSec >= exp || ctx.clock.artefactEnded(`jwt:${createHash('sha256').update(input.WebIdentityToken).digest('base64url')}`, exp * 1000))
      throw expiredTokenException(`Token expired: current date/time ${nowSec} must be before the expiration date/time ${exp}`);
    // A token not valid yet (nbf) or issued in the future (iat) is refused, by the server clock —
    // also after the clock was moved back: a token is never accepted before its own time.
    const { nbf, iat } = token.payload;
    if ((nbf !== undefined && typeof nbf !== 'number') || (iat !== undefined && typeof iat !== 'number')) throw invalidIdentityToken(NOT_A_JWT);
    if ((nbf !== undefined && nowSec < nbf) || (iat !== undefined && nowSec < iat)) throw invalidIdentityToken(NOT_YET_VALID);
    if (typeof token.payload.sub !== 'string' || !token.payload.sub) throw idpRejectedClaim('The web identity token does not carry a sub claim.');

    const providerArn = oidcProviderArn(role.account_id, provider.url);
    const u = provider.url;
    const claims: Record<string, string | string[]> = {
      [`${u}:aud`]: audience,
      [`${u}:sub`]: token.payload.sub,
      'aws:FederatedProvider': providerArn,
    };
    const amr = token.payload.amr;
    if (Array.isArray(amr)) claims[`${u}:amr`] = amr.map(String);
    else if (typeof amr === 'string') claims[`${u}:amr`] = amr;
    for (const k of ['azp', 'email', 'oaud', 'iss'] as const) {
      const v = token.payload[k];
      if (typeof v === 'string') claims[`${u}:${k}`] = v;
    }
    const { tags, transitive } = tagsFromClaim(token.payload);
    const sourceIdentity = typeof token.payload[SOURCE_IDENTITY_CLAIM] === 'string' ? (token.payload[SOURCE_IDENTITY_CLAIM] as string) : undefined;
    const { context, actions } = federatedTrustRequest('sts:AssumeRoleWithWebIdentity', claims, input.RoleSessionName, tags, sourceIdentity);

    return ctx.store.tx(() => {
      const decision = decideAssume(ctx, {
        caller: { kind: 'federated', providerArn, accountId: role.account_id },
        role,
        actions,
        context,
        mfaPresent: false,
      });
      if (!decision.allowed) throw accessDenied(NOT_AUTHORIZED);
      const result = issueRoleSession(ctx, {
        role,
        sessionName: input.RoleSessionName,
        durationSeconds: input.DurationSeconds,
        chained: false,
        policy: input.Policy,
        policyArns: policyArnsOf(input.PolicyArns),
        tags,
        transitiveTagKeys: transitive,
        sourceIdentity,
        mfaPresent: false,
        issuedBy: 'AssumeRoleWithWebIdentity',
        context: claims,
      });
      return {
        Credentials: result.Credentials,
        SubjectFromWebIdentityToken: token.payload.sub as string,
        AssumedRoleUser: result.AssumedRoleUser,
        PackedPolicySize: result.PackedPolicySize,
        Provider: providerArn,
        Audience: audience,
        SourceIdentity: sourceIdentity,
      };
    });
  },
};
