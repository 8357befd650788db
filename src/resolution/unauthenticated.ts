// STS calls that AWS serves without authentication: AssumeRoleWithWebIdentity and
// AssumeRoleWithSAML carry their own proof (a token, an assertion). The SDKs send them unsigned; a
// signature, if any, is ignored, as AWS ignores it. The caller stands as an anonymous principal of
// the default account; the handler decides with the role's trust policy alone.
import type { Services } from '../context.js';
import type { Authenticated } from '../auth/authenticate.js';
import type { CredentialScope } from '../auth/signed-request.js';

export const UNAUTHENTICATED_STS_ACTIONS = new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']);

export function unauthenticatedCaller(
  services: Services,
  service: 'iam' | 'sts',
  action: string,
  scope: CredentialScope | undefined,
): Authenticated | undefined {
  if (service !== 'sts' || !UNAUTHENTICATED_STS_ACTIONS.has(action)) return undefined;
  const accountId = services.config.accountId;
  return {
    principal: { type: 'root', accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId, accessKeyId: 'anonymous' },
    region: scope?.region ?? services.config.region,
    verified: false,
  };
}
