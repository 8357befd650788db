// Response shapes of roles, key for key as recorded against AWS.
import type { ConformanceCase } from '../types.js';
import { TRUST, POLICY, POLICY_DOC, createdRole, gotRole, listedRole, ls, policy, policyArn } from '../fixtures-shapes.js';

const ROLES = 'iam/test_iam_roles';
const src = (test: string, date = '11-02-2026') => ls(ROLES, `test_iam_roles.py::${test}`, date);

export const cases: ConformanceCase[] = [
  {
    id: 'shape/roles/create-get-defaults',
    source: src('TestRoleLifecycle::test_create_role_defaults', '11-02-2026'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST }, expect: { result: { Role: createdRole('r1') } } },
      { action: 'GetRole', params: { RoleName: 'r1' }, expect: { result: { Role: gotRole('r1') } } },
    ],
  },
  {
    id: 'shape/roles/create-with-path-and-list',
    source: src('TestRoleLifecycle::test_create_describe_role'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r2', Path: '/p/', AssumeRolePolicyDocument: TRUST }, expect: { result: { Role: createdRole('r2', {}, '/p/') } } },
      { action: 'GetRole', params: { RoleName: 'r2' }, expect: { result: { Role: gotRole('r2', {}, '/p/') } } },
      { action: 'ListRoles', expect: { result: { IsTruncated: false, Roles: [listedRole('r2', {}, '/p/')] } } },
    ],
  },
  {
    id: 'shape/roles/create-does-not-echo-description',
    source: src('TestRolePagination::test_list_roles_pagination') + '; roles created with Description answer without it, ListRoles shows it',
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r0', Description: 'Role 0', AssumeRolePolicyDocument: TRUST }, expect: { result: { Role: createdRole('r0') } } },
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST }, expect: { result: { Role: createdRole('r1') } } },
      {
        action: 'ListRoles',
        expect: { result: { IsTruncated: false, Roles: [listedRole('r0', { Description: 'Role 0' }), listedRole('r1')] } },
      },
    ],
  },
  {
    id: 'shape/roles/list-roles-pagination',
    source: src('TestRolePagination::test_list_roles_pagination'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'a0', AssumeRolePolicyDocument: TRUST } },
      { action: 'CreateRole', params: { RoleName: 'a1', AssumeRolePolicyDocument: TRUST } },
      { action: 'CreateRole', params: { RoleName: 'a2', AssumeRolePolicyDocument: TRUST } },
      {
        action: 'ListRoles',
        params: { MaxItems: 2 },
        expect: { result: { IsTruncated: true, Marker: '<any>', Roles: [listedRole('a0'), listedRole('a1')] } },
        save: { marker: 'Marker' },
      },
      { action: 'ListRoles', params: { Marker: '{{marker}}' }, expect: { result: { IsTruncated: false, Roles: [listedRole('a2')] } } },
    ],
  },
  {
    id: 'shape/roles/list-roles-empty-path-prefix',
    source: src('TestRoleLifecycle::test_list_roles_path_prefix', '11-02-2026'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'ListRoles', params: { PathPrefix: '/nothing-here/' }, expect: { result: { IsTruncated: false, Roles: [] } } },
    ],
  },
  {
    id: 'shape/roles/update-role-then-get',
    source: src('TestRoleLifecycle::test_update_role'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', Description: 'initial description', AssumeRolePolicyDocument: TRUST } },
      { action: 'GetRole', params: { RoleName: 'r1' }, expect: { result: { Role: gotRole('r1', { Description: 'initial description' }) } } },
      { action: 'UpdateRole', params: { RoleName: 'r1', Description: 'updated description', MaxSessionDuration: 7200 }, expect: { result: {} } },
      {
        action: 'GetRole',
        params: { RoleName: 'r1' },
        expect: { result: { Role: gotRole('r1', { Description: 'updated description', MaxSessionDuration: 7200 }) } },
      },
    ],
  },
  {
    id: 'shape/roles/update-role-description-subset',
    source: src('TestRoleLifecycle::test_update_role') + ' update-role-description-response',
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 7200 } },
      {
        action: 'UpdateRoleDescription',
        params: { RoleName: 'r1', Description: 'description via update_role_description' },
        expect: { result: { Role: createdRole('r1', { Description: 'description via update_role_description' }) } },
      },
      {
        action: 'GetRole',
        params: { RoleName: 'r1' },
        expect: { result: { Role: gotRole('r1', { Description: 'description via update_role_description', MaxSessionDuration: 7200 }) } },
      },
    ],
  },
  {
    id: 'shape/roles/permissions-boundary',
    source: src('TestRolePermissionsBoundary::test_role_permissions_boundary_lifecycle', '11-02-2026'),
    steps: [
      { action: 'CreatePolicy', params: { PolicyName: 'pb', PolicyDocument: POLICY }, expect: { result: { Policy: policy('pb') } } },
      {
        action: 'CreateRole',
        params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST, Description: 'Role with permissions boundary', PermissionsBoundary: policyArn('pb') },
        expect: { result: { Role: createdRole('r1', { PermissionsBoundary: { PermissionsBoundaryArn: policyArn('pb'), PermissionsBoundaryType: 'Policy' } }) } },
      },
      {
        action: 'GetRole',
        params: { RoleName: 'r1' },
        expect: {
          result: {
            Role: gotRole('r1', {
              Description: 'Role with permissions boundary',
              PermissionsBoundary: { PermissionsBoundaryArn: policyArn('pb'), PermissionsBoundaryType: 'Policy' },
            }),
          },
        },
      },
      {
        action: 'ListRoles',
        expect: { result: { IsTruncated: false, Roles: [listedRole('r1', { Description: 'Role with permissions boundary' })] } },
      },
      { action: 'DeleteRolePermissionsBoundary', params: { RoleName: 'r1' }, expect: { result: {} } },
      { action: 'GetRole', params: { RoleName: 'r1' }, expect: { result: { Role: gotRole('r1', { Description: 'Role with permissions boundary' }) } } },
      { action: 'PutRolePermissionsBoundary', params: { RoleName: 'r1', PermissionsBoundary: policyArn('pb') }, expect: { result: {} } },
      {
        action: 'GetRole',
        params: { RoleName: 'r1' },
        expect: {
          result: {
            Role: gotRole('r1', {
              Description: 'Role with permissions boundary',
              PermissionsBoundary: { PermissionsBoundaryArn: policyArn('pb'), PermissionsBoundaryType: 'Policy' },
            }),
          },
        },
      },
    ],
  },
  {
    id: 'shape/roles/tags',
    source: src('TestRoleTags::test_role_with_tags', '11-02-2026'),
    steps: [
      {
        action: 'CreateRole',
        params: { RoleName: 'r1', Path: '/role-with-tags/', AssumeRolePolicyDocument: TRUST, 'Tags.member.1.Key': 'test', 'Tags.member.1.Value': 'value' },
        expect: { result: { Role: createdRole('r1', { Tags: [{ Key: 'test', Value: 'value' }] }, '/role-with-tags/') } },
      },
      { action: 'GetRole', params: { RoleName: 'r1' }, expect: { result: { Role: gotRole('r1', { Tags: [{ Key: 'test', Value: 'value' }] }, '/role-with-tags/') } } },
      { action: 'ListRoles', expect: { result: { IsTruncated: false, Roles: [listedRole('r1', {}, '/role-with-tags/')] } } },
    ],
  },
  {
    id: 'shape/roles/empty-tag-value',
    source: src('TestRoleTags::test_role_with_tags', '11-02-2026') + ' create-role-empty-tag-value',
    steps: [
      {
        action: 'CreateRole',
        params: { RoleName: 'r2', AssumeRolePolicyDocument: TRUST, 'Tags.member.1.Key': 'emptykey', 'Tags.member.1.Value': '' },
        expect: { result: { Role: createdRole('r2', { Tags: [{ Key: 'emptykey', Value: '' }] }) } },
      },
      { action: 'ListRoleTags', params: { RoleName: 'r2' }, expect: { result: { IsTruncated: false, Tags: [{ Key: 'emptykey', Value: '' }] } } },
    ],
  },
  {
    id: 'shape/roles/tag-operations',
    source: src('TestRoleTags::test_role_tag_operations', '11-02-2026'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'GetRole', params: { RoleName: 'r1' }, expect: { result: { Role: gotRole('r1') } } },
      {
        action: 'TagRole',
        params: { RoleName: 'r1', 'Tags.member.1.Key': 'somekey', 'Tags.member.1.Value': 'somevalue', 'Tags.member.2.Key': 'someotherkey', 'Tags.member.2.Value': 'someothervalue' },
        expect: { result: {} },
      },
      {
        action: 'ListRoleTags',
        params: { RoleName: 'r1' },
        expect: { result: { IsTruncated: false, Tags: [{ Key: 'somekey', Value: 'somevalue' }, { Key: 'someotherkey', Value: 'someothervalue' }] } },
      },
      { action: 'UntagRole', params: { RoleName: 'r1', 'TagKeys.member.1': 'somekey' }, expect: { result: {} } },
      { action: 'ListRoleTags', params: { RoleName: 'r1' }, expect: { result: { IsTruncated: false, Tags: [{ Key: 'someotherkey', Value: 'someothervalue' }] } } },
      { action: 'UntagRole', params: { RoleName: 'r1', 'TagKeys.member.1': 'someotherkey' } },
      { action: 'ListRoleTags', params: { RoleName: 'r1' }, expect: { result: { IsTruncated: false, Tags: [] } } },
    ],
  },
  {
    id: 'shape/roles/inline-policy',
    source: src('TestRoleInlinePolicies::test_role_inline_policy_lifecycle', '11-02-2026'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'PutRolePolicy', params: { RoleName: 'r1', PolicyName: 'p1', PolicyDocument: POLICY }, expect: { result: {} } },
      { action: 'GetRolePolicy', params: { RoleName: 'r1', PolicyName: 'p1' }, expect: { result: { PolicyDocument: POLICY_DOC, PolicyName: 'p1', RoleName: 'r1' } } },
      { action: 'ListRolePolicies', params: { RoleName: 'r1' }, expect: { result: { IsTruncated: false, PolicyNames: ['p1'] } } },
      { action: 'DeleteRolePolicy', params: { RoleName: 'r1', PolicyName: 'p1' }, expect: { result: {} } },
      { action: 'ListRolePolicies', params: { RoleName: 'r1' }, expect: { result: { IsTruncated: false, PolicyNames: [] } } },
    ],
  },
  {
    id: 'shape/roles/attached-policies',
    source: src('TestRoleManagedPolicies::test_role_managed_policy_lifecycle', '11-02-2026'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'ListAttachedRolePolicies', params: { RoleName: 'r1' }, expect: { result: { AttachedPolicies: [], IsTruncated: false } } },
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: POLICY } },
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: policyArn('p1') }, expect: { result: {} } },
      {
        action: 'ListAttachedRolePolicies',
        params: { RoleName: 'r1' },
        expect: { result: { AttachedPolicies: [{ PolicyArn: policyArn('p1'), PolicyName: 'p1' }], IsTruncated: false } },
      },
      { action: 'DetachRolePolicy', params: { RoleName: 'r1', PolicyArn: policyArn('p1') }, expect: { result: {} } },
      { action: 'ListAttachedRolePolicies', params: { RoleName: 'r1' }, expect: { result: { AttachedPolicies: [], IsTruncated: false } } },
    ],
  },
  {
    id: 'shape/roles/attached-aws-managed-policies',
    source: src('TestRoleManagedPolicies::test_attach_detach_aws_managed_policy_role', '16-02-2026'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole' } },
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSControlTowerServiceRolePolicy' } },
      {
        action: 'ListAttachedRolePolicies',
        params: { RoleName: 'r1' },
        expect: {
          result: {
            AttachedPolicies: [
              { PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole', PolicyName: 'AmazonElasticMapReduceRole' },
              { PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSControlTowerServiceRolePolicy', PolicyName: 'AWSControlTowerServiceRolePolicy' },
            ],
            IsTruncated: false,
          },
        },
      },
      {
        action: 'DetachRolePolicy',
        params: { RoleName: 'r1', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole' },
        expect: { result: {} },
      },
      {
        action: 'ListAttachedRolePolicies',
        params: { RoleName: 'r1' },
        expect: {
          result: {
            AttachedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSControlTowerServiceRolePolicy', PolicyName: 'AWSControlTowerServiceRolePolicy' }],
            IsTruncated: false,
          },
        },
      },
    ],
  },
  {
    id: 'shape/roles/update-assume-role-policy',
    source: src('TestRoleLifecycle::test_update_assume_role_policy', '11-02-2026'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'UpdateAssumeRolePolicy', params: { RoleName: 'r1', PolicyDocument: TRUST }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/roles/delete-role',
    source: src('TestRoleLifecycle::test_delete_role_with_inline_policy', '11-02-2026') + ' (DeleteRole answers only ResponseMetadata)',
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'DeleteRole', params: { RoleName: 'r1' }, expect: { result: {} } },
    ],
  },
];
