// The Policy Simulator core (SimulatePrincipalPolicy / SimulateCustomPolicy), pure: policies,
// actions, resources and context entries in; AWS's EvaluationResult list out.
import { listContextKeys } from './context-keys.js';
import type { ContextValue } from './context.js';
import { evaluate, type EvalResult, type MatchedStatement, type PolicyRef } from './evaluate.js';
import type { EvalPrincipal } from './principal.js';
import { dict } from '../own.js';

// The simulator's results, in the shape IAM's SimulatePrincipalPolicy/SimulateCustomPolicy return
// (the engine's own types: it does not import the wire's generated ones, which match them).
export type SimulationDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';
export interface Position {
  Line?: number;
  Column?: number;
}
export interface Statement {
  SourcePolicyId?: string;
  SourcePolicyType?: 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';
  StartPosition?: Position;
  EndPosition?: Position;
}
export interface ContextEntry {
  ContextKeyName?: string;
  ContextKeyValues?: string[];
  ContextKeyType?: 'string' | 'stringList' | 'numeric' | 'numericList' | 'boolean' | 'booleanList' | 'ip' | 'ipList' | 'binary' | 'binaryList' | 'date' | 'dateList';
}
export interface ResourceSpecificResult {
  EvalResourceName: string;
  EvalResourceDecision: SimulationDecision;
  MatchedStatements?: Statement[];
  MissingContextValues?: string[];
  EvalDecisionDetails?: Record<string, SimulationDecision>;
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean };
}
export interface EvaluationResult {
  EvalActionName: string;
  EvalResourceName?: string;
  EvalDecision: SimulationDecision;
  MatchedStatements?: Statement[];
  MissingContextValues?: string[];
  OrganizationsDecisionDetail?: { AllowedByOrganizations?: boolean };
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean };
  EvalDecisionDetails?: Record<string, SimulationDecision>;
  ResourceSpecificResults?: ResourceSpecificResult[];
}

export interface SimulateInput {
  /** Identity-based policies (the principal's, plus PolicyInputList as "PolicyInputList.N"). */
  identity: PolicyRef[];
  /** ResourcePolicy input (SourcePolicyType "resource"). */
  resourcePolicy?: PolicyRef;
  /** Permissions boundary (the principal's, or PermissionsBoundaryPolicyInputList). */
  boundary?: PolicyRef[];
  actions: string[];
  /** ResourceArns; when absent the simulation uses "*". */
  resources?: string[];
  /** The caller (CallerArn / the simulated principal). */
  principal: EvalPrincipal;
  /** ResourceOwner account; defaults to the principal's account. */
  resourceOwner?: string;
  contextEntries?: ContextEntry[];
  /** AWS's current result shape ("The simulator now returns a single EvaluationResult per action,
   *  regardless of how many resource ARNs are provided … The top-level EvalDecision reflects the most
   *  restrictive decision across all resources"; with ResourceArns the MissingContextValues are
   *  reported under ResourceSpecificResults). Default false: one result per action × resource. */
  aggregate?: boolean;
  /** The request's partition (EvalRequest.partition). */
  partition?: string;
}

const RESTRICTIVENESS = { allowed: 0, implicitDeny: 1, explicitDeny: 2 } as const;

const LIST_TYPES = new Set(['stringList', 'numericList', 'booleanList', 'ipList', 'binaryList', 'dateList']);

/** ContextEntries → context record: list types are multi-valued, scalar types single-valued. */
export function contextFromEntries(entries: ContextEntry[] = []): Record<string, ContextValue> {
  const out = dict<ContextValue>();
  for (const e of entries) {
    if (!e.ContextKeyName) continue;
    const values = e.ContextKeyValues ?? [];
    const list = e.ContextKeyType ? LIST_TYPES.has(e.ContextKeyType) : values.length > 1;
    out[e.ContextKeyName.toLowerCase()] = list ? values : values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** A matched statement's StartPosition/EndPosition as AWS reports them: its parser's location just
 *  after the statement's opening `{` and just after its closing `}` (1-based lines and columns).
 *  AWS CLI reference, simulate-custom-policy example: the one-line policy
 *  {"Version":"2012-10-17","Statement":{"Effect":"Allow",…}}} gives Start {1,38}, End {1,167}: the `{`
 *  is the 37th character, the statement's `}` the 166th. */
export function statementPositions(m: Pick<MatchedStatement, 'start' | 'end'>): Pick<Statement, 'StartPosition' | 'EndPosition'> {
  return { StartPosition: { Line: m.start.line, Column: m.start.column + 1 }, EndPosition: { Line: m.end.line, Column: m.end.column } };
}

const toStatement = (m: MatchedStatement): Statement => ({
  SourcePolicyId: m.policyId,
  SourcePolicyType: m.sourceType ?? (m.layer === 'resource' ? 'resource' : 'none'),
  ...statementPositions(m),
});

/** EvalDecisionDetails: each policy type's own decision ("IAM Policy", "Resource Policy", …). */
function decisionDetails(r: EvalResult): Record<string, EvalResult['decision']> {
  const d: Record<string, EvalResult['decision']> = { 'IAM Policy': r.layers.identity.decision };
  if (r.layers.resource) d['Resource Policy'] = r.layers.resource.decision;
  if (r.layers.boundary) d['Permissions Boundary Policy'] = r.layers.boundary.decision;
  return d;
}

/** Runs the simulation: one EvaluationResult per action × resource, in input order. */
export function simulate(input: SimulateInput): EvaluationResult[] {
  const context = contextFromEntries(input.contextEntries);
  const all = [...input.identity, ...(input.boundary ?? []), ...(input.resourcePolicy ? [input.resourcePolicy] : [])];
  const spelling = new Map(listContextKeys(all.map((p) => p.parsed)).map((k) => [k.toLowerCase(), k]));
  const explicitResources = input.resources && input.resources.length > 0;
  const resources = explicitResources ? input.resources! : ['*'];
  const out: EvaluationResult[] = [];
  if (input.aggregate) return simulateAggregate(input, context, spelling, explicitResources ? input.resources! : undefined);
  for (const action of input.actions) {
    for (const resource of resources) {
      const r = evaluate(
        {
          principal: input.principal,
          action,
          resource,
          resourceAccount: input.resourceOwner,
          context,
          partition: input.partition,
        },
        { identity: input.identity, resource: input.resourcePolicy, boundary: input.boundary },
      );
      const matched = r.matchedStatements.map(toStatement);
      const missingValues = r.missingContextKeys.map((k) => spelling.get(k) ?? k);
      const boundaryDetail =
        r.allowedByBoundary === undefined ? undefined : { AllowedByPermissionsBoundary: r.allowedByBoundary };
      const details = input.resourcePolicy || !r.sameAccount ? decisionDetails(r) : undefined;
      const result: EvaluationResult = {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: r.decision,
        MatchedStatements: matched,
        MissingContextValues: missingValues,
      };
      if (details) result.EvalDecisionDetails = details;
      if (boundaryDetail) result.PermissionsBoundaryDecisionDetail = boundaryDetail;
      if (explicitResources) {
        const rs: ResourceSpecificResult = {
          EvalResourceName: resource,
          EvalResourceDecision: r.decision,
          MatchedStatements: matched,
          MissingContextValues: missingValues,
        };
        if (details) rs.EvalDecisionDetails = details;
        if (boundaryDetail) rs.PermissionsBoundaryDecisionDetail = boundaryDetail;
        result.ResourceSpecificResults = [rs];
      }
      out.push(result);
    }
  }
  return out;
}

/** One EvaluationResult per action, with per-resource ResourceSpecificResults (AWS's current shape). */
function simulateAggregate(
  input: SimulateInput,
  context: Record<string, ContextValue>,
  spelling: Map<string, string>,
  resources: string[] | undefined,
): EvaluationResult[] {
  const policies = { identity: input.identity, resource: input.resourcePolicy, boundary: input.boundary };
  return input.actions.map((action) => {
    const per = (resources ?? ['*']).map((resource) => ({
      resource,
      r: evaluate({ principal: input.principal, action, resource, resourceAccount: input.resourceOwner, context, partition: input.partition }, policies),
    }));
    const worst = per.reduce((a, b) => (RESTRICTIVENESS[b.r.decision] > RESTRICTIVENESS[a.r.decision] ? b : a));
    const decision = worst.r.decision;
    const seen = new Set<string>();
    const matched: Statement[] = [];
    for (const { r } of per)
      if (r.decision === decision)
        for (const m of r.matchedStatements) {
          const k = `${m.policyId}#${m.statementIndex}`;
          if (!seen.has(k)) {
            seen.add(k);
            matched.push(toStatement(m));
          }
        }
    const missingOf = (r: EvalResult) => r.missingContextKeys.map((k) => spelling.get(k) ?? k);
    const boundaryOf = (r: EvalResult) =>
      r.allowedByBoundary === undefined ? undefined : { AllowedByPermissionsBoundary: r.allowedByBoundary };
    const result: EvaluationResult = {
      EvalActionName: action,
      EvalResourceName: resources ? resources[0]! : '*',
      EvalDecision: decision,
      MatchedStatements: matched,
      MissingContextValues: resources ? [] : missingOf(worst.r),
    };
    // "populated for only cross-account simulations … If the simulation evaluates policies within the
    // same account and includes a resource ARN, then the parameter is present but the response is
    // empty. If … same account and specifies all resources (*), then the parameter is not returned."
    if (!worst.r.sameAccount) result.EvalDecisionDetails = decisionDetails(worst.r);
    else if (resources) result.EvalDecisionDetails = {};
    const pb = boundaryOf(worst.r);
    if (pb) result.PermissionsBoundaryDecisionDetail = pb;
    if (resources)
      result.ResourceSpecificResults = per.map(({ resource, r }) => {
        const rs: ResourceSpecificResult = {
          EvalResourceName: resource,
          EvalResourceDecision: r.decision,
          MatchedStatements: r.matchedStatements.map(toStatement),
          MissingContextValues: missingOf(r),
        };
        if (!r.sameAccount) rs.EvalDecisionDetails = decisionDetails(r);
        const b = boundaryOf(r);
        if (b) rs.PermissionsBoundaryDecisionDetail = b;
        return rs;
      });
    return result;
  });
}
