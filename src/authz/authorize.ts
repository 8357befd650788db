// Authorization of each API call before its handler runs (src/dispatch/execute.ts).
//   IAM_LOCAL_ENFORCE=off    nothing happens;
//   IAM_LOCAL_ENFORCE=audit  the call is decided, the decision recorded and logged (one JSON line),
//                            and the call always proceeds;
//   IAM_LOCAL_ENFORCE=on     the call is decided and recorded; a denial is AWS's AccessDenied (403)
//                            with AWS's message naming principal, action, resource and reason.
// Each recorded decision gets an id, sent back as the x-iam-local-decision-id header and explained
// by GET /_iam/decisions/ID (src/admin/decisions.ts).
//
// Exceptions, as AWS has them:
//   - sts:GetCallerIdentity and sts:GetSessionToken need no permission and cannot be denied;
//   - sts:AssumeRoleWithWebIdentity / sts:AssumeRoleWithSAML are unauthenticated: only the role's
//     trust policy decides (in the STS handler);
//   - sts:AssumeRole: the STS handler decides with the trust policy AND the caller's identity
//     policies (src/authz/trust.ts): in the same account a trust policy naming the caller itself
//     suffices, cross-account both must allow. Here the same
//     decision is only recorded (never thrown), so the two cannot disagree;
//   - iam:ChangePassword on oneself is allowed when the account password policy lets users change
//     their own password.
import type { RequestContext } from '../context.js';
import { accessDenied, type AwsError } from '../protocol/errors.js';
import { accessDeniedMessage, evaluate, parsePolicyCached, type EvalResult, type PolicySet } from '../policy/index.js';
import { evalPrincipalOf } from './trust.js';
import { findRole } from '../resolution/roles.js';
import { encodedDenial } from './authorization-message.js';
import { forAction, principalPolicies } from '../resolution/principal-policies.js';
import { requestContextKeys } from './request-context.js';
import { requestResource } from './request-resource.js';
import { DecisionLog, decisionLog, toStatement, type DecisionRecord } from './decisions.js';

const NEVER_DENIED = new Set(['sts:GetCallerIdentity', 'sts:GetSessionToken']);
const TRUST_ONLY = new Set(['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML']);
/** Decided by the STS handler (trust + identity); recorded here. */
const DECIDED_BY_STS = new Set(['sts:AssumeRole']);

export interface Decided {
  result: EvalResult;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  note?: string;
}

/** Decides one call (no side effects). Undefined for calls that are never decided by policy. */
export function decide(ctx: RequestContext, input: Record<string, unknown>): Decided | undefined {
  const action = `${ctx.service}:${ctx.action}`;
  if (NEVER_DENIED.has(action) || TRUST_ONLY.has(action)) return undefined;
  const p = ctx.principal;
  const principal = evalPrincipalOf({ kind: 'aws', principal: p });
  const resource = requestResource(ctx, action, input);
  const context = requestContextKeys(ctx, input, resource);
  const layers = forAction(principalPolicies(ctx.store, p), action);
  const set: PolicySet = { ...layers };
  let resourceAccount: string | undefined;
  let note: string | undefined;

  if (DECIDED_BY_STS.has(action)) {
    const role = typeof input.RoleArn === 'string' ? findRole(ctx, input.RoleArn) : undefined;
    if (role) {
      set.resource = { id: 'AssumeRolePolicyDocument', sourceType: 'resource', parsed: parsePolicyCached(role.trust_policy) };
      resourceAccount = role.account_id;
    }
    // An MFA code in the request is verified (and used up) by the handler; the record assumes it
    // is valid, as the handler's decision then does.
    if (typeof input.SerialNumber === 'string' && typeof input.TokenCode === 'string') {
      context['aws:MultiFactorAuthPresent'] = 'true';
      context['aws:MultiFactorAuthAge'] = '0';
    }
    note = 'sts:AssumeRole is enforced by the STS handler (trust policy and identity policies together); this record is what it decides';
  }

  const result = evaluate({ principal, action, resource, resourceAccount, context, partition: ctx.partition }, set);
  if (action === 'iam:ChangePassword' && result.decision === 'implicitDeny' && p.type === 'user' && selfPasswordChange(ctx, input)) {
    return {
      result: { ...result, decision: 'allowed', decidedBy: 'identity', reason: 'allowed by the account password policy (users may change their own password)' },
      action,
      resource,
      context,
      note: 'AllowUsersToChangePassword',
    };
  }
  if (result.decision === 'allowed') {
    const passRole = passRoleCheck(ctx, input, principal, principalPolicies(ctx.store, p));
    if (passRole && passRole.result.decision !== 'allowed') return passRole;
  }
  return { result, action, resource, context, note };
}

/** AddRoleToInstanceProfile: "The caller of this operation must be granted the PassRole permission
 *  on the IAM role by a permissions policy" — decided as iam:PassRole on the role, for EC2. */
function passRoleCheck(
  ctx: RequestContext,
  input: Record<string, unknown>,
  principal: ReturnType<typeof evalPrincipalOf>,
  all: ReturnType<typeof principalPolicies>,
): Decided | undefined {
  if (`${ctx.service}:${ctx.action}` !== 'iam:AddRoleToInstanceProfile' || typeof input.RoleName !== 'string') return undefined;
  const action = 'iam:PassRole';
  const role = ctx.store.roles.get(ctx.accountId, input.RoleName);
  const resource = role ? `arn:aws:iam::${ctx.accountId}:role${role.path}${role.name}` : `arn:aws:iam::${ctx.accountId}:role/${input.RoleName}`;
  const context = {
    ...requestContextKeys(ctx, {}, resource),
    'iam:PassedToService': 'ec2.amazonaws.com',
    'iam:AssociatedResourceArn': `arn:aws:ec2:*:${ctx.accountId}:instance/*`,
  };
  const result = evaluate({ principal, action, resource, context, partition: ctx.partition }, forAction(all, action));
  return { result, action, resource, context, note: 'iam:AddRoleToInstanceProfile requires iam:PassRole on the role' };
}

function selfPasswordChange(ctx: RequestContext, input: Record<string, unknown>): boolean {
  if (input.UserName !== undefined && input.UserName !== ctx.principal.name) return false;
  return ctx.store.loginProfiles.policy(ctx.accountId)?.allow_users_to_change === 1;
}

/**
 * Authorizes the call; throws AccessDenied when enforcement is on and the policies deny it.
 * `onDecision` receives the id of the recorded decision before any throw (the endpoint puts it in
 * the response header).
 */
export function authorize(
  ctx: RequestContext,
  input: Record<string, unknown>,
  onDecision?: (id: string) => void,
): string | undefined {
  const mode = ctx.config.enforce;
  if (mode === 'off') return undefined;
  const d = decide(ctx, input);
  if (!d) return undefined;
  const { result, action, resource, context } = d;
  const p = ctx.principal;
  const isRoot = p.type === 'root';
  const bySts = DECIDED_BY_STS.has(action);
  const enforced = mode === 'on' && !bySts;
  let denied = enforced && result.decision !== 'allowed';
  let message = result.decision !== 'allowed' ? accessDeniedMessage(p.arn, action, resource, result) : undefined;
  if (bySts) {
    // What the STS handler decides (src/authz/trust.ts): the trust policy must allow on its own,
    // and with enforcement on the combined evaluation too; root callers are refused. AWS names no
    // reason in AssumeRole's AccessDenied.
    const trustAllows = result.layers.resource?.decision === 'allowed';
    const refused = !trustAllows || (mode === 'on' && (result.decision !== 'allowed' || isRoot));
    // The trust policy is checked in every mode, so a trust refusal is a denial even in audit.
    denied = refused;
    message = refused
      ? isRoot
        ? 'Roles may not be assumed by root accounts.'
        : `User: ${p.arn} is not authorized to perform: ${action} on resource: ${resource}`
      : undefined;
  }

  const layers: DecisionRecord['layers'] = {};
  for (const [name, l] of Object.entries(result.layers))
    if (l) layers[name] = { decision: l.decision, statements: l.matched.map(toStatement) };
  const record: DecisionRecord = {
    id: DecisionLog.newId(),
    time: ctx.now().toISOString(),
    requestId: ctx.requestId,
    mode,
    decision: bySts && denied && result.decision === 'allowed' ? 'implicitDeny' : result.decision,
    denied,
    action,
    resource,
    principal: p.arn,
    principalType: p.type,
    decidedBy: isRoot && result.decision === 'allowed' && !result.matchedStatements.length ? 'root' : result.decidedBy,
    reason: isRoot && result.decision === 'allowed' ? 'the account root user is allowed every action in its account' : result.reason,
    message,
    statements: result.matchedStatements.map(toStatement),
    layers,
    missingContextKeys: result.missingContextKeys,
    context,
    note: d.note,
  };
  if (message) record.encodedMessage = encodedDenial(ctx.principal, record, ctx.store);
  decisionLog(ctx.store).add(record);
  onDecision?.(record.id);

  if (mode === 'audit')
    ctx.log.info(
      { decisionId: record.id, decision: record.decision, action, resource, principal: p.arn, reason: record.reason },
      'authorization decision (audit)',
    );
  // AssumeRole is refused (or not) by its handler, after its own checks (MFA code, tags, …).
  if (denied && !bySts) throw withDecision(accessDenied(message!), record.id);
  return record.id;
}

function withDecision(err: AwsError, id: string): AwsError {
  return Object.assign(err, { decisionId: id });
}

