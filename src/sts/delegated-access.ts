// sts:GetDelegatedAccessToken: a partner exchanges the trade-in token of a finalized delegation
// request (src/iam/delegation-requests.ts) once, before the delegation period ends, for temporary
// credentials that act as the identity that accepted the request, limited by the request's
// permission policy when it has one.
import type { StsHandlers } from '../protocol/handlers.js';
import { AwsError } from '../protocol/errors.js';
import { findByTradeInToken, markTradeInUsed } from '../iam/delegation-requests.js';
import { baseSession, issueSession } from './credentials.js';

const expired = () => new AwsError('ExpiredTradeInTokenException', 'The trade-in token provided is expired or not valid.', 400);

export const delegatedAccessHandlers: StsHandlers = {
  GetDelegatedAccessToken(ctx, input) {
    const found = findByTradeInToken(ctx.store, input.TradeInToken);
    if (!found || !found.req.Approver || found.req.TradeIn!.used) throw expired();
    const { row, req } = found;
    const approver = req.Approver!;
    const now = ctx.now();
    const remaining = Math.floor((new Date(req.TradeIn!.expiresAt).getTime() - now.getTime()) / 1000);
    if (remaining <= 0) throw expired();
    const session = { ...baseSession('GetDelegatedAccessToken'), sessionPolicies: req.PermissionPolicy ? [req.PermissionPolicy] : [] };
    const issued = issueSession(ctx, { principal: approver, session, durationSeconds: remaining, now });
    markTradeInUsed(ctx.store, row, req);
    return { Credentials: issued.credentials, AssumedPrincipal: approver.arn };
  },
};
