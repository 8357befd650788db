// The decision, as AWS's policy evaluation logic documents it:
//   1. an explicit Deny in any policy (identity, resource, boundary, session) → explicitDeny;
//   2. same account: a resource-based policy Allow that names the principal directly (IAM user ARN,
//      role session ARN, federated user session, service, federated) → allowed, whatever boundary and
//      session policies say (STS: "If that policy specifically references the session in the Principal
//      element, … these permissions are granted in addition to the permissions granted by the session
//      policies"); "*" → allowed within the session policies (a boundary does not limit it); one that
//      names the role ARN → allowed when the boundary and session policies allow too;
//      one that names only the account delegates: it needs an identity-based Allow;
//   3. otherwise an identity-based Allow, within the permissions boundary and the session policies
//      (intersection) → allowed;
//   4. cross account: both an identity-based Allow (within boundary/session) and a resource-based
//      Allow (any principal form) are needed;
//   5. otherwise implicitDeny.
import { evaluateConditions } from './conditions.js';
import { makeContext, type Context, type ContextValue } from './context.js';
import { actionMatcher, matchResource } from './match.js';
import type { ParsedPolicy, ParsedStatement, Pos } from './parse.js';
import { matchPrincipal, strongest, type EvalPrincipal, type PrincipalMatch } from './principal.js';

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';
export type Layer = 'identity' | 'resource' | 'boundary' | 'session';

/** AWS's PolicySourceType values (the simulator's SourcePolicyType). */
export type SourcePolicyType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

export interface PolicyRef {
  /** SourcePolicyId as the simulator reports it (policy name, ARN, or "PolicyInputList.1"). */
  id: string;
  sourceType?: SourcePolicyType;
  parsed: ParsedPolicy;
}

export interface PolicySet {
  identity: PolicyRef[];
  resource?: PolicyRef;
  /** Permissions boundary (the simulator may pass several; each must allow). */
  boundary?: PolicyRef[];
  /** Session policies (inline session policy and managed policy ARNs of an STS session). */
  session?: PolicyRef[];
  /** The resource policy must allow even in the same account (role trust policies, KMS key policies). */
  resourceRequired?: boolean;
}

export interface EvalRequest {
  principal: EvalPrincipal;
  action: string;
  resource: string;
  /** Account that owns the resource; defaults to the principal's account (same-account). */
  resourceAccount?: string;
  /** Context keys (any case) → value(s). */
  context?: Context | Record<string, ContextValue | undefined>;
  /** The request's partition (from its signing region). ARNs of the request written `arn:aws:…`
   *  (principal, resource, context values) are read in it, so a policy naming another partition
   *  does not match. Default: `aws`. */
  partition?: string;
}

const CANONICAL = 'arn:aws:';

/** The request with its `arn:aws:` ARNs read in req.partition (the same request when that is `aws`). */
export function inPartition(req: EvalRequest): EvalRequest {
  const part = req.partition;
  if (!part || part === 'aws') return req;
  const fix = (v: string) => (v.startsWith(CANONICAL) ? `arn:${part}:${v.slice(CANONICAL.length)}` : v);
  const fixValue = (v: ContextValue | undefined) => (v === undefined ? v : typeof v === 'string' ? fix(v) : v.map(fix));
  let context = req.context;
  if (context instanceof Map) {
    const m = new Map<string, ContextValue>();
    for (const [k, v] of context as Context) m.set(k, fixValue(v)!);
    context = m;
  } else if (context) {
    const o: Record<string, ContextValue | undefined> = {};
    for (const [k, v] of Object.entries(context)) o[k] = fixValue(v as ContextValue | undefined);
    context = o;
  }
  const principal = { ...req.principal, arn: fix(req.principal.arn), roleArn: req.principal.roleArn && fix(req.principal.roleArn) };
  return { ...req, principal, resource: fix(req.resource), context, partition: 'aws' };
}

export interface MatchedStatement {
  policyId: string;
  layer: Layer;
  sourceType?: SourcePolicyType;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  start: Pos;
  end: Pos;
}

export interface LayerResult {
  decision: Decision;
  /** Every statement that applied (action, resource, principal and conditions all matched). */
  matched: MatchedStatement[];
  /** For the resource layer: how its strongest Allow named the principal. */
  principalMatch?: PrincipalMatch;
}

export interface EvalResult {
  decision: Decision;
  /** The layer that decided: for a deny, the layer with the explicit Deny or whose missing Allow
   *  caused the implicit deny; for an allow, the layer whose Allow granted it. */
  decidedBy: Layer | 'none';
  /** The decisive statements: the Deny statements for explicitDeny, the Allow statements that
   *  granted an allowed decision, none for implicitDeny. */
  matchedStatements: MatchedStatement[];
  /** Condition keys (lower-case) referenced by applicable statements but absent from the context. */
  missingContextKeys: string[];
  layers: { identity: LayerResult; resource?: LayerResult; boundary?: LayerResult; session?: LayerResult };
  /** Present when a boundary was evaluated. */
  allowedByBoundary?: boolean;
  sameAccount: boolean;
  /** A one-line explanation (the phrase AWS's AccessDenied message uses, for denials). */
  reason: string;
}

/** Compiled Action/NotAction matchers, per parsed statement (parsed policies are immutable). */
const actionMatchers = new WeakMap<ParsedStatement, (actionLower: string) => boolean>();

function statementApplies(
  s: ParsedStatement,
  req: EvalRequest,
  actionLower: string,
  ctx: Context,
  variables: boolean,
  withPrincipal: boolean,
  missing: Set<string>,
  hasBoundary = false,
): { applies: boolean; principal?: PrincipalMatch } {
  let m = actionMatchers.get(s);
  if (!m) {
    m = actionMatcher(s.action ?? s.notAction ?? []);
    actionMatchers.set(s, m);
  }
  if (!s.action && !s.notAction) return { applies: false };
  if (m(actionLower) !== !!s.action) return { applies: false };

  if (s.resource || s.notResource) {
    const list = (s.resource ?? s.notResource)!;
    let hit = false;
    let varMissing = false;
    for (const r of list) {
      const m = matchResource(r, req.resource, ctx, variables);
      if (m.missing.length) {
        varMissing = true;
        for (const k of m.missing) missing.add(k);
      }
      if (m.matched) {
        hit = true;
        break;
      }
    }
    if (s.resource ? !hit : hit || varMissing) return { applies: false };
  }

  let principal: PrincipalMatch | undefined;
  if (withPrincipal) {
    if (s.principal) {
      principal = matchPrincipal(s.principal, req.principal);
      if (!principal) return { applies: false };
    } else if (s.notPrincipal) {
      // AWS: "The NotPrincipal element with a Deny effect will always deny any IAM principal that has
      // a permissions boundary policy attached, regardless of the values specified in NotPrincipal."
      const boundaryQuirk = hasBoundary && s.effect === 'Deny';
      if (!boundaryQuirk && matchPrincipal(s.notPrincipal, req.principal)) return { applies: false };
      principal = 'any';
    } else return { applies: false };
  }

  if (s.conditions.length) {
    const c = evaluateConditions(s.conditions, ctx, variables);
    for (const k of c.missing) missing.add(k);
    if (!c.matched) return { applies: false };
  }
  return { applies: true, principal };
}

export function evaluateLayer(
  layer: Layer,
  policies: PolicyRef[],
  req: EvalRequest,
  ctx: Context,
  missing: Set<string>,
  hasBoundary = false,
): LayerResult {
  if (req.partition && req.partition !== 'aws') {
    const r = inPartition(req);
    // The context was built from the untranslated request: read its ARNs in the partition too.
    return evaluateLayer(layer, policies, r, inPartition({ ...req, context: ctx }).context as Context, missing, hasBoundary);
  }
  const matched: MatchedStatement[] = [];
  let deny = false;
  let allow = false;
  let principalMatch: PrincipalMatch | undefined;
  const actionLower = req.action.toLowerCase();
  for (const p of policies) {
    for (const s of p.parsed.statements) {
      const r = statementApplies(s, req, actionLower, ctx, p.parsed.variables, layer === 'resource', missing, hasBoundary);
      if (!r.applies) continue;
      matched.push({
        policyId: p.id,
        layer,
        sourceType: p.sourceType,
        statementIndex: s.index,
        sid: s.sid,
        effect: s.effect,
        start: s.start,
        end: s.end,
      });
      if (s.effect === 'Deny') deny = true;
      else {
        allow = true;
        principalMatch = strongest(principalMatch, r.principal);
      }
    }
  }
  return { decision: deny ? 'explicitDeny' : allow ? 'allowed' : 'implicitDeny', matched, principalMatch };
}

const LAYER_PHRASE: Record<Layer, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
};

const ARTICLE: Record<Layer, string> = { identity: 'an', resource: 'a', boundary: 'a', session: 'a' };

/** Evaluates one request against pre-parsed policies. Pure; safe to call many times per policy set. */
export function evaluate(request: EvalRequest, policies: PolicySet): EvalResult {
  const req = inPartition(request);
  const ctx: Context = req.context instanceof Map ? (req.context as Context) : makeContext(req.context as Record<string, ContextValue>);
  const missing = new Set<string>();
  // Principals outside any account (services, web-identity/SAML federation, anonymous) have no
  // identity-based policies: the resource-based policy alone decides, as within one account.
  const sameAccount =
    !req.resourceAccount || !req.principal.accountId || req.resourceAccount === req.principal.accountId;
  const isRoot = req.principal.type === 'Root';

  const identity = evaluateLayer('identity', policies.identity, req, ctx, missing);
  const hasBoundary = !!policies.boundary?.length;
  const resource = policies.resource
    ? evaluateLayer('resource', [policies.resource], req, ctx, missing, hasBoundary)
    : undefined;
  const boundary = policies.boundary?.length ? evaluateLayer('boundary', policies.boundary, req, ctx, missing) : undefined;
  const session = policies.session?.length ? evaluateLayer('session', policies.session, req, ctx, missing) : undefined;
  const layers = { identity, resource, boundary, session };
  const base = {
    layers,
    sameAccount,
    missingContextKeys: [...missing],
    allowedByBoundary: boundary ? boundary.decision === 'allowed' : undefined,
  };

  // 1. Explicit deny anywhere.
  for (const layer of ['identity', 'resource', 'boundary', 'session'] as const) {
    const l = layers[layer];
    if (l?.decision === 'explicitDeny') {
      return {
        ...base,
        decision: 'explicitDeny',
        decidedBy: layer,
        matchedStatements: collect(layers, 'Deny'),
        reason: `with an explicit deny in ${ARTICLE[layer]} ${LAYER_PHRASE[layer]}`,
      };
    }
  }

  // The root user of the account has every permission in its own account (identity layer).
  const identityAllows = identity.decision === 'allowed' || (isRoot && sameAccount);
  const boundaryAllows = !boundary || boundary.decision === 'allowed' || isRoot;
  const sessionAllows = !session || session.decision === 'allowed';
  const resourceAllows = resource?.decision === 'allowed';
  const rpm = resource?.principalMatch;
  const allowed = (decidedBy: Layer, stmts: MatchedStatement[], reason: string): EvalResult => ({
    ...base,
    decision: 'allowed',
    decidedBy,
    matchedStatements: stmts,
    reason,
  });
  const allowsOf = (l?: LayerResult) => (l ? l.matched.filter((m) => m.effect === 'Allow') : []);
  const intersect = () => [...allowsOf(identity), ...allowsOf(boundary), ...allowsOf(session)];

  if (sameAccount && policies.resourceRequired && !resourceAllows) {
    // e.g. AssumeRole: the role's trust policy must allow, whatever identity policies say.
  } else if (sameAccount) {
    if (resourceAllows && rpm === 'direct')
      return allowed('resource', allowsOf(resource), 'allowed by a resource-based policy that names the principal');
    if (resourceAllows && rpm === 'wildcard' && sessionAllows)
      return allowed('resource', [...allowsOf(resource), ...allowsOf(session)], 'allowed by a resource-based policy');
    if (resourceAllows && (rpm === 'role' || rpm === 'any') && boundaryAllows && sessionAllows)
      return allowed('resource', [...allowsOf(resource), ...allowsOf(boundary), ...allowsOf(session)], 'allowed by a resource-based policy');
    if (identityAllows && boundaryAllows && sessionAllows)
      return allowed('identity', intersect(), 'allowed by an identity-based policy');
  } else if (identityAllows && boundaryAllows && sessionAllows && resourceAllows) {
    return allowed('resource', [...intersect(), ...allowsOf(resource)], 'allowed by identity-based and resource-based policies');
  }

  // Implicit deny: name the layer whose missing Allow denied it.
  let decidedBy: Layer = 'identity';
  if (sameAccount && policies.resourceRequired && !resourceAllows) decidedBy = 'resource';
  else if (!identityAllows && !(sameAccount && resourceAllows)) decidedBy = 'identity';
  else if (!boundaryAllows) decidedBy = 'boundary';
  else if (!sessionAllows) decidedBy = 'session';
  else if (!sameAccount && !resourceAllows) decidedBy = 'resource';
  return {
    ...base,
    decision: 'implicitDeny',
    decidedBy,
    matchedStatements: [],
    reason: `because no ${LAYER_PHRASE[decidedBy]} allows the ${req.action} action`,
  };
}

function collect(layers: EvalResult['layers'], effect: 'Allow' | 'Deny'): MatchedStatement[] {
  const out: MatchedStatement[] = [];
  for (const l of [layers.identity, layers.resource, layers.boundary, layers.session])
    if (l) for (const m of l.matched) if (m.effect === effect) out.push(m);
  return out;
}
