// sts:GetCallerIdentity — who the signature proved the caller to be.
import type { StsHandlers } from '../protocol/handlers.js';

export const callerIdentityHandlers: StsHandlers = {
  GetCallerIdentity(ctx) {
    const p = ctx.principal;
    return { UserId: p.userId, Account: p.accountId, Arn: p.arn };
  },
};
