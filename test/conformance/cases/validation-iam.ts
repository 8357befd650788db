// IAM's model-validation messages: no values shown, lowerCamel member paths, string-list items
// reported at the list, several errors counted and joined in AWS's order; and the members IAM
// checks in its own code (names, paths) with messages of their own.
import type { ConformanceCase, Step } from '../types.js';
import { POLICY, TAG_KEY_ITEM, TAG_PATTERN, TRUST, iamValidation, ls, policyArn, tagKeyParams, tagParams } from '../fixtures-shapes.js';

const roles = (test: string) => ls('iam/test_iam_roles', `test_iam_roles.py::${test}`, '11-02-2026');
const policies = (test: string) => ls('iam/test_iam_policies', `test_iam_policies.py::${test}`, '10-02-2026');
const LONG_KEY = 'k'.repeat(129);
const LONG_VALUE = 'v'.repeat(257);
const tags50 = "Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50";
const tagKeys50 = "Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50";
const key128 = "Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128";
const value256 = "Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256";
const keyPattern = `Value at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ${TAG_PATTERN}`;
const tagKeysItem = `Value at 'tagKeys' failed to satisfy constraint: ${TAG_KEY_ITEM}`;
const PATH_INVALID = {
  status: 400,
  error: {
    Code: 'ValidationError',
    Message: 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
    Type: 'Sender' as const,
  },
};
const fiftyOneKeys = Array.from({ length: 51 }, (_, i) => `k${i}`);

const createRole: Step = { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } };
const createPolicy: Step = { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: POLICY } };

/** One-step (or set-up plus one) cases of a tag constraint on one operation. */
function tagCase(id: string, source: string, setup: Step[], action: string, base: Record<string, string>, extra: Record<string, string>, message: string): ConformanceCase {
  return { id, source, steps: [...setup, { action, params: { ...base, ...extra }, expect: iamValidation(message) }] };
}

const ROLE_TAGS = roles('TestRoleTags::test_role_tag_errors');
const POLICY_CREATE = policies('TestPolicyTags::test_policy_tag_create_errors');
const POLICY_UPDATE = policies('TestPolicyTags::test_policy_tag_update_errors');
const roleCreate = { RoleName: 'r2', AssumeRolePolicyDocument: TRUST };
const roleTag = { RoleName: 'r1' };
const policyCreate = { PolicyName: 'p2', PolicyDocument: POLICY };
const policyTag = { PolicyArn: policyArn('p1') };

export const cases: ConformanceCase[] = [
  tagCase('validation/iam/create-role-51-tags', ROLE_TAGS, [], 'CreateRole', roleCreate, tagParams(51), tags50),
  tagCase('validation/iam/tag-role-51-tags', ROLE_TAGS, [createRole], 'TagRole', roleTag, tagParams(51), tags50),
  tagCase('validation/iam/create-role-tag-key-129', ROLE_TAGS, [], 'CreateRole', roleCreate, { 'Tags.member.1.Key': LONG_KEY, 'Tags.member.1.Value': 'v' }, key128),
  tagCase('validation/iam/create-role-tag-value-257', ROLE_TAGS, [], 'CreateRole', roleCreate, { 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': LONG_VALUE }, value256),
  tagCase('validation/iam/create-role-tag-key-invalid-char', ROLE_TAGS, [], 'CreateRole', roleCreate, { 'Tags.member.1.Key': 'inval!d', 'Tags.member.1.Value': 'v' }, keyPattern),
  tagCase('validation/iam/tag-role-tag-key-129', ROLE_TAGS, [createRole], 'TagRole', roleTag, { 'Tags.member.1.Key': LONG_KEY, 'Tags.member.1.Value': 'v' }, key128),
  tagCase('validation/iam/tag-role-tag-value-257', ROLE_TAGS, [createRole], 'TagRole', roleTag, { 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': LONG_VALUE }, value256),
  tagCase('validation/iam/tag-role-tag-key-invalid-char', ROLE_TAGS, [createRole], 'TagRole', roleTag, { 'Tags.member.1.Key': 'inval!d', 'Tags.member.1.Value': 'v' }, keyPattern),
  tagCase('validation/iam/untag-role-51-keys', ROLE_TAGS, [createRole], 'UntagRole', roleTag, tagKeyParams(fiftyOneKeys), tagKeys50),
  tagCase('validation/iam/untag-role-key-129', ROLE_TAGS, [createRole], 'UntagRole', roleTag, tagKeyParams([LONG_KEY]), tagKeysItem),
  tagCase('validation/iam/untag-role-key-invalid-char', ROLE_TAGS, [createRole], 'UntagRole', roleTag, tagKeyParams(['inval!d']), tagKeysItem),
  tagCase('validation/iam/create-policy-51-tags', POLICY_CREATE, [], 'CreatePolicy', policyCreate, tagParams(51), tags50),
  tagCase('validation/iam/create-policy-tag-key-129', POLICY_CREATE, [], 'CreatePolicy', policyCreate, { 'Tags.member.1.Key': LONG_KEY, 'Tags.member.1.Value': 'v' }, key128),
  tagCase('validation/iam/create-policy-tag-value-257', POLICY_CREATE, [], 'CreatePolicy', policyCreate, { 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': LONG_VALUE }, value256),
  tagCase('validation/iam/create-policy-tag-key-invalid-char', POLICY_CREATE, [], 'CreatePolicy', policyCreate, { 'Tags.member.1.Key': 'inval!d', 'Tags.member.1.Value': 'v' }, keyPattern),
  tagCase('validation/iam/tag-policy-51-tags', POLICY_UPDATE, [createPolicy], 'TagPolicy', policyTag, tagParams(51), tags50),
  tagCase('validation/iam/tag-policy-tag-key-129', POLICY_UPDATE, [createPolicy], 'TagPolicy', policyTag, { 'Tags.member.1.Key': LONG_KEY, 'Tags.member.1.Value': 'v' }, key128),
  tagCase('validation/iam/tag-policy-tag-value-257', POLICY_UPDATE, [createPolicy], 'TagPolicy', policyTag, { 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': LONG_VALUE }, value256),
  tagCase('validation/iam/tag-policy-tag-key-invalid-char', POLICY_UPDATE, [createPolicy], 'TagPolicy', policyTag, { 'Tags.member.1.Key': 'inval!d', 'Tags.member.1.Value': 'v' }, keyPattern),
  tagCase('validation/iam/untag-policy-51-keys', POLICY_UPDATE, [createPolicy], 'UntagPolicy', policyTag, tagKeyParams(fiftyOneKeys), tagKeys50),
  tagCase('validation/iam/untag-policy-key-129', POLICY_UPDATE, [createPolicy], 'UntagPolicy', policyTag, tagKeyParams([LONG_KEY]), tagKeysItem),
  tagCase('validation/iam/untag-policy-key-invalid-char', POLICY_UPDATE, [createPolicy], 'UntagPolicy', policyTag, tagKeyParams(['inval!d']), tagKeysItem),
  {
    id: 'validation/iam/set-default-version-bad-id',
    source: policies('TestPolicies::test_policy_version_errors') + ' err-set-default-invalid-version-format',
    steps: [
      createPolicy,
      {
        action: 'SetDefaultPolicyVersion',
        params: { PolicyArn: policyArn('p1'), VersionId: 'wrong_version_id' },
        expect: iamValidation("Value at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?"),
      },
    ],
  },
  {
    id: 'validation/iam/get-policy-version-bad-id',
    source: ls('iam/test_iam_managed_policies', 'test_iam_managed_policies.py::TestGetAwsManagedPolicy::test_get_aws_managed_policy_version', '12-02-2026'),
    steps: [
      {
        action: 'GetPolicyVersion',
        params: { PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', VersionId: 'v2-does-not-exist' },
        expect: iamValidation("Value at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?"),
      },
    ],
  },
  {
    id: 'validation/iam/password-policy-one-range',
    source: ls('iam/test_iam_account_password_policy', 'test_iam_account_password_policy.py::TestAccountPasswordPolicy::test_update_account_password_policy_validation_errors', '13-02-2026') + ' (one of its three violations alone)',
    steps: [
      {
        action: 'UpdateAccountPasswordPolicy',
        params: { MinimumPasswordLength: 129 },
        expect: iamValidation("Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128"),
      },
    ],
  },
  {
    id: 'validation/iam/password-policy-three-ranges',
    source: ls('iam/test_iam_account_password_policy', 'test_iam_account_password_policy.py::TestAccountPasswordPolicy::test_update_account_password_policy_validation_errors', '13-02-2026'),
    steps: [
      {
        action: 'UpdateAccountPasswordPolicy',
        params: { MaxPasswordAge: 1096, MinimumPasswordLength: 129, PasswordReusePrevention: 25 },
        expect: iamValidation(
          "Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128",
          "Value at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24",
          "Value at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095",
        ),
      },
    ],
  },
  {
    id: 'validation/iam/oidc-three-errors',
    source: ls('iam/test_iam_oidc', 'test_iam_oidc.py::TestOIDCProviderCreateErrors::test_create_open_id_connect_provider_validation_errors', '17-02-2026'),
    steps: [
      {
        action: 'CreateOpenIDConnectProvider',
        params: { Url: `https://${'a'.repeat(255)}.example.com`, 'ClientIDList.member.1': 'c'.repeat(256), 'ThumbprintList.member.1': 'short' },
        expect: iamValidation(
          "Value at 'clientIDList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]",
          "Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]",
          "Value at 'url' failed to satisfy constraint: Member must have length less than or equal to 255",
        ),
      },
    ],
  },
  {
    id: 'validation/iam/oidc-thumbprint-item',
    source: ls('iam/test_iam_oidc', 'test_iam_oidc.py::TestOIDCProviderCreateErrors::test_create_open_id_connect_provider_validation_errors', '17-02-2026') + ' (its thumbprintList violation alone)',
    steps: [
      {
        action: 'CreateOpenIDConnectProvider',
        params: { Url: 'https://oidc.example.com', 'ThumbprintList.member.1': 'short' },
        expect: iamValidation(
          "Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]",
        ),
      },
    ],
  },
  {
    id: 'validation/iam/oidc-url-too-long',
    source: ls('iam/test_iam_oidc', 'test_iam_oidc.py::TestOIDCProviderCreateErrors::test_create_open_id_connect_provider_validation_errors', '17-02-2026') + ' (its url violation alone)',
    steps: [
      {
        action: 'CreateOpenIDConnectProvider',
        params: { Url: `https://${'a'.repeat(255)}.example.com`, 'ThumbprintList.member.1': 'b'.repeat(40) },
        expect: iamValidation("Value at 'url' failed to satisfy constraint: Member must have length less than or equal to 255"),
      },
    ],
  },
  {
    id: 'validation/iam/role-name-characters',
    source: 'kubecost/docs#36 (2020, CloudFormation passing on IAM\'s answer: Error Code ValidationError) and aws-amplify/amplify-cli#9120 (2021)',
    steps: [
      {
        action: 'CreateRole',
        params: { RoleName: 'bad role!', AssumeRolePolicyDocument: TRUST },
        expect: {
          status: 400,
          error: { Code: 'ValidationError', Message: 'The specified value for roleName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-', Type: 'Sender' },
        },
      },
    ],
  },
  {
    id: 'validation/iam/user-name-characters-get',
    source: 'hashicorp/terraform#16187 (GetUser with an ARN as UserName: "ValidationError: The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-")',
    steps: [
      {
        action: 'GetUser',
        params: { UserName: 'arn:aws:iam::720999999906:user/test' },
        expect: {
          status: 400,
          error: { Code: 'ValidationError', Message: 'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-', Type: 'Sender' },
        },
      },
    ],
  },
  {
    id: 'validation/iam/user-name-characters-attach',
    source: 'app-sre/qontract-reconcile#2640 (AttachUserPolicy to user "{ocm-sts-access}": "ValidationError: The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-")',
    steps: [
      createPolicy,
      {
        action: 'AttachUserPolicy',
        params: { UserName: '{ocm-sts-access}', PolicyArn: policyArn('p1') },
        expect: {
          status: 400,
          error: { Code: 'ValidationError', Message: 'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-', Type: 'Sender' },
        },
      },
    ],
  },
  {
    id: 'validation/iam/role-path-without-slashes',
    source: 'aws-cloudformation/cfn-lint#722 (AWS::IAM::Role with Path "test/": "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")',
    steps: [
      {
        action: 'CreateRole',
        params: { RoleName: 'r1', Path: 'test/', AssumeRolePolicyDocument: TRUST },
        expect: {
          status: 400,
          error: {
            Code: 'ValidationError',
            Message: 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
            Type: 'Sender',
          },
        },
      },
    ],
  },
  {
    id: 'validation/iam/user-name-too-long',
    source: 'ministryofjustice/cloud-platform-environments#5737 (CreateUser with a 65-character name: "1 validation error detected: … at \'userName\' failed to satisfy constraint: Member must have length less than or equal to 64"; recorded in 2021 when IAM still quoted the value, which it no longer does — see test_iam_roles.snapshot.json 11-02-2026)',
    steps: [
      {
        action: 'CreateUser',
        params: { UserName: 'manage-my-prison-dev-athena-user-b892e617d30a1200f4ca329c5bf99182' },
        expect: iamValidation("Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"),
      },
    ],
  },
  {
    id: 'validation/iam/mfa-path-no-leading-slash',
    source: ls('iam/test_iam_mfa', 'test_iam_mfa.py::TestVirtualMfaDevice::test_virtual_mfa_device_errors', '17-02-2026') + ' create-invalid-path-no-leading-slash-error',
    steps: [{ action: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'dev1', Path: 'invalid-path/' }, expect: PATH_INVALID }],
  },
  {
    id: 'validation/iam/mfa-path-no-trailing-slash',
    source: ls('iam/test_iam_mfa', 'test_iam_mfa.py::TestVirtualMfaDevice::test_virtual_mfa_device_errors', '17-02-2026') + ' create-invalid-path-no-trailing-slash-error',
    steps: [{ action: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'dev1', Path: '/invalid-path' }, expect: PATH_INVALID }],
  },
  {
    id: 'validation/iam/mfa-path-too-long',
    source: ls('iam/test_iam_mfa', 'test_iam_mfa.py::TestVirtualMfaDevice::test_virtual_mfa_device_errors', '17-02-2026') + ' create-path-too-long-error',
    steps: [
      {
        action: 'CreateVirtualMFADevice',
        params: { VirtualMFADeviceName: 'dev1', Path: `/${'a'.repeat(512)}/` },
        expect: iamValidation("Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512"),
      },
    ],
  },
];
