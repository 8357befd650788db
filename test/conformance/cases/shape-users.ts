// Response shapes of users, their keys, login profiles, tags, groups and policies, key for key as
// recorded against AWS.
import type { ConformanceCase } from '../types.js';
import { POLICY, ls, policyArn, user, group } from '../fixtures-shapes.js';

const src = (test: string, date = '11-02-2026') => ls('iam/test_iam_users', `test_iam_users.py::${test}`, date);
const USER_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] });

export const cases: ConformanceCase[] = [
  {
    id: 'shape/users/lifecycle-path',
    source: src('TestUserLifecycle::test_user_lifecycle[/test-lifecycle-path/]', '19-02-2026'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1', Path: '/test-lifecycle-path/' }, expect: { result: { User: user('u1', {}, '/test-lifecycle-path/') } } },
      { action: 'GetUser', params: { UserName: 'u1' }, expect: { result: { User: user('u1', {}, '/test-lifecycle-path/') } } },
      {
        action: 'ListUsers',
        params: { PathPrefix: '/test-lifecycle' },
        expect: { result: { IsTruncated: false, Users: [user('u1', {}, '/test-lifecycle-path/')] } },
      },
    ],
  },
  {
    id: 'shape/users/update-user',
    source: src('TestUserLifecycle::test_user_update', '19-02-2026'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' }, save: { id: 'User.UserId' } },
      { action: 'UpdateUser', params: { UserName: 'u1', NewUserName: 'u2', NewPath: '/new-path/' }, expect: { result: {} } },
      { action: 'GetUser', params: { UserName: 'u2' }, expect: { result: { User: user('u2', { UserId: '{{id}}' }, '/new-path/') } } },
    ],
  },
  {
    id: 'shape/users/tags',
    source: src('TestUserTags::test_user_tag_lifecycle'),
    steps: [
      {
        action: 'CreateUser',
        params: { UserName: 'u1', 'Tags.member.1.Key': 'Environment', 'Tags.member.1.Value': 'Test', 'Tags.member.2.Key': 'Team', 'Tags.member.2.Value': 'Platform' },
        expect: { result: { User: user('u1', { Tags: [{ Key: 'Environment', Value: 'Test' }, { Key: 'Team', Value: 'Platform' }] }) } },
      },
      {
        action: 'ListUserTags',
        params: { UserName: 'u1' },
        expect: { result: { IsTruncated: false, Tags: [{ Key: 'Environment', Value: 'Test' }, { Key: 'Team', Value: 'Platform' }] } },
      },
      {
        action: 'GetUser',
        params: { UserName: 'u1' },
        expect: { result: { User: user('u1', { Tags: [{ Key: 'Environment', Value: 'Test' }, { Key: 'Team', Value: 'Platform' }] }) } },
      },
    ],
  },
  {
    id: 'shape/users/tag-operations',
    source: src('TestUserTags::test_user_tag_operations'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'ListUserTags', params: { UserName: 'u1' }, expect: { result: { IsTruncated: false, Tags: [] } } },
      {
        action: 'TagUser',
        params: { UserName: 'u1', 'Tags.member.1.Key': 'key-1', 'Tags.member.1.Value': 'value-1', 'Tags.member.2.Key': 'key-2', 'Tags.member.2.Value': 'value-2' },
        expect: { result: {} },
      },
      { action: 'UntagUser', params: { UserName: 'u1', 'TagKeys.member.1': 'key-2' }, expect: { result: {} } },
      { action: 'ListUserTags', params: { UserName: 'u1' }, expect: { result: { IsTruncated: false, Tags: [{ Key: 'key-1', Value: 'value-1' }] } } },
    ],
  },
  {
    id: 'shape/users/login-profile',
    source: src('TestUserLoginProfile::test_login_profile_lifecycle'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      {
        action: 'CreateLoginProfile',
        params: { UserName: 'u1', Password: 'Sup3r-secret-Passw0rd!' },
        expect: { result: { LoginProfile: { CreateDate: '<datetime>', PasswordResetRequired: false, UserName: 'u1' } } },
      },
      { action: 'GetLoginProfile', params: { UserName: 'u1' }, expect: { result: { LoginProfile: { CreateDate: '<datetime>', PasswordResetRequired: false, UserName: 'u1' } } } },
      { action: 'UpdateLoginProfile', params: { UserName: 'u1', PasswordResetRequired: true }, expect: { result: {} } },
      { action: 'GetLoginProfile', params: { UserName: 'u1' }, expect: { result: { LoginProfile: { CreateDate: '<datetime>', PasswordResetRequired: true, UserName: 'u1' } } } },
      { action: 'DeleteLoginProfile', params: { UserName: 'u1' }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/users/access-keys',
    source: src('TestUserAccessKeys::test_access_key_lifecycle'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'ListAccessKeys', params: { UserName: 'u1' }, expect: { result: { AccessKeyMetadata: [], IsTruncated: false } } },
      {
        action: 'CreateAccessKey',
        params: { UserName: 'u1' },
        expect: { result: { AccessKey: { AccessKeyId: '<any>', CreateDate: '<datetime>', SecretAccessKey: '<any>', Status: 'Active', UserName: 'u1' } } },
        save: { key: 'AccessKey.AccessKeyId' },
      },
      {
        action: 'ListAccessKeys',
        params: { UserName: 'u1' },
        expect: { result: { AccessKeyMetadata: [{ AccessKeyId: '{{key}}', CreateDate: '<datetime>', Status: 'Active', UserName: 'u1' }], IsTruncated: false } },
      },
      { action: 'UpdateAccessKey', params: { UserName: 'u1', AccessKeyId: '{{key}}', Status: 'Inactive' }, expect: { result: {} } },
      {
        action: 'ListAccessKeys',
        params: { UserName: 'u1' },
        expect: { result: { AccessKeyMetadata: [{ AccessKeyId: '{{key}}', CreateDate: '<datetime>', Status: 'Inactive', UserName: 'u1' }], IsTruncated: false } },
      },
      { action: 'DeleteAccessKey', params: { UserName: 'u1', AccessKeyId: '{{key}}' }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/users/access-key-last-used',
    source: src('TestUserAccessKeys::test_access_key_last_used'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'CreateAccessKey', params: { UserName: 'u1' }, save: { key: 'AccessKey.AccessKeyId' }, saveCredentials: { name: 'u1', path: 'AccessKey' } },
      {
        action: 'GetAccessKeyLastUsed',
        params: { AccessKeyId: '{{key}}' },
        expect: { result: { AccessKeyLastUsed: { Region: 'N/A', ServiceName: 'N/A' }, UserName: 'u1' } },
      },
      { action: 'AttachUserPolicy', params: { UserName: 'u1', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' } },
      { action: 'ListUsers', as: 'u1' },
      {
        action: 'GetAccessKeyLastUsed',
        params: { AccessKeyId: '{{key}}' },
        expect: { result: { AccessKeyLastUsed: { LastUsedDate: '<datetime>', Region: 'us-east-1', ServiceName: 'iam' }, UserName: 'u1' } },
      },
    ],
  },
  {
    id: 'shape/users/inline-policy',
    source: src('TestUserPolicies::test_user_inline_policy_lifecycle'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'ListUserPolicies', params: { UserName: 'u1' }, expect: { result: { IsTruncated: false, PolicyNames: [] } } },
      { action: 'PutUserPolicy', params: { UserName: 'u1', PolicyName: 'p1', PolicyDocument: USER_POLICY }, expect: { result: {} } },
      {
        action: 'GetUserPolicy',
        params: { UserName: 'u1', PolicyName: 'p1' },
        expect: {
          result: { PolicyDocument: { Statement: [{ Action: 'iam:ListUsers', Effect: 'Allow', Resource: '*' }], Version: '2012-10-17' }, PolicyName: 'p1', UserName: 'u1' },
        },
      },
      { action: 'ListUserPolicies', params: { UserName: 'u1' }, expect: { result: { IsTruncated: false, PolicyNames: ['p1'] } } },
      { action: 'DeleteUserPolicy', params: { UserName: 'u1', PolicyName: 'p1' }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/users/attached-policies',
    source: src('TestUserPolicies::test_user_managed_policy_lifecycle'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'ListAttachedUserPolicies', params: { UserName: 'u1' }, expect: { result: { AttachedPolicies: [], IsTruncated: false } } },
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: POLICY } },
      { action: 'AttachUserPolicy', params: { UserName: 'u1', PolicyArn: policyArn('p1') }, expect: { result: {} } },
      {
        action: 'ListAttachedUserPolicies',
        params: { UserName: 'u1' },
        expect: { result: { AttachedPolicies: [{ PolicyArn: policyArn('p1'), PolicyName: 'p1' }], IsTruncated: false } },
      },
      { action: 'DetachUserPolicy', params: { UserName: 'u1', PolicyArn: policyArn('p1') }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/users/group-membership',
    source: src('TestUserGroups::test_user_group_membership'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' }, expect: { result: { User: user('u1') } } },
      { action: 'CreateGroup', params: { GroupName: 'g1' }, expect: { result: { Group: group('g1') } } },
      { action: 'CreateGroup', params: { GroupName: 'g2' }, expect: { result: { Group: group('g2') } } },
      { action: 'ListGroupsForUser', params: { UserName: 'u1' }, expect: { result: { Groups: [], IsTruncated: false } } },
      { action: 'AddUserToGroup', params: { UserName: 'u1', GroupName: 'g1' }, expect: { result: {} } },
      { action: 'AddUserToGroup', params: { UserName: 'u1', GroupName: 'g2' } },
      { action: 'ListGroupsForUser', params: { UserName: 'u1' }, expect: { result: { Groups: [group('g1'), group('g2')], IsTruncated: false } } },
      { action: 'GetGroup', params: { GroupName: 'g1' }, expect: { result: { Group: group('g1'), IsTruncated: false, Users: [user('u1')] } } },
      { action: 'RemoveUserFromGroup', params: { UserName: 'u1', GroupName: 'g1' }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/users/service-specific-credentials',
    source: src('TestUserRename::test_user_rename_updates_service_specific_credentials', '05-03-2026'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'CreateServiceSpecificCredential', params: { UserName: 'u1', ServiceName: 'codecommit.amazonaws.com' }, save: { id: 'ServiceSpecificCredential.ServiceSpecificCredentialId' } },
      {
        action: 'ListServiceSpecificCredentials',
        params: { UserName: 'u1' },
        expect: {
          result: {
            IsTruncated: false,
            ServiceSpecificCredentials: [
              {
                CreateDate: '<datetime>',
                ServiceName: 'codecommit.amazonaws.com',
                ServiceSpecificCredentialId: '{{id}}',
                ServiceUserName: 'u1-at-{{account}}',
                Status: 'Active',
                UserName: 'u1',
              },
            ],
          },
        },
      },
    ],
  },
  {
    id: 'shape/users/rename-keeps-access-key',
    source: src('TestUserRename::test_user_rename_updates_access_key_metadata', '05-03-2026'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' }, save: { id: 'User.UserId' } },
      { action: 'CreateAccessKey', params: { UserName: 'u1' }, save: { key: 'AccessKey.AccessKeyId' } },
      { action: 'UpdateUser', params: { UserName: 'u1', NewUserName: 'u2' } },
      { action: 'GetUser', params: { UserName: 'u2' }, expect: { result: { User: user('u2', { UserId: '{{id}}' }) } } },
      {
        action: 'ListAccessKeys',
        params: { UserName: 'u2' },
        expect: { result: { AccessKeyMetadata: [{ AccessKeyId: '{{key}}', CreateDate: '<datetime>', Status: 'Active', UserName: 'u2' }], IsTruncated: false } },
      },
    ],
  },
  {
    id: 'shape/users/caller-identity-of-user',
    source: ls('sts/test_sts', 'test_sts.py::TestSTSCallerIdentity::test_get_caller_identity_with_iam_user_credentials', '09-02-2026'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' }, save: { id: 'User.UserId' } },
      { action: 'CreateAccessKey', params: { UserName: 'u1' }, saveCredentials: { name: 'u1', path: 'AccessKey' } },
      {
        service: 'sts',
        action: 'GetCallerIdentity',
        as: 'u1',
        expect: { result: { Account: '{{account}}', Arn: 'arn:aws:iam::{{account}}:user/u1', UserId: '{{id}}' } },
      },
    ],
  },
];
