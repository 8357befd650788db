// The Policy Simulator's MatchedStatements: SourcePolicyId, SourcePolicyType and StartPosition/EndPosition as AWS
// reports them. A position is the policy parser's location just after the statement's opening `{` (start) and just
// after its closing `}` (end), 1-based lines and columns.
import type { ConformanceCase, Json, Step } from '../types.js';

const CLI_CUSTOM = 'AWS CLI reference, iam simulate-custom-policy examples (docs.aws.amazon.com/cli/latest/reference/iam/simulate-custom-policy.html)';
const CLI_PRINCIPAL = 'AWS CLI reference, iam simulate-principal-policy examples (docs.aws.amazon.com/cli/latest/reference/iam/simulate-principal-policy.html)';
const API_STATEMENT = 'IAM API reference, Statement data type (SourcePolicyType: user | group | role | aws-managed | user-managed | resource | none)';
const TYPE_NOTE = 'the CLI example prints no SourcePolicyType; "none" for PolicyInputList is unconfirmed';

const DATE_POLICY =
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';

const custom = (policies: string[], actions: string[], extra: Record<string, string> = {}): Record<string, string> => {
  const p: Record<string, string> = { ...extra };
  policies.forEach((d, i) => (p[`PolicyInputList.member.${i + 1}`] = d));
  actions.forEach((a, i) => (p[`ActionNames.member.${i + 1}`] = a));
  return p;
};
const currentTime = (v: string) => ({
  'ContextEntries.member.1.ContextKeyName': 'aws:CurrentTime',
  'ContextEntries.member.1.ContextKeyValues.member.1': v,
  'ContextEntries.member.1.ContextKeyType': 'date',
});
const pos = (l1: number, c1: number, l2: number, c2: number): { [k: string]: Json } => ({ StartPosition: { Line: l1, Column: c1 }, EndPosition: { Line: l2, Column: c2 } });
const result = (action: string, decision: string, matched: Json[], resource = '*'): Json => ({
  EvalActionName: action,
  EvalDecision: decision,
  EvalResourceName: resource,
  MatchedStatements: matched,
  MissingContextValues: [],
});

const PRETTY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
    ],
  },
  null,
  2,
);

const userWith = (put: Step[]): Step[] => [{ action: 'CreateUser', params: { UserName: 'alejandro' } }, ...put];
const ONE_LINE = (effect: string, action: string) => `{"Version":"2012-10-17","Statement":[{"Effect":"${effect}","Action":"${action}","Resource":"*"}]}`;

export const cases: ConformanceCase[] = [
  {
    id: 'simulator/custom-date-condition-allowed',
    source: `${CLI_CUSTOM}: first example (positions 1:38 to 1:167); ${TYPE_NOTE}`,
    steps: [
      {
        action: 'SimulateCustomPolicy',
        params: custom([DATE_POLICY], ['dynamodb:CreateBackup'], currentTime('2019-04-25T11:00:00Z')),
        expect: {
          result: {
            EvaluationResults: [result('dynamodb:CreateBackup', 'allowed', [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', ...pos(1, 38, 1, 167) }])],
            IsTruncated: false,
          },
        },
      },
    ],
  },
  {
    id: 'simulator/custom-date-condition-denied',
    source: `${CLI_CUSTOM}: second example (a date before the condition's: implicitDeny, nothing matched)`,
    steps: [
      {
        action: 'SimulateCustomPolicy',
        params: custom([DATE_POLICY], ['dynamodb:CreateBackup'], currentTime('2014-04-25T11:00:00Z')),
        expect: { result: { EvaluationResults: [result('dynamodb:CreateBackup', 'implicitDeny', [])], IsTruncated: false } },
      },
    ],
  },
  {
    id: 'simulator/custom-pretty-printed-positions',
    source: `unconfirmed: the documented position rule (${CLI_CUSTOM}, first example) applied to a pretty-printed policy with a Statement array`,
    steps: [
      {
        action: 'SimulateCustomPolicy',
        params: custom([PRETTY], ['s3:GetObject', 's3:DeleteObject']),
        expect: {
          result: {
            EvaluationResults: [
              result('s3:GetObject', 'allowed', [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', ...pos(4, 6, 9, 6) }]),
              result('s3:DeleteObject', 'explicitDeny', [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', ...pos(10, 6, 15, 6) }]),
            ],
            IsTruncated: false,
          },
        },
      },
    ],
  },
  {
    id: 'simulator/custom-second-policy-id',
    source: `${CLI_CUSTOM} (SourcePolicyId "PolicyInputList.N" names the Nth input); ${TYPE_NOTE}`,
    steps: [
      {
        action: 'SimulateCustomPolicy',
        params: custom([ONE_LINE('Allow', 's3:ListBucket'), ONE_LINE('Allow', 'ec2:DescribeInstances')], ['ec2:DescribeInstances']),
        expect: {
          result: {
            EvaluationResults: [result('ec2:DescribeInstances', 'allowed', [{ SourcePolicyId: 'PolicyInputList.2', SourcePolicyType: 'none', ...pos(1, 39, 1, 104) }])],
            IsTruncated: false,
          },
        },
      },
    ],
  },
  {
    id: 'simulator/principal-user-inline-policy',
    source: `${CLI_PRINCIPAL}: first example (an inline user policy is named by its policy name); ${API_STATEMENT}`,
    steps: userWith([
      { action: 'PutUserPolicy', params: { UserName: 'alejandro', PolicyName: 'Grant-Access-To-CodeCommit-ListRepo', PolicyDocument: ONE_LINE('Allow', 'codecommit:ListRepositories') } },
      {
        action: 'SimulatePrincipalPolicy',
        params: { PolicySourceArn: 'arn:aws:iam::{{account}}:user/alejandro', 'ActionNames.member.1': 'codecommit:ListRepositories' },
        expect: {
          result: {
            EvaluationResults: [
              result('codecommit:ListRepositories', 'allowed', [{ SourcePolicyId: 'Grant-Access-To-CodeCommit-ListRepo', SourcePolicyType: 'user', ...pos(1, 39, 1, 110) }]),
            ],
            IsTruncated: false,
          },
        },
      },
    ]),
  },
  {
    id: 'simulator/principal-user-denied-action',
    source: `${CLI_PRINCIPAL}: an action no policy allows is implicitDeny with no matched statement`,
    steps: userWith([
      { action: 'PutUserPolicy', params: { UserName: 'alejandro', PolicyName: 'ListRepos', PolicyDocument: ONE_LINE('Allow', 'codecommit:ListRepositories') } },
      {
        action: 'SimulatePrincipalPolicy',
        params: { PolicySourceArn: 'arn:aws:iam::{{account}}:user/alejandro', 'ActionNames.member.1': 'codecommit:DeleteRepository' },
        expect: { result: { EvaluationResults: [result('codecommit:DeleteRepository', 'implicitDeny', [])], IsTruncated: false } },
      },
    ]),
  },
  {
    id: 'simulator/principal-group-policy-type',
    source: `${API_STATEMENT}: a group's inline policy reports SourcePolicyType "group"`,
    steps: userWith([
      { action: 'CreateGroup', params: { GroupName: 'Devs' } },
      { action: 'AddUserToGroup', params: { GroupName: 'Devs', UserName: 'alejandro' } },
      { action: 'PutGroupPolicy', params: { GroupName: 'Devs', PolicyName: 'NoDelete', PolicyDocument: ONE_LINE('Deny', 's3:DeleteObject') } },
      {
        action: 'SimulatePrincipalPolicy',
        params: { PolicySourceArn: 'arn:aws:iam::{{account}}:user/alejandro', 'ActionNames.member.1': 's3:DeleteObject' },
        expect: {
          result: {
            EvaluationResults: [result('s3:DeleteObject', 'explicitDeny', [{ SourcePolicyId: 'NoDelete', SourcePolicyType: 'group', ...pos(1, 39, 1, 97) }])],
            IsTruncated: false,
          },
        },
      },
    ]),
  },
  {
    id: 'simulator/principal-role-policy-type',
    source: `${API_STATEMENT}: a role's inline policy reports SourcePolicyType "role"`,
    steps: [
      {
        action: 'CreateRole',
        params: {
          RoleName: 'App',
          AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
        },
      },
      { action: 'PutRolePolicy', params: { RoleName: 'App', PolicyName: 'AppS3', PolicyDocument: ONE_LINE('Allow', 's3:GetObject') } },
      {
        action: 'SimulatePrincipalPolicy',
        params: { PolicySourceArn: 'arn:aws:iam::{{account}}:role/App', 'ActionNames.member.1': 's3:GetObject' },
        expect: {
          result: {
            EvaluationResults: [result('s3:GetObject', 'allowed', [{ SourcePolicyId: 'AppS3', SourcePolicyType: 'role', ...pos(1, 39, 1, 95) }])],
            IsTruncated: false,
          },
        },
      },
    ],
  },
];
