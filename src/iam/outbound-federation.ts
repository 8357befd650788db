// Outbound web identity federation (IAM side): EnableOutboundWebIdentityFederation,
// DisableOutboundWebIdentityFederation, GetOutboundWebIdentityFederationInfo. Enabling gives the
// account a unique issuer URL (kept across disable/enable) for the JWTs that sts:GetWebIdentityToken
// signs. AWS hosts that issuer's discovery documents publicly; iam-local serves them under
// /_iam/outbound/<account>/.well-known/{openid-configuration,jwks.json} (src/admin/oidc.ts).
import { randomUUID } from 'node:crypto';
import type { IamHandlers } from '../protocol/handlers.js';
import { AwsError } from '../protocol/errors.js';
import { iso } from '../store/rows.js';

export const featureEnabled = () =>
  new AwsError('FeatureEnabled', 'Outbound web identity federation is already enabled for this account.', 409);
export const featureDisabled = () =>
  new AwsError('FeatureDisabled', 'Outbound web identity federation is not enabled for this account.', 404);

export const newIssuerIdentifier = () => `https://${randomUUID()}.tokens.sts.global.api.aws`;

export const outboundFederationHandlers: IamHandlers = {
  EnableOutboundWebIdentityFederation(ctx) {
    const row = ctx.store.identityProviders.getOutbound(ctx.accountId);
    if (row?.enabled) throw featureEnabled();
    const issuer = row?.issuer_identifier ?? newIssuerIdentifier();
    ctx.store.identityProviders.setOutbound({ account_id: ctx.accountId, enabled: true, issuer_identifier: issuer, updated_at: iso(ctx.now()) });
    return { IssuerIdentifier: issuer };
  },

  DisableOutboundWebIdentityFederation(ctx) {
    const row = ctx.store.identityProviders.getOutbound(ctx.accountId);
    if (!row?.enabled) throw featureDisabled();
    ctx.store.identityProviders.setOutbound({ ...row, enabled: false, updated_at: iso(ctx.now()) });
  },

  GetOutboundWebIdentityFederationInfo(ctx) {
    const row = ctx.store.identityProviders.getOutbound(ctx.accountId);
    if (!row?.enabled) throw featureDisabled();
    return { IssuerIdentifier: row.issuer_identifier, JwtVendingEnabled: true };
  },
};
