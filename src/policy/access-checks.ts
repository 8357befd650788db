// Access Analyzer's custom policy checks, decided by the policy engine (evaluate.ts), pure:
//   checkAccessNotGranted — does the policy grant any of the listed actions / resources?
//   checkNoNewAccess      — does the new policy grant anything the existing one does not?
//   checkNoPublicAccess   — does a resource policy grant access to anyone at all?
// Each question is asked as concrete requests to the engine. The candidate requests are the
// actions and resources the documents name (wildcard patterns stand for themselves, and for the
// catalogue's actions they match when an expander is given), plus a stand-in for "anything not
// listed" so NotAction/NotResource are covered. Conditions are treated as satisfiable: an Allow
// with a condition may grant (its condition is dropped), a Deny with a condition may not apply (it
// is dropped) — except where the question is about the condition itself (the same condition on the
// existing policy's Allow covers the new one's; a public-access condition on the principal's
// account or organization makes a statement non-public).
import { evaluate, type PolicySet } from './evaluate.js';
import { parsePolicy, type ParsedCondition, type ParsedPolicy, type ParsedStatement, type PrincipalSpec } from './parse.js';
import { matchPrincipal, type EvalPrincipal } from './principal.js';
import { wildcardMatch } from './match.js';

export type AccessPolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY';

export interface AccessCheckReason {
  description: string;
  statementIndex?: number;
  statementId?: string;
}

export interface AccessCheckResult {
  result: 'PASS' | 'FAIL';
  message: string;
  reasons: AccessCheckReason[];
}

/** The catalogue's actions (service:Name) a pattern matches; undefined when it cannot say. */
export type ActionExpander = (pattern: string) => readonly string[] | undefined;

const CALLER_ACCOUNT = '111111111111';
const RESOURCE_ACCOUNT = '999999999999';
const UNLISTED_ACTION = 'iam-local-unlisted:UnlistedAction';
const UNLISTED_RESOURCE = 'arn:aws:iam-local-unlisted:us-east-1:999999999999:unlisted/resource';
const ALLOW_ALL: ParsedPolicy = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}');

const conditionKey = (cs: ParsedCondition[]) =>
  JSON.stringify(cs.map((c) => [c.operator.toLowerCase(), c.key.toLowerCase(), [...c.values].sort()]).sort());

/** The policy with conditional Allows made unconditional and conditional Denies removed. */
function relaxed(p: ParsedPolicy, keep?: (s: ParsedStatement) => boolean): ParsedPolicy {
  const statements = p.statements
    .filter((s) => (keep ? keep(s) : true))
    .filter((s) => s.effect === 'Allow' || s.conditions.length === 0)
    .map((s) => (s.conditions.length ? { ...s, conditions: [] } : s));
  return { ...p, statements };
}

/** A principal standing for a value of a Principal element ("*" is an arbitrary outside user). */
function principalFor(type: string, value: string): EvalPrincipal {
  if (type === 'Service') return { type: 'Service', arn: value, accountId: '' };
  if (type === 'Federated') return { type: 'Federated', arn: value, accountId: '' };
  if (type === 'CanonicalUser') return { type: 'CanonicalUser', arn: value, canonicalId: value, accountId: '' };
  if (/^\d{12}$/.test(value)) return { type: 'Root', arn: `arn:aws:iam::${value}:root`, accountId: value };
  const m = /^arn:[^:]+:(iam|sts)::(\d{12}):(.*)$/.exec(value);
  if (m) {
    if (m[3] === 'root') return { type: 'Root', arn: value, accountId: m[2]! };
    if (m[3]!.startsWith('role/')) return { type: 'AssumedRole', arn: `arn:aws:sts::${m[2]}:assumed-role/${m[3]!.split('/').pop()}/session`, roleArn: value, accountId: m[2]! };
    return { type: 'User', arn: value, accountId: m[2]! };
  }
  return { type: 'User', arn: `arn:aws:iam::${CALLER_ACCOUNT}:user/any-principal`, accountId: CALLER_ACCOUNT };
}

function principalsOf(spec: PrincipalSpec | undefined): EvalPrincipal[] {
  if (!spec) return [];
  if (spec === '*') return [principalFor('AWS', '*')];
  return Object.entries(spec).flatMap(([type, values]) => values.map((v) => principalFor(type, v)));
}

const ANYONE: EvalPrincipal = { type: 'User', arn: `arn:aws:iam::${CALLER_ACCOUNT}:user/any-principal`, accountId: CALLER_ACCOUNT };
const ANONYMOUS: EvalPrincipal = { type: 'Anonymous', arn: '*', accountId: '' };

function decide(p: ParsedPolicy, type: AccessPolicyType, principal: EvalPrincipal, action: string, resource: string) {
  if (type === 'IDENTITY_POLICY') return evaluate({ principal, action, resource, context: {} }, { identity: [{ id: 'policyDocument', parsed: p }] });
  const set: PolicySet = { identity: [{ id: 'caller', parsed: ALLOW_ALL }], resource: { id: 'policyDocument', sourceType: 'resource', parsed: p }, resourceRequired: true };
  return evaluate({ principal, action, resource, resourceAccount: RESOURCE_ACCOUNT, context: {} }, set);
}

/** Candidate actions: what the documents name, their expansions, and an unlisted stand-in. */
function actionCandidates(docs: ParsedPolicy[], expand?: ActionExpander): string[] {
  const out = new Set<string>([UNLISTED_ACTION]);
  for (const d of docs)
    for (const s of d.statements)
      for (const a of [...(s.action ?? []), ...(s.notAction ?? [])]) {
        out.add(a);
        for (const x of expand?.(a) ?? []) out.add(x);
        const colon = a.indexOf(':');
        if (s.notAction && colon > 0) for (const x of expand?.(`${a.slice(0, colon)}:*`) ?? []) out.add(x);
      }
  return [...out];
}

function resourceCandidates(docs: ParsedPolicy[]): string[] {
  const out = new Set<string>(['*', UNLISTED_RESOURCE]);
  for (const d of docs) for (const s of d.statements) for (const r of [...(s.resource ?? []), ...(s.notResource ?? [])]) out.add(r);
  return [...out];
}

function principalCandidates(docs: ParsedPolicy[], type: AccessPolicyType): EvalPrincipal[] {
  if (type === 'IDENTITY_POLICY') return [ANYONE];
  const out = new Map<string, EvalPrincipal>();
  for (const p of [ANYONE, ANONYMOUS, ...docs.flatMap((d) => d.statements.flatMap((s) => [...principalsOf(s.principal), ...principalsOf(s.notPrincipal)]))])
    out.set(`${p.type}|${p.arn}|${p.roleArn ?? ''}`, p);
  return [...out.values()];
}

/**
 * One candidate per class of candidates the documents cannot tell apart: two actions (or
 * resources) matched by exactly the same patterns of every statement are decided alike by the
 * engine (conditions do not depend on them), so only one of each class is asked.
 */
function representatives(candidates: string[], patterns: string[], ignoreCase: boolean): string[] {
  const seen = new Map<string, string>();
  for (const c of candidates) {
    let signature = '';
    for (let i = 0; i < patterns.length; i++) if (patterns[i] === c || wildcardMatch(patterns[i]!, c, ignoreCase)) signature += `${i},`;
    if (!seen.has(signature)) seen.set(signature, c);
  }
  return [...seen.values()];
}
const actionPatterns = (docs: ParsedPolicy[]) => [...new Set(docs.flatMap((d) => d.statements.flatMap((s) => [...(s.action ?? []), ...(s.notAction ?? [])])))];
const resourcePatterns = (docs: ParsedPolicy[]) => [...new Set(docs.flatMap((d) => d.statements.flatMap((s) => [...(s.resource ?? []), ...(s.notResource ?? [])].map((r) => r.replace(/\$\{[^}]*\}/g, '*')))))];

const reasonOf = (description: string, s: ParsedStatement): AccessCheckReason => ({ description, statementIndex: s.index, ...(s.sid ? { statementId: s.sid } : {}) });

/** Thrown when a question needs more engine evaluations than a request may take. */
export class AccessCheckTooLarge extends Error {}
/** Statement evaluations one check may make (about 2 µs each: a few seconds at most). */
export const EVALUATION_BUDGET = 2_000_000;

class Budget {
  private n = 0;
  spend(k = 1) {
    this.n += k;
    if (this.n > EVALUATION_BUDGET) throw new AccessCheckTooLarge('The policy documents are too large or too broad to check.');
  }
}

// A statement can only grant requests its own Action/Resource/Principal reach: candidates are
// narrowed to those before the engine decides them with the whole policy.
const reachesAction = (s: ParsedStatement, a: string) =>
  s.action ? s.action.some((p) => wildcardMatch(p, a, true)) : s.notAction ? !s.notAction.some((p) => wildcardMatch(p, a, true)) : false;
const reachesResource = (s: ParsedStatement, r: string) =>
  s.resource ? s.resource.some((p) => p === '*' || wildcardMatch(p.replace(/\$\{[^}]*\}/g, '*'), r)) : s.notResource ? !s.notResource.some((p) => wildcardMatch(p, r)) : true;
const reachesPrincipal = (s: ParsedStatement, p: EvalPrincipal, type: AccessPolicyType) =>
  type === 'IDENTITY_POLICY' || (s.principal ? matchPrincipal(s.principal, p) !== undefined : s.notPrincipal ? matchPrincipal(s.notPrincipal, p) === undefined : false);

export function checkAccessNotGranted(document: string, type: AccessPolicyType, access: { actions?: string[]; resources?: string[] }[], expand?: ActionExpander): AccessCheckResult {
  const policy = parsePolicy(document);
  const p = relaxed(policy);
  const granted = new Map<number, ParsedStatement>();
  const principals = principalCandidates([policy], type);
  const allows = p.statements.filter((s) => s.effect === 'Allow');
  const budget = new Budget();
  for (const entry of access) {
    const actions = representatives((entry.actions?.length ? entry.actions : actionCandidates([policy], expand)).filter((a) => allows.some((s) => reachesAction(s, a))), actionPatterns([policy]), true);
    const resources = representatives((entry.resources?.length ? entry.resources : resourceCandidates([policy])).filter((r) => allows.some((s) => reachesResource(s, r))), resourcePatterns([policy]), false);
    const who = principals.filter((x) => allows.some((s) => reachesPrincipal(s, x, type)));
    for (const principal of who)
      for (const action of actions)
        for (const resource of resources) {
          budget.spend(p.statements.length);
          const r = decide(p, type, principal, action, resource);
          if (r.decision === 'allowed') for (const m of r.matchedStatements) granted.set(m.statementIndex, policy.statements[m.statementIndex]!);
        }
  }
  if (!granted.size) return { result: 'PASS', message: 'The policy document does not grant access to perform the listed actions or resources.', reasons: [] };
  return {
    result: 'FAIL',
    message: 'The policy document grants access to perform one or more of the listed actions or resources.',
    reasons: [...granted.values()].sort((a, b) => a.index - b.index).map((s) => reasonOf(`One or more of the listed actions or resources in the statement with index: ${s.index}.`, s)),
  };
}

export function checkNoNewAccess(newDocument: string, existingDocument: string, type: AccessPolicyType, expand?: ActionExpander): AccessCheckResult {
  const next = parsePolicy(newDocument);
  const existing = parsePolicy(existingDocument);
  const actions = representatives(actionCandidates([next, existing], expand), actionPatterns([next, existing]), true);
  const resources = representatives(resourceCandidates([next, existing]), resourcePatterns([next, existing]), false);
  const principals = principalCandidates([next, existing], type);
  // The new policy's unconditional Denies take access away, whatever else it allows.
  const newDenies = next.statements.filter((s) => s.effect === 'Deny' && !s.conditions.length);
  const fresh = new Map<number, ParsedStatement>();
  const covers = new Map<string, ParsedPolicy>();
  const budget = new Budget();
  for (const s of next.statements) {
    if (s.effect !== 'Allow') continue;
    const alone: ParsedPolicy = { ...next, statements: [{ ...s, conditions: [] }, ...newDenies] };
    const cond = conditionKey(s.conditions);
    // The existing policy covers this statement's requests with an Allow under no condition or the same one.
    const cover = covers.get(cond) ?? covers.set(cond, relaxed(existing, (e) => e.effect === 'Deny' || !e.conditions.length || conditionKey(e.conditions) === cond)).get(cond)!;
    const myActions = actions.filter((a) => reachesAction(s, a));
    const myResources = resources.filter((r) => reachesResource(s, r));
    const myPrincipals = principals.filter((x) => reachesPrincipal(s, x, type));
    search: for (const principal of myPrincipals)
      for (const action of myActions)
        for (const resource of myResources) {
          budget.spend(1 + newDenies.length + cover.statements.length);
          if (decide(alone, type, principal, action, resource).decision !== 'allowed') continue;
          if (decide(cover, type, principal, action, resource).decision === 'allowed') continue;
          fresh.set(s.index, s);
          break search;
        }
  }
  if (!fresh.size) return { result: 'PASS', message: 'The modified permissions do not grant new access compared to your existing policy.', reasons: [] };
  return {
    result: 'FAIL',
    message: 'The modified permissions grant new access compared to your existing policy.',
    reasons: [...fresh.values()].map((s) => reasonOf(`New access in the statement with index: ${s.index}.`, s)),
  };
}

/** Condition keys that tie a statement to known callers (the principal's or source's account,
 *  organization, ARN, network): a statement restricted by one is not public. */
const RESTRICTING_KEYS = new Set([
  'aws:principalaccount', 'aws:principalarn', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:sourceaccount', 'aws:sourcearn',
  'aws:sourceowner', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip', 'aws:userid', 'aws:username', 'aws:principalservicename',
  'kms:calleraccount', 's3:dataaccesspointaccount', 'sts:externalid', 'lambda:eventsourcetoken', 'sns:endpoint',
  'cognito-identity.amazonaws.com:aud', 'accounts.google.com:aud', 'graph.facebook.com:app_id', 'www.amazon.com:app_id',
]);
const restricts = (c: ParsedCondition) =>
  RESTRICTING_KEYS.has(c.key.toLowerCase()) && !/not|ifexists/i.test(c.operator) && !/^forallvalues:/i.test(c.operator) && c.values.length > 0 && c.values.every((v) => v !== '*' && v !== '0.0.0.0/0' && v !== '::/0');

export function checkNoPublicAccess(document: string, resourceType: string, expand?: ActionExpander): AccessCheckResult {
  const policy = parsePolicy(document);
  const open = relaxed(policy, (s) => s.effect === 'Deny' || !s.conditions.some(restricts));
  const actions = resourceType === 'AWS::IAM::AssumeRolePolicyDocument' ? ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', ...actionCandidates([policy], expand)] : actionCandidates([policy], expand);
  const resources = representatives(resourceCandidates([policy]), resourcePatterns([policy]), false);
  const publicStatements = new Map<number, ParsedStatement>();
  const allows = open.statements.filter((s) => s.effect === 'Allow' && reachesPrincipal(s, ANONYMOUS, 'RESOURCE_POLICY'));
  const budget = new Budget();
  for (const action of representatives(actions.filter((a) => allows.some((s) => reachesAction(s, a))), actionPatterns([policy]), true))
    for (const resource of resources.filter((r) => allows.some((s) => reachesResource(s, r)))) {
      budget.spend(open.statements.length);
      const r = decide(open, 'RESOURCE_POLICY', ANONYMOUS, action, resource);
      if (r.decision === 'allowed') for (const m of r.matchedStatements) publicStatements.set(m.statementIndex, policy.statements[m.statementIndex]!);
    }
  if (!publicStatements.size) return { result: 'PASS', message: 'The resource policy does not grant public access for the given resource type.', reasons: [] };
  return {
    result: 'FAIL',
    message: 'The resource policy grants public access for the given resource type.',
    reasons: [...publicStatements.values()].sort((a, b) => a.index - b.index).map((s) => reasonOf(`Public access granted in the following statement with index: ${s.index}.`, s)),
  };
}
