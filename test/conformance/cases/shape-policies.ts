// Response shapes of managed policies, key for key as recorded against AWS.
import type { ConformanceCase } from '../types.js';
import { POLICY, TRUST, ls, policy, policyArn } from '../fixtures-shapes.js';

const src = (test: string, date: string) => ls('iam/test_iam_policies', `test_iam_policies.py::${test}`, date);
const managed = (test: string) => ls('iam/test_iam_managed_policies', `test_iam_managed_policies.py::${test}`, '12-02-2026');
const V2 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Statement1', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: '*' }] });
const V2_DOC = { Statement: [{ Action: ['s3:ListBucket'], Effect: 'Allow', Resource: '*', Sid: 'Statement1' }], Version: '2012-10-17' };

export const cases: ConformanceCase[] = [
  {
    id: 'shape/policies/lifecycle-path',
    source: src('TestPolicies::test_policy_lifecycle[/test/path/]', '10-02-2026'),
    steps: [
      { action: 'CreatePolicy', params: { PolicyName: 'p1', Path: '/test/path/', PolicyDocument: POLICY }, expect: { result: { Policy: policy('p1', {}, '/test/path/') } } },
      { action: 'GetPolicy', params: { PolicyArn: policyArn('p1', '/test/path/') }, expect: { result: { Policy: policy('p1', { Tags: [] }, '/test/path/') } } },
      {
        action: 'ListPolicies',
        params: { Scope: 'Local', PathPrefix: '/test/path/' },
        expect: { result: { IsTruncated: false, Policies: [policy('p1', {}, '/test/path/')] } },
      },
      { action: 'DeletePolicy', params: { PolicyArn: policyArn('p1', '/test/path/') }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/policies/create-does-not-echo-description',
    source: src('TestPolicyTags::test_policy_tag_lifecycle', '10-02-2026') + ' create-with-tags / get-with-tags (Description "testing")',
    steps: [
      {
        action: 'CreatePolicy',
        params: {
          PolicyName: 'p1',
          PolicyDocument: POLICY,
          Description: 'testing',
          'Tags.member.1.Key': 'somekey',
          'Tags.member.1.Value': 'somevalue',
          'Tags.member.2.Key': 'someotherkey',
          'Tags.member.2.Value': 'someothervalue',
        },
        expect: {
          result: { Policy: policy('p1', { Tags: [{ Key: 'somekey', Value: 'somevalue' }, { Key: 'someotherkey', Value: 'someothervalue' }] }) },
        },
      },
      {
        action: 'GetPolicy',
        params: { PolicyArn: policyArn('p1') },
        expect: {
          result: {
            Policy: policy('p1', { Description: 'testing', Tags: [{ Key: 'somekey', Value: 'somevalue' }, { Key: 'someotherkey', Value: 'someothervalue' }] }),
          },
        },
      },
      {
        action: 'ListPolicyTags',
        params: { PolicyArn: policyArn('p1') },
        expect: { result: { IsTruncated: false, Tags: [{ Key: 'somekey', Value: 'somevalue' }, { Key: 'someotherkey', Value: 'someothervalue' }] } },
      },
    ],
  },
  {
    id: 'shape/policies/list-does-not-show-description',
    source: 'AWS IAM API reference, Policy data type: "Description … is not included in the response to the ListPolicies operation"; key set as in ' + src('TestPolicies::test_policy_lifecycle[None]', '10-02-2026'),
    steps: [
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: POLICY, Description: 'described' } },
      { action: 'ListPolicies', params: { Scope: 'Local' }, expect: { result: { IsTruncated: false, Policies: [policy('p1')] } } },
    ],
  },
  {
    id: 'shape/policies/empty-tag-value',
    source: src('TestPolicyTags::test_policy_tag_lifecycle', '10-02-2026') + ' create-with-empty-tag-value',
    steps: [
      {
        action: 'CreatePolicy',
        params: { PolicyName: 'p2', PolicyDocument: POLICY, 'Tags.member.1.Key': 'somekey', 'Tags.member.1.Value': '' },
        expect: { result: { Policy: policy('p2', { Tags: [{ Key: 'somekey', Value: '' }] }) } },
      },
      { action: 'ListPolicyTags', params: { PolicyArn: policyArn('p2') }, expect: { result: { IsTruncated: false, Tags: [{ Key: 'somekey', Value: '' }] } } },
    ],
  },
  {
    id: 'shape/policies/tag-operations-paged',
    source: src('TestPolicyTags::test_policy_tag_operations', '10-02-2026'),
    steps: [
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: POLICY }, expect: { result: { Policy: policy('p1') } } },
      {
        action: 'TagPolicy',
        params: { PolicyArn: policyArn('p1'), 'Tags.member.1.Key': 'somekey', 'Tags.member.1.Value': 'somevalue', 'Tags.member.2.Key': 'someotherkey', 'Tags.member.2.Value': 'someothervalue' },
        expect: { result: {} },
      },
      {
        action: 'GetPolicy',
        params: { PolicyArn: policyArn('p1') },
        expect: { result: { Policy: policy('p1', { Tags: [{ Key: 'somekey', Value: 'somevalue' }, { Key: 'someotherkey', Value: 'someothervalue' }] }) } },
      },
      {
        action: 'ListPolicyTags',
        params: { PolicyArn: policyArn('p1'), MaxItems: 1 },
        expect: { result: { IsTruncated: true, Marker: '<any>', Tags: [{ Key: 'somekey', Value: 'somevalue' }] } },
        save: { marker: 'Marker' },
      },
      {
        action: 'ListPolicyTags',
        params: { PolicyArn: policyArn('p1'), Marker: '{{marker}}' },
        expect: { result: { IsTruncated: false, Tags: [{ Key: 'someotherkey', Value: 'someothervalue' }] } },
      },
      { action: 'UntagPolicy', params: { PolicyArn: policyArn('p1'), 'TagKeys.member.1': 'somekey', 'TagKeys.member.2': 'someotherkey' }, expect: { result: {} } },
      { action: 'ListPolicyTags', params: { PolicyArn: policyArn('p1') }, expect: { result: { IsTruncated: false, Tags: [] } } },
    ],
  },
  {
    id: 'shape/policies/versions',
    source: src('TestPolicies::test_policy_version_lifecycle', '10-02-2026'),
    steps: [
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: POLICY } },
      {
        action: 'CreatePolicyVersion',
        params: { PolicyArn: policyArn('p1'), PolicyDocument: V2, SetAsDefault: true },
        expect: { result: { PolicyVersion: { CreateDate: '<datetime>', IsDefaultVersion: true, VersionId: 'v2' } } },
      },
      {
        action: 'GetPolicyVersion',
        params: { PolicyArn: policyArn('p1'), VersionId: 'v2' },
        expect: { result: { PolicyVersion: { CreateDate: '<datetime>', Document: V2_DOC, IsDefaultVersion: true, VersionId: 'v2' } } },
      },
      {
        action: 'CreatePolicyVersion',
        params: { PolicyArn: policyArn('p1'), PolicyDocument: V2 },
        expect: { result: { PolicyVersion: { CreateDate: '<datetime>', IsDefaultVersion: false, VersionId: 'v3' } } },
      },
      { action: 'DeletePolicyVersion', params: { PolicyArn: policyArn('p1'), VersionId: 'v1' }, expect: { result: {} } },
      {
        action: 'ListPolicyVersions',
        params: { PolicyArn: policyArn('p1') },
        expect: {
          result: {
            IsTruncated: false,
            Versions: [
              { CreateDate: '<datetime>', IsDefaultVersion: false, VersionId: 'v3' },
              { CreateDate: '<datetime>', IsDefaultVersion: true, VersionId: 'v2' },
            ],
          },
        },
      },
      { action: 'SetDefaultPolicyVersion', params: { PolicyArn: policyArn('p1'), VersionId: 'v3' }, expect: { result: {} } },
      { action: 'GetPolicy', params: { PolicyArn: policyArn('p1') }, expect: { result: { Policy: policy('p1', { DefaultVersionId: 'v3', Tags: [] }) } } },
    ],
  },
  {
    id: 'shape/policies/entities-for-policy',
    source: src('TestListEntitiesForPolicy::test_list_entities_for_policy', '17-02-2026'),
    steps: [
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: POLICY } },
      {
        action: 'ListEntitiesForPolicy',
        params: { PolicyArn: policyArn('p1') },
        expect: { result: { IsTruncated: false, PolicyGroups: [], PolicyRoles: [], PolicyUsers: [] } },
      },
      { action: 'CreateUser', params: { UserName: 'u1' }, save: { userId: 'User.UserId' } },
      { action: 'CreateGroup', params: { GroupName: 'g1' }, save: { groupId: 'Group.GroupId' } },
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST }, save: { roleId: 'Role.RoleId' } },
      { action: 'AttachUserPolicy', params: { UserName: 'u1', PolicyArn: policyArn('p1') } },
      { action: 'AttachGroupPolicy', params: { GroupName: 'g1', PolicyArn: policyArn('p1') } },
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: policyArn('p1') } },
      {
        action: 'ListEntitiesForPolicy',
        params: { PolicyArn: policyArn('p1'), EntityFilter: 'Role' },
        expect: { result: { IsTruncated: false, PolicyGroups: [], PolicyRoles: [{ RoleId: '{{roleId}}', RoleName: 'r1' }], PolicyUsers: [] } },
      },
      {
        action: 'ListEntitiesForPolicy',
        params: { PolicyArn: policyArn('p1'), EntityFilter: 'User' },
        expect: { result: { IsTruncated: false, PolicyGroups: [], PolicyRoles: [], PolicyUsers: [{ UserId: '{{userId}}', UserName: 'u1' }] } },
      },
      {
        action: 'ListEntitiesForPolicy',
        params: { PolicyArn: policyArn('p1'), EntityFilter: 'LocalManagedPolicy' },
        expect: { result: { IsTruncated: false, PolicyGroups: [], PolicyRoles: [], PolicyUsers: [] } },
      },
      {
        action: 'ListEntitiesForPolicy',
        params: { PolicyArn: policyArn('p1') },
        expect: {
          result: {
            IsTruncated: false,
            PolicyGroups: [{ GroupId: '{{groupId}}', GroupName: 'g1' }],
            PolicyRoles: [{ RoleId: '{{roleId}}', RoleName: 'r1' }],
            PolicyUsers: [{ UserId: '{{userId}}', UserName: 'u1' }],
          },
        },
      },
    ],
  },
  {
    id: 'shape/policies/aws-managed-version',
    source: managed('TestGetAwsManagedPolicy::test_get_aws_managed_policy_version'),
    steps: [
      {
        action: 'GetPolicyVersion',
        params: { PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', VersionId: 'v1' },
        expect: {
          result: {
            PolicyVersion: {
              CreateDate: '<datetime>',
              Document: {
                Statement: [{ Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: '*' }],
                Version: '2012-10-17',
              },
              IsDefaultVersion: true,
              VersionId: 'v1',
            },
          },
        },
      },
    ],
  },
  {
    id: 'shape/policies/aws-managed-list-attached',
    source: managed('TestListPoliciesScope::test_list_policies_only_attached'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSControlTowerServiceRolePolicy' } },
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
    id: 'shape/policies/aws-managed-group-attach',
    source: managed('TestAttachAwsManagedPolicyToGroup::test_attach_detach_aws_managed_policy_group'),
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'g1' } },
      { action: 'ListAttachedGroupPolicies', params: { GroupName: 'g1' }, expect: { result: { AttachedPolicies: [], IsTruncated: false } } },
      { action: 'AttachGroupPolicy', params: { GroupName: 'g1', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole' }, expect: { result: {} } },
      {
        action: 'ListAttachedGroupPolicies',
        params: { GroupName: 'g1' },
        expect: {
          result: {
            AttachedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole', PolicyName: 'AmazonElasticMapReduceRole' }],
            IsTruncated: false,
          },
        },
      },
      { action: 'DetachGroupPolicy', params: { GroupName: 'g1', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole' }, expect: { result: {} } },
      { action: 'ListAttachedGroupPolicies', params: { GroupName: 'g1' }, expect: { result: { AttachedPolicies: [], IsTruncated: false } } },
    ],
  },
  {
    id: 'shape/policies/aws-managed-list-page',
    source: managed('TestListPoliciesScope::test_list_policies_scope_aws') + ' (key set of each policy; names vary)',
    steps: [
      {
        action: 'ListPolicies',
        params: { Scope: 'AWS', MaxItems: 1 },
        expect: {
          result: {
            IsTruncated: true,
            Marker: '<any>',
            Policies: [
              {
                Arn: '<any>',
                AttachmentCount: 0,
                CreateDate: '<datetime>',
                DefaultVersionId: '<any>',
                IsAttachable: true,
                Path: '<any>',
                PermissionsBoundaryUsageCount: 0,
                PolicyId: '<any>',
                PolicyName: '<any>',
                UpdateDate: '<datetime>',
              },
            ],
          },
        },
      },
    ],
  },
];
