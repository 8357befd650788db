// Response shapes of groups, key for key as recorded against AWS.
import type { ConformanceCase } from '../types.js';
import { POLICY, group, ls, policyArn, user } from '../fixtures-shapes.js';

const src = (test: string, date = '12-02-2026') => ls('iam/test_iam_groups', `test_iam_groups.py::${test}`, date);
const GROUP_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: ['arn:aws:s3:::example_bucket'] },
});

export const cases: ConformanceCase[] = [
  {
    id: 'shape/groups/create-get',
    source: src('TestIAMGroupsCRUD::test_get_group_with_path'),
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'g1' }, expect: { result: { Group: group('g1') } } },
      { action: 'GetGroup', params: { GroupName: 'g1' }, expect: { result: { Group: group('g1'), IsTruncated: false, Users: [] } } },
      { action: 'CreateGroup', params: { GroupName: 'g2', Path: '/some/location/' }, expect: { result: { Group: group('g2', '/some/location/') } } },
    ],
  },
  {
    id: 'shape/groups/list',
    source: src('TestIAMGroupsCRUD::test_list_groups'),
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'g1' } },
      { action: 'CreateGroup', params: { GroupName: 'g2' } },
      { action: 'ListGroups', expect: { result: { Groups: [group('g1'), group('g2')], IsTruncated: false } } },
    ],
  },
  {
    id: 'shape/groups/update-name-and-path',
    source: src('TestIAMGroupsCRUD::test_update_group_path'),
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'g1' }, save: { id: 'Group.GroupId' } },
      { action: 'UpdateGroup', params: { GroupName: 'g1', NewPath: '/new-path/' }, expect: { result: {} } },
      {
        action: 'GetGroup',
        params: { GroupName: 'g1' },
        expect: { result: { Group: { ...group('g1', '/new-path/'), GroupId: '{{id}}' }, IsTruncated: false, Users: [] } },
      },
      { action: 'UpdateGroup', params: { GroupName: 'g1', NewGroupName: 'g2' }, expect: { result: {} } },
      {
        action: 'GetGroup',
        params: { GroupName: 'g2' },
        expect: { result: { Group: { ...group('g2', '/new-path/'), GroupId: '{{id}}' }, IsTruncated: false, Users: [] } },
      },
    ],
  },
  {
    id: 'shape/groups/members',
    source: src('TestIAMGroupsMembership::test_remove_user_from_group'),
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'g1' } },
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'AddUserToGroup', params: { GroupName: 'g1', UserName: 'u1' } },
      { action: 'GetGroup', params: { GroupName: 'g1' }, expect: { result: { Group: group('g1'), IsTruncated: false, Users: [user('u1')] } } },
      { action: 'RemoveUserFromGroup', params: { GroupName: 'g1', UserName: 'u1' } },
      { action: 'GetGroup', params: { GroupName: 'g1' }, expect: { result: { Group: group('g1'), IsTruncated: false, Users: [] } } },
    ],
  },
  {
    id: 'shape/groups/inline-policy',
    source: src('TestIAMGroupsPolicies::test_get_group_policy'),
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'g1' } },
      { action: 'ListGroupPolicies', params: { GroupName: 'g1' }, expect: { result: { IsTruncated: false, PolicyNames: [] } } },
      { action: 'PutGroupPolicy', params: { GroupName: 'g1', PolicyName: 'p1', PolicyDocument: GROUP_POLICY }, expect: { result: {} } },
      {
        action: 'GetGroupPolicy',
        params: { GroupName: 'g1', PolicyName: 'p1' },
        expect: {
          result: {
            GroupName: 'g1',
            PolicyDocument: { Statement: { Action: 's3:ListBucket', Effect: 'Allow', Resource: ['arn:aws:s3:::example_bucket'] }, Version: '2012-10-17' },
            PolicyName: 'p1',
          },
        },
      },
      { action: 'ListGroupPolicies', params: { GroupName: 'g1' }, expect: { result: { IsTruncated: false, PolicyNames: ['p1'] } } },
    ],
  },
  {
    id: 'shape/groups/attached-policies',
    source: src('TestIAMGroupsPolicies::test_attach_detach_group_policy'),
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'g1' } },
      { action: 'CreatePolicy', params: { PolicyName: 'p1', PolicyDocument: POLICY } },
      { action: 'ListAttachedGroupPolicies', params: { GroupName: 'g1' }, expect: { result: { AttachedPolicies: [], IsTruncated: false } } },
      { action: 'AttachGroupPolicy', params: { GroupName: 'g1', PolicyArn: policyArn('p1') } },
      {
        action: 'ListAttachedGroupPolicies',
        params: { GroupName: 'g1' },
        expect: { result: { AttachedPolicies: [{ PolicyArn: policyArn('p1'), PolicyName: 'p1' }], IsTruncated: false } },
      },
      { action: 'DetachGroupPolicy', params: { GroupName: 'g1', PolicyArn: policyArn('p1') } },
      { action: 'ListAttachedGroupPolicies', params: { GroupName: 'g1' }, expect: { result: { AttachedPolicies: [], IsTruncated: false } } },
    ],
  },
  {
    id: 'shape/groups/delete',
    source: src('TestIAMGroupsCRUD::test_delete_group'),
    steps: [
      { action: 'CreateGroup', params: { GroupName: 'g1' } },
      { action: 'DeleteGroup', params: { GroupName: 'g1' }, expect: { result: {} } },
    ],
  },
];


