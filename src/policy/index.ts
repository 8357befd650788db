// The policy engine: pure TypeScript, no I/O. Exported API (import from 'src/policy/index.js'):
//
// Validation (every document the API accepts):
//   validatePolicyDocument(text, kind, opts?) → PolicyValidation  kind: 'identity'|'trust'|'boundary'|'session'|'resource'.
//     { ok: true }, or { ok: false, finding } with the first thing IAM refuses, in IAM's order (see
//     validate.ts); never throws. PolicyFinding: { kind: 'syntax'|'semantic', message, position? } (IAM's
//     message; position where one place is at fault: a JSON error, a duplicate key, the Version) or
//     { kind: 'size', message, size, limit, quota } for the size quota: managed/boundary 6144, inline
//     user 2048 / group 5120 / role 10240 (pass opts.inline = { entityType, entityName }), trust 2048;
//     white space is not counted. opts.skipSize skips the quota (session policies: STS checks its own
//     packed size). Managed policies (identity/boundary without opts.inline) need Version 2012-10-17.
//     The engine knows no API errors: src/resolution/policy-errors.ts maps a finding to the AwsError
//     (MalformedPolicyDocument 400, LimitExceeded 409, the simulator's InvalidInput) in one place.
//     trustPrincipalArns(text) lists the user/role principals of a trust policy for the handler's
//     existence check (the engine has no store).
//
// Partitions: EvalRequest.partition (from the signing region, src/partition.ts) makes the engine read the
//   request's `arn:aws:` ARNs in that partition, so a policy naming another partition does not match.
//
// Parsing (do it once per document, then evaluate many requests):
//   parsePolicy(text) / parsePolicyCached(text) → ParsedPolicy { version, statements[], variables }
//     Each statement keeps start/end { line, column } (1-based; end is just after the closing `}`)
//     for the simulator's MatchedStatements. Throws JsonSyntaxError if the text is not JSON.
//
// Evaluation:
//   evaluate(request, policies) → EvalResult
//     request:  { principal: EvalPrincipal, action: 'iam:CreateUser', resource: ARN or '*',
//                 resourceAccount?, context?: Record<key, string|string[]> (any case; or makeContext()) }
//     principal: { arn, accountId, type: 'Root'|'User'|'AssumedRole'|'FederatedUser'|'Service'|
//                 'Federated'|'CanonicalUser'|'Anonymous', roleArn? (for AssumedRole), canonicalId? }
//     policies: { identity: PolicyRef[], resource?: PolicyRef, boundary?: PolicyRef[],
//                 session?: PolicyRef[], resourceRequired?: boolean (true for role trust policies) }
//     PolicyRef: { id, sourceType?: 'user'|'group'|'role'|'aws-managed'|'user-managed'|'resource'|'none',
//                  parsed: ParsedPolicy }
//     EvalResult: { decision: 'allowed'|'explicitDeny'|'implicitDeny', decidedBy: layer,
//                   matchedStatements (policyId, layer, sourceType, statementIndex, sid, effect, start, end),
//                   missingContextKeys (lower-case), layers (per-layer decision + matched statements),
//                   allowedByBoundary?, sameAccount, reason }
//     Resource-policy principals: a named user / session ARN / service / federated grants by itself
//     (boundary and session policies do not limit it); "*" is limited by session policies only; a role
//     ARN by both; an account id / :root only delegates to identity policies (same account).
//     Cross-account (resourceAccount ≠ principal.accountId) needs identity AND resource Allow.
//     reason is the phrase of AWS's AccessDenied message, e.g.
//       "because no identity-based policy allows the iam:CreateUser action",
//       "with an explicit deny in an identity-based policy" (note: AWS writes "an identity-based";
//       accessDeniedMessage() builds the whole sentence).
//   accessDeniedMessage(principalArn, action, resource, result) → AWS's AccessDenied message text.
//
// Simulator and context keys:
//   simulate(SimulateInput) → EvaluationResult[] (IAM's shape, the engine's own type), one per action × resource;
//     with `aggregate: true`, AWS's current shape: one per action, top-level decision = the most
//     restrictive across ResourceArns, per-resource details (and MissingContextValues) under
//     ResourceSpecificResults, EvalDecisionDetails {} for same-account with ResourceArns.
//   contextFromEntries(ContextEntry[]) → context record.
//   listContextKeys(ParsedPolicy[]) → the keys (as spelled) for GetContextKeysFor*Policy.
//
// Building blocks: matchAction, matchResource, wildcardMatch (IAM `*`/`?` matching),
// evaluateCondition(s), parseOperator.
export {
  validatePolicyDocument,
  trustPrincipalArns,
  isPolicyDate,
  policySize,
  SIZE_LIMITS,
  MESSAGES,
  type PolicyFinding,
  type PolicyValidation,
  type PolicyKind,
  type ValidateOptions,
} from './validate.js';
export { parsePolicy, parsePolicyCached, type ParsedPolicy, type ParsedStatement, type ParsedCondition, type PrincipalSpec, type Pos } from './parse.js';
export { JsonSyntaxError } from './json.js';
export {
  evaluate,
  evaluateLayer,
  type Decision,
  type EvalRequest,
  type EvalResult,
  type Layer,
  type LayerResult,
  type MatchedStatement,
  type PolicyRef,
  type PolicySet,
  type SourcePolicyType,
} from './evaluate.js';
export { matchPrincipal, type EvalPrincipal, type PrincipalKind, type PrincipalMatch } from './principal.js';
export { makeContext, type Context, type ContextValue } from './context.js';
export { matchAction, matchResource, wildcardMatch } from './match.js';
export { evaluateCondition, evaluateConditions } from './conditions.js';
export { parseOperator } from './operators.js';
export { listContextKeys } from './context-keys.js';
export { simulate, contextFromEntries, statementPositions, type SimulateInput } from './simulate.js';
export { accessDeniedMessage } from './messages.js';
