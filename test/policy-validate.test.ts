import { describe, expect, it } from 'vitest';
import type { PolicyKind, ValidateOptions } from '../src/policy/validate.js';
import { requireValidPolicy } from '../src/resolution/policy-errors.js';
import { parsePolicy } from '../src/policy/parse.js';
import { AwsError } from '../src/protocol/errors.js';

const err = (doc: unknown, kind: PolicyKind = 'identity', opts?: ValidateOptions) => {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  try {
    requireValidPolicy(text, kind, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(AwsError);
    const a = e as AwsError;
    return `${a.code}/${a.status}: ${a.message}`;
  }
  return 'ok';
};
const mal = (m: string) => `MalformedPolicyDocument/400: ${m}`;
const st = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [s] });
const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' };
const trust = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

describe('validatePolicyDocument', () => {
  it('accepts the seed document examples', () => {
    expect(err(st(ok))).toBe('ok');
    expect(err({ Version: '2012-10-17', Statement: ok })).toBe('ok');
    // An inline policy may omit Version or say 2008-10-17; a managed one may not (invalid-1, invalid-2).
    const inline = { inline: { entityType: 'user' as const, entityName: 'bob' } };
    expect(err({ Statement: [ok] }, 'identity', inline)).toBe('ok');
    expect(err({ Version: '2008-10-17', Id: 'x', Statement: [ok] }, 'identity', inline)).toBe('ok');
    expect(err({ Statement: [ok] })).toBe(mal('Policy document must be version 2012-10-17 or greater.'));
    expect(err({ Version: '2008-10-17', Id: 'x', Statement: [ok] })).toBe(mal('Policy document must be version 2012-10-17 or greater.'));
    expect(
      err(st({ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
    ).toBe('ok');
    expect(
      err(st({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' })),
    ).toBe('ok');
    expect(err(st(trust), 'trust')).toBe('ok');
    expect(err(st({ ...trust, Principal: { AWS: 'arn:aws:iam::123456789012:root' } }), 'trust')).toBe('ok');
    expect(err(st({ ...trust, Principal: { AWS: '123456789012' } }), 'trust')).toBe('ok');
    expect(err(st({ ...trust, Principal: '*' }), 'trust')).toBe('ok');
    expect(err(st({ ...trust, Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/x' }, Action: 'sts:AssumeRoleWithWebIdentity' }), 'trust')).toBe('ok');
  });

  it('rejects invalid JSON', () => {
    // Recorded against AWS: localstack/localstack tests/aws/services/iam/test_iam_policies.snapshot.json, TestPolicyDocumentValidity (18-02-2026) invalid-0: a managed policy that is not JSON is a syntax error;
    // test_iam_roles.snapshot.json test_update_assume_role_policy_errors (11-02-2026): a trust policy's is "invalid Json".
    expect(err('{"Version": "2012-10-17",')).toBe(mal('Syntax errors in policy.'));
    expect(err("{'a': 1}")).toBe(mal('Syntax errors in policy.'));
    expect(err('')).toBe(mal('Syntax errors in policy.'));
    expect(err('not valid json', 'trust')).toBe(mal('This policy contains invalid Json'));
  });

  it('rejects unknown elements and wrong shapes as syntax errors', () => {
    expect(err({ Version: '2012-10-17', Statement: [ok], Foo: 1 })).toBe(mal('Syntax errors in policy.'));
    expect(err(st({ ...ok, Actions: 's3:*' }))).toBe(mal('Syntax errors in policy.'));
    expect(err(st({ ...ok, NotAction: 's3:*' }))).toBe(mal('Syntax errors in policy.'));
    expect(err({ Version: '2012-10-17' })).toBe(mal('Syntax errors in policy.'));
    expect(err('[]')).toBe(mal('Syntax errors in policy.'));
    expect(err(st({ ...ok, Action: 5 }))).toBe(mal('Syntax errors in policy.'));
    expect(err(st({ ...ok, Condition: { StringEqualz: { 'aws:username': 'a' } } }))).toBe(mal('Syntax errors in policy.'));
  });

  it('checks Effect and Version', () => {
    // Recorded against AWS: localstack/localstack tests/aws/services/iam/test_iam_policies.snapshot.json, TestPolicyDocumentValidity (18-02-2026) invalid-31, -63, -3, -10.
    const { Effect: _e, ...noEffect } = ok;
    expect(err(st(noEffect))).toBe(mal('Syntax errors in policy.'));
    expect(err(st({ ...ok, Effect: 'allow' }))).toBe(mal('The policy failed legacy parsing'));
    expect(err({ Version: '2012-10-18', Statement: [ok] })).toBe(mal('Syntax errors in policy.'));
    expect(err(st({ ...ok, Effect: 'invalid' }))).toBe(mal('Syntax errors in policy.'));
  });

  it('checks Principal by kind', () => {
    expect(err(st({ ...ok, Principal: '*' }))).toBe(mal('Policy document should not specify a principal.'));
    expect(err(st({ ...ok, NotPrincipal: { AWS: '123456789012' } }), 'boundary')).toBe(
      mal('Policy document should not specify a principal.'),
    );
    expect(err(st({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'trust')).toBe(mal('Missing required field Principal'));
    expect(err(st({ ...trust, Resource: '*' }), 'trust')).toBe(mal('Has prohibited field Resource'));
    expect(err(st({ ...trust, Action: 's3:GetObject' }), 'trust')).toBe(
      mal('AssumeRole policy may only specify STS AssumeRole actions.'),
    );
    expect(err(st({ ...trust, Principal: { AWS: 'bob' } }), 'trust')).toBe(mal('Invalid principal in policy: "AWS":"bob"'));
  });

  it('checks actions and resources', () => {
    expect(err(st({ ...ok, Action: 'GetObject' }))).toBe(
      mal('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'),
    );
    // A condition key needs no vendor prefix: Recorded against AWS: localstack/localstack tests/aws/services/iam/test_iam_policies.snapshot.json, TestPolicyDocumentValidity (18-02-2026) valid-32/33.
    expect(err(st({ ...ok, Condition: { StringEquals: { username: 'a' } } }))).toBe('ok');
    expect(err(st({ Effect: 'Allow', Resource: '*' }))).toBe(mal('Policy statement must contain actions.'));
    expect(err(st({ Effect: 'Allow', Action: '*' }))).toBe(mal('Policy statement must contain resources.'));
    expect(err(st({ ...ok, Resource: 'my-bucket' }))).toBe(mal('Resource my-bucket must be in ARN format or "*".'));
    expect(err(st({ ...ok, Resource: '' }))).toBe(mal('Resource  must be in ARN format or "*".'));
    expect(err(st({ ...ok, Resource: 'arn:aws:iam:us-east-1:123456789012:user/x' }))).toBe(
      mal('IAM resource arn:aws:iam:us-east-1:123456789012:user/x cannot contain region information.'),
    );
    expect(err(st({ ...ok, Resource: 'arn:aws:iam:*:123456789012:user/x' }))).toBe('ok');
    expect(err(st({ ...ok, Resource: 'arn:${aws:partition}:s3:::b/${aws:username}/*' }))).toBe('ok');
  });

  it('checks Sids of IAM policies', () => {
    expect(err(st({ ...ok, Sid: 'autogenerated-id' }))).toBe(
      mal('Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'),
    );
    expect(err({ Version: '2012-10-17', Statement: [{ ...ok, Sid: 'A' }, { ...ok, Sid: 'A' }] })).toBe(
      mal('Statement IDs (SID) in a single policy must be unique.'),
    );
  });

  it('enforces the size quota per kind, not counting white space', () => {
    const big = (n: number) => st({ ...ok, Resource: Array.from({ length: n }, (_, i) => `arn:aws:s3:::b${i}`) });
    const text = JSON.stringify(big(400));
    expect(err(text)).toBe('LimitExceeded/409: Cannot exceed quota for PolicySize: 6144');
    expect(err(JSON.stringify(big(150)), 'identity', { inline: { entityType: 'user', entityName: 'bob' } })).toBe(
      'LimitExceeded/409: Maximum policy size of 2048 bytes exceeded for user bob',
    );
    expect(err(JSON.stringify(big(100)), 'identity', { inline: { entityType: 'role', entityName: 'r' } })).toBe('ok');
    // Pretty-printing does not count.
    const pretty = JSON.stringify(big(60), null, 8);
    expect(pretty.length).toBeGreaterThan(2048);
    expect(err(pretty, 'identity', { inline: { entityType: 'user', entityName: 'bob' } })).toBe('ok');
  });
});

describe('parsePolicy positions', () => {
  it('records each statement start/end (1-based line/column, end exclusive)', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:*",\n      "Resource": "*"\n    },\n    {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}\n  ]\n}';
    const p = parsePolicy(text);
    expect(p.statements).toHaveLength(2);
    expect(p.statements[0]!.start).toEqual({ line: 4, column: 5 });
    expect(p.statements[0]!.end).toEqual({ line: 8, column: 6 });
    expect(p.statements[1]!.start).toEqual({ line: 9, column: 5 });
    expect(p.statements[1]!.end).toEqual({ line: 9, column: 59 });
    expect(p.statements[1]!.effect).toBe('Deny');
    expect(p.statements[1]!.action).toEqual(['iam:*']);
    expect(p.variables).toBe(true);
  });
  it('normalizes single values, principals and conditions', () => {
    const p = parsePolicy(
      JSON.stringify({
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: ['111122223333'], Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 }, Bool: { 'aws:SecureTransport': true } },
        },
      }),
    );
    const s = p.statements[0]!;
    expect(p.variables).toBe(false);
    expect(s.principal).toEqual({ AWS: ['111122223333'], Service: ['ec2.amazonaws.com'] });
    expect(s.conditions).toEqual([
      { operator: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: ['3600'] },
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
    ]);
  });
});
