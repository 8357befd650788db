// Trust policies (CreateRole, UpdateAssumeRolePolicy): their own parser's messages, STS assume actions only, and
// principals that exist.
import type { ConformanceCase, Step } from '../types.js';

const LS_ROLES = 'localstack/localstack tests/aws/services/iam/test_iam_roles.snapshot.json TestRoleLifecycle::test_update_assume_role_policy_errors (recorded 11-02-2026)';
const KC = 'AWS Knowledge Center "How do I resolve the IAM trust policy error Invalid principal in policy" (repost.aws/knowledge-center/iam-trust-policy-error)';
const MSG_NOTE = 'the exact text "Invalid principal in policy: \\"AWS\\":\\"<arn>\\"" is as issue #15 quotes it, unconfirmed by a recording';
const PRINCIPAL_DOC = 'IAM User Guide, AWS JSON policy elements: Principal (a user group cannot be a principal)';

const EC2 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const trusting = (aws: string, action = 'sts:AssumeRole') =>
  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${aws}"},"Action":"${action}"}]}`;
const malformed = (Message: string) => ({ status: 400, error: { Code: 'MalformedPolicyDocument', Message, Type: 'Sender' as const } });
const invalidPrincipal = (arn: string) => malformed(`Invalid principal in policy: "AWS":"${arn}"`);
const role = (RoleName: string, doc = EC2, extra: Record<string, string> = {}): Step => ({ action: 'CreateRole', params: { RoleName, AssumeRolePolicyDocument: doc, ...extra } });
const update = (doc: string, expect?: Step['expect']): Step => ({ action: 'UpdateAssumeRolePolicy', params: { RoleName: 'target', PolicyDocument: doc }, expect });

export const cases: ConformanceCase[] = [
  {
    id: 'policy-trust/update-invalid-json',
    source: LS_ROLES,
    steps: [role('target'), update('not valid json', malformed('This policy contains invalid Json'))],
  },
  {
    id: 'policy-trust/update-non-assume-sts-action',
    source: LS_ROLES,
    steps: [
      role('target'),
      update('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:InvalidAction"}]}', malformed('AssumeRole policy may only specify STS AssumeRole actions.')),
    ],
  },
  {
    id: 'policy-trust/update-resource-field',
    source: LS_ROLES,
    steps: [
      role('target'),
      update(
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"arn:aws:s3:::example_bucket"}]}',
        malformed('Has prohibited field Resource'),
      ),
    ],
  },
  {
    id: 'policy-trust/create-non-sts-action',
    source: `${LS_ROLES} (the same trust-policy check at UpdateAssumeRolePolicy; CreateRole with it unconfirmed)`,
    steps: [
      {
        ...role('target', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"s3:GetObject"}]}'),
        expect: malformed('AssumeRole policy may only specify STS AssumeRole actions.'),
      },
    ],
  },
  {
    id: 'policy-trust/create-missing-role-principal',
    source: `${KC}; ${MSG_NOTE}`,
    steps: [
      {
        ...role('target', trusting('arn:aws:iam::{{account}}:role/DoesNotExist')),
        expect: invalidPrincipal('arn:aws:iam::{{account}}:role/DoesNotExist'),
      },
      { action: 'GetRole', params: { RoleName: 'target' }, expect: { status: 404, error: { Code: 'NoSuchEntity', Message: 'The role with name target cannot be found.', Type: 'Sender' } } },
    ],
  },
  {
    id: 'policy-trust/create-missing-user-principal',
    source: `${KC}; ${MSG_NOTE}`,
    steps: [{ ...role('target', trusting('arn:aws:iam::{{account}}:user/nobody')), expect: invalidPrincipal('arn:aws:iam::{{account}}:user/nobody') }],
  },
  {
    id: 'policy-trust/create-existing-user-principal',
    source: `${KC} (a user named by its full ARN is a valid principal)`,
    steps: [{ action: 'CreateUser', params: { UserName: 'alice' } }, role('target', trusting('arn:aws:iam::{{account}}:user/alice'))],
  },
  {
    id: 'policy-trust/create-existing-role-principal-with-path',
    source: `${KC} (the entire ARN must be given: with its path); ${MSG_NOTE}`,
    steps: [
      role('caller', EC2, { Path: '/team/' }),
      { ...role('target', trusting('arn:aws:iam::{{account}}:role/caller')), expect: invalidPrincipal('arn:aws:iam::{{account}}:role/caller') },
      role('target', trusting('arn:aws:iam::{{account}}:role/team/caller')),
    ],
  },
  {
    id: 'policy-trust/update-deleted-role-principal',
    source: `${KC} (confirm that the user or role wasn't deleted); ${MSG_NOTE}`,
    steps: [
      role('target'),
      role('gone'),
      { action: 'DeleteRole', params: { RoleName: 'gone' } },
      update(trusting('arn:aws:iam::{{account}}:role/gone'), invalidPrincipal('arn:aws:iam::{{account}}:role/gone')),
    ],
  },
  {
    id: 'policy-trust/create-self-principal',
    source: `unconfirmed: ${KC} applied to a role naming itself before it exists`,
    steps: [{ ...role('target', trusting('arn:aws:iam::{{account}}:role/target')), expect: invalidPrincipal('arn:aws:iam::{{account}}:role/target') }],
  },
  {
    id: 'policy-trust/partial-wildcard-principal',
    source: `${KC} (you can't use a wildcard to match part of a principal name or ARN); ${MSG_NOTE}`,
    steps: [{ ...role('target', trusting('arn:aws:iam::{{account}}:user/user-*')), expect: invalidPrincipal('arn:aws:iam::{{account}}:user/user-*') }],
  },
  {
    id: 'policy-trust/group-principal',
    source: `${PRINCIPAL_DOC}; ${MSG_NOTE}`,
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'Devs' } },
      { ...role('target', trusting('arn:aws:iam::{{account}}:group/Devs')), expect: invalidPrincipal('arn:aws:iam::{{account}}:group/Devs') },
    ],
  },
  {
    id: 'policy-trust/account-principals',
    source: `${KC} (an account id and its root ARN are valid principals)`,
    steps: [role('a', trusting('{{account}}')), role('b', trusting('arn:aws:iam::{{account}}:root'))],
  },
  {
    id: 'policy-trust/assume-role-with-web-identity-and-tag-session',
    source: 'IAM User Guide, "Passing session tags in STS" (a trust policy allows sts:TagSession next to sts:AssumeRoleWithWebIdentity)',
    steps: [
      role(
        'target',
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::{{account}}:oidc-provider/example.com"},"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"]}]}',
      ),
    ],
  },
  {
    id: 'policy-trust/no-version',
    source: 'IAM User Guide, IAM JSON policy elements: Version (without a Version element the policy is read as 2008-10-17); a trust policy is not a managed policy',
    steps: [role('target', '{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}')],
  },
];
