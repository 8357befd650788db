// Partitions: a request signed for a region of another partition gets that partition's ARNs (China aws-cn,
// GovCloud aws-us-gov, the ISO partitions, the European Sovereign Cloud), and a policy naming another partition
// does not match it.
import type { ConformanceCase, Step } from '../types.js';

const ARN_DOC = 'IAM User Guide, "IAM identifiers: ARNs" (arn:partition:service:region:account:resource; aws-cn for China, aws-us-gov for GovCloud)';
const SDK = 'AWS SDK partitions table (@aws-sdk/core util-endpoints partitions.json: regionRegex per partition)';
const KC_GOV = 'AWS Knowledge Center iam-trust-policy-error ("You can\'t create a role to delegate access between an AWS GovCloud (US) account and a standard AWS account")';
const PRINCIPAL_MSG = 'message text as issue #15 quotes it, unconfirmed by a recording';

const userIn = (region: string, partition: string, id: string): ConformanceCase => ({
  id: `partition/${id}-create-user`,
  source: `${ARN_DOC}; ${SDK}`,
  steps: [
    {
      action: 'CreateUser',
      region,
      params: { UserName: 'alice' },
      expect: { result: { User: { Arn: `arn:${partition}:iam::{{account}}:user/alice`, CreateDate: '<datetime>', Path: '/', UserId: '<any>', UserName: 'alice' } } },
    },
    {
      action: 'GetUser',
      region,
      params: { UserName: 'alice' },
      expect: { result: { User: { Arn: `arn:${partition}:iam::{{account}}:user/alice`, CreateDate: '<datetime>', Path: '/', UserId: '<any>', UserName: 'alice' } } },
    },
  ],
});

const CN = 'cn-north-1';
const GOV = 'us-gov-west-1';
const TRUST_ROOT = (partition: string) =>
  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:${partition}:iam::{{account}}:root"},"Action":"sts:AssumeRole"}]}`;
const simDoc = (r: string) => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${r}"}]}`;
// One line, the statement's `}` followed by `]}`: the position just after it is the length minus one.
const simEnd = (r: string) => simDoc(r).length - 1;
const sim = (region: string, resourceInPolicy: string, resource: string, decision: string, matched: boolean): Step => ({
  action: 'SimulateCustomPolicy',
  region,
  params: {
    'PolicyInputList.member.1': simDoc(resourceInPolicy),
    'ActionNames.member.1': 's3:GetObject',
    'ResourceArns.member.1': resource,
  },
  expect: {
    result: {
      EvaluationResults: [
        {
          EvalActionName: 's3:GetObject',
          EvalDecision: decision,
          EvalDecisionDetails: {},
          EvalResourceName: resource,
          MatchedStatements: matched
            ? [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 1, Column: 39 }, EndPosition: { Line: 1, Column: simEnd(resourceInPolicy) } }]
            : [],
          MissingContextValues: [],
          ResourceSpecificResults: [
            {
              EvalResourceDecision: decision,
              EvalResourceName: resource,
              MatchedStatements: matched
                ? [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 1, Column: 39 }, EndPosition: { Line: 1, Column: simEnd(resourceInPolicy) } }]
                : [],
              MissingContextValues: [],
            },
          ],
        },
      ],
      IsTruncated: false,
    },
  },
});

export const cases: ConformanceCase[] = [
  userIn('us-east-1', 'aws', 'commercial'),
  userIn(CN, 'aws-cn', 'china'),
  userIn('cn-northwest-1', 'aws-cn', 'china-ningxia'),
  userIn(GOV, 'aws-us-gov', 'govcloud'),
  userIn('us-gov-east-1', 'aws-us-gov', 'govcloud-east'),
  userIn('us-iso-east-1', 'aws-iso', 'iso'),
  userIn('us-isob-east-1', 'aws-iso-b', 'iso-b'),
  userIn('eu-isoe-west-1', 'aws-iso-e', 'iso-e'),
  userIn('us-isof-south-1', 'aws-iso-f', 'iso-f'),
  userIn('eusc-de-east-1', 'aws-eusc', 'eusc'),
  {
    id: 'partition/china-caller-identity',
    source: `${ARN_DOC}; STS API reference GetCallerIdentity (Arn of the caller)`,
    steps: [
      {
        service: 'sts',
        action: 'GetCallerIdentity',
        region: CN,
        expect: { result: { Account: '{{account}}', Arn: 'arn:aws-cn:iam::{{account}}:root', UserId: '{{account}}' } },
      },
    ],
  },
  {
    id: 'partition/china-policy-arn-round-trip',
    source: `${ARN_DOC} (a customer managed policy's ARN is in the account's partition and names it in later calls)`,
    steps: [
      { action: 'CreateUser', region: CN, params: { UserName: 'alice' } },
      {
        action: 'CreatePolicy',
        region: CN,
        params: { PolicyName: 'ReadBucket', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws-cn:s3:::b/*"}]}' },
        save: { policyArn: 'Policy.Arn' },
      },
      { action: 'AttachUserPolicy', region: CN, params: { UserName: 'alice', PolicyArn: 'arn:aws-cn:iam::{{account}}:policy/ReadBucket' }, expect: { result: {} } },
      {
        action: 'ListAttachedUserPolicies',
        region: CN,
        params: { UserName: 'alice' },
        expect: { result: { AttachedPolicies: [{ PolicyArn: 'arn:aws-cn:iam::{{account}}:policy/ReadBucket', PolicyName: 'ReadBucket' }], IsTruncated: false } },
      },
    ],
  },
  {
    id: 'partition/china-no-such-policy-message',
    source: 'localstack/localstack tests/aws/services/iam/test_iam_policies.snapshot.json TestPolicyTags::test_policy_tag_update_errors (recorded 10-02-2026; the message with arn:<partition>:)',
    steps: [
      {
        action: 'TagPolicy',
        region: CN,
        params: { PolicyArn: 'arn:aws-cn:iam::{{account}}:policy/NotAPolicy', 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' },
        expect: { status: 404, error: { Code: 'NoSuchEntity', Message: 'Policy arn:aws-cn:iam::{{account}}:policy/NotAPolicy was not found.', Type: 'Sender' } },
      },
    ],
  },
  {
    id: 'partition/govcloud-aws-managed-policy',
    source: `${ARN_DOC} (AWS managed policies are arn:aws-us-gov:iam::aws:policy/… in GovCloud)`,
    steps: [
      { action: 'CreateRole', region: GOV, params: { RoleName: 'r', AssumeRolePolicyDocument: TRUST_ROOT('aws-us-gov') } },
      { action: 'AttachRolePolicy', region: GOV, params: { RoleName: 'r', PolicyArn: 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess' }, expect: { result: {} } },
      {
        action: 'ListAttachedRolePolicies',
        region: GOV,
        params: { RoleName: 'r' },
        expect: { result: { AttachedPolicies: [{ PolicyArn: 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess', PolicyName: 'ReadOnlyAccess' }], IsTruncated: false } },
      },
    ],
  },
  {
    id: 'partition/china-assume-role',
    source: `${ARN_DOC}; STS API reference AssumeRole (AssumedRoleUser.Arn arn:partition:sts::account:assumed-role/role/session)`,
    steps: [
      { action: 'CreateRole', region: CN, params: { RoleName: 'Deploy', AssumeRolePolicyDocument: TRUST_ROOT('aws-cn') } },
      {
        service: 'sts',
        action: 'AssumeRole',
        region: CN,
        params: { RoleArn: 'arn:aws-cn:iam::{{account}}:role/Deploy', RoleSessionName: 'ci' },
        save: { assumedArn: 'AssumedRoleUser.Arn' },
        saveCredentials: { name: 'deploy', path: 'Credentials' },
      },
      {
        service: 'sts',
        action: 'GetCallerIdentity',
        region: CN,
        as: 'deploy',
        expect: { result: { Account: '{{account}}', Arn: 'arn:aws-cn:sts::{{account}}:assumed-role/Deploy/ci', UserId: '<any>' } },
      },
    ],
  },
  {
    id: 'partition/china-trust-policy-in-another-partition-does-not-match',
    source: `unconfirmed: ${ARN_DOC} — a trust policy naming arn:aws:…:root does not name an aws-cn account (the role is assumable only through a principal of its own partition)`,
    steps: [
      // Stored as the caller wrote it (arn:aws:… is no principal of aws-cn: refused at creation).
      {
        action: 'CreateRole',
        region: CN,
        params: { RoleName: 'Deploy', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:user/alice"},"Action":"sts:AssumeRole"}]}' },
        expect: { status: 400, error: { Code: 'MalformedPolicyDocument', Message: 'Invalid principal in policy: "AWS":"arn:aws:iam::{{account}}:user/alice"', Type: 'Sender' } },
      },
    ],
  },
  {
    id: 'partition/govcloud-principal-from-commercial',
    source: `${KC_GOV}; ${PRINCIPAL_MSG}`,
    steps: [
      { action: 'CreateUser', params: { UserName: 'alice' } },
      {
        action: 'CreateRole',
        region: GOV,
        params: { RoleName: 'r', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:user/alice"},"Action":"sts:AssumeRole"}]}' },
        expect: { status: 400, error: { Code: 'MalformedPolicyDocument', Message: 'Invalid principal in policy: "AWS":"arn:aws:iam::{{account}}:user/alice"', Type: 'Sender' } },
      },
    ],
  },
  {
    id: 'partition/china-simulate-own-partition-matches',
    source: `unconfirmed: ${ARN_DOC} applied to the simulator (a policy naming arn:aws-cn matches an aws-cn resource)`,
    steps: [sim(CN, 'arn:aws-cn:s3:::b/*', 'arn:aws-cn:s3:::b/k', 'allowed', true)],
  },
  {
    id: 'partition/china-simulate-other-partition-does-not-match',
    source: `unconfirmed: ${ARN_DOC} applied to the simulator (a policy naming arn:aws does not match an aws-cn resource)`,
    steps: [sim(CN, 'arn:aws:s3:::b/*', 'arn:aws-cn:s3:::b/k', 'implicitDeny', false)],
  },
  {
    id: 'partition/commercial-simulate-china-policy-does-not-match',
    source: `unconfirmed: ${ARN_DOC} applied to the simulator (a policy naming arn:aws-cn does not match an aws resource)`,
    steps: [sim('us-east-1', 'arn:aws-cn:s3:::b/*', 'arn:aws:s3:::b/k', 'implicitDeny', false)],
  },
];
