// The gateway's decision for one request: each check (action on resource) evaluated by the policy
// engine with the caller's identity, boundary and session policies (the same cached sets the IAM
// endpoint uses) and, for S3, the bucket policy; recorded in the same decision log
// (/_iam/decisions, the console) with the same record shape. The first denied check is the
// request's denial, as AWS reports one action in its message.
import type { Services } from '../context.js';
import type { Principal } from '../principal.js';
import { evaluate, type EvalPrincipal, type EvalResult, type PolicyRef, type PolicySet } from '../policy/index.js';
import { forAction, memo, principalPolicies } from '../authz/principal-policies.js';
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

function globalContext(services: Services, f: CallFacts): Record<string, string | string[]> {
  // The principal's keys (ARN, tags, session facts) change only with a write the policy generation
  // sees: made once per key, not per request.
  const p = f.principal;
  const principalKeys = f.anonymous ? {} : memo(services.store, `gateway-principal-context|${p.accessKeyId}|${p.arn}`, () => principalContext(services.store, p));
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
  const base = Object.assign(globalContext(services, f), mapped.context);
  const all = f.anonymous ? { identity: [] } : principalPolicies(services.store, p);
  const log = decisionLog(services.store);
  for (const check of mapped.checks) {
    const side = resourceSide(check);
    // One request, one check (the common case): the base object itself is the context.
    const context = mapped.checks.length === 1 ? Object.assign(base, { 'aws:ResourceAccount': side.account }) : { ...base, 'aws:ResourceAccount': side.account };
    const set: PolicySet = { ...forAction(all, check.action) };
    if (side.policy) set.resource = side.policy;
    const result = evaluate(
      { principal, action: check.action, resource: check.resource, resourceAccount: side.account, context, partition: f.partition },
      set,
    );
    const allowed = result.decision === 'allowed';
    const denied = mode === 'on' && !allowed;
    const isRoot = p.type === 'root' && !f.anonymous;
    const layers: DecisionRecord['layers'] = {};
    for (const [name, l] of Object.entries(result.layers))
      if (l) layers[name] = { decision: l.decision, statements: l.matched.map(toStatement) };
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
      statements: result.matchedStatements.map(toStatement),
      layers,
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

