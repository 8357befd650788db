// sts:GetSessionToken and sts:GetFederationToken — temporary credentials for an IAM user (or root).
import type { RequestContext } from '../context.js';
import type { StsHandlers } from '../protocol/handlers.js';
import { accessDenied } from '../protocol/errors.js';
import { baseSession, issueSession } from './credentials.js';
import { checkMfa, checkSessionPolicy, checkTags, isTemporary, packedPolicySize, policyArnsOf } from './session-params.js';

/** Long-term credentials of the root user are limited to one hour (AWS: 900–3600 s, default 3600). */
export const ROOT_MAX_SECONDS = 3600;
export const DEFAULT_USER_SECONDS = 43200;

function durationFor(ctx: RequestContext, requested: number | undefined): number {
  if (ctx.principal.type === 'root') return Math.min(requested ?? ROOT_MAX_SECONDS, ROOT_MAX_SECONDS);
  return requested ?? DEFAULT_USER_SECONDS;
}

export const sessionTokenHandlers: StsHandlers = {
  GetSessionToken(ctx, input) {
    const caller = ctx.principal;
    if (isTemporary(caller)) throw accessDenied('Cannot call GetSessionToken with session credentials');
    const mfa = checkMfa(ctx, input.SerialNumber, input.TokenCode);
    const { accessKeyId: _k, session: _s, ...principal } = caller;
    const { credentials } = issueSession(ctx, {
      principal,
      session: { ...baseSession('GetSessionToken'), mfaPresent: mfa, mfaAuthenticatedAt: mfa ? ctx.now() : undefined },
      durationSeconds: durationFor(ctx, input.DurationSeconds),
      now: ctx.now(),
    });
    return { Credentials: credentials };
  },

  // The federated user's permissions are the intersection of the calling user's identity policies
  // and the session policies passed here (none passed → no permissions), as AWS documents. The
  // principal records the calling IAM user in entityId (undefined when root called).
  GetFederationToken(ctx, input) {
    const caller = ctx.principal;
    if (isTemporary(caller)) throw accessDenied('Cannot call GetFederationToken with session credentials');
    checkSessionPolicy(input.Policy);
    const policyArns = policyArnsOf(input.PolicyArns);
    checkTags(input.Tags);
    const tags = input.Tags ?? [];
    const packed = packedPolicySize(input.Policy, policyArns, tags);
    const accountId = caller.accountId;
    const arn = `arn:aws:sts::${accountId}:federated-user/${input.Name}`;
    const userId = `${accountId}:${input.Name}`;
    const { credentials } = issueSession(ctx, {
      principal: {
        type: 'federated-user',
        accountId,
        arn,
        userId,
        name: input.Name,
        entityId: caller.type === 'user' ? caller.entityId : undefined,
      },
      session: {
        ...baseSession('GetFederationToken'),
        sessionPolicies: input.Policy !== undefined ? [input.Policy] : [],
        sessionPolicyArns: policyArns,
        tags,
        context: { 'iam-local:FederatedBy': caller.arn },
      },
      durationSeconds: durationFor(ctx, input.DurationSeconds),
      now: ctx.now(),
    });
    // GetFederationToken always reports the packed size, 0 without session policies or tags, where
    // AssumeRole leaves it out (localstack test_sts.snapshot.json test_get_federation_token, 05-06-2024).
    return { Credentials: credentials, FederatedUser: { FederatedUserId: userId, Arn: arn }, PackedPolicySize: packed ?? 0 };
  },
};
