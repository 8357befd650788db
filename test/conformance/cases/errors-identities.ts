// Errors of users, login profiles, access keys and groups, and the order IAM checks them in, as recorded against AWS.
import type { ConformanceCase } from '../types.js';
import {
  conflict, createGroup, createPolicy, createRole, createUser, err, exists, limit, noGroup, noUser, notFound, recorded, validation,
  ACCOUNT_TRUST, LIST_USERS_DOC,
} from '../fid-common.js';

const USERS = (test: string, date = '11-02-2026') => recorded('test_iam_users', `TestUserLifecycle::${test}`, date);
const U = (cls: string, test: string, date = '11-02-2026') => recorded('test_iam_users', `${cls}::${test}`, date);
const G = (cls: string, test: string, date = '12-02-2026') => recorded('test_iam_groups', `${cls}::${test}`, date);
const NOKEY = 'AKIAIOSFODNN7EXAMPLE';

export const cases: ConformanceCase[] = [
  {
    id: 'errors/users/get-unknown',
    source: USERS('test_user_errors', '19-02-2026'),
    steps: [{ action: 'GetUser', params: { UserName: 'nonexistent-user' }, expect: noUser('nonexistent-user') }],
  },
  {
    id: 'errors/users/update-unknown',
    source: USERS('test_user_errors', '19-02-2026'),
    steps: [{ action: 'UpdateUser', params: { UserName: 'nonexistent-user', NewUserName: 'new-name' }, expect: noUser('nonexistent-user') }],
  },
  {
    id: 'errors/users/delete-unknown',
    source: USERS('test_user_errors', '19-02-2026'),
    steps: [{ action: 'DeleteUser', params: { UserName: 'nonexistent-user' }, expect: noUser('nonexistent-user') }],
  },
  {
    id: 'errors/users/delete-with-attached-policy',
    source: USERS('test_delete_user_with_attached_policy', '19-02-2026'),
    steps: [
      createUser('u1'),
      createPolicy('p1'),
      { action: 'AttachUserPolicy', params: { UserName: 'u1', PolicyArn: '{{policyArn}}' } },
      { action: 'DeleteUser', params: { UserName: 'u1' }, expect: conflict('Cannot delete entity, must detach all policies first.') },
      { action: 'DetachUserPolicy', params: { UserName: 'u1', PolicyArn: '{{policyArn}}' }, expect: { result: {} } },
      { action: 'DeleteUser', params: { UserName: 'u1' }, expect: { result: {} } },
      { action: 'GetUser', params: { UserName: 'u1' }, expect: noUser('u1') },
    ],
  },
  {
    id: 'errors/users/delete-with-inline-policy',
    source: USERS('test_delete_user_with_inline_policy', '19-02-2026'),
    steps: [
      createUser('u1'),
      { action: 'PutUserPolicy', params: { UserName: 'u1', PolicyName: 'inline', PolicyDocument: LIST_USERS_DOC } },
      { action: 'DeleteUser', params: { UserName: 'u1' }, expect: conflict('Cannot delete entity, must delete policies first.') },
      { action: 'DeleteUserPolicy', params: { UserName: 'u1', PolicyName: 'inline' }, expect: { result: {} } },
      { action: 'DeleteUser', params: { UserName: 'u1' }, expect: { result: {} } },
    ],
  },
  ...(['TagUser', 'UntagUser', 'ListUserTags'] as const).map(
    (action): ConformanceCase => ({
      id: `errors/users/${action}-unknown`,
      source: U('TestUserTags', 'test_user_tag_errors'),
      steps: [
        {
          action,
          params:
            action === 'TagUser'
              ? { UserName: 'nonexistent-user', 'Tags.member.1.Key': 'key', 'Tags.member.1.Value': 'value' }
              : action === 'UntagUser'
                ? { UserName: 'nonexistent-user', 'TagKeys.member.1': 'key' }
                : { UserName: 'nonexistent-user' },
          expect: noUser('nonexistent-user'),
        },
      ],
    }),
  ),
  {
    id: 'errors/users/attach-nonexistent-policy',
    source: U('TestUserPolicies', 'test_user_managed_policy_errors'),
    steps: [
      createUser('u1'),
      {
        action: 'AttachUserPolicy',
        params: { UserName: 'u1', PolicyArn: 'arn:aws:iam::{{account}}:policy/nonexistent' },
        expect: notFound('Policy arn:aws:iam::{{account}}:policy/nonexistent does not exist or is not attachable.'),
      },
    ],
  },
  {
    id: 'errors/users/detach-unattached-policy',
    source: U('TestUserPolicies', 'test_user_managed_policy_errors'),
    steps: [
      createUser('u1'),
      createPolicy('p1'),
      {
        action: 'DetachUserPolicy',
        params: { UserName: 'u1', PolicyArn: '{{policyArn}}' },
        expect: notFound('Policy arn:aws:iam::{{account}}:policy/p1 was not found.'),
      },
    ],
  },
  // Login profiles
  {
    id: 'errors/login-profile/create-unknown-user',
    source: U('TestUserLoginProfile', 'test_login_profile_errors'),
    steps: [
      { action: 'CreateLoginProfile', params: { UserName: 'nonexistent-user', Password: 'TestPassword123!' }, expect: noUser('nonexistent-user') },
    ],
  },
  {
    id: 'errors/login-profile/duplicate',
    source: U('TestUserLoginProfile', 'test_login_profile_errors'),
    steps: [
      createUser('u1'),
      { action: 'CreateLoginProfile', params: { UserName: 'u1', Password: 'TestPassword123!', PasswordResetRequired: false } },
      {
        action: 'CreateLoginProfile',
        params: { UserName: 'u1', Password: 'AnotherPassword123!' },
        expect: exists('Login Profile for user u1 already exists.'),
      },
    ],
  },
  {
    id: 'errors/login-profile/delete-missing-then-unknown-user',
    source: U('TestUserLoginProfile', 'test_login_profile_errors'),
    steps: [
      createUser('u1'),
      { action: 'DeleteLoginProfile', params: { UserName: 'u1' }, expect: notFound('Login Profile for User u1 cannot be found.') },
      { action: 'DeleteLoginProfile', params: { UserName: 'nonexistent-user' }, expect: noUser('nonexistent-user') },
    ],
  },
  {
    id: 'errors/login-profile/lifecycle',
    source: U('TestUserLoginProfile', 'test_login_profile_lifecycle'),
    steps: [
      createUser('u1'),
      {
        action: 'CreateLoginProfile',
        params: { UserName: 'u1', Password: 'TestPassword123!', PasswordResetRequired: false },
        expect: { result: { LoginProfile: { CreateDate: '<datetime>', PasswordResetRequired: false, UserName: 'u1' } } },
      },
      { action: 'UpdateLoginProfile', params: { UserName: 'u1', Password: 'NewPassword456!', PasswordResetRequired: true } },
      {
        action: 'GetLoginProfile',
        params: { UserName: 'u1' },
        expect: { result: { LoginProfile: { CreateDate: '<datetime>', PasswordResetRequired: true, UserName: 'u1' } } },
      },
      { action: 'DeleteLoginProfile', params: { UserName: 'u1' }, expect: { result: {} } },
      { action: 'GetLoginProfile', params: { UserName: 'u1' }, expect: notFound('Login Profile for User u1 cannot be found.') },
    ],
  },
  // Access keys
  {
    id: 'errors/access-keys/create-unknown-user',
    source: U('TestUserAccessKeys', 'test_access_key_errors', '24-02-2026'),
    steps: [{ action: 'CreateAccessKey', params: { UserName: 'nonexistent-user' }, expect: noUser('nonexistent-user') }],
  },
  {
    id: 'errors/access-keys/update-unknown-key',
    source: U('TestUserAccessKeys', 'test_access_key_errors', '24-02-2026'),
    steps: [
      createUser('u1'),
      {
        action: 'UpdateAccessKey',
        params: { UserName: 'u1', AccessKeyId: NOKEY, Status: 'Inactive' },
        expect: notFound(`The Access Key with id ${NOKEY} cannot be found.`),
      },
    ],
  },
  {
    id: 'errors/access-keys/last-used-unknown-key-is-access-denied',
    source: U('TestUserAccessKeys', 'test_access_key_errors', '24-02-2026'),
    steps: [
      {
        action: 'GetAccessKeyLastUsed',
        params: { AccessKeyId: NOKEY },
        expect: err(403, 'AccessDenied', `User: arn:aws:iam::{{account}}:root is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key ${NOKEY}`),
      },
    ],
  },
  {
    id: 'errors/access-keys/third-key-quota',
    source: U('TestUserAccessKeys', 'test_access_key_limit'),
    steps: [
      createUser('u1'),
      { action: 'CreateAccessKey', params: { UserName: 'u1' } },
      { action: 'CreateAccessKey', params: { UserName: 'u1' } },
      { action: 'CreateAccessKey', params: { UserName: 'u1' }, expect: limit('Cannot exceed quota for AccessKeysPerUser: 2') },
    ],
  },
  {
    id: 'errors/access-keys/last-used-never-used',
    source: U('TestUserAccessKeys', 'test_access_key_last_used', '11-02-2026'),
    steps: [
      createUser('u1'),
      { action: 'CreateAccessKey', params: { UserName: 'u1' }, save: { key: 'AccessKey.AccessKeyId' } },
      {
        action: 'GetAccessKeyLastUsed',
        params: { AccessKeyId: '{{key}}' },
        expect: { result: { AccessKeyLastUsed: { Region: 'N/A', ServiceName: 'N/A' }, UserName: 'u1' } },
      },
    ],
  },
  {
    id: 'errors/access-keys/delete-without-user-name-as-role-session',
    source: U('TestUserAccessKeys', 'test_access_key_errors', '24-02-2026'),
    steps: [
      createUser('u1'),
      { action: 'CreateAccessKey', params: { UserName: 'u1' }, save: { key: 'AccessKey.AccessKeyId' } },
      createRole('admin', ACCOUNT_TRUST),
      {
        service: 'sts',
        action: 'AssumeRole',
        params: { RoleArn: 'arn:aws:iam::{{account}}:role/admin', RoleSessionName: 's1' },
        saveCredentials: { name: 'session', path: 'Credentials' },
      },
      {
        action: 'DeleteAccessKey',
        as: 'session',
        params: { AccessKeyId: '{{key}}' },
        expect: validation('Must specify userName when calling with non-User credentials'),
      },
    ],
  },
  {
    id: 'errors/access-keys/delete-without-user-name-as-that-user',
    source: U('TestUserAccessKeys', 'test_access_key_deletion_without_username'),
    steps: [
      createUser('u1'),
      { action: 'CreateAccessKey', params: { UserName: 'u1' }, save: { key: 'AccessKey.AccessKeyId' }, saveCredentials: { name: 'u1', path: 'AccessKey' } },
      { action: 'DeleteAccessKey', as: 'u1', params: { AccessKeyId: '{{key}}' }, expect: { result: {} } },
      { action: 'ListAccessKeys', params: { UserName: 'u1' }, expect: { result: { AccessKeyMetadata: [], IsTruncated: false } } },
    ],
  },
  // Groups and membership
  {
    id: 'errors/groups/create-duplicate',
    source: G('TestIAMGroupsCRUD', 'test_create_group'),
    steps: [createGroup('g1'), { action: 'CreateGroup', params: { GroupName: 'g1' }, expect: exists('Group with name g1 already exists.') }],
  },
  {
    id: 'errors/groups/get-unknown',
    source: G('TestIAMGroupsCRUD', 'test_get_group'),
    steps: [{ action: 'GetGroup', params: { GroupName: 'non-existent-group' }, expect: noGroup('non-existent-group') }],
  },
  {
    id: 'errors/groups/delete-unknown',
    source: G('TestIAMGroupsCRUD', 'test_delete_unknown_group'),
    steps: [{ action: 'DeleteGroup', params: { GroupName: 'unknown-group' }, expect: noGroup('unknown-group') }],
  },
  {
    id: 'errors/groups/update-unknown',
    source: G('TestIAMGroupsCRUD', 'test_update_group_not_found'),
    steps: [{ action: 'UpdateGroup', params: { GroupName: 'nonexisting', NewGroupName: 'new-name' }, expect: noGroup('nonexisting') }],
  },
  {
    id: 'errors/groups/update-to-existing-name',
    source: G('TestIAMGroupsCRUD', 'test_update_group_duplicate_name'),
    steps: [
      createGroup('g1'),
      createGroup('g2'),
      { action: 'UpdateGroup', params: { GroupName: 'g1', NewGroupName: 'g2' }, expect: exists('Group with name g2 already exists.') },
    ],
  },
  {
    id: 'errors/groups/rename-frees-old-name',
    source: G('TestIAMGroupsCRUD', 'test_update_group_name'),
    steps: [
      createGroup('g1'),
      { action: 'UpdateGroup', params: { GroupName: 'g1', NewGroupName: 'g2' }, expect: { result: {} } },
      { action: 'GetGroup', params: { GroupName: 'g1' }, expect: noGroup('g1') },
    ],
  },
  {
    id: 'errors/groups/add-unknown-user',
    source: G('TestIAMGroupsMembership', 'test_add_unknown_user_to_group'),
    steps: [
      createGroup('g1'),
      { action: 'AddUserToGroup', params: { GroupName: 'g1', UserName: 'non-existent-user' }, expect: noUser('non-existent-user') },
    ],
  },
  {
    id: 'errors/groups/add-to-unknown-group',
    source: G('TestIAMGroupsMembership', 'test_add_user_to_unknown_group'),
    steps: [
      createUser('u1'),
      { action: 'AddUserToGroup', params: { GroupName: 'non-existent-group', UserName: 'u1' }, expect: noGroup('non-existent-group') },
    ],
  },
  {
    id: 'errors/groups/remove-from-unknown-group',
    source: U('TestUserGroups', 'test_user_group_errors'),
    steps: [
      createUser('u1'),
      { action: 'RemoveUserFromGroup', params: { GroupName: 'nonexistent-group', UserName: 'u1' }, expect: noGroup('nonexistent-group') },
    ],
  },
  {
    id: 'errors/groups/remove-both-unknown-names-the-user',
    source: G('TestIAMGroupsMembership', 'test_remove_user_from_unknown_group'),
    steps: [
      { action: 'RemoveUserFromGroup', params: { GroupName: 'non-existent-group', UserName: 'any-user' }, expect: noUser('any-user') },
    ],
  },
  {
    id: 'errors/groups/remove-non-member-succeeds',
    source: U('TestUserGroups', 'test_user_group_membership'),
    steps: [
      createUser('u1'),
      createGroup('g1'),
      { action: 'AddUserToGroup', params: { GroupName: 'g1', UserName: 'u1' } },
      { action: 'RemoveUserFromGroup', params: { GroupName: 'g1', UserName: 'u1' }, expect: { result: {} } },
      { action: 'RemoveUserFromGroup', params: { GroupName: 'g1', UserName: 'u1' }, expect: { result: {} } },
    ],
  },
  {
    id: 'errors/groups/add-twice-is-one-membership',
    source: G('TestIAMGroupsMembership', 'test_add_user_to_group_idempotent'),
    steps: [
      createUser('u1'),
      createGroup('g1'),
      { action: 'AddUserToGroup', params: { GroupName: 'g1', UserName: 'u1' } },
      { action: 'AddUserToGroup', params: { GroupName: 'g1', UserName: 'u1' }, expect: { result: {} } },
      { action: 'RemoveUserFromGroup', params: { GroupName: 'g1', UserName: 'u1' } },
      { action: 'ListGroupsForUser', params: { UserName: 'u1' }, expect: { result: { Groups: [], IsTruncated: false } } },
    ],
  },
  {
    id: 'errors/groups/get-empty-group',
    source: G('TestIAMGroupsCRUD', 'test_get_group_with_path'),
    steps: [
      createGroup('g1'),
      {
        action: 'GetGroup',
        params: { GroupName: 'g1' },
        expect: {
          result: {
            Group: { Arn: 'arn:aws:iam::{{account}}:group/g1', CreateDate: '<datetime>', GroupId: '<any>', GroupName: 'g1', Path: '/' },
            IsTruncated: false,
            Users: [],
          },
        },
      },
    ],
  },
  {
    id: 'errors/groups/get-group-policy-missing',
    source: G('TestIAMGroupsPolicies', 'test_get_group_policy'),
    steps: [
      createGroup('g1'),
      { action: 'GetGroupPolicy', params: { GroupName: 'g1', PolicyName: 'p1' }, expect: notFound('The group policy with name p1 cannot be found.') },
    ],
  },
  {
    id: 'errors/groups/detach-unattached-policy',
    source: G('TestIAMGroupsPolicies', 'test_detach_unattached_group_policy'),
    steps: [
      createGroup('g1'),
      createPolicy('p1'),
      {
        action: 'DetachGroupPolicy',
        params: { GroupName: 'g1', PolicyArn: '{{policyArn}}' },
        expect: notFound('Policy arn:aws:iam::{{account}}:policy/p1 was not found.'),
      },
    ],
  },
];
