// Response shapes of instance profiles, key for key as recorded against AWS: Tags always on
// GetInstanceProfile, only when given on Create, never on the List operations; roles in AWS's subset.
import type { ConformanceCase } from '../types.js';
import { TRUST, createdRole, instanceProfile, ls } from '../fixtures-shapes.js';

const src = (test: string) => ls('iam/test_iam_instance_profiles', `test_iam_instance_profiles.py::${test}`, '12-02-2026');
const roleInProfile = createdRole('r1');

export const cases: ConformanceCase[] = [
  {
    id: 'shape/instance-profiles/create-get',
    source: src('TestInstanceProfileLifecycle::test_instance_profile_lifecycle'),
    steps: [
      { action: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip1', Path: '/pp/' }, expect: { result: { InstanceProfile: instanceProfile('ip1', [], {}, '/pp/') } } },
      { action: 'GetInstanceProfile', params: { InstanceProfileName: 'ip1' }, expect: { result: { InstanceProfile: instanceProfile('ip1', [], { Tags: [] }, '/pp/') } } },
      { action: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip2' }, expect: { result: { InstanceProfile: instanceProfile('ip2') } } },
      { action: 'DeleteInstanceProfile', params: { InstanceProfileName: 'ip1' }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/instance-profiles/with-role',
    source: src('TestInstanceProfileRoles::test_add_remove_role_from_instance_profile'),
    steps: [
      { action: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip1' } },
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST, Description: 'not listed in the profile', MaxSessionDuration: 7200 } },
      { action: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' }, expect: { result: {} } },
      { action: 'GetInstanceProfile', params: { InstanceProfileName: 'ip1' }, expect: { result: { InstanceProfile: instanceProfile('ip1', [roleInProfile], { Tags: [] }) } } },
      { action: 'RemoveRoleFromInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' }, expect: { result: {} } },
      { action: 'GetInstanceProfile', params: { InstanceProfileName: 'ip1' }, expect: { result: { InstanceProfile: instanceProfile('ip1', [], { Tags: [] }) } } },
    ],
  },
  {
    id: 'shape/instance-profiles/list',
    source: src('TestInstanceProfileLifecycle::test_list_instance_profiles'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip1', Path: '/lp/', 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' } },
      { action: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip2', Path: '/lp/' } },
      { action: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' } },
      {
        action: 'ListInstanceProfiles',
        params: { PathPrefix: '/lp/' },
        expect: { result: { InstanceProfiles: [instanceProfile('ip1', [roleInProfile], {}, '/lp/'), instanceProfile('ip2', [], {}, '/lp/')], IsTruncated: false } },
      },
    ],
  },
  {
    id: 'shape/instance-profiles/list-for-role',
    source: src('TestInstanceProfileLifecycle::test_list_instance_profiles_for_role'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: TRUST } },
      { action: 'CreateRole', params: { RoleName: 'r2', AssumeRolePolicyDocument: TRUST } },
      { action: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip1' } },
      { action: 'AddRoleToInstanceProfile', params: { InstanceProfileName: 'ip1', RoleName: 'r1' } },
      {
        action: 'ListInstanceProfilesForRole',
        params: { RoleName: 'r1' },
        expect: { result: { InstanceProfiles: [instanceProfile('ip1', [roleInProfile])], IsTruncated: false } },
      },
      { action: 'ListInstanceProfilesForRole', params: { RoleName: 'r2' }, expect: { result: { InstanceProfiles: [], IsTruncated: false } } },
    ],
  },
  {
    id: 'shape/instance-profiles/list-path-prefix-empty',
    source: src('TestInstanceProfileLifecycle::test_list_instance_profiles_path_prefix'),
    steps: [
      { action: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip1', Path: '/one/' } },
      { action: 'ListInstanceProfiles', params: { PathPrefix: '/one/' }, expect: { result: { InstanceProfiles: [instanceProfile('ip1', [], {}, '/one/')], IsTruncated: false } } },
      { action: 'ListInstanceProfiles', params: { PathPrefix: '/none/' }, expect: { result: { InstanceProfiles: [], IsTruncated: false } } },
    ],
  },
  {
    id: 'shape/instance-profiles/create-with-tags',
    source: src('TestInstanceProfileTags::test_instance_profile_create_with_tags'),
    steps: [
      {
        action: 'CreateInstanceProfile',
        params: { InstanceProfileName: 'ip1', 'Tags.member.1.Key': 'InitialKey', 'Tags.member.1.Value': 'InitialValue' },
        expect: { result: { InstanceProfile: instanceProfile('ip1', [], { Tags: [{ Key: 'InitialKey', Value: 'InitialValue' }] }) } },
      },
      {
        action: 'GetInstanceProfile',
        params: { InstanceProfileName: 'ip1' },
        expect: { result: { InstanceProfile: instanceProfile('ip1', [], { Tags: [{ Key: 'InitialKey', Value: 'InitialValue' }] }) } },
      },
    ],
  },
  {
    id: 'shape/instance-profiles/tag-lifecycle',
    source: src('TestInstanceProfileTags::test_instance_profile_tag_lifecycle'),
    steps: [
      { action: 'CreateInstanceProfile', params: { InstanceProfileName: 'ip1' } },
      { action: 'ListInstanceProfileTags', params: { InstanceProfileName: 'ip1' }, expect: { result: { IsTruncated: false, Tags: [] } } },
      { action: 'TagInstanceProfile', params: { InstanceProfileName: 'ip1', 'Tags.member.1.Key': 'MyKey', 'Tags.member.1.Value': 'myValue' }, expect: { result: {} } },
      { action: 'ListInstanceProfileTags', params: { InstanceProfileName: 'ip1' }, expect: { result: { IsTruncated: false, Tags: [{ Key: 'MyKey', Value: 'myValue' }] } } },
      {
        action: 'GetInstanceProfile',
        params: { InstanceProfileName: 'ip1' },
        expect: { result: { InstanceProfile: instanceProfile('ip1', [], { Tags: [{ Key: 'MyKey', Value: 'myValue' }] }) } },
      },
      { action: 'TagInstanceProfile', params: { InstanceProfileName: 'ip1', 'Tags.member.1.Key': 'MyKey2', 'Tags.member.1.Value': 'myValue2' } },
      {
        action: 'ListInstanceProfileTags',
        params: { InstanceProfileName: 'ip1' },
        expect: { result: { IsTruncated: false, Tags: [{ Key: 'MyKey', Value: 'myValue' }, { Key: 'MyKey2', Value: 'myValue2' }] } },
      },
      { action: 'UntagInstanceProfile', params: { InstanceProfileName: 'ip1', 'TagKeys.member.1': 'MyKey' }, expect: { result: {} } },
      { action: 'ListInstanceProfileTags', params: { InstanceProfileName: 'ip1' }, expect: { result: { IsTruncated: false, Tags: [{ Key: 'MyKey2', Value: 'myValue2' }] } } },
    ],
  },
];
