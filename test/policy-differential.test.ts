// A second opinion: our engine against @cloud-copilot/iam-simulate (AGPL; a dev dependency used
// only here as a test oracle, never imported from src/) over generated policies and requests.
// Default run: POLICY_DIFF_RUNS (default 1000, a few seconds) cases with a fixed seed; set POLICY_DIFF_RUNS=20000
// and/or POLICY_DIFF_SEED to explore further. Every disagreement must be listed in ORACLE_ERRORS
// below, with the reason the oracle is wrong against AWS's documentation.
import fc from 'fast-check';
import { loadPolicy } from '@cloud-copilot/iam-policy';
// The oracle's core engine, exactly as its runUnsafeSimulation() drives it (which does not name the
// resource policy and then crashes on it), reached by path because the package exports only its index.
import { authorize } from '../node_modules/@cloud-copilot/iam-simulate/dist/esm/core_engine/CoreSimulatorEngine.js';
import { DiscoveryContextKeyConstraints } from '../node_modules/@cloud-copilot/iam-simulate/dist/esm/context_keys/discoveryContextKeyConstraints.js';
import { AwsRequestImpl } from '../node_modules/@cloud-copilot/iam-simulate/dist/esm/request/request.js';
import { RequestContextImpl } from '../node_modules/@cloud-copilot/iam-simulate/dist/esm/requestContext.js';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePolicy, type Decision, type EvalPrincipal, type PolicySet } from '../src/policy/index.js';

const A = '123456789012';
const B = '210987654321';
const RUNS = Number(process.env.POLICY_DIFF_RUNS ?? 1000);
const SEED = Number(process.env.POLICY_DIFF_SEED ?? 20261129);

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'iam:CreateUser', 'iam:GetUser', 'ec2:RunInstances', 'ec2:TerminateInstances', 'dynamodb:GetItem'];
const ACTION_PATTERNS = [...ACTIONS, '*', 's3:*', 's3:Get*', 'iam:*User', 'ec2:?unInstances', 'S3:GETOBJECT', 'iam:Get?ser', 'dynamodb:*', 'ec2:*Instances'];
const RESOURCES = [
  'arn:aws:s3:::b/k',
  'arn:aws:s3:::b/dev/x',
  'arn:aws:s3:::c/k',
  'arn:aws:s3:::b/bob',
  `arn:aws:iam::${A}:user/bob`,
  `arn:aws:iam::${A}:user/dev/alice`,
  `arn:aws:ec2:us-east-1:${A}:instance/i-1`,
  `arn:aws:dynamodb:us-east-1:${A}:table/t`,
];
const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::b/*',
  'arn:aws:s3:::*/k',
  'arn:aws:s3:::b/?',
  'arn:aws:s3:::B/*',
  'arn:aws:S3:::b/*',
  `arn:aws:ec2:US-EAST-1:${A}:instance/*`,
  'arn:aws:s3:::b/dev/*',
  `arn:aws:iam::*:user/*`,
  `arn:aws:iam::${A}:user/dev/*`,
  `arn:aws:ec2:*:${A}:instance/*`,
  `arn:aws:ec2:us-east-?:*:instance/i-1`,
  `arn:aws:*:*:${A}:*`,
  'arn:aws:s3:::b/${aws:username}',
  `arn:aws:iam::${A}:user/\${aws:username}`,
  "arn:aws:s3:::b/${aws:username, 'k'}",
  'arn:aws:s3:::b/${aws:PrincipalTag/team}/*',
  ...RESOURCES,
];

// Condition keys with value pools that make matches likely.
interface KeySpec {
  key: string;
  ops: string[];
  policyValues: string[];
  contextValues: (string | string[])[];
}
const STRING_OPS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'];
const KEYS: KeySpec[] = [
  { key: 'aws:SourceIp', ops: ['IpAddress', 'NotIpAddress'], policyValues: ['203.0.113.0/24', '10.0.0.0/8', '203.0.113.5', '2001:db8::/32', '0.0.0.0/0'], contextValues: ['203.0.113.5', '10.1.2.3', '198.51.100.1', '2001:db8::1', '2001:db9::1'] },
  { key: 'aws:username', ops: STRING_OPS, policyValues: ['bob', 'Bob', 'b*', 'al?ce', '*', 'dev/*', '${aws:username}'], contextValues: ['bob', 'alice', 'BOB', 'dev/x'] },
  { key: 'aws:PrincipalTag/team', ops: STRING_OPS, policyValues: ['red', 'RED', 'r*', '${aws:username}', "${aws:PrincipalTag/env, 'red'}"], contextValues: ['red', 'blue', 'Red'] },
  { key: 'aws:ResourceTag/env', ops: STRING_OPS, policyValues: ['prod', 'dev', 'pr?d', '${aws:PrincipalTag/team}'], contextValues: ['prod', 'dev', 'PROD'] },
  { key: 'aws:MultiFactorAuthPresent', ops: ['Bool'], policyValues: ['true', 'false'], contextValues: ['true', 'false'] },
  { key: 'aws:SecureTransport', ops: ['Bool'], policyValues: ['true', 'false'], contextValues: ['true', 'false'] },
  { key: 'aws:MultiFactorAuthAge', ops: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'], policyValues: ['3600', '0', '100', '3600.0'], contextValues: ['100', '3600', '7200', '0'] },
  { key: 'aws:CurrentTime', ops: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'], policyValues: ['2026-01-01T00:00:00Z', '2026-11-29T12:00:00Z', '2027-01-01T00:00:00Z'], contextValues: ['2026-11-29T12:00:00Z', '2025-06-01T00:00:00Z', '1795953600'] },
  { key: 'aws:SourceArn', ops: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'], policyValues: [`arn:aws:sns:us-east-1:${A}:topic`, `arn:aws:sns:*:${A}:*`, 'arn:aws:sns:*:*:top?c', `arn:aws:sqs:*:${A}:*`, 'arn:aws:sns:*', '*', `arn:aws:sns:us-east-1:${A}:\${aws:username}`], contextValues: [`arn:aws:sns:us-east-1:${A}:topic`, `arn:aws:sqs:eu-west-1:${A}:q`, `arn:aws:sns:us-east-1:${B}:topic`] },
  { key: 'aws:TagKeys', ops: STRING_OPS.map((o) => `ForAllValues:${o}`).concat(STRING_OPS.map((o) => `ForAnyValue:${o}`)), policyValues: ['env', 'team', 'e*', 'owner'], contextValues: [['env'], ['env', 'team'], ['owner', 'x'], []] },
];

const condArb = fc
  .record({
    spec: fc.constantFrom(...KEYS),
    opIdx: fc.nat(),
    ifExists: fc.boolean(),
    nullOp: fc.integer({ min: 0, max: 9 }),
    values: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
  })
  .map(({ spec, opIdx, ifExists, nullOp, values }) => {
    if (nullOp === 0) return { op: 'Null', key: spec.key, values: [values[0]! % 2 ? 'true' : 'false'] };
    const op = spec.ops[opIdx % spec.ops.length]! + (ifExists && nullOp < 4 ? 'IfExists' : '');
    return { op, key: spec.key, values: [...new Set(values.map((v) => spec.policyValues[v % spec.policyValues.length]!))] };
  });

const conditionBlock = (conds: { op: string; key: string; values: string[] }[]) => {
  const block: Record<string, Record<string, string | string[]>> = {};
  for (const c of conds) {
    block[c.op] ??= {};
    block[c.op]![c.key] = c.values.length === 1 ? c.values[0]! : c.values;
  }
  return block;
};

const principalPool = (acct: string) => [
  '*',
  { AWS: '*' },
  { AWS: A },
  { AWS: `arn:aws:iam::${A}:root` },
  { AWS: B },
  { AWS: `arn:aws:iam::${A}:user/bob` },
  { AWS: `arn:aws:iam::${B}:user/bob` },
  { AWS: `arn:aws:iam::${acct}:role/app` },
  { AWS: `arn:aws:sts::${A}:assumed-role/app/s1` },
  { AWS: [`arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${B}:user/bob`] },
];

const statementArb = (resourcePolicy: boolean) =>
  fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      notAction: fc.integer({ min: 0, max: 5 }),
      actions: fc.array(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 3 }),
      notResource: fc.integer({ min: 0, max: 5 }),
      resources: fc.array(fc.constantFrom(...RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
      conds: fc.array(condArb, { maxLength: 2 }),
      principal: fc.constantFrom(...principalPool(A)),
      notPrincipal: fc.integer({ min: 0, max: 9 }),
    })
    .map((s) => {
      const st: Record<string, unknown> = { Effect: s.effect };
      st[s.notAction === 0 ? 'NotAction' : 'Action'] = s.actions.length === 1 ? s.actions[0] : s.actions;
      st[s.notResource === 0 ? 'NotResource' : 'Resource'] = s.resources.length === 1 ? s.resources[0] : s.resources;
      if (resourcePolicy) {
        // NotPrincipal is only meaningful with Deny (AWS does not support it with Allow).
        if (s.effect === 'Deny' && s.notPrincipal === 0 && s.principal !== '*') st.NotPrincipal = s.principal;
        else st.Principal = s.principal;
      }
      if (s.conds.length) st.Condition = conditionBlock(s.conds);
      return st;
    });

const policyArb = (resourcePolicy: boolean) =>
  fc.record({
    version: fc.constantFrom('2012-10-17', '2012-10-17', '2012-10-17', '2008-10-17'),
    statements: fc.array(statementArb(resourcePolicy), { minLength: 1, maxLength: 3 }),
  }).map((p) => ({ Version: p.version, Statement: p.statements }));

const contextArb = fc
  .array(fc.record({ spec: fc.constantFrom(...KEYS), v: fc.nat() }), { maxLength: 6 })
  .map((entries) => {
    const ctx: Record<string, string | string[]> = {};
    for (const { spec, v } of entries) ctx[spec.key] = spec.contextValues[v % spec.contextValues.length]!;
    return ctx;
  });

const PRINCIPALS = [
  `arn:aws:iam::${A}:user/bob`,
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${B}:user/bob`,
  `arn:aws:sts::${A}:assumed-role/app/s1`,
];

const caseArb = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  identity: fc.array(policyArb(false), { minLength: 0, maxLength: 3 }),
  boundary: fc.option(policyArb(false), { freq: 4 }),
  resourcePolicy: fc.option(policyArb(true), { freq: 3 }),
  /** Session policy (used only for the assumed-role principal). */
  session: fc.option(policyArb(false), { freq: 3 }),
  /** The account owning the resource: mostly the principal's (A), sometimes another (B). */
  resourceAccount: fc.constantFrom(A, A, A, B),
  context: contextArb,
});
// Role trust policies: sts actions on a role, the trust policy as the resource policy.
const TRUST_ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
const trustStatementArb = fc
  .record({
    effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
    actions: fc.array(fc.constantFrom('sts:AssumeRole', 'sts:*', '*', 'sts:TagSession', 'sts:Assume*'), { minLength: 1, maxLength: 2 }),
    principal: fc.constantFrom(...principalPool(A)),
    conds: fc.array(condArb, { maxLength: 1 }),
  })
  .map((t) => {
    const st: Record<string, unknown> = { Effect: t.effect, Principal: t.principal, Action: t.actions.length === 1 ? t.actions[0] : t.actions };
    if (t.conds.length) st.Condition = conditionBlock(t.conds);
    return st;
  });
const trustCaseArb = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(...TRUST_ACTIONS),
  resource: fc.constant(`arn:aws:iam::${A}:role/target`),
  identity: fc.array(
    fc.record({
      effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      action: fc.constantFrom('sts:AssumeRole', 'sts:*', '*', 'iam:*'),
      resource: fc.constantFrom('*', `arn:aws:iam::${A}:role/target`, `arn:aws:iam::${A}:role/other`, `arn:aws:iam::*:role/*`),
    }).map((x) => ({ Version: '2012-10-17' as const, Statement: [{ Effect: x.effect, Action: x.action, Resource: x.resource }] as Record<string, unknown>[] })),
    { maxLength: 2 },
  ),
  boundary: fc.constant(null),
  resourcePolicy: fc.array(trustStatementArb, { minLength: 1, maxLength: 3 }).map((st) => ({ Version: '2012-10-17' as const, Statement: st })),
  session: fc.constant(null),
  resourceAccount: fc.constant(A),
  context: contextArb,
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function toPrincipal(arn: string): EvalPrincipal {
  const account = arn.split(':')[4]!;
  const m = /^arn:aws:sts::(\d+):assumed-role\/([^/]+)\//.exec(arn);
  if (m) return { arn, accountId: account, type: 'AssumedRole', roleArn: `arn:aws:iam::${m[1]}:role/${m[2]}` };
  return { arn, accountId: account, type: 'User' };
}

const sessionOf = (c: Case) => (c.principal.includes(':assumed-role/') ? c.session : null);

function ours(c: Case): Decision {
  const policies: PolicySet = {
    identity: c.identity.map((p, i) => ({ id: `p${i}`, parsed: parsePolicy(JSON.stringify(p)) })),
    boundary: c.boundary ? [{ id: 'pb', parsed: parsePolicy(JSON.stringify(c.boundary)) }] : undefined,
    resource: c.resourcePolicy ? { id: 'rp', parsed: parsePolicy(JSON.stringify(c.resourcePolicy)) } : undefined,
    session: sessionOf(c) ? [{ id: 'session', parsed: parsePolicy(JSON.stringify(sessionOf(c))) }] : undefined,
    // A role trust policy must allow even within the account (sts:AssumeRole and friends).
    resourceRequired: c.action.startsWith('sts:') && !!c.resourcePolicy,
  };
  return evaluate(
    { principal: toPrincipal(c.principal), action: c.action, resource: c.resource, resourceAccount: c.resourceAccount, context: c.context },
    policies,
  ).decision;
}

const ORACLE_DECISION = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' } as const;
function oracle(c: Case): Decision {
  const request = new AwsRequestImpl(
    c.principal,
    { resource: c.resource, accountId: c.resourceAccount },
    c.action,
    new RequestContextImpl(c.context),
  );
  const analysis = authorize({
    request,
    sessionPolicy: sessionOf(c) ? loadPolicy(sessionOf(c), { name: 'session' }) : undefined,
    identityPolicies: c.identity.map((p, i) => loadPolicy(p, { name: `p${i}` })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: c.resourcePolicy ? loadPolicy(c.resourcePolicy, { name: 'rp' }) : undefined,
    permissionBoundaries: c.boundary ? [loadPolicy(c.boundary, { name: 'pb' })] : undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
  });
  return ORACLE_DECISION[analysis.result];
}

// Disagreements where the oracle departs from AWS's documentation. Each entry rewrites a case into
// one that AWS's documented semantics make equivalent (our engine must decide the same on it) but
// that avoids the oracle's error; a disagreement counts as the oracle's error only when the oracle
// then agrees with us. Anything else fails the test.
type Pol = { Version: '2008-10-17' | '2012-10-17'; Statement: Record<string, unknown>[] };
const mapPolicies = (c: Case, f: (p: Pol) => Pol): Case => ({
  ...c,
  identity: c.identity.map((p) => f(p as Pol)),
  boundary: c.boundary ? f(c.boundary as Pol) : c.boundary,
  resourcePolicy: c.resourcePolicy ? f(c.resourcePolicy as Pol) : c.resourcePolicy,
  session: c.session ? f(c.session as Pol) : c.session,
});
const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v as string]);
const VAR = /\$\{([^}]*)\}/g;
const unresolvable = (text: string, ctx: Record<string, unknown>, version: string) =>
  version === '2012-10-17' &&
  [...text.matchAll(VAR)].some((m) => {
    const inner = m[1]!.trim();
    if (['*', '?', '$'].includes(inner) || inner.includes(',')) return false;
    const v = Object.entries(ctx).find(([k]) => k.toLowerCase() === inner.toLowerCase())?.[1];
    return typeof v !== 'string';
  });

const ORACLE_ERRORS: { reason: string; rewrite: (c: Case) => Case }[] = [
  {
    reason:
      'NotResource entry with a policy variable the request lacks: the oracle treats the entry as not matching, so the ' +
      'statement applies; AWS documents that "if AWS cannot resolve a variable this might cause the entire statement to be ' +
      'invalid" (reference_policies_variables), i.e. the statement is dropped. Rewrite: drop such statements.',
    rewrite: (c) =>
      mapPolicies(c, (p) => ({
        ...p,
        Statement: p.Statement.filter((st) => !list(st.NotResource).some((r) => unresolvable(r, c.context, p.Version))),
      })),
  },
  {
    reason:
      'The oracle matches the partition, service, region and account components of Resource ARNs case-insensitively ' +
      '(its segment regex has the "i" flag); ARNs are case-sensitive (IAM Access Analyzer reports "Invalid ARN service ' +
      'case", and a resource arn:aws:s3:… is not arn:aws:S3:…). Rewrite: replace patterns whose first five components ' +
      'are not lower-case with one that matches nothing.',
    rewrite: (c) =>
      mapPolicies(c, (p) => ({
        ...p,
        Statement: p.Statement.map((st) => {
          const fix = (v: unknown) => {
            if (v === undefined) return v;
            const head = (r: string) => r.split(':').slice(0, 5).join(':');
            const out = list(v).map((r) => (head(r) !== head(r).toLowerCase() ? 'arn:aws:s3:::no-such-bucket' : r));
            return out;
          };
          const n: Record<string, unknown> = { ...st };
          if (st.Resource !== undefined) n.Resource = fix(st.Resource);
          if (st.NotResource !== undefined) n.NotResource = fix(st.NotResource);
          return n;
        }),
      })),
  },
  {
    reason:
      'Policy variables in a Version 2008-10-17 policy: the oracle substitutes them; AWS documents that with 2008-10-17 ' +
      '(or no Version) policy variables are not recognised and are treated as literal strings (reference_policies_elements_version). ' +
      'Rewrite: make the literal text unmistakable ("${" → "$("), which no generated resource or context value contains either way.',
    rewrite: (c) =>
      mapPolicies(c, (p) => (p.Version === '2012-10-17' ? p : (JSON.parse(JSON.stringify(p).replaceAll('${', '$(')) as Pol))),
  },
  {
    reason:
      'ForAnyValue:…IfExists on a key absent from the request: the oracle ignores IfExists for set operators and answers ' +
      'false; AWS documents IfExists as "if the key is not present, evaluate the condition element as true" ' +
      '(reference_policies_elements_condition_operators, IfExists). Rewrite: drop that (true) condition.',
    rewrite: (c) =>
      mapPolicies(c, (p) => ({
        ...p,
        Statement: p.Statement.map((st) => {
          const cond = st.Condition as Record<string, Record<string, unknown>> | undefined;
          if (!cond) return st;
          const out: Record<string, Record<string, unknown>> = {};
          for (const [op, keys] of Object.entries(cond)) {
            const kept = Object.fromEntries(
              Object.entries(keys).filter(
                ([k]) => !(/^ForAnyValue:.*IfExists$/i.test(op) && !Object.keys(c.context).some((ck) => ck.toLowerCase() === k.toLowerCase())),
              ),
            );
            if (Object.keys(kept).length) out[op] = kept;
          }
          const n: Record<string, unknown> = { ...st };
          if (Object.keys(out).length) n.Condition = out;
          else delete n.Condition;
          return n;
        }),
      })),
  },
  {
    reason:
      'CIDR /0: the oracle computes the mask as -1 << (32 - prefix), and a JavaScript shift by 32 is a shift by 0, so ' +
      '0.0.0.0/0 only matches 0.0.0.0; a /0 range contains every IPv4 address. Rewrite: 0.0.0.0/0 → 0.0.0.0/1 + 128.0.0.0/1.',
    rewrite: (c) =>
      mapPolicies(c, (p) => ({
        ...p,
        Statement: p.Statement.map((st) => {
          const cond = st.Condition as Record<string, Record<string, unknown>> | undefined;
          if (!cond) return st;
          const out: Record<string, Record<string, unknown>> = {};
          for (const [op, keys] of Object.entries(cond))
            out[op] = Object.fromEntries(
              Object.entries(keys).map(([k, v]) => [k, list(v).flatMap((x) => (x === '0.0.0.0/0' ? ['0.0.0.0/1', '128.0.0.0/1'] : [x]))]),
            );
          return { ...st, Condition: out };
        }),
      })),
  },
  {
    reason:
      'NotIpAddress with a bare IPv4 address and an IPv6 request address: the oracle answers "not matched" for the bare ' +
      'address whenever the request is not IPv4, so NotIpAddress is false; an IPv6 address is not that IPv4 address, so ' +
      'NotIpAddress is true. Rewrite: a bare address a.b.c.d → a.b.c.d/32 (IAM reads a bare address as /32).',
    rewrite: (c) =>
      mapPolicies(c, (p) => ({
        ...p,
        Statement: p.Statement.map((st) => {
          const cond = st.Condition as Record<string, Record<string, unknown>> | undefined;
          if (!cond) return st;
          const out: Record<string, Record<string, unknown>> = {};
          for (const [op, keys] of Object.entries(cond))
            out[op] = Object.fromEntries(
              Object.entries(keys).map(([k, v]) => [k, /ip/i.test(op) ? list(v).map((x) => (/^\d+\.\d+\.\d+\.\d+$/.test(x) ? `${x}/32` : x)) : v]),
            );
          return { ...st, Condition: out };
        }),
      })),
  },
  {
    reason:
      'A resource policy that names the role session ARN itself, with a session policy that does not allow: the oracle ' +
      'denies whenever a session policy does not allow; AWS STS documents that if a resource-based policy "specifically ' +
      'references the … session in the Principal element …, the session has the permissions allowed by the policy. These ' +
      'permissions are granted in addition to the permissions that are granted by the session policies" (AssumeRole, ' +
      'Policy parameter). Rewrite: drop the session policy.',
    rewrite: (c) =>
      c.session && c.principal.includes(':assumed-role/') && JSON.stringify(c.resourcePolicy ?? {}).includes(`"${c.principal}"`)
        ? { ...c, session: null }
        : c,
  },
  {
    reason:
      'A date context value in epoch seconds: the oracle does not read it as a date; AWS documents that date keys and ' +
      'values may be ISO 8601 or epoch time (aws:EpochTime is meant for the Date operators; ' +
      'reference_policies_elements_condition_operators, Date). Rewrite: the same instant in ISO 8601.',
    rewrite: (c) => ({
      ...c,
      context: Object.fromEntries(
        Object.entries(c.context).map(([k, v]) => [
          k,
          typeof v === 'string' && /^\d{9,}$/.test(v) ? new Date(Number(v) * 1000).toISOString().replace('.000Z', 'Z') : v,
        ]),
      ),
    }),
  },
  {
    reason:
      'ArnNotEquals/ArnNotLike with a policy variable the request lacks: the oracle answers true (while its ' +
      'StringNotEquals answers false for the same situation); an unresolvable variable makes the statement invalid ' +
      '(reference_policies_variables), as for every other operator. Rewrite: drop such statements.',
    rewrite: (c) =>
      mapPolicies(c, (p) => ({
        ...p,
        Statement: p.Statement.filter((st) => {
          const cond = st.Condition as Record<string, Record<string, unknown>> | undefined;
          if (!cond) return true;
          return !Object.entries(cond).some(
            ([op, keys]) => /^Arn(Not)/i.test(op) && Object.values(keys).some((v) => list(v).some((x) => unresolvable(x, c.context, p.Version))),
          );
        }),
      })),
  },
];

function explain(c: Case, ourDecision: Decision): string | undefined {
  for (const e of ORACLE_ERRORS) {
    const r = e.rewrite(c);
    if (JSON.stringify(r) === JSON.stringify(c)) continue;
    if (ours(r) === ourDecision && oracle(r) === ourDecision) return e.reason;
  }
  // Two errors at once.
  for (const e of ORACLE_ERRORS)
    for (const f of ORACLE_ERRORS) {
      if (e === f) continue;
      const r = f.rewrite(e.rewrite(c));
      if (ours(r) === ourDecision && oracle(r) === ourDecision) return `${e.reason} + ${f.reason}`;
    }
  return undefined;
}

describe('differential: our engine vs @cloud-copilot/iam-simulate', () => {
  it(`agrees on ${RUNS} generated cases (seed ${SEED}), except documented oracle errors`, () => {
    const explained = new Map<string, number>();
    const details = fc.check(
      fc.property(caseArb, (c) => {
        const a = ours(c);
        const b = oracle(c);
        if (a === b) return true;
        const reason = explain(c, a);
        if (!reason) return false;
        explained.set(reason, (explained.get(reason) ?? 0) + 1);
        return true;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    if (explained.size) console.log('disagreements that are the oracle\'s error:', Object.fromEntries(explained));
    if (details.failed) {
      const c = details.counterexample![0];
      console.log(JSON.stringify(c), '\nours:', ours(c), 'oracle:', oracle(c));
    }
    expect(details.failed).toBe(false);
  }, 30_000 + RUNS * 10);

  it(`agrees on ${Math.ceil(RUNS / 2)} role trust policy cases (sts:AssumeRole and friends)`, () => {
    const details = fc.check(
      fc.property(trustCaseArb, (c) => {
        const a = ours(c as Case);
        return a === oracle(c as Case) || explain(c as Case, a) !== undefined;
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED },
    );
    if (details.failed) {
      const c = details.counterexample![0] as Case;
      console.log(JSON.stringify(c), '\nours:', ours(c), 'oracle:', oracle(c));
    }
    expect(details.failed).toBe(false);
  }, 30_000 + RUNS * 5);
});
