// The gateway's decision for one request: each check (action on resource) evaluated by the policy
// engine with the caller's identity, boundary and session policies (the same cached sets the IAM
// endpoint uses) and, for S3, the bucket policy; recorded in the same decision log
// (/_iam/decisions, the console) with the same record shape. The first denied check is the
// request's denial, as AWS reports one action in its message.
import type { Services } from '../context.js';
import type { Principal } from '../principal.js';
import { evaluate, type EvalPrincipal, type EvalResult, type PolicyRef, type PolicySet } from '../policy/index.js';
import { forAction, memo, principalPolicies, type PrincipalPolicies } from '../authz/principal-policies.js';
import { principalContext } from '../authz/request-context.js';
import { DecisionLog, decisionLog, toStatement, type DecisionRecord } from '../authz/decisions.js';
import { evalPrincipalOf } from '../authz/trust.js';
import { encodedDenial } from '../authz/authorization-message.js';
import type { Check, MappedRequest } from './request-model.js';

export interface CallFacts {
  requestId: string;
  principal: Principal;
  /** An unsigned request: no identity policies, no principal keys; only a resource policy that
   *  allows everyone admits it. */
  anonymous?: boolean;
  region: string;
  partition: string;
  sourceIp: string;
  secureTransport: boolean;
  userAgent?: string;
  now: Date;
  /** The principal's keys and policies, when the caller has them already. */
  principalFacts?: PrincipalFacts;
}

/** A resource-based policy that applies to a check, and the account that owns the resource. */
export interface ResourceSide {
  policy?: PolicyRef;
  account: string;
}

export interface Denial {
  check: Check;
  result: EvalResult;
  decisionId: string;
}

export interface Decided {
  decisionIds: string[];
  /** Set when a check was refused (mode on only). */
  denial?: Denial;
  /** Checks that were not allowed (audit mode records them without refusing). */
  notAllowed: number;
}

const ACCOUNT_OF_ARN = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/;

/** The account a resource belongs to: its ARN's, else the caller's (S3 passes the bucket owner). */
export function accountOf(resource: string, fallback: string): string {
  return ACCOUNT_OF_ARN.exec(resource)?.[1] ?? fallback;
}

export interface PrincipalFacts {
  /** The principal's request context keys (ARN, tags, session facts). */
  keys: Record<string, string | string[]>;
  policies: PrincipalPolicies;
}

/** A principal's context keys and policies. Both change only with a write the policy generation
 *  sees, so they are made once per key, not per request, and fetched with one look-up (each
 *  look-up reads the generation: a query of the store file when it is one). */
export function principalFacts(services: Services, p: Principal): PrincipalFacts {
  return memo(services.store, `gateway-principal|${p.accessKeyId}|${p.arn}`, () => ({
    keys: principalContext(services.store, p),
    policies: principalPolicies(services.store, p),
  }));
}

function globalContext(f: CallFacts, principalKeys: Record<string, string | string[]>): Record<string, string | string[]> {
  const c: Record<string, string | string[]> = {
    'aws:SourceIp': f.sourceIp.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1'),
    'aws:CurrentTime': f.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(f.now.getTime() / 1000)),
    'aws:SecureTransport': f.secureTransport ? 'true' : 'false',
    'aws:RequestedRegion': f.region,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    ...principalKeys,
  };
  const s = f.principal.session;
  if (s?.mfaPresent && s.mfaAuthenticatedAt)
    c['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor((f.now.getTime() - s.mfaAuthenticatedAt.getTime()) / 1000)));
  if (f.userAgent) c['aws:UserAgent'] = f.userAgent;
  return c;
}

// ---- decisions that do not depend on the request ----
// When no statement that can apply to an action reads the request (no Condition, no policy
// variable), the engine's answer for a principal, action and resource is the same on every request
// until a policy changes: it is kept per policy set. The sets are the cached objects of
// principalPolicies/forAction, replaced by new ones after any write that could change them
// (src/store/policy-generation.ts), and bucket policies are new objects when read again; so a
// policy write drops every answer derived from the old policies with them (WeakMaps).

interface Answer {
  result: EvalResult;
  statements: DecisionRecord['statements'];
  layers: DecisionRecord['layers'];
}

const NO_RESOURCE_POLICY = {};
const answers = new WeakMap<PrincipalPolicies, WeakMap<object, Map<string, Answer>>>();
const contextFree = new WeakMap<object, boolean>();
const MAX_ANSWERS = 10_000;

const readsRequest = (xs: string[] | undefined) => xs !== undefined && xs.some((x) => x.includes('${'));

/** No statement of the policies has a Condition or a policy variable. */
function refsContextFree(refs: PolicyRef[] | undefined): boolean {
  if (!refs) return true;
  for (const ref of refs) {
    let free = contextFree.get(ref.parsed);
    if (free === undefined) {
      free = ref.parsed.statements.every(
        (st) => st.conditions.length === 0 && !readsRequest(st.action) && !readsRequest(st.notAction) && !readsRequest(st.resource) && !readsRequest(st.notResource),
      );
      contextFree.set(ref.parsed, free);
    }
    if (!free) return false;
  }
  return true;
}

function answersFor(set: PrincipalPolicies, resourcePolicy: PolicyRef | undefined): Map<string, Answer> | undefined {
  if (!refsContextFree(set.identity) || !refsContextFree(set.boundary) || !refsContextFree(set.session)) return undefined;
  if (resourcePolicy && !refsContextFree([resourcePolicy])) return undefined;
  let byResource = answers.get(set);
  if (!byResource) answers.set(set, (byResource = new WeakMap()));
  const key = resourcePolicy ?? NO_RESOURCE_POLICY;
  let m = byResource.get(key);
  if (!m) byResource.set(key, (m = new Map()));
  else if (m.size >= MAX_ANSWERS) m.clear();
  return m;
}

function answerOf(result: EvalResult): Answer {
  const layers: DecisionRecord['layers'] = {};
  for (const [name, l] of Object.entries(result.layers)) if (l) layers[name] = { decision: l.decision, statements: l.matched.map(toStatement) };
  return { result, statements: result.matchedStatements.map(toStatement), layers };
}

export function decideRequest(
  services: Services,
  f: CallFacts,
  mapped: MappedRequest,
  resourceSide: (check: Check) => ResourceSide,
  note: string,
): Decided {
  const mode = services.config.enforce;
  const out: Decided = { decisionIds: [], notAllowed: 0 };
  if (mode === 'off') return out;
  const p = f.principal;
  const principal: EvalPrincipal = f.anonymous ? { type: 'Anonymous', arn: '*', accountId: '' } : evalPrincipalOf({ kind: 'aws', principal: p });
  const facts = f.anonymous ? undefined : (f.principalFacts ?? principalFacts(services, p));
  const base = Object.assign(globalContext(f, facts?.keys ?? {}), mapped.context);
  const all = facts?.policies ?? { identity: [] };
  const log = decisionLog(services.store);
  for (const check of mapped.checks) {
    const side = resourceSide(check);
    // One request, one check (the common case): the base object itself is the context.
    const context = mapped.checks.length === 1 ? Object.assign(base, { 'aws:ResourceAccount': side.account }) : { ...base, 'aws:ResourceAccount': side.account };
    const narrowed = forAction(all, check.action);
    // Anonymous requests have a fresh, empty identity set each time: nothing to keep.
    const kept = f.anonymous ? undefined : answersFor(narrowed, side.policy);
    const key = kept && `${check.action}\n${check.resource}\n${side.account}\n${f.partition}\n${p.arn}`;
    let answer = kept?.get(key!);
    if (!answer) {
      const set: PolicySet = { ...narrowed };
      if (side.policy) set.resource = side.policy;
      answer = answerOf(
        evaluate({ principal, action: check.action, resource: check.resource, resourceAccount: side.account, context, partition: f.partition }, set),
      );
      kept?.set(key!, answer);
    }
    const result = answer.result;
    const allowed = result.decision === 'allowed';
    const denied = mode === 'on' && !allowed;
    const isRoot = p.type === 'root' && !f.anonymous;
    const record: DecisionRecord = {
      id: DecisionLog.newId(),
      time: f.now.toISOString(),
      requestId: f.requestId,
      mode,
      decision: result.decision,
      denied,
      action: check.action,
      resource: check.resource,
      principal: p.arn,
      principalType: f.anonymous ? 'anonymous' : p.type,
      decidedBy: isRoot && allowed && !result.matchedStatements.length ? 'root' : result.decidedBy,
      reason: isRoot && allowed && !result.matchedStatements.length ? 'the account root user is allowed every action in its account' : result.reason,
      message: allowed ? undefined : f.anonymous ? 'Access Denied' : deniedMessage(p.arn, check, result),
      statements: answer.statements,
      layers: answer.layers,
      missingContextKeys: result.missingContextKeys,
      context,
      note: mapped.unknown ? `${note}; operation not in the gateway's mapping: decided as ${check.action} on *` : note,
    };
    if (!allowed) {
      record.encodedMessage = encodedDenial(p, record, services.store);
      out.notAllowed++;
    }
    log.add(record);
    out.decisionIds.push(record.id);
    if (denied) {
      out.denial = { check, result, decisionId: record.id };
      break;
    }
  }
  return out;
}

/** AWS's message; S3 quotes the resource ARN ("… on resource: \"arn:aws:s3:::b/k\" because …"). */
export function deniedMessage(principalArn: string, check: Check, result: EvalResult): string {
  const resource = check.action.startsWith('s3:') ? `"${check.resource}"` : check.resource;
  return `User: ${principalArn} is not authorized to perform: ${check.action} on resource: ${resource} ${result.reason}`;
}

