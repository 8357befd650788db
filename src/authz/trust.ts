// The trust decision of AssumeRole* (see src/sts/assume-role.ts for the rules per enforcement
// mode), with the caller's identity policies resolved by src/resolution.
// Pure evaluation is the policy engine's (src/policy/evaluate.ts); this module only builds the
// request (principal, action, resource = the role ARN, context) and combines the layers.
import type { RequestContext } from '../context.js';
import type { Principal } from '../principal.js';
import { accessDenied, type AwsError } from '../protocol/errors.js';
import type { RoleRow } from '../store/roles.js';
import { evaluate, type EvalResult } from '../policy/evaluate.js';
import { parsePolicyCached } from '../policy/parse.js';
import type { EvalPrincipal } from '../policy/principal.js';
import { requestContextKeys, type ContextKeys } from './request-context.js';
import { principalPolicies } from '../resolution/principal-policies.js';
import { iamArn } from '../arn.js';

/** Who asks to assume the role: an AWS principal (AssumeRole) or an identity provider's user. */
export type TrustCaller =
  | { kind: 'aws'; principal: Principal }
  | { kind: 'federated'; providerArn: string; accountId: string };

export interface AssumeRequest {
  caller: TrustCaller;
  role: RoleRow;
  /** sts:AssumeRole… first, then sts:TagSession / sts:SetSourceIdentity when the request needs them. */
  actions: string[];
  /** Request-specific keys (sts:ExternalId, sts:RoleSessionName, aws:RequestTag/…, provider claims). */
  context: ContextKeys;
  mfaPresent: boolean;
  mfaAuthenticatedAt?: Date;
}

export interface AssumeDecision {
  allowed: boolean;
  /** A specific refusal (e.g. root callers); otherwise the caller answers AWS's AccessDenied. */
  error?: AwsError;
  results: EvalResult[];
}

const KIND: Record<Principal['type'], EvalPrincipal['type']> = {
  root: 'Root',
  user: 'User',
  'assumed-role': 'AssumedRole',
  'federated-user': 'FederatedUser',
};

/** The trust-check context and actions of a federated AssumeRoleWith* call: its claims, session
 *  name and tags as request keys; sts:TagSession / sts:SetSourceIdentity when it asks for them. */
export function federatedTrustRequest(
  action: string,
  claims: Record<string, string | string[]>,
  sessionName: string,
  tags: { Key: string; Value: string }[],
  sourceIdentity: string | undefined,
): { context: Record<string, string | string[]>; actions: string[] } {
  const context: Record<string, string | string[]> = { ...claims, 'sts:RoleSessionName': sessionName };
  for (const t of tags) context[`aws:RequestTag/${t.Key}`] = t.Value;
  if (tags.length) context['aws:TagKeys'] = tags.map((t) => t.Key);
  if (sourceIdentity) context['sts:SourceIdentity'] = sourceIdentity;
  const actions = [action];
  if (tags.length) actions.push('sts:TagSession');
  if (sourceIdentity) actions.push('sts:SetSourceIdentity');
  return { context, actions };
}

export function evalPrincipalOf(caller: TrustCaller): EvalPrincipal {
  if (caller.kind === 'federated') return { type: 'Federated', arn: caller.providerArn, accountId: caller.accountId };
  const p = caller.principal;
  return { type: KIND[p.type], arn: p.arn, accountId: p.accountId, roleArn: p.roleArn };
}

export function trustContext(ctx: RequestContext, req: AssumeRequest): ContextKeys {
  // Federated callers have no principal keys of their own: start from the request's global keys.
  const base = req.caller.kind === 'aws' ? requestContextKeys(ctx, {}) : federatedBase(ctx);
  const c: ContextKeys = { ...base, ...req.context };
  if (req.caller.kind === 'aws') {
    c['aws:MultiFactorAuthPresent'] = req.mfaPresent ? 'true' : 'false';
    if (req.mfaPresent && req.mfaAuthenticatedAt)
      c['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor((ctx.now().getTime() - req.mfaAuthenticatedAt.getTime()) / 1000)));
    // Long-term credentials without MFA: AWS leaves the key absent, so "Bool": true fails and
    // "BoolIfExists": false matches — the documented pitfall.
    if (!req.mfaPresent && !req.caller.principal.session) delete c['aws:MultiFactorAuthPresent'];
  }
  return c;
}

function federatedBase(ctx: RequestContext): ContextKeys {
  const now = ctx.now();
  return {
    'aws:SourceIp': ctx.sourceIp,
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:SecureTransport': ctx.secureTransport ? 'true' : 'false',
    'aws:RequestedRegion': ctx.region,
  };
}

/** Evaluates the trust policy (and, with enforcement on, the caller's identity policies). */
export function decideAssume(ctx: RequestContext, req: AssumeRequest): AssumeDecision {
  const role = req.role;
  const roleArn = iamArn(role.account_id, 'role', role.path, role.name);
  const principal = evalPrincipalOf(req.caller);
  const context = trustContext(ctx, req);
  const trust = { id: 'AssumeRolePolicyDocument', sourceType: 'resource' as const, parsed: parsePolicyCached(role.trust_policy) };
  const mode = ctx.config.enforce;
  const aws = req.caller.kind === 'aws' ? req.caller.principal : undefined;

  const results: EvalResult[] = [];
  let trustOk = true;
  let fullOk = true;
  for (const action of req.actions) {
    const evalReq = { principal, action, resource: roleArn, resourceAccount: role.account_id, context, partition: ctx.partition };
    // The trust policy alone: its own layer decides (an Allow naming the caller in any form).
    const alone = evaluate(evalReq, { identity: [], resource: trust });
    results.push(alone);
    if (alone.layers.resource?.decision !== 'allowed') trustOk = false;
    if (aws && mode !== 'off') {
      const identity = principalPolicies(ctx.store, aws);
      const full = evaluate(evalReq, { ...identity, resource: trust });
      results.push(full);
      if (full.decision !== 'allowed') fullOk = false;
    }
  }

  if (aws?.type === 'root' && mode === 'on')
    return { allowed: false, error: rootRefusal(), results };
  if (!trustOk) return { allowed: false, results };
  if (aws && mode === 'on' && !fullOk) return { allowed: false, results };
  if (aws && mode === 'audit' && !fullOk)
    ctx.log.warn({ caller: aws.arn, role: roleArn, actions: req.actions }, 'audit: AssumeRole would be denied by identity policies');
  return { allowed: true, results };
}

const rootRefusal = () => accessDenied('Roles may not be assumed by root accounts.');
