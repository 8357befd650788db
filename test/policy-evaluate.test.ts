import { describe, expect, it } from 'vitest';
import {
  accessDeniedMessage,
  evaluate,
  listContextKeys,
  parsePolicy,
  simulate,
  type EvalPrincipal,
  type PolicyRef,
  type PolicySet,
} from '../src/policy/index.js';

const A = '123456789012';
const B = '210987654321';
const ref = (id: string, doc: unknown, sourceType?: PolicyRef['sourceType']): PolicyRef => ({
  id,
  sourceType,
  parsed: parsePolicy(typeof doc === 'string' ? doc : JSON.stringify(doc)),
});
const pol = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const user = (name: string, account = A): EvalPrincipal => ({ arn: `arn:aws:iam::${account}:user/${name}`, accountId: account, type: 'User' });
const session = (role: string, s: string, account = A): EvalPrincipal => ({
  arn: `arn:aws:sts::${account}:assumed-role/${role}/${s}`,
  accountId: account,
  type: 'AssumedRole',
  roleArn: `arn:aws:iam::${account}:role/${role}`,
});
const decide = (
  policies: PolicySet,
  action: string,
  resource = '*',
  context: Record<string, string | string[]> = {},
  principal = user('bob'),
  resourceAccount?: string,
) => evaluate({ principal, action, resource, context, resourceAccount }, policies).decision;

// The seed document's examples, verbatim.
const S3_READ = pol({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' });
const SOURCE_IP = pol({
  Effect: 'Allow',
  Action: 's3:*',
  Resource: 'arn:aws:s3:::my-bucket/*',
  Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
});
const MFA = pol({ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
const PROD_GUARD = pol({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } });
const POWER_USER = pol({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' });
const DENY_IAM = pol({ Effect: 'Deny', Action: 'iam:*', Resource: '*' });
const ADMIN = pol({ Effect: 'Allow', Action: '*', Resource: '*' });
const DEV_ONLY = pol(
  { Effect: 'Allow', Action: ['s3:*', 'iam:Get*', 'iam:List*'], Resource: 'arn:aws:s3:::dev/*' },
  { Effect: 'Allow', Action: 'iam:Create*', Resource: `arn:aws:iam::${A}:*/dev/*` },
  { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 's3:List*'], Resource: '*' },
);
const TRUST_EC2 = pol({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });

describe('the seed document, deciding as it says', () => {
  it('s3:GetObject on every object in my-bucket', () => {
    const p = { identity: [ref('read', S3_READ)] };
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::my-bucket/photos/cat.jpg')).toBe('allowed');
    expect(decide(p, 's3:PutObject', 'arn:aws:s3:::my-bucket/x')).toBe('implicitDeny');
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::other-bucket/x')).toBe('implicitDeny');
  });
  it('aws:SourceIp 203.0.113.0/24', () => {
    const p = { identity: [ref('ip', SOURCE_IP)] };
    const r = 'arn:aws:s3:::my-bucket/a';
    expect(decide(p, 's3:PutObject', r, { 'aws:SourceIp': '203.0.113.10' })).toBe('allowed');
    expect(decide(p, 's3:PutObject', r, { 'aws:SourceIp': '198.51.100.10' })).toBe('implicitDeny');
    expect(decide(p, 's3:PutObject', r, {})).toBe('implicitDeny');
  });
  it('MFA: iam:* only with aws:MultiFactorAuthPresent true', () => {
    const p = { identity: [ref('mfa', MFA)] };
    expect(decide(p, 'iam:CreateUser', '*', { 'aws:MultiFactorAuthPresent': 'true' })).toBe('allowed');
    expect(decide(p, 'iam:CreateUser', '*', { 'aws:MultiFactorAuthPresent': 'false' })).toBe('implicitDeny');
    expect(decide(p, 'iam:CreateUser', '*', {})).toBe('implicitDeny');
  });
  it('resource-tag guardrail: Deny on env=prod beats the Allow', () => {
    const p = { identity: [ref('admin', ADMIN), ref('guard', PROD_GUARD)] };
    expect(decide(p, 'ec2:TerminateInstances', '*', { 'aws:ResourceTag/env': 'prod' })).toBe('explicitDeny');
    expect(decide(p, 'ec2:TerminateInstances', '*', { 'aws:ResourceTag/env': 'dev' })).toBe('allowed');
    expect(decide(p, 'ec2:TerminateInstances', '*', {})).toBe('allowed');
  });
  it('Developers = PowerUserAccess + deny IAM', () => {
    const p = { identity: [ref('PowerUserAccess', POWER_USER, 'aws-managed'), ref('DenyIAM', DENY_IAM, 'group')] };
    expect(decide(p, 's3:CreateBucket')).toBe('allowed');
    expect(decide(p, 'ec2:RunInstances')).toBe('allowed');
    expect(decide(p, 'iam:CreateUser')).toBe('explicitDeny');
    expect(decide(p, 'organizations:ListAccounts')).toBe('implicitDeny');
    expect(decide(p, 'account:GetContactInformation')).toBe('implicitDeny');
    // PowerUserAccess alone: IAM is an implicit deny (NotAction), not an explicit one.
    expect(decide({ identity: [ref('PowerUserAccess', POWER_USER)] }, 'iam:ListUsers')).toBe('implicitDeny');
  });
  it('permission boundary "DevOnly": PowerUser can only create dev/ resources', () => {
    const p: PolicySet = { identity: [ref('PowerUserAccess', POWER_USER), ref('iam', ADMIN)], boundary: [ref('DevOnly', DEV_ONLY)] };
    expect(decide(p, 'iam:CreateRole', `arn:aws:iam::${A}:role/dev/app`)).toBe('allowed');
    expect(decide(p, 'iam:CreateRole', `arn:aws:iam::${A}:role/prod/app`)).toBe('implicitDeny');
    expect(decide(p, 's3:PutObject', 'arn:aws:s3:::dev/x')).toBe('allowed');
    expect(decide(p, 's3:PutObject', 'arn:aws:s3:::prod/x')).toBe('implicitDeny');
    const r = evaluate({ principal: user('bob'), action: 'iam:CreateRole', resource: `arn:aws:iam::${A}:role/prod/app` }, p);
    expect(r.decidedBy).toBe('boundary');
    expect(r.allowedByBoundary).toBe(false);
    expect(accessDeniedMessage(user('bob').arn, 'iam:CreateRole', `arn:aws:iam::${A}:role/prod/app`, r)).toBe(
      `User: arn:aws:iam::${A}:user/bob is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${A}:role/prod/app because no permissions boundary allows the iam:CreateRole action`,
    );
    // The boundary never grants by itself.
    expect(decide({ identity: [], boundary: [ref('DevOnly', DEV_ONLY)] }, 's3:PutObject', 'arn:aws:s3:::dev/x')).toBe('implicitDeny');
  });
  it('Deny beats Allow, and no match is an implicit deny', () => {
    const p = { identity: [ref('allow', S3_READ), ref('deny', pol({ Effect: 'Deny', Action: 's3:*', Resource: '*' }))] };
    const r = evaluate({ principal: user('bob'), action: 's3:GetObject', resource: 'arn:aws:s3:::my-bucket/a' }, p);
    expect(r.decision).toBe('explicitDeny');
    expect(r.matchedStatements.map((m) => m.policyId)).toEqual(['deny']);
    expect(r.reason).toBe('with an explicit deny in an identity-based policy');
    expect(decide({ identity: [] }, 's3:GetObject')).toBe('implicitDeny');
  });
  it('trust policy: only the EC2 service may assume the role', () => {
    const p: PolicySet = { identity: [], resource: ref('trust', TRUST_EC2, 'resource'), resourceRequired: true };
    const ec2: EvalPrincipal = { arn: 'ec2.amazonaws.com', accountId: '', type: 'Service' };
    const role = `arn:aws:iam::${A}:role/EC2-AppRole`;
    expect(decide(p, 'sts:AssumeRole', role, {}, ec2, A)).toBe('allowed');
    expect(decide(p, 'sts:AssumeRole', role, {}, user('bob'))).toBe('implicitDeny');
    // An admin user is still refused: the trust policy must allow.
    expect(decide({ ...p, identity: [ref('admin', ADMIN)] }, 'sts:AssumeRole', role, {}, user('bob'))).toBe('implicitDeny');
  });
});

describe('resource-based policies, accounts, boundaries and sessions', () => {
  const bucket = (principal: unknown, effect = 'Allow') =>
    ref('bucket', pol({ Effect: effect, Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'resource');
  const obj = 'arn:aws:s3:::b/k';
  it('same account: a resource policy naming the user allows without an identity policy', () => {
    expect(decide({ identity: [], resource: bucket({ AWS: `arn:aws:iam::${A}:user/bob` }) }, 's3:GetObject', obj)).toBe('allowed');
    expect(decide({ identity: [], resource: bucket({ AWS: `arn:aws:iam::${A}:user/alice` }) }, 's3:GetObject', obj)).toBe('implicitDeny');
    expect(decide({ identity: [], resource: bucket('*') }, 's3:GetObject', obj)).toBe('allowed');
  });
  it('naming the account delegates to identity policies', () => {
    expect(decide({ identity: [], resource: bucket({ AWS: A }) }, 's3:GetObject', obj)).toBe('implicitDeny');
    expect(decide({ identity: [], resource: bucket({ AWS: `arn:aws:iam::${A}:root` }) }, 's3:GetObject', obj)).toBe('implicitDeny');
    expect(decide({ identity: [ref('i', ADMIN)], resource: bucket({ AWS: A }) }, 's3:GetObject', obj)).toBe('allowed');
  });
  it('a resource-policy Deny is an explicit deny, also via NotPrincipal', () => {
    expect(decide({ identity: [ref('i', ADMIN)], resource: bucket({ AWS: `arn:aws:iam::${A}:user/bob` }, 'Deny') }, 's3:GetObject', obj)).toBe('explicitDeny');
    const np = ref('np', pol({ Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 's3:*', Resource: '*' }), 'resource');
    expect(decide({ identity: [ref('i', ADMIN)], resource: np }, 's3:GetObject', obj)).toBe('explicitDeny');
    expect(decide({ identity: [ref('i', ADMIN)], resource: np }, 's3:GetObject', obj, {}, user('alice'))).toBe('allowed');
  });
  it('cross account needs both an identity-based and a resource-based Allow', () => {
    const bobB = user('bob', B);
    expect(decide({ identity: [ref('i', ADMIN)] }, 's3:GetObject', obj, {}, bobB, A)).toBe('implicitDeny');
    expect(decide({ identity: [], resource: bucket({ AWS: B }) }, 's3:GetObject', obj, {}, bobB, A)).toBe('implicitDeny');
    expect(decide({ identity: [ref('i', ADMIN)], resource: bucket({ AWS: B }) }, 's3:GetObject', obj, {}, bobB, A)).toBe('allowed');
    expect(decide({ identity: [ref('i', ADMIN)], resource: bucket({ AWS: `arn:aws:iam::${B}:user/bob` }) }, 's3:GetObject', obj, {}, bobB, A)).toBe('allowed');
    expect(decide({ identity: [ref('i', ADMIN)], resource: bucket({ AWS: A }) }, 's3:GetObject', obj, {}, bobB, A)).toBe('implicitDeny');
  });
  it('boundary: no effect on a resource policy naming the user ARN; limits one naming the role ARN', () => {
    const boundary = [ref('b', pol({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }))];
    expect(decide({ identity: [], boundary, resource: bucket({ AWS: `arn:aws:iam::${A}:user/bob` }) }, 's3:GetObject', obj)).toBe('allowed');
    const s = session('app', 's1');
    expect(decide({ identity: [], boundary, resource: bucket({ AWS: `arn:aws:iam::${A}:role/app` }) }, 's3:GetObject', obj, {}, s)).toBe('implicitDeny');
    expect(decide({ identity: [], resource: bucket({ AWS: `arn:aws:iam::${A}:role/app` }) }, 's3:GetObject', obj, {}, s)).toBe('allowed');
    expect(decide({ identity: [], boundary, resource: bucket({ AWS: s.arn }) }, 's3:GetObject', obj, {}, s)).toBe('allowed');
    // Identity allow limited by the boundary.
    expect(decide({ identity: [ref('i', ADMIN)], boundary }, 's3:GetObject', obj)).toBe('implicitDeny');
    expect(decide({ identity: [ref('i', ADMIN)], boundary }, 'ec2:RunInstances')).toBe('allowed');
  });
  it('session policies intersect with identity policies', () => {
    const s = session('app', 's1');
    const sessionPol = [ref('session', pol({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }))];
    const r = evaluate({ principal: s, action: 's3:PutObject', resource: obj }, { identity: [ref('i', ADMIN)], session: sessionPol });
    expect(r.decision).toBe('implicitDeny');
    expect(r.decidedBy).toBe('session');
    expect(decide({ identity: [ref('i', ADMIN)], session: sessionPol }, 's3:GetObject', obj, {}, s)).toBe('allowed');
    expect(decide({ identity: [], session: sessionPol }, 's3:GetObject', obj, {}, s)).toBe('implicitDeny');
  });
  it('a resource policy naming the session ARN is not limited by the session policy; "*" and the role ARN are', () => {
    const s = session('app', 's1');
    const sessionPol = [ref('session', pol({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }))];
    expect(decide({ identity: [], session: sessionPol, resource: bucket({ AWS: s.arn }) }, 's3:GetObject', obj, {}, s)).toBe('allowed');
    expect(decide({ identity: [], session: sessionPol, resource: bucket('*') }, 's3:GetObject', obj, {}, s)).toBe('implicitDeny');
    expect(decide({ identity: [], session: sessionPol, resource: bucket({ AWS: s.roleArn }) }, 's3:GetObject', obj, {}, s)).toBe('implicitDeny');
    // "*" is not limited by a permissions boundary.
    const boundary = [ref('b', pol({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }))];
    expect(decide({ identity: [], boundary, resource: bucket('*') }, 's3:GetObject', obj)).toBe('allowed');
  });
  it('NotPrincipal with Deny always denies a principal that has a permissions boundary (AWS-documented)', () => {
    const np = ref('np', pol({ Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: 's3:*', Resource: '*' }), 'resource');
    const boundary = [ref('b', ADMIN)];
    expect(decide({ identity: [ref('i', ADMIN)], resource: np }, 's3:GetObject', obj)).toBe('allowed');
    expect(decide({ identity: [ref('i', ADMIN)], resource: np, boundary }, 's3:GetObject', obj)).toBe('explicitDeny');
  });
  it('NotResource', () => {
    const p = { identity: [ref('nr', pol({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' }))] };
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::public/x')).toBe('allowed');
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::secret/x')).toBe('implicitDeny');
  });
  it('a missing policy-variable key makes the statement not match', () => {
    const p = { identity: [ref('home', pol({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' }))] };
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::home/bob/x', { 'aws:username': 'bob' })).toBe('allowed');
    const r = evaluate({ principal: user('bob'), action: 's3:GetObject', resource: 'arn:aws:s3:::home/bob/x' }, p);
    expect(r.decision).toBe('implicitDeny');
    expect(r.missingContextKeys).toEqual(['aws:username']);
  });
  it('root is allowed in its own account unless explicitly denied', () => {
    const root: EvalPrincipal = { arn: `arn:aws:iam::${A}:root`, accountId: A, type: 'Root' };
    expect(decide({ identity: [] }, 'iam:CreateUser', '*', {}, root)).toBe('allowed');
  });
});

describe('simulator core', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "iam:*",\n      "Resource": "*",\n      "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}\n    }\n  ]\n}';
  it('reports decisions, MatchedStatements positions and MissingContextValues', () => {
    const out = simulate({
      identity: [ref('PolicyInputList.1', text, 'none')],
      actions: ['iam:CreateUser', 's3:GetObject'],
      principal: user('bob'),
      contextEntries: [{ ContextKeyName: 'aws:multifactorauthpresent', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }],
    });
    expect(out).toEqual([
      {
        EvalActionName: 'iam:CreateUser',
        EvalResourceName: '*',
        EvalDecision: 'allowed',
        MatchedStatements: [
          // Start just after the statement's `{` (AWS CLI reference, simulate-custom-policy example: 1:38 for a `{` at column 37).
          { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 4, Column: 6 }, EndPosition: { Line: 9, Column: 6 } },
        ],
        MissingContextValues: [],
      },
      { EvalActionName: 's3:GetObject', EvalResourceName: '*', EvalDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: [] },
    ]);
    const missing = simulate({ identity: [ref('p', text)], actions: ['iam:CreateUser'], principal: user('bob') });
    expect(missing[0]!.EvalDecision).toBe('implicitDeny');
    expect(missing[0]!.MissingContextValues).toEqual(['aws:MultiFactorAuthPresent']);
  });
  it('per-resource results and the boundary detail', () => {
    const out = simulate({
      identity: [ref('admin', ADMIN, 'user')],
      boundary: [ref('DevOnly', DEV_ONLY)],
      actions: ['s3:PutObject'],
      resources: ['arn:aws:s3:::dev/a', 'arn:aws:s3:::prod/a'],
      principal: user('bob'),
    });
    expect(out.map((r) => [r.EvalResourceName, r.EvalDecision, r.PermissionsBoundaryDecisionDetail])).toEqual([
      ['arn:aws:s3:::dev/a', 'allowed', { AllowedByPermissionsBoundary: true }],
      ['arn:aws:s3:::prod/a', 'implicitDeny', { AllowedByPermissionsBoundary: false }],
    ]);
    expect(out[1]!.ResourceSpecificResults).toEqual([
      { EvalResourceName: 'arn:aws:s3:::prod/a', EvalResourceDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: [], PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } },
    ]);
  });
  it('aggregate mode: one result per action, the most restrictive decision, per-resource details', () => {
    const out = simulate({
      identity: [ref('admin', ADMIN, 'user'), ref('deny', pol({ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::prod/*' }), 'user')],
      actions: ['s3:PutObject', 'ec2:RunInstances'],
      resources: ['arn:aws:s3:::dev/a', 'arn:aws:s3:::prod/a'],
      principal: user('bob'),
      aggregate: true,
    });
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ EvalActionName: 's3:PutObject', EvalDecision: 'explicitDeny', EvalDecisionDetails: {}, MissingContextValues: [] });
    expect(out[0]!.MatchedStatements!.map((m) => m.SourcePolicyId)).toEqual(['deny']);
    expect(out[0]!.ResourceSpecificResults!.map((r) => [r.EvalResourceName, r.EvalResourceDecision])).toEqual([
      ['arn:aws:s3:::dev/a', 'allowed'],
      ['arn:aws:s3:::prod/a', 'explicitDeny'],
    ]);
    expect(out[1]!.EvalDecision).toBe('allowed');
    const star = simulate({ identity: [ref('admin', ADMIN)], actions: ['s3:PutObject'], principal: user('bob'), aggregate: true });
    expect(star[0]).toEqual({ EvalActionName: 's3:PutObject', EvalResourceName: '*', EvalDecision: 'allowed', MatchedStatements: [expect.objectContaining({ SourcePolicyId: 'admin' })], MissingContextValues: [] });
  });
  it('lists context keys (GetContextKeysFor*Policy)', () => {
    const keys = listContextKeys([
      parsePolicy(JSON.stringify(SOURCE_IP)),
      parsePolicy(JSON.stringify(MFA)),
      parsePolicy(JSON.stringify(pol({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::h/${aws:username}/*', Condition: { StringEquals: { 'aws:sourceip': 'x', 'aws:PrincipalTag/team': '${aws:PrincipalTag/team}' } } }))),
    ]);
    expect(keys).toEqual(['aws:SourceIp', 'aws:MultiFactorAuthPresent', 'aws:username', 'aws:PrincipalTag/team']);
  });
});
