// sts:AssumeRole — and the role-session core shared with AssumeRoleWithWebIdentity / WithSAML.
//
// Who may assume a role (see src/authz/trust.ts for the evaluation itself):
//  - The role's trust policy is always checked, whatever IAM_LOCAL_ENFORCE says: AssumeRole really
//    checks it in AWS, and a local STS that hands out any role would hide broken trust policies.
//  - IAM_LOCAL_ENFORCE=on adds the caller's identity policies, as AWS combines them: same account,
//    a trust policy naming the caller itself (user ARN / role-session ARN) suffices alone, one that
//    only names the account (or the role of a calling session) needs the identity policies to allow
//    too; cross-account, both must allow. Explicit Deny in either always wins. Root is refused
//    ("Roles may not be assumed by root accounts.").
//  - IAM_LOCAL_ENFORCE=audit computes the identity part and logs what `on` would have decided.
//  - off: trust policy only; the bootstrap root may assume roles whose trust policy names its account.
import type { RequestContext } from '../context.js';
import type { StsHandlers } from '../protocol/handlers.js';
import type { Principal, SessionInfo } from '../principal.js';
import type { AssumedRoleUser, Credentials, Tag } from '../protocol/generated/sts-types.js';
import { accessDenied, validationError } from '../protocol/errors.js';
import type { RoleRow } from '../store/roles.js';
import { assumedRoleArn, issueSession } from './credentials.js';
import {
  ROLE_CHAINING_MAX_SECONDS,
  checkMfa,
  checkSessionPolicy,
  checkArnSyntax,
  checkTags,
  invalidParameterValue,
  packedPolicySize,
  policyArnsOf,
} from './session-params.js';
import { decideAssume, type TrustCaller } from '../authz/trust.js';
import { findRole, roleArnOf } from '../resolution/roles.js';

export const notAuthorized = (callerArn: string, action: string, resource: string) =>
  accessDenied(`User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`);

export interface RoleSessionParams {
  role: RoleRow;
  sessionName: string;
  durationSeconds?: number;
  /** Role chaining: the caller is itself a role session (duration capped at one hour). */
  chained: boolean;
  policy?: string;
  policyArns: string[];
  /** Request tags (inherited transitive tags are added here). */
  tags: Tag[];
  transitiveTagKeys: string[];
  /** The calling session, for what chaining carries over (transitive tags, source identity, MFA). */
  parent?: SessionInfo;
  sourceIdentity?: string;
  mfaPresent: boolean;
  mfaAuthenticatedAt?: Date;
  issuedBy: string;
  context?: Record<string, string | string[]>;
}

export interface RoleSessionResult {
  Credentials: Credentials;
  AssumedRoleUser: AssumedRoleUser;
  PackedPolicySize?: number;
  principal: Principal;
}

export function checkRoleDuration(role: RoleRow, requested: number | undefined, chained: boolean): number {
  if (requested === undefined) return Math.min(3600, role.max_session_duration);
  if (chained && requested > ROLE_CHAINING_MAX_SECONDS)
    throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  if (requested > role.max_session_duration)
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  return requested;
}

/** Session tags: the request's plus the transitive ones the calling session carries. */
export function mergeSessionTags(
  requestTags: Tag[],
  requestTransitive: string[],
  parent: SessionInfo | undefined,
): { tags: Tag[]; transitive: string[] } {
  checkTags(requestTags);
  const requested = new Map(requestTags.map((t) => [t.Key.toLowerCase(), t]));
  for (const k of requestTransitive)
    if (!requested.has(k.toLowerCase()))
      throw invalidParameterValue('The specified transitive tag key must be included in the requested tags.');
  const inheritedKeys = new Set((parent?.transitiveTagKeys ?? []).map((k) => k.toLowerCase()));
  const inherited = (parent?.tags ?? []).filter((t) => inheritedKeys.has(t.Key.toLowerCase()));
  for (const t of inherited)
    if (requested.has(t.Key.toLowerCase()))
      throw invalidParameterValue(
        "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
      );
  const transitive = [...(parent?.transitiveTagKeys ?? []), ...requestTransitive.filter((k) => !inheritedKeys.has(k.toLowerCase()))];
  return { tags: [...inherited, ...requestTags], transitive };
}

/** Issues the role session once the caller has been authorized. */
export function issueRoleSession(ctx: RequestContext, p: RoleSessionParams): RoleSessionResult {
  const duration = checkRoleDuration(p.role, p.durationSeconds, p.chained);
  checkSessionPolicy(p.policy);
  const packed = packedPolicySize(p.policy, p.policyArns, p.tags);
  const accountId = p.role.account_id;
  const arn = assumedRoleArn(accountId, p.role.name, p.sessionName);
  const assumedRoleId = `${p.role.id}:${p.sessionName}`;
  const now = ctx.now();
  const { credentials, principal } = issueSession(ctx, {
    principal: {
      type: 'assumed-role',
      accountId,
      arn,
      userId: assumedRoleId,
      name: p.role.name,
      entityId: p.role.id,
      roleArn: roleArnOf(p.role),
      sessionName: p.sessionName,
    },
    session: {
      mfaPresent: p.mfaPresent,
      mfaAuthenticatedAt: p.mfaAuthenticatedAt,
      sessionPolicies: p.policy !== undefined ? [p.policy] : [],
      sessionPolicyArns: p.policyArns,
      tags: p.tags,
      transitiveTagKeys: p.transitiveTagKeys,
      sourceIdentity: p.sourceIdentity,
      issuedBy: p.issuedBy,
      context: p.context,
    },
    durationSeconds: duration,
    now,
  });
  ctx.store.roles.setLastUsed(p.role.id, now.toISOString(), ctx.region);
  return {
    Credentials: credentials,
    AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
    PackedPolicySize: packed,
    principal,
  };
}

/** The caller as a trust policy sees it. */
export function trustCallerOf(p: Principal): TrustCaller {
  return { kind: 'aws', principal: p };
}

export const assumeRoleHandlers: StsHandlers = {
  AssumeRole(ctx, input) {
    const caller = ctx.principal;
    const action = 'sts:AssumeRole';
    checkArnSyntax(input.RoleArn);
    const role = findRole(ctx, input.RoleArn);
    if (!role) throw notAuthorized(caller.arn, action, input.RoleArn);

    const parent = caller.session;
    const mfaNow = checkMfa(ctx, input.SerialNumber, input.TokenCode);
    const mfaPresent = mfaNow || (parent?.mfaPresent ?? false);
    const mfaAuthenticatedAt = mfaNow ? ctx.now() : parent?.mfaAuthenticatedAt;

    if (parent?.sourceIdentity !== undefined && input.SourceIdentity !== undefined && input.SourceIdentity !== parent.sourceIdentity)
      throw validationError('The source identity of a session cannot be changed once it is set.');
    const sourceIdentity = parent?.sourceIdentity ?? input.SourceIdentity;
    const { tags, transitive } = mergeSessionTags(input.Tags ?? [], input.TransitiveTagKeys ?? [], parent);
    const policyArns = policyArnsOf(input.PolicyArns);

    const actions = [action];
    if (input.Tags?.length || transitive.length) actions.push('sts:TagSession');
    if (sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
    const context: Record<string, string | string[]> = { 'sts:RoleSessionName': input.RoleSessionName };
    if (input.ExternalId !== undefined) context['sts:ExternalId'] = input.ExternalId;
    if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity;
    if (input.TransitiveTagKeys?.length) context['sts:TransitiveTagKeys'] = input.TransitiveTagKeys;
    for (const t of input.Tags ?? []) context[`aws:RequestTag/${t.Key}`] = t.Value;
    if (input.Tags?.length) context['aws:TagKeys'] = input.Tags.map((t) => t.Key);

    const decision = decideAssume(ctx, {
      caller: trustCallerOf(caller),
      role,
      actions,
      context,
      mfaPresent,
      mfaAuthenticatedAt,
    });
    if (!decision.allowed) throw decision.error ?? notAuthorized(caller.arn, action, input.RoleArn);

    const result = issueRoleSession(ctx, {
      role,
      sessionName: input.RoleSessionName,
      durationSeconds: input.DurationSeconds,
      chained: caller.type === 'assumed-role',
      policy: input.Policy,
      policyArns,
      tags,
      transitiveTagKeys: transitive,
      parent,
      sourceIdentity,
      mfaPresent,
      mfaAuthenticatedAt,
      issuedBy: 'AssumeRole',
    });
    return {
      Credentials: result.Credentials,
      AssumedRoleUser: result.AssumedRoleUser,
      PackedPolicySize: result.PackedPolicySize,
      SourceIdentity: sourceIdentity,
    };
  },
};
