// The IAM Policy Simulator: SimulatePrincipalPolicy and SimulateCustomPolicy.
//
// SimulatePrincipalPolicy takes the policies of a user (its own inline and attached policies plus
// those of its groups), a group or a role, adds PolicyInputList ("PolicyInputList.N"), uses the
// entity's permissions boundary unless PermissionsBoundaryPolicyInputList replaces it, and an
// optional ResourcePolicy. Statements are reported with their policy's name (inline or managed) as
// SourcePolicyId and user | group | role | aws-managed | user-managed | resource | none as type.
// The evaluation itself is the pure engine's (src/policy/simulate.ts).
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type {
  ContextEntry,
  EvaluationResult,
  OrderedOrganizationPolicyType,
  Statement,
  SimulateCustomPolicyRequest,
  SimulatePolicyResponse,
  SimulatePrincipalPolicyRequest,
} from '../protocol/generated/iam-types.js';
import { invalidInput, noSuchEntity } from '../protocol/errors.js';
import {
  contextFromEntries,
  evaluateLayer,
  listContextKeys,
  makeContext,
  parsePolicyCached,
  simulate,
  statementPositions,
  type EvalPrincipal,
  type PolicyKind,
  type PolicyRef,
} from '../policy/index.js';
import { requireValidPolicy } from '../resolution/policy-errors.js';
import { boundaryPolicies, entityPolicies, userPolicies } from '../resolution/principal-policies.js';
import { parseArn } from '../arn.js';

export interface SimulatedEntity {
  type: 'user' | 'group' | 'role';
  id: string;
  arn: string;
  accountId: string;
}

/** The user, group or role a PolicySourceArn names (NoSuchEntity / InvalidInput as IAM answers). */
export function resolvePolicySource(ctx: RequestContext, arn: string): SimulatedEntity {
  const a = parseArn(arn);
  const m = a && a.service === 'iam' ? /^(user|group|role)(\/.*)?\/([^/]+)$/.exec(a.resource) : null;
  if (!a || !m || !/^\d{12}$/.test(a.account)) throw invalidInput(`Invalid ARN: ${arn} is not a user, group or role ARN.`);
  const type = m[1] as SimulatedEntity['type'];
  const name = m[3]!;
  const account = a.account;
  const row =
    type === 'user' ? ctx.store.users.get(account, name) : type === 'group' ? ctx.store.groups.get(account, name) : ctx.store.roles.get(account, name);
  if (!row) throw noSuchEntity(`The ${type} with name ${name} cannot be found.`);
  return { type, id: row.id, arn, accountId: account };
}

/** Every identity-based policy of the entity (for a user, its groups' too). */
export function policiesOfEntity(ctx: RequestContext, e: SimulatedEntity): PolicyRef[] {
  return e.type === 'user' ? userPolicies(ctx.store, e.id) : entityPolicies(ctx.store, e.type, e.id);
}

/** A policy given as a string: validated as IAM would, answered as InvalidInput when it is not. */
export function inputPolicy(text: string, id: string, kind: PolicyKind, sourceType: PolicyRef['sourceType'] = 'none'): PolicyRef {
  requireValidPolicy(text, kind, { skipSize: true, simulatorInput: true }, 'simulator-input');
  return { id, sourceType, parsed: parsePolicyCached(text) };
}

const CONTEXT_TYPES = new Set(['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList']);

/** Context entries are typed: values must be of the declared type, as the simulator checks them. */
export function checkContextEntries(entries: ContextEntry[] | undefined) {
  for (const e of entries ?? []) {
    const type = e.ContextKeyType;
    if (!e.ContextKeyName) throw invalidInput('Context key name is required.');
    if (!type || !CONTEXT_TYPES.has(type)) throw invalidInput(`Invalid context key type for ${e.ContextKeyName}.`);
    const values = e.ContextKeyValues ?? [];
    const base = type.replace(/List$/, '');
    if (!type.endsWith('List') && values.length > 1)
      throw invalidInput(`Context key ${e.ContextKeyName} of type ${type} can only have one value.`);
    for (const v of values) {
      const ok =
        base === 'numeric'
          ? v.trim() !== '' && Number.isFinite(Number(v))
          : base === 'boolean'
            ? /^(true|false)$/i.test(v)
            : base === 'date'
              ? !Number.isNaN(Date.parse(v)) || /^\d+$/.test(v)
              : base === 'ip'
                ? /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(v)
                : base === 'binary'
                  ? /^[A-Za-z0-9+/]*={0,2}$/.test(v)
                  : true;
      if (!ok) throw invalidInput(`Invalid value ${v} for context key ${e.ContextKeyName} of type ${type}.`);
    }
  }
}

const INVALID_CALLER = 'Invalid caller - Caller must be an IAM user in this context.';

/** CallerArn: only an IAM user can be the simulated caller (AWS: "You can specify only the ARN of
 *  an IAM user"). */
function callerPrincipal(arn: string): EvalPrincipal {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):user\/.+/.exec(arn);
  if (!m) throw invalidInput(INVALID_CALLER);
  return { type: 'User', arn, accountId: m[1]! };
}

// Pagination over the evaluation results: the marker is the index of the next result.
function paginate(all: EvaluationResult[], maxItems: number | undefined, marker: string | undefined): SimulatePolicyResponse {
  let start = 0;
  if (marker !== undefined) {
    const n = /^\d+$/.test(Buffer.from(marker, 'base64url').toString('utf8')) ? Number(Buffer.from(marker, 'base64url').toString('utf8')) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > all.length) throw invalidInput('Invalid Marker.');
    start = n;
  }
  const limit = maxItems ?? 100;
  const page = all.slice(start, start + limit);
  const next = start + page.length;
  return next < all.length
    ? { EvaluationResults: page, IsTruncated: true, Marker: Buffer.from(String(next)).toString('base64url') }
    : { EvaluationResults: page, IsTruncated: false };
}

// ---- Service control policies (SimulateCustomPolicy's OrderedOrganizationPolicyInputList) ----
// Each entry is one level of the organization (root, OUs, account) with its SCPs. As AWS evaluates
// them: an explicit Deny in any SCP denies; otherwise every level must have an SCP that allows, or
// the request is implicitly denied; an allowed request stays allowed only if the organization
// allows it. OrganizationsDecisionDetail.AllowedByOrganizations reports the organization's verdict.
type ScpLevel = PolicyRef[];

function scpLevels(list: OrderedOrganizationPolicyType[] | undefined): ScpLevel[] {
  return (list ?? []).map((level, i) =>
    (level.ServiceControlPolicyInputList ?? []).map((text, j) =>
      inputPolicy(text, `OrderedOrganizationPolicyInputList.${i + 1}.ServiceControlPolicyInputList.${j + 1}`, 'identity'),
    ),
  );
}

function applyOrganizations(results: EvaluationResult[], levels: ScpLevel[], principal: EvalPrincipal, entries: ContextEntry[] | undefined, partition: string) {
  if (!levels.length) return;
  const ctx = makeContext(contextFromEntries(entries));
  const spelling = new Map(listContextKeys(levels.flat().map((p) => p.parsed)).map((k) => [k.toLowerCase(), k]));
  for (const r of results) {
    const req = { principal, action: r.EvalActionName, resource: r.EvalResourceName ?? '*', context: ctx, partition };
    const missing = new Set<string>();
    const layerResults = levels.map((refs) => evaluateLayer('identity', refs, req, ctx, missing));
    const denies = layerResults.flatMap((l) => l.matched.filter((m) => m.effect === 'Deny'));
    const allowed = !denies.length && layerResults.every((l) => l.decision === 'allowed');
    const statements: Statement[] = denies.map((m) => ({
      SourcePolicyId: m.policyId,
      SourcePolicyType: 'none',
      ...statementPositions(m),
    }));
    const update = (decision: EvaluationResult['EvalDecision'], matched: Statement[] | undefined) => {
      if (denies.length) return { decision: 'explicitDeny' as const, matched: [...(decision === 'explicitDeny' ? (matched ?? []) : []), ...statements] };
      if (!allowed && decision === 'allowed') return { decision: 'implicitDeny' as const, matched: [] };
      return { decision, matched };
    };
    const top = update(r.EvalDecision, r.MatchedStatements);
    r.EvalDecision = top.decision;
    r.MatchedStatements = top.matched;
    r.OrganizationsDecisionDetail = { AllowedByOrganizations: allowed };
    // "If an Organizations SCP included in the evaluation denies access, the simulation ends":
    // no per-policy-type details then.
    if (!allowed) {
      delete r.EvalDecisionDetails;
      for (const rs of r.ResourceSpecificResults ?? []) delete rs.EvalDecisionDetails;
    }
    for (const k of missing)
      if (!r.MissingContextValues?.some((v) => v.toLowerCase() === k)) (r.MissingContextValues ??= []).push(spelling.get(k) ?? k);
    for (const rs of r.ResourceSpecificResults ?? []) {
      const u = update(rs.EvalResourceDecision, rs.MatchedStatements);
      rs.EvalResourceDecision = u.decision;
      rs.MatchedStatements = u.matched;
    }
  }
}

/** AWS's shape when ResourceArns are given: missing context values are reported under
 *  ResourceSpecificResults instead of the top level, and EvalDecisionDetails is present but empty
 *  for a same-account simulation (EvaluationResult in the IAM API reference). */
function withResourceList(r: EvaluationResult) {
  r.MissingContextValues = [];
  r.EvalDecisionDetails ??= {};
}

interface CommonInput {
  ActionNames: string[];
  ResourceArns?: string[];
  ResourcePolicy?: string;
  ResourceOwner?: string;
  CallerArn?: string;
  ContextEntries?: ContextEntry[];
  MaxItems?: number;
  Marker?: string;
  PermissionsBoundaryPolicyInputList?: string[];
  OrderedOrganizationPolicyInputList?: OrderedOrganizationPolicyType[];
}

function run(
  ctx: RequestContext,
  input: CommonInput,
  identity: PolicyRef[],
  boundary: PolicyRef[] | undefined,
  principal: EvalPrincipal,
): SimulatePolicyResponse {
  checkContextEntries(input.ContextEntries);
  const resourcePolicy = input.ResourcePolicy !== undefined ? inputPolicy(input.ResourcePolicy, 'ResourcePolicy', 'resource', 'resource') : undefined;
  if (input.ResourceOwner !== undefined && !/^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+))$/.test(input.ResourceOwner))
    throw invalidInput(`Invalid ResourceOwner: ${input.ResourceOwner}`);
  const owner = input.ResourceOwner ? (parseArn(input.ResourceOwner)?.account ?? input.ResourceOwner) : undefined;
  const levels = scpLevels(input.OrderedOrganizationPolicyInputList);
  const results = simulate({
    identity,
    boundary,
    resourcePolicy,
    actions: input.ActionNames,
    resources: input.ResourceArns,
    principal,
    resourceOwner: owner,
    contextEntries: input.ContextEntries,
    partition: ctx.partition,
  });
  if (input.ResourceArns?.length) for (const r of results) withResourceList(r);
  applyOrganizations(results, levels, principal, input.ContextEntries, ctx.partition);
  return paginate(results, input.MaxItems, input.Marker);
}

function boundaryInputs(list: string[] | undefined): PolicyRef[] | undefined {
  if (!list?.length) return undefined;
  return list.map((t, i) => inputPolicy(t, `PermissionsBoundaryPolicyInputList.${i + 1}`, 'boundary'));
}

export function simulatePrincipalPolicy(ctx: RequestContext, input: SimulatePrincipalPolicyRequest): SimulatePolicyResponse {
  const entity = resolvePolicySource(ctx, input.PolicySourceArn);
  const extra = (input.PolicyInputList ?? []).map((t, i) => inputPolicy(t, `PolicyInputList.${i + 1}`, 'identity'));
  const exclusions = input.PolicyExclusionList ?? [];
  const excluded = (p: PolicyRef) =>
    exclusions.some((x) =>
      x.InlinePolicyIdentifier
        ? p.sourceType === x.InlinePolicyIdentifier.AttachmentType && p.id === x.InlinePolicyIdentifier.PolicyName
        : x.PolicyArn !== undefined && (p.sourceType === 'aws-managed' || p.sourceType === 'user-managed') && p.id === x.PolicyArn.slice(x.PolicyArn.lastIndexOf('/') + 1),
    );
  const identity = [...policiesOfEntity(ctx, entity), ...extra].filter((p) => !excluded(p));
  const boundaryExcluded = exclusions.some((x) => x.PolicyType === 'permission-boundary');
  const boundary =
    boundaryInputs(input.PermissionsBoundaryPolicyInputList) ??
    (entity.type === 'group' || boundaryExcluded ? undefined : boundaryPolicies(ctx.store, entity.type, entity.id));
  let principal: EvalPrincipal;
  if (input.CallerArn !== undefined) principal = callerPrincipal(input.CallerArn);
  else if (entity.type === 'user') principal = { type: 'User', arn: entity.arn, accountId: entity.accountId };
  else {
    // A resource policy needs a caller to match its Principal; only a user can be one implicitly.
    if (input.ResourcePolicy !== undefined) throw invalidInput(INVALID_CALLER);
    principal =
      entity.type === 'role'
        ? { type: 'AssumedRole', arn: entity.arn, accountId: entity.accountId, roleArn: entity.arn }
        : { type: 'User', arn: entity.arn, accountId: entity.accountId };
  }
  return run(ctx, input, identity, boundary, principal);
}

export function simulateCustomPolicy(ctx: RequestContext, input: SimulateCustomPolicyRequest): SimulatePolicyResponse {
  const identity = input.PolicyInputList.map((t, i) => inputPolicy(t, `PolicyInputList.${i + 1}`, 'identity'));
  const boundary = boundaryInputs(input.PermissionsBoundaryPolicyInputList);
  // CallerArn is required with a ResourcePolicy (its Principal element needs a caller to match);
  // without one the caller only names who is simulated, and the identity policies decide alone.
  if (input.CallerArn === undefined && input.ResourcePolicy !== undefined) throw invalidInput(INVALID_CALLER);
  const principal: EvalPrincipal =
    input.CallerArn !== undefined
      ? callerPrincipal(input.CallerArn)
      : { type: 'User', arn: `arn:aws:iam::${ctx.accountId}:user/SimulatedCaller`, accountId: ctx.accountId };
  return run(ctx, input, identity, boundary, principal);
}

export const simulatorHandlers: IamHandlers = {
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
  SimulateCustomPolicy: simulateCustomPolicy,
};
