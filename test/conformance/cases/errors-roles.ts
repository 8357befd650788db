// Errors of roles, role policies, permissions boundaries and instance profiles, as recorded against AWS.
import type { ConformanceCase, Step } from '../types.js';
import {
  conflict, createPolicy, createProfile, createRole, exists, invalid, limit, noProfile, noRole, notFound, recorded, validation,
} from '../fid-common.js';

const R = (cls: string, test: string, date = '11-02-2026') => recorded('test_iam_roles', `${cls}::${test}`, date);
const IP = (cls: string, test: string) => recorded('test_iam_instance_profiles', `${cls}::${test}`, '12-02-2026');
const EMR = 'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole';
const CT = 'arn:aws:iam::aws:policy/service-role/AWSControlTowerServiceRolePolicy';

const READ_ONLY = [
  'ReadOnlyAccess', 'IAMReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AmazonEC2ReadOnlyAccess', 'AmazonSQSReadOnlyAccess', 'AmazonSNSReadOnlyAccess',
  'AmazonDynamoDBReadOnlyAccess', 'AWSLambda_ReadOnlyAccess', 'CloudWatchReadOnlyAccess', 'AmazonRDSReadOnlyAccess', 'AmazonVPCReadOnlyAccess',
];

const roleTagCalls: [string, Step['params']][] = [
  ['TagRole', { RoleName: 'test-nonexistent-role', 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' }],
  ['UntagRole', { RoleName: 'test-nonexistent-role', 'TagKeys.member.1': 'k' }],
  ['ListRoleTags', { RoleName: 'test-nonexistent-role' }],
];

const profileTagCalls: [string, Step['params']][] = [
  ['TagInstanceProfile', { InstanceProfileName: 'nonexistent-profile', 'Tags.member.1.Key': 'Key', 'Tags.member.1.Value': 'Value' }],
  ['UntagInstanceProfile', { InstanceProfileName: 'nonexistent-profile', 'TagKeys.member.1': 'Key' }],
  ['ListInstanceProfileTags', { InstanceProfileName: 'nonexistent-profile' }],
  ['GetInstanceProfile', { InstanceProfileName: 'nonexistent-profile' }],
  ['DeleteInstanceProfile', { InstanceProfileName: 'nonexistent-profile' }],
];

export const cases: ConformanceCase[] = [
  {
    id: 'errors/roles/get-update-delete-unknown',
    source: R('TestRoleLifecycle', 'test_role_errors'),
    steps: [
      { action: 'GetRole', params: { RoleName: 'test-nonexistent-role' }, expect: noRole('test-nonexistent-role') },
      { action: 'UpdateRole', params: { RoleName: 'test-nonexistent-role', Description: 'd' }, expect: noRole('test-nonexistent-role') },
      { action: 'DeleteRole', params: { RoleName: 'test-nonexistent-role' }, expect: noRole('test-nonexistent-role') },
    ],
  },
  {
    id: 'errors/roles/create-duplicate',
    source: R('TestRoleLifecycle', 'test_role_errors'),
    steps: [createRole('r1'), { ...createRole('r1'), expect: exists('Role with name r1 already exists.') }],
  },
  {
    id: 'errors/roles/delete-with-attached-policy',
    source: R('TestRoleLifecycle', 'test_delete_role_with_attached_policy'),
    steps: [
      createRole('r1'),
      createPolicy('p1'),
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: '{{policyArn}}' } },
      { action: 'DeleteRole', params: { RoleName: 'r1' }, expect: conflict('Cannot delete entity, must detach all policies first.') },
    ],
  },
  {
    id: 'errors/roles/delete-with-inline-policy',
    source: R('TestRoleLifecycle', 'test_delete_role_with_inline_policy'),
    steps: [
      createRole('r1'),
      {
        action: 'PutRolePolicy',
        params: { RoleName: 'r1', PolicyName: 'i1', PolicyDocument: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}' },
      },
      { action: 'DeleteRole', params: { RoleName: 'r1' }, expect: conflict('Cannot delete entity, must delete policies first.') },
    ],
  },
  {
    id: 'errors/roles/delete-in-instance-profile',
    source: R('TestRoleLifecycle', 'test_delete_role_with_instance_profile', '12-02-2026'),
    steps: [
      createRole('r1'),
      createProfile('ip1'),
      { action: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' } },
      { action: 'DeleteRole', params: { RoleName: 'r1' }, expect: conflict('Cannot delete entity, must remove roles from instance profile first.') },
    ],
  },
  {
    id: 'errors/roles/inline-policy-missing',
    source: R('TestRoleInlinePolicies', 'test_role_inline_policy_errors'),
    steps: [
      createRole('r1'),
      { action: 'GetRolePolicy', params: { RoleName: 'r1', PolicyName: 'non-existent-policy' }, expect: notFound('The role policy with name non-existent-policy cannot be found.') },
      { action: 'DeleteRolePolicy', params: { RoleName: 'r1', PolicyName: 'non-existent-policy' }, expect: notFound('The role policy with name non-existent-policy cannot be found.') },
    ],
  },
  {
    id: 'errors/roles/inline-policy-unknown-role',
    source: R('TestRoleInlinePolicies', 'test_role_inline_policy_errors'),
    steps: [
      {
        action: 'PutRolePolicy',
        params: { RoleName: 'nonexistent-role', PolicyName: 'p', PolicyDocument: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}' },
        expect: noRole('nonexistent-role'),
      },
      { action: 'GetRolePolicy', params: { RoleName: 'nonexistent-role', PolicyName: 'p' }, expect: noRole('nonexistent-role') },
      { action: 'DeleteRolePolicy', params: { RoleName: 'nonexistent-role', PolicyName: 'p' }, expect: noRole('nonexistent-role') },
    ],
  },
  {
    id: 'errors/roles/detach-not-attached',
    source: R('TestRoleManagedPolicies', 'test_role_managed_policy_errors'),
    steps: [
      createRole('r1'),
      createPolicy('p1'),
      { action: 'DetachRolePolicy', params: { RoleName: 'r1', PolicyArn: '{{policyArn}}' }, expect: notFound('Policy arn:aws:iam::{{account}}:policy/p1 was not found.') },
    ],
  },
  {
    id: 'errors/roles/attach-not-an-arn',
    source: R('TestRoleManagedPolicies', 'test_role_managed_policy_errors'),
    steps: [
      createRole('r1'),
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: 'longpolicynamebutnoarn' }, expect: validation('ARN longpolicynamebutnoarn is not valid.') },
    ],
  },
  {
    id: 'errors/roles/attach-policy-name-instead-of-arn',
    source: R('TestRoleManagedPolicies', 'test_role_managed_policy_errors'),
    steps: [
      createRole('r1'),
      createPolicy('test-policy-name-long-1'),
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: 'test-policy-name-long-1' }, expect: validation('ARN test-policy-name-long-1 is not valid.') },
    ],
  },
  {
    id: 'errors/roles/attach-nonexistent-policy',
    source: R('TestRoleManagedPolicies', 'test_role_managed_policy_errors'),
    steps: [
      createRole('r1'),
      {
        action: 'AttachRolePolicy',
        params: { RoleName: 'r1', PolicyArn: 'arn:aws:iam::{{account}}:policy/nonexistent-policy' },
        expect: notFound('Policy arn:aws:iam::{{account}}:policy/nonexistent-policy does not exist or is not attachable.'),
      },
    ],
  },
  {
    id: 'errors/roles/aws-managed-detach-twice-and-unknown',
    source: R('TestRoleManagedPolicies', 'test_attach_detach_aws_managed_policy_role', '16-02-2026'),
    steps: [
      createRole('r1'),
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: EMR } },
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: CT } },
      {
        action: 'ListAttachedRolePolicies',
        params: { RoleName: 'r1' },
        expect: {
          result: {
            AttachedPolicies: [
              { PolicyArn: EMR, PolicyName: 'AmazonElasticMapReduceRole' },
              { PolicyArn: CT, PolicyName: 'AWSControlTowerServiceRolePolicy' },
            ],
            IsTruncated: false,
          },
        },
      },
      { action: 'DetachRolePolicy', params: { RoleName: 'r1', PolicyArn: EMR }, expect: { result: {} } },
      { action: 'DetachRolePolicy', params: { RoleName: 'r1', PolicyArn: EMR }, expect: notFound(`Policy ${EMR} was not found.`) },
      {
        action: 'DetachRolePolicy',
        params: { RoleName: 'r1', PolicyArn: 'arn:aws:iam::aws:policy/Nonexistent' },
        expect: notFound('Policy arn:aws:iam::aws:policy/Nonexistent was not found.'),
      },
    ],
  },
  ...roleTagCalls.map(
    ([action, params]): ConformanceCase => ({
      id: `errors/roles/${action}-unknown`,
      source: R('TestRoleTags', 'test_role_tag_errors'),
      steps: [{ action, params, expect: noRole('test-nonexistent-role') }],
    }),
  ),
  {
    id: 'errors/roles/create-duplicate-tag-keys',
    source: R('TestRoleTags', 'test_role_tag_errors'),
    steps: [
      {
        action: 'CreateRole',
        params: {
          RoleName: 'r1',
          AssumeRolePolicyDocument: createRole('x').params!.AssumeRolePolicyDocument as string,
          'Tags.member.1.Key': 'Key',
          'Tags.member.1.Value': 'a',
          'Tags.member.2.Key': 'key',
          'Tags.member.2.Value': 'b',
        },
        expect: invalid('Duplicate tag keys found. Please note that Tag keys are case insensitive.'),
      },
    ],
  },
  {
    id: 'errors/roles/tag-duplicate-keys',
    source: R('TestRoleTags', 'test_role_tag_errors'),
    steps: [
      createRole('r1'),
      {
        action: 'TagRole',
        params: { RoleName: 'r1', 'Tags.member.1.Key': 'Key', 'Tags.member.1.Value': 'a', 'Tags.member.2.Key': 'Key', 'Tags.member.2.Value': 'b' },
        expect: invalid('Duplicate tag keys found. Please note that Tag keys are case insensitive.'),
      },
    ],
  },
  // Permissions boundaries
  {
    id: 'errors/boundaries/put-not-a-policy-arn',
    source: R('TestRolePermissionsBoundary', 'test_role_permissions_boundary_errors'),
    steps: [
      createRole('r1'),
      {
        action: 'PutRolePermissionsBoundary',
        params: { RoleName: 'r1', PermissionsBoundary: 'arn:aws:iam::{{account}}:not_a_policy/invalid' },
        expect: invalid('ARN arn:aws:iam::{{account}}:not_a_policy/invalid is not valid.'),
      },
    ],
  },
  {
    id: 'errors/boundaries/create-role-not-a-policy-arn',
    source: R('TestRolePermissionsBoundary', 'test_role_permissions_boundary_errors'),
    steps: [
      {
        ...createRole('r2'),
        params: { ...createRole('r2').params, PermissionsBoundary: 'arn:aws:iam::{{account}}:not_a_policy/invalid' },
        expect: invalid('ARN arn:aws:iam::{{account}}:not_a_policy/invalid is not valid.'),
      },
    ],
  },
  {
    id: 'errors/boundaries/put-nonexistent-policy',
    source: R('TestRolePermissionsBoundary', 'test_role_permissions_boundary_errors'),
    steps: [
      createRole('r1'),
      {
        action: 'PutRolePermissionsBoundary',
        params: { RoleName: 'r1', PermissionsBoundary: 'arn:aws:iam::{{account}}:policy/nonexistent-policy' },
        expect: notFound('Scope ARN: arn:aws:iam::{{account}}:policy/nonexistent-policy does not exist or is not attachable.'),
      },
    ],
  },
  {
    id: 'errors/boundaries/create-role-nonexistent-policy',
    source: R('TestRolePermissionsBoundary', 'test_role_permissions_boundary_errors'),
    steps: [
      {
        ...createRole('r2'),
        params: { ...createRole('r2').params, PermissionsBoundary: 'arn:aws:iam::{{account}}:policy/nonexistent-policy' },
        expect: notFound('Scope ARN: arn:aws:iam::{{account}}:policy/nonexistent-policy does not exist or is not attachable.'),
      },
      { action: 'GetRole', params: { RoleName: 'r2' }, expect: noRole('r2') },
    ],
  },
  {
    id: 'errors/boundaries/put-on-unknown-role',
    source: R('TestRolePermissionsBoundary', 'test_role_permissions_boundary_errors'),
    steps: [
      createPolicy('b1'),
      { action: 'PutRolePermissionsBoundary', params: { RoleName: 'nonexistent-role', PermissionsBoundary: '{{policyArn}}' }, expect: noRole('nonexistent-role') },
    ],
  },
  {
    id: 'errors/roles/eleventh-managed-policy-quota',
    source:
      'https://github.com/aws/eks-hybrid/pull/741 (AWS answer quoted from a CloudFormation run, 12-09-2025: "Cannot exceed quota for PoliciesPerRole: 10 (Service: Iam, Status Code: 409 …)")',
    steps: [
      createRole('r1'),
      ...READ_ONLY.slice(0, 10).map((name) => ({ action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: `arn:aws:iam::aws:policy/${name}` } })),
      {
        action: 'AttachRolePolicy',
        params: { RoleName: 'r1', PolicyArn: `arn:aws:iam::aws:policy/${READ_ONLY[10]}` },
        expect: limit('Cannot exceed quota for PoliciesPerRole: 10'),
      },
    ],
  },
  // Instance profiles
  ...profileTagCalls.map(
    ([action, params]): ConformanceCase => ({
      id: `errors/instance-profiles/${action}-unknown`,
      source: action.includes('Tag') ? IP('TestInstanceProfileTags', 'test_instance_profile_tag_errors') : IP('TestInstanceProfileLifecycle', 'test_instance_profile_errors'),
      steps: [{ action, params, expect: noProfile('nonexistent-profile') }],
    }),
  ),
  {
    id: 'errors/instance-profiles/create-duplicate',
    source: IP('TestInstanceProfileLifecycle', 'test_instance_profile_errors'),
    steps: [createProfile('ip1'), { ...createProfile('ip1'), expect: exists('Instance Profile ip1 already exists.') }],
  },
  {
    id: 'errors/instance-profiles/second-role-quota',
    source: IP('TestInstanceProfileRoles', 'test_add_second_role_to_instance_profile_error'),
    steps: [
      createProfile('ip1'),
      createRole('r1'),
      createRole('r2'),
      { action: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' } },
      {
        action: 'AddRoleToInstanceProfile',
        params: { InstanceProfileName: 'ip1', RoleName: 'r2' },
        expect: limit('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1'),
      },
    ],
  },
  {
    id: 'errors/instance-profiles/delete-with-role',
    source: IP('TestInstanceProfileRoles', 'test_delete_instance_profile_with_role_error'),
    steps: [
      createProfile('ip1'),
      createRole('r1'),
      { action: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' } },
      { action: 'DeleteInstanceProfile', params: { InstanceProfileName: 'ip1' }, expect: conflict('Cannot delete entity, must remove roles from instance profile first.') },
      { action: 'RemoveRoleFromInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' }, expect: { result: {} } },
      { action: 'DeleteInstanceProfile', params: { InstanceProfileName: 'ip1' }, expect: { result: {} } },
      { action: 'GetInstanceProfile', params: { InstanceProfileName: 'ip1' }, expect: noProfile('ip1') },
    ],
  },
  {
    id: 'errors/instance-profiles/role-operations',
    source: IP('TestInstanceProfileRoles', 'test_role_instance_profile_operations_errors'),
    steps: [
      createProfile('ip1'),
      createRole('r1'),
      { action: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'nonexistent-profile', RoleName: 'r1' }, expect: noProfile('nonexistent-profile') },
      { action: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'nonexistent-role' }, expect: noRole('nonexistent-role') },
      { action: 'RemoveRoleFromInstanceProfile', params: { InstanceProfileName: 'nonexistent-profile', RoleName: 'r1' }, expect: noProfile('nonexistent-profile') },
      { action: 'RemoveRoleFromInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'nonexistent-role' }, expect: noRole('nonexistent-role') },
      { action: 'RemoveRoleFromInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' }, expect: notFound('Role r1 in Instance Profile ip1 cannot be found.') },
    ],
  },
  {
    id: 'errors/instance-profiles/create-then-get-shape',
    source: IP('TestInstanceProfileLifecycle', 'test_instance_profile_lifecycle'),
    steps: [
      {
        ...createProfile('ip1'),
        expect: {
          result: {
            InstanceProfile: {
              Arn: 'arn:aws:iam::{{account}}:instance-profile/ip1', CreateDate: '<datetime>', InstanceProfileId: '<any>', InstanceProfileName: 'ip1', Path: '/', Roles: [],
            },
          },
        },
      },
    ],
  },
];
