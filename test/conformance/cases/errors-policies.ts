// Errors and edge semantics of managed policies: names, versions, policy tags and entities, as recorded against AWS.
import type { ConformanceCase, Step } from '../types.js';
import { conflict, createGroup, createPolicy, createRole, createUser, err, exists, invalid, limit, notFound, recorded, validation, LIST_USERS_DOC } from '../fid-common.js';

const P = (cls: string, test: string, date = '10-02-2026') => recorded('test_iam_policies', `${cls}::${test}`, date);
const NOPOLICY = 'arn:aws:iam::{{account}}:policy/TestNonExistingPolicy';
const version = (n: number): Step => ({ action: 'CreatePolicyVersion', params: { PolicyArn: '{{policyArn}}', PolicyDocument: LIST_USERS_DOC } });
const tags = (pairs: [string, string][]) =>
  Object.fromEntries(pairs.flatMap(([k, v], i) => [[`Tags.member.${i + 1}.Key`, k], [`Tags.member.${i + 1}.Value`, v]]));
const listTags = (expected: [string, string][], extra: Record<string, string> = {}): Step => ({
  action: 'ListPolicyTags',
  params: { PolicyArn: '{{policyArn}}', ...extra },
  expect: { result: { IsTruncated: false, Tags: expected.map(([Key, Value]) => ({ Key, Value })) } },
});

export const cases: ConformanceCase[] = [
  {
    id: 'errors/policies/create-duplicate',
    source: P('TestPolicies', 'test_policy_errors'),
    steps: [createPolicy('p1'), { ...createPolicy('p1'), save: undefined, expect: exists('A policy called p1 already exists. Duplicate names are not allowed.') }],
  },
  {
    id: 'errors/policies/sixth-version',
    source: P('TestPolicies', 'test_policy_version_limit'),
    steps: [
      createPolicy('p1'),
      version(2), version(3), version(4), version(5),
      { ...version(6), expect: limit('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.') },
      { action: 'DeletePolicyVersion', params: { PolicyArn: '{{policyArn}}', VersionId: 'v5' }, expect: { result: {} } },
      { ...version(6), expect: { result: { PolicyVersion: { CreateDate: '<datetime>', IsDefaultVersion: false, VersionId: 'v6' } } } },
    ],
  },
  {
    id: 'errors/policies/version-of-unknown-policy',
    source: P('TestPolicies', 'test_policy_version_errors'),
    steps: [
      {
        action: 'GetPolicyVersion',
        params: { PolicyArn: NOPOLICY, VersionId: 'v1' },
        expect: notFound(`Policy ${NOPOLICY} version v1 does not exist or is not attachable.`),
      },
      {
        action: 'SetDefaultPolicyVersion',
        params: { PolicyArn: NOPOLICY, VersionId: 'v1' },
        expect: notFound(`Policy ${NOPOLICY} version v1 does not exist or is not attachable.`),
      },
    ],
  },
  {
    id: 'errors/policies/unknown-and-default-versions',
    source: P('TestPolicies', 'test_policy_version_errors'),
    steps: [
      createPolicy('p1'),
      version(2),
      { action: 'GetPolicyVersion', params: { PolicyArn: '{{policyArn}}', VersionId: 'v9' }, expect: notFound('Policy arn:aws:iam::{{account}}:policy/p1 version v9 does not exist or is not attachable.') },
      { action: 'DeletePolicyVersion', params: { PolicyArn: '{{policyArn}}', VersionId: 'v1' }, expect: conflict('Cannot delete the default version of a policy.') },
      { action: 'DeletePolicyVersion', params: { PolicyArn: '{{policyArn}}', VersionId: 'v9' }, expect: notFound('Policy arn:aws:iam::{{account}}:policy/p1 version v9 does not exist or is not attachable.') },
      { action: 'SetDefaultPolicyVersion', params: { PolicyArn: '{{policyArn}}', VersionId: 'v4' }, expect: notFound('Policy arn:aws:iam::{{account}}:policy/p1 version v4 does not exist or is not attachable.') },
      { action: 'DeletePolicyVersion', params: { PolicyArn: '{{policyArn}}', VersionId: 'v2' }, expect: { result: {} } },
      {
        action: 'ListPolicyVersions',
        params: { PolicyArn: '{{policyArn}}' },
        expect: { result: { IsTruncated: false, Versions: [{ CreateDate: '<datetime>', IsDefaultVersion: true, VersionId: 'v1' }] } },
      },
    ],
  },
  {
    id: 'errors/policies/set-default-lists-newest-first',
    source: P('TestPolicies', 'test_policy_version_set_default'),
    steps: [
      createPolicy('p1'),
      { ...version(2), params: { ...version(2).params, SetAsDefault: true } },
      { ...version(3), params: { ...version(3).params, SetAsDefault: true } },
      { action: 'SetDefaultPolicyVersion', params: { PolicyArn: '{{policyArn}}', VersionId: 'v1' }, expect: { result: {} } },
      {
        action: 'ListPolicyVersions',
        params: { PolicyArn: '{{policyArn}}' },
        expect: {
          result: {
            IsTruncated: false,
            Versions: [
              { CreateDate: '<datetime>', IsDefaultVersion: false, VersionId: 'v3' },
              { CreateDate: '<datetime>', IsDefaultVersion: false, VersionId: 'v2' },
              { CreateDate: '<datetime>', IsDefaultVersion: true, VersionId: 'v1' },
            ],
          },
        },
      },
    ],
  },
  // Policy tags: keys are case-sensitive on policies, and ListPolicyTags has its own order
  {
    id: 'errors/policy-tags/case-sensitive-keys',
    source: P('TestPolicyTags', 'test_policy_tag_lifecycle'),
    steps: [
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: LIST_USERS_DOC, ...tags([['a', 'lowercase'], ['A', 'uppercase']]) }, save: { policyArn: 'Policy.Arn' } },
      listTags([['A', 'uppercase'], ['a', 'lowercase']]),
    ],
  },
  {
    id: 'errors/policy-tags/untag-is-case-sensitive',
    source: P('TestPolicyTags', 'test_policy_tag_operations'),
    steps: [
      createPolicy('p1'),
      { action: 'TagPolicy', params: { PolicyArn: '{{policyArn}}', ...tags([['a', 'lowercase'], ['A', 'uppercase']]) }, expect: { result: {} } },
      listTags([['A', 'uppercase'], ['a', 'lowercase']]),
      { action: 'UntagPolicy', params: { PolicyArn: '{{policyArn}}', 'TagKeys.member.1': 'a' }, expect: { result: {} } },
      listTags([['A', 'uppercase']]),
    ],
  },
  {
    id: 'errors/policy-tags/list-order',
    source: P('TestPolicyTags', 'test_policy_tag_order', '18-02-2026'),
    steps: [
      {
        action: 'CreatePolicy',
        params: { PolicyName: 'p1', PolicyDocument: LIST_USERS_DOC, ...tags([['abc', 'first'], ['b', 'second'], ['z', 'third'], ['a', 'fourth']]) },
        save: { policyArn: 'Policy.Arn' },
      },
      listTags([['a', 'fourth'], ['b', 'second'], ['z', 'third'], ['abc', 'first']]),
    ],
  },
  {
    id: 'errors/policy-tags/update-and-page',
    source: P('TestPolicyTags', 'test_policy_tag_operations'),
    steps: [
      createPolicy('p1'),
      { action: 'TagPolicy', params: { PolicyArn: '{{policyArn}}', ...tags([['somekey', 'somevalue'], ['someotherkey', 'someothervalue']]) } },
      {
        action: 'ListPolicyTags',
        params: { PolicyArn: '{{policyArn}}', MaxItems: 1 },
        expect: { result: { IsTruncated: true, Marker: '<any>', Tags: [{ Key: 'somekey', Value: 'somevalue' }] } },
        save: { marker: 'Marker' },
      },
      listTags([['someotherkey', 'someothervalue']], { Marker: '{{marker}}' }),
      { action: 'TagPolicy', params: { PolicyArn: '{{policyArn}}', ...tags([['somekey', '']]) } },
      listTags([['somekey', ''], ['someotherkey', 'someothervalue']]),
    ],
  },
  {
    id: 'errors/policy-tags/create-duplicate-keys',
    source: P('TestPolicyTags', 'test_policy_tag_create_errors'),
    steps: [
      {
        action: 'CreatePolicy',
        params: { PolicyName: 'p1', PolicyDocument: LIST_USERS_DOC, ...tags([['0', ''], ['0', '']]) },
        expect: invalid('Duplicate tag keys found.'),
      },
    ],
  },
  {
    id: 'errors/policy-tags/tag-duplicate-keys',
    source: P('TestPolicyTags', 'test_policy_tag_update_errors'),
    steps: [
      createPolicy('p1'),
      { action: 'TagPolicy', params: { PolicyArn: '{{policyArn}}', ...tags([['0', ''], ['0', '']]) }, expect: invalid('Duplicate tag keys found.') },
    ],
  },
  {
    id: 'errors/policy-tags/unknown-policy',
    source: P('TestPolicyTags', 'test_policy_tag_update_errors'),
    steps: [
      {
        action: 'TagPolicy',
        params: { PolicyArn: 'arn:aws:iam::{{account}}:policy/NotAPolicy', ...tags([['some', 'value']]) },
        expect: notFound('Policy arn:aws:iam::{{account}}:policy/NotAPolicy was not found.'),
      },
      {
        action: 'UntagPolicy',
        params: { PolicyArn: 'arn:aws:iam::{{account}}:policy/NotAPolicy', 'TagKeys.member.1': 'somevalue' },
        expect: notFound('Policy arn:aws:iam::{{account}}:policy/NotAPolicy was not found.'),
      },
    ],
  },
  // Entities
  {
    id: 'errors/policies/entities-of-unknown-policy',
    source: P('TestListEntitiesForPolicy', 'test_list_entities_for_policy_errors', '17-02-2026'),
    steps: [
      {
        action: 'ListEntitiesForPolicy',
        params: { PolicyArn: 'arn:aws:iam::{{account}}:policy/NonExistentPolicy' },
        expect: notFound('Policy arn:aws:iam::{{account}}:policy/NonExistentPolicy does not exist or is not attachable.'),
      },
    ],
  },
  {
    id: 'errors/policies/entities-filters',
    source: P('TestListEntitiesForPolicy', 'test_list_entities_for_policy', '17-02-2026'),
    steps: [
      createPolicy('p1'),
      { action: 'ListEntitiesForPolicy', params: { PolicyArn: '{{policyArn}}' }, expect: { result: { IsTruncated: false, PolicyGroups: [], PolicyRoles: [], PolicyUsers: [] } } },
      { ...createUser('u1'), save: { userId: 'User.UserId' } },
      { ...createGroup('g1'), save: { groupId: 'Group.GroupId' } },
      { ...createRole('r1'), save: { roleId: 'Role.RoleId' } },
      { action: 'AttachUserPolicy', params: { UserName: 'u1', PolicyArn: '{{policyArn}}' } },
      { action: 'AttachGroupPolicy', params: { GroupName: 'g1', PolicyArn: '{{policyArn}}' } },
      { action: 'AttachRolePolicy', params: { RoleName: 'r1', PolicyArn: '{{policyArn}}' } },
      {
        action: 'ListEntitiesForPolicy',
        params: { PolicyArn: '{{policyArn}}', EntityFilter: 'Role' },
        expect: { result: { IsTruncated: false, PolicyGroups: [], PolicyRoles: [{ RoleId: '{{roleId}}', RoleName: 'r1' }], PolicyUsers: [] } },
      },
      {
        action: 'ListEntitiesForPolicy',
        params: { PolicyArn: '{{policyArn}}', EntityFilter: 'LocalManagedPolicy' },
        expect: { result: { IsTruncated: false, PolicyGroups: [], PolicyRoles: [], PolicyUsers: [] } },
      },
      {
        action: 'ListEntitiesForPolicy',
        params: { PolicyArn: '{{policyArn}}' },
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
    id: 'errors/policies/attach-user-not-an-arn',
    source: `unconfirmed: AttachUserPolicy is not recorded; the same ARN check as AttachRolePolicy in ${recorded('test_iam_roles', 'TestRoleManagedPolicies::test_role_managed_policy_errors', '11-02-2026')}`,
    steps: [
      createUser('u1'),
      { action: 'AttachUserPolicy', params: { UserName: 'u1', PolicyArn: 'longpolicynamebutnoarn' }, expect: validation('ARN longpolicynamebutnoarn is not valid.') },
    ],
  },
  {
    id: 'errors/policies/attach-group-not-an-arn',
    source: `unconfirmed: AttachGroupPolicy is not recorded; the same ARN check as AttachRolePolicy in ${recorded('test_iam_roles', 'TestRoleManagedPolicies::test_role_managed_policy_errors', '11-02-2026')}`,
    steps: [
      createGroup('g1'),
      { action: 'AttachGroupPolicy', params: { GroupName: 'g1', PolicyArn: 'longpolicynamebutnoarn' }, expect: validation('ARN longpolicynamebutnoarn is not valid.') },
    ],
  },
  {
    id: 'errors/policies/delete-aws-managed',
    source: 'unconfirmed: issue #21 states AWS answers "Cannot delete policies outside your own account."; no public recording found',
    steps: [
      { action: 'DeletePolicy', params: { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, expect: err(403, 'AccessDenied', 'Cannot delete policies outside your own account.') },
    ],
  },
];
