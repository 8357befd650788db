// Access Analyzer's custom policy checks as the policy engine decides them (src/policy/access-checks.ts).
// PASS/FAIL and the statements named are the behaviour under test; the message texts are iam-local's
// wording of AWS's (no recorded answer was found to confirm them).
import { describe, expect, it } from 'vitest';
import { checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess } from '../src/policy/access-checks.js';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const identity = doc(
  { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' },
  { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
  { Effect: 'Deny', Action: 's3:GetObjectAcl', Resource: '*' },
);
const indexes = (r: { reasons: { statementIndex?: number }[] }) => r.reasons.map((x) => x.statementIndex);

describe('CheckAccessNotGranted', () => {
  it('FAILs naming the granting statement; a condition may be met, an unconditional Deny wins', () => {
    expect(checkAccessNotGranted(identity, 'IDENTITY_POLICY', [{ actions: ['s3:GetObject'] }])).toMatchObject({ result: 'FAIL' });
    expect(indexes(checkAccessNotGranted(identity, 'IDENTITY_POLICY', [{ actions: ['s3:GetObject'] }]))).toEqual([0]);
    const pass = checkAccessNotGranted(identity, 'IDENTITY_POLICY', [{ actions: ['iam:PassRole'] }]);
    expect([pass.result, pass.reasons[0]?.statementId]).toEqual(['FAIL', 'Pass']);
    expect(checkAccessNotGranted(identity, 'IDENTITY_POLICY', [{ actions: ['s3:PutObject', 's3:GetObjectAcl'] }]).result).toBe('PASS');
  });

  it('resources alone: any action the policy allows on them', () => {
    expect(indexes(checkAccessNotGranted(identity, 'IDENTITY_POLICY', [{ resources: ['arn:aws:s3:::b/k'] }]))).toEqual([0, 1]);
    expect(checkAccessNotGranted(doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }), 'IDENTITY_POLICY', [{ resources: ['arn:aws:s3:::c/k'] }]).result).toBe('PASS');
  });

  it('resource policies: granted to whoever the Principal names', () => {
    const bucket = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    expect(checkAccessNotGranted(bucket, 'RESOURCE_POLICY', [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/x'] }]).result).toBe('FAIL');
    expect(checkAccessNotGranted(bucket, 'RESOURCE_POLICY', [{ actions: ['s3:DeleteObject'] }]).result).toBe('PASS');
  });
});

describe('CheckNoNewAccess', () => {
  const narrow = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
  it('a narrower policy adds nothing; a wider one names its new statements', () => {
    expect(checkNoNewAccess(narrow, identity, 'IDENTITY_POLICY').result).toBe('PASS');
    const r = checkNoNewAccess(identity, narrow, 'IDENTITY_POLICY');
    expect([r.result, indexes(r)]).toEqual(['FAIL', [0, 1]]);
  });
  it('the same condition on the existing Allow covers the new one; a looser one does not', () => {
    const withCond = (v: string) => doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': v } } });
    expect(checkNoNewAccess(withCond('ec2.amazonaws.com'), withCond('ec2.amazonaws.com'), 'IDENTITY_POLICY').result).toBe('PASS');
    expect(checkNoNewAccess(withCond('lambda.amazonaws.com'), withCond('ec2.amazonaws.com'), 'IDENTITY_POLICY').result).toBe('FAIL');
    expect(checkNoNewAccess(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }), withCond('ec2.amazonaws.com'), 'IDENTITY_POLICY').result).toBe('FAIL');
  });
  it('resource policies: a new principal is new access', () => {
    const one = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    const two = doc({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::123456789012:root', 'arn:aws:iam::210987654321:root'] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    expect(checkNoNewAccess(two, one, 'RESOURCE_POLICY').result).toBe('FAIL');
    expect(checkNoNewAccess(one, two, 'RESOURCE_POLICY').result).toBe('PASS');
  });
});

describe('CheckNoPublicAccess', () => {
  it('"*" principals are public unless a condition ties them to an account or organization', () => {
    const bucket = doc(
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } } },
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    );
    const r = checkNoPublicAccess(bucket, 'AWS::S3::Bucket');
    expect([r.result, indexes(r)]).toEqual(['FAIL', [2]]);
    expect(checkNoPublicAccess(doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }), 'AWS::S3::Bucket').result).toBe('PASS');
  });
  it('trust policies: a service principal is not public, AWS "*" is', () => {
    expect(checkNoPublicAccess(doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), 'AWS::IAM::AssumeRolePolicyDocument').result).toBe('PASS');
    expect(checkNoPublicAccess(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }), 'AWS::IAM::AssumeRolePolicyDocument').result).toBe('FAIL');
  });
});
