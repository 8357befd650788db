// GetAccountAuthorizationDetails, key for key as recorded against AWS (each entity kind's detail).
import type { ConformanceCase } from '../types.js';
import { TRUST, TRUST_DOC, instanceProfile, ls, policy, policyArn, createdRole } from '../fixtures-shapes.js';

const src = (test: string, date = '17-02-2026') =>
  ls('iam/test_iam_account_authorization_details', `test_iam_account_authorization_details.py::${test}`, date) +
  ' (recorded through boto3\'s paginator, which drops IsTruncated; a single page answers IsTruncated false)';
const INLINE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] });
const INLINE_DOC = { Statement: [{ Action: 's3:ListBucket', Effect: 'Allow', Resource: '*' }], Version: '2012-10-17' };
const TAGS = { 'Tags.member.1.Key': 'somekey', 'Tags.member.1.Value': 'somevalue', 'Tags.member.2.Key': 'someotherkey', 'Tags.member.2.Value': 'someothervalue' };
const TAG_LIST = [{ Key: 'somekey', Value: 'somevalue' }, { Key: 'someotherkey', Value: 'someothervalue' }];

export const cases: ConformanceCase[] = [
  {
    id: 'shape/authorization-details/role',
    source: src('TestGetAccountAuthorizationDetails::test_get_account_authorization_details_filter_role'),
    steps: [
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: INLINE } },
      { action: 'CreateRole', params: { RoleName: 'r1', Path: '/my-path/', AssumeRolePolicyDocument: TRUST, ...TAGS }, save: { roleId: 'Role.RoleId' } },
      { action: 'PutRolePolicy', params: { RoleName: 'r1', PolicyName: 'inline1', PolicyDocument: INLINE } },
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: policyArn('p1') } },
      { action: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip1' } },
      { action: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' } },
      {
        action: 'GetAccountAuthorizationDetails',
        params: { 'Filter.member.1': 'Role' },
        expect: {
          result: {
            GroupDetailList: [],
            IsTruncated: false,
            Policies: [],
            RoleDetailList: [
              {
                Arn: 'arn:aws:iam::{{account}}:role/my-path/r1',
                AssumeRolePolicyDocument: TRUST_DOC,
                AttachedManagedPolicies: [{ PolicyArn: policyArn('p1'), PolicyName: 'p1' }],
                CreateDate: '<datetime>',
                InstanceProfileList: [instanceProfile('ip1', [createdRole('r1', { RoleId: '{{roleId}}' }, '/my-path/')])],
                Path: '/my-path/',
                RoleId: '{{roleId}}',
                RoleLastUsed: {},
                RoleName: 'r1',
                RolePolicyList: [{ PolicyDocument: INLINE_DOC, PolicyName: 'inline1' }],
                Tags: TAG_LIST,
              },
            ],
            UserDetailList: [],
          },
        },
      },
    ],
  },
  {
    id: 'shape/authorization-details/user',
    source: src('TestGetAccountAuthorizationDetails::test_get_account_authorization_details_filter_user'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1', ...TAGS }, save: { userId: 'User.UserId' } },
      { action: 'CreateGroup', params: { GroupName: 'g1' } },
      { action: 'AddUserToGroup', params: { GroupName: 'g1', UserName: 'u1' } },
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: INLINE } },
      { action: 'AttachUserPolicy', params: { UserName: 'u1', PolicyArn: policyArn('p1') } },
      { action: 'PutUserPolicy', params: { UserName: 'u1', PolicyName: 'inline1', PolicyDocument: INLINE } },
      {
        action: 'GetAccountAuthorizationDetails',
        params: { 'Filter.member.1': 'User' },
        expect: {
          result: {
            GroupDetailList: [],
            IsTruncated: false,
            Policies: [],
            RoleDetailList: [],
            UserDetailList: [
              {
                Arn: 'arn:aws:iam::{{account}}:user/u1',
                AttachedManagedPolicies: [{ PolicyArn: policyArn('p1'), PolicyName: 'p1' }],
                CreateDate: '<datetime>',
                GroupList: ['g1'],
                Path: '/',
                Tags: TAG_LIST,
                UserId: '{{userId}}',
                UserName: 'u1',
                UserPolicyList: [{ PolicyDocument: INLINE_DOC, PolicyName: 'inline1' }],
              },
            ],
          },
        },
      },
    ],
  },
  {
    id: 'shape/authorization-details/group',
    source: src('TestGetAccountAuthorizationDetails::test_get_account_authorization_details_filter_group'),
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'g1' }, save: { groupId: 'Group.GroupId' } },
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: INLINE } },
      { action: 'AttachGroupPolicy', params: { GroupName: 'g1', PolicyArn: policyArn('p1') } },
      { action: 'PutGroupPolicy', params: { GroupName: 'g1', PolicyName: 'inline1', PolicyDocument: INLINE } },
      {
        action: 'GetAccountAuthorizationDetails',
        params: { 'Filter.member.1': 'Group' },
        expect: {
          result: {
            GroupDetailList: [
              {
                Arn: 'arn:aws:iam::{{account}}:group/g1',
                AttachedManagedPolicies: [{ PolicyArn: policyArn('p1'), PolicyName: 'p1' }],
                CreateDate: '<datetime>',
                GroupId: '{{groupId}}',
                GroupName: 'g1',
                GroupPolicyList: [{ PolicyDocument: INLINE_DOC, PolicyName: 'inline1' }],
                Path: '/',
              },
            ],
            IsTruncated: false,
            Policies: [],
            RoleDetailList: [],
            UserDetailList: [],
          },
        },
      },
    ],
  },
  {
    id: 'shape/authorization-details/local-managed-policy',
    source: src('TestGetAccountAuthorizationDetails::test_get_account_authorization_details_filter_local_managed_policy'),
    steps: [
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: INLINE } },
      {
        action: 'GetAccountAuthorizationDetails',
        params: { 'Filter.member.1': 'LocalManagedPolicy' },
        expect: {
          result: {
            GroupDetailList: [],
            IsTruncated: false,
            Policies: [
              policy('p1', { PolicyVersionList: [{ CreateDate: '<datetime>', Document: INLINE_DOC, IsDefaultVersion: true, VersionId: 'v1' }] }),
            ],
            RoleDetailList: [],
            UserDetailList: [],
          },
        },
      },
    ],
  },
];
