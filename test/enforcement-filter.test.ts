// Enforcement evaluates a per-action view of a principal's policies (statements whose Action /
// NotAction cannot match are dropped first). The view must decide exactly as the full set does:
// same decision, deciding layer, matched statements and missing context keys, for every IAM and STS
// action against AWS managed policies and hand-written ones with NotAction, wildcards and `?`.
import { describe, expect, it } from 'vitest';
import { evaluate, makeContext, parsePolicy, type PolicyRef } from '../src/policy/index.js';
import { actionMatches, forAction, type PrincipalPolicies } from '../src/authz/principal-policies.js';
import { ACTIONS } from '../src/authz/generated/actions.js';
import { awsPolicyDocument } from '../src/iam/aws-managed/catalog.js';

const ref = (id: string, text: string): PolicyRef => ({ id, sourceType: 'user', parsed: parsePolicy(text) });
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

const managed = ['PowerUserAccess', 'IAMReadOnlyAccess', 'IAMUserChangePassword', 'IAMSelfManageServiceSpecificCredentials'].map((n) =>
  ref(n, awsPolicyDocument(`arn:aws:iam::aws:policy/${n}`)!),
);
const custom = ref(
  'custom',
  doc(
    { Effect: 'Allow', NotAction: ['iam:*User*', 'sts:*'], Resource: '*' },
    { Effect: 'Deny', Action: 'iam:?etUser', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ops' } } },
    { Effect: 'Allow', Action: ['IAM:listroles', 'iam:Get*Policy*'], Resource: 'arn:aws:iam::*:role/${aws:username}/*' },
    { Effect: 'Deny', NotAction: 'iam:List*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
  ),
);
const boundary = ref('boundary', doc({ Effect: 'Allow', Action: ['iam:*', 'sts:AssumeRole'], Resource: 'arn:aws:iam::*:user/dev/*' }));

describe('per-action policy views', () => {
  it('match IAM action patterns like the engine (case-insensitive, * and ? only)', () => {
    expect(actionMatches('iam:Get*', 'IAM:GETUSER')).toBe(true);
    expect(actionMatches('iam:?etUser', 'iam:GetUser')).toBe(true);
    expect(actionMatches('iam:?etUser', 'iam:GettUser')).toBe(false);
    expect(actionMatches('iam:Get.User', 'iam:GetxUser')).toBe(false);
    expect(actionMatches('*', 'anything:AtAll')).toBe(true);
  });

  it('decide every IAM and STS action exactly as the full policy set', () => {
    const set: PrincipalPolicies = { identity: [...managed, custom], boundary: [boundary] };
    const principal = { type: 'User' as const, arn: 'arn:aws:iam::000000000000:user/dev/bob', accountId: '000000000000' };
    const contexts = [makeContext({ 'aws:username': 'bob' }), makeContext({ 'aws:PrincipalTag/team': 'ops', 'aws:MultiFactorAuthPresent': 'false' })];
    const actions = [...Object.keys(ACTIONS), 's3:GetObject', 'S3:PutObject', 'ec2:RunInstances', 'organizations:ListAccounts'];
    const resources = ['*', 'arn:aws:iam::000000000000:user/dev/alice', 'arn:aws:iam::000000000000:role/bob/x'];
    let compared = 0;
    for (const action of actions)
      for (const resource of resources)
        for (const context of contexts) {
          const req = { principal, action, resource, context };
          const full = evaluate(req, set);
          const view = evaluate(req, forAction(set, action));
          expect([action, view.decision, view.decidedBy, view.matchedStatements, view.missingContextKeys.sort(), view.reason]).toEqual([
            action,
            full.decision,
            full.decidedBy,
            full.matchedStatements,
            full.missingContextKeys.sort(),
            full.reason,
          ]);
          compared++;
        }
    expect(compared).toBeGreaterThan(1000);
  });
});
