// Coverage of the identity families (users, groups, roles, inline and managed attachments, boundaries, tags, instance profiles, access keys, passwords).
// Each documented error of these operations that can happen locally, through the real SDK, with the
// code, HTTP status and message iam-local gives (AWS's where documented). Fixtures are made once.
import {
  AddRoleToInstanceProfileCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupPolicyCommand,
  DeleteInstanceProfileCommand,
  DeleteLoginProfileCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetGroupPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsForUserCommand,
  ListInstanceProfileTagsCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  RemoveUserFromGroupCommand,
  TagInstanceProfileCommand,
  TagRoleCommand,
  TagUserCommand,
  UntagInstanceProfileCommand,
  UntagRoleCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateGroupCommand,
  UpdateLoginProfileCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from './helpers/server.js';
import { documentedErrors, type ErrorCase, type Fixtures, TAGS_A, TAGS_B } from './helpers/error-cases.js';

const ACCT = '000000000000';
const NOPOL = `arn:aws:iam::${ACCT}:policy/nope`;
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
// An Effect that is neither Allow nor Deny is a syntax error (recorded: localstack/localstack
// tests/aws/services/iam/test_iam_policies.snapshot.json test_create_policy_invalid_document[invalid-10], 18-02-2026).
const BAD = '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}';
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });


async function fixtures(t: TestServer): Promise<Fixtures> {
  const c = t.iam;
  const f: Fixtures = {};

  f.user = 'cov-user';
  await c.send(new CreateUserCommand({ UserName: f.user }));

  f.user2 = 'cov-user2';
  await c.send(new CreateUserCommand({ UserName: f.user2 }));

  f.group = 'cov-group';
  await c.send(new CreateGroupCommand({ GroupName: f.group }));

  f.role = 'cov-role';
  await c.send(new CreateRoleCommand({ RoleName: f.role, AssumeRolePolicyDocument: TRUST }));

  f.profile = 'cov-profile';
  await c.send(new CreateInstanceProfileCommand({ InstanceProfileName: f.profile }));

  f.profileWithRole = 'cov-profile-role';
  await c.send(new CreateInstanceProfileCommand({ InstanceProfileName: f.profileWithRole }));
  await c.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: f.profileWithRole, RoleName: f.role }));

  return f;
}

const cases: ErrorCase[] = [
  ['TagUser: more than 50 tags in all', async (c, f) => { await c.send(new TagUserCommand({ UserName: f.user2, Tags: TAGS_A })); return c.send(new TagUserCommand({ UserName: f.user2, Tags: TAGS_B })); },
    { name: "LimitExceededException", status: 409, message: "The number of tags has reached the maximum limit." }],
  ['TagRole: more than 50 tags in all', async (c, f) => { await c.send(new TagRoleCommand({ RoleName: f.role, Tags: TAGS_A })); return c.send(new TagRoleCommand({ RoleName: f.role, Tags: TAGS_B })); },
    { name: "LimitExceededException", status: 409, message: "The number of tags has reached the maximum limit." }],
  ['TagInstanceProfile: more than 50 tags in all', async (c, f) => { await c.send(new TagInstanceProfileCommand({ InstanceProfileName: f.profile, Tags: TAGS_A })); return c.send(new TagInstanceProfileCommand({ InstanceProfileName: f.profile, Tags: TAGS_B })); },
    { name: "LimitExceededException", status: 409, message: "The number of tags has reached the maximum limit." }],
  ['AttachGroupPolicy: no such group', (c) => c.send(new AttachGroupPolicyCommand({ GroupName: 'nope', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    { name: "NoSuchEntityException", status: 404, message: "The group with name nope cannot be found." }],
  ['AttachGroupPolicy: no such policy', (c, f) => c.send(new AttachGroupPolicyCommand({ GroupName: f.group, PolicyArn: NOPOL })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope does not exist or is not attachable." }],
  // ValidationError: localstack/localstack test_iam_roles.snapshot.json test_role_managed_policy_errors (recorded 11-02-2026)
  ['AttachGroupPolicy: not a policy ARN', (c, f) => c.send(new AttachGroupPolicyCommand({ GroupName: f.group, PolicyArn: 'arn:aws:iam::000000000000:role/x' })),
    { name: "ValidationError", status: 400, message: "ARN arn:aws:iam::000000000000:role/x is not valid." }],
  ['AttachGroupPolicy: service-linked role policy', (c, f) => c.send(new AttachGroupPolicyCommand({ GroupName: f.group, PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy' })),
    { name: "PolicyNotAttachableException", status: 400, message: "Cannot attach a Service Role Policy to a Customer Role." }],
  // ValidationError: localstack/localstack test_iam_roles.snapshot.json test_role_managed_policy_errors (recorded 11-02-2026)
  ['AttachUserPolicy: not a policy ARN', (c, f) => c.send(new AttachUserPolicyCommand({ UserName: f.user, PolicyArn: 'arn:aws:iam::000000000000:role/x' })),
    { name: "ValidationError", status: 400, message: "ARN arn:aws:iam::000000000000:role/x is not valid." }],
  ['AttachUserPolicy: service-linked role policy', (c, f) => c.send(new AttachUserPolicyCommand({ UserName: f.user, PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy' })),
    { name: "PolicyNotAttachableException", status: 400, message: "Cannot attach a Service Role Policy to a Customer Role." }],
  // ValidationError: localstack/localstack test_iam_roles.snapshot.json test_role_managed_policy_errors (recorded 11-02-2026)
  ['AttachRolePolicy: not a policy ARN', (c, f) => c.send(new AttachRolePolicyCommand({ RoleName: f.role, PolicyArn: 'arn:aws:iam::000000000000:role/x' })),
    { name: "ValidationError", status: 400, message: "ARN arn:aws:iam::000000000000:role/x is not valid." }],
  ['DetachGroupPolicy: no such group', (c) => c.send(new DetachGroupPolicyCommand({ GroupName: 'nope', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    { name: "NoSuchEntityException", status: 404, message: "The group with name nope cannot be found." }],
  ['DetachGroupPolicy: policy not attached', (c, f) => c.send(new DetachGroupPolicyCommand({ GroupName: f.group, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::aws:policy/ReadOnlyAccess was not found." }],
  ['DetachGroupPolicy: not a policy ARN', (c, f) => c.send(new DetachGroupPolicyCommand({ GroupName: f.group, PolicyArn: 'arn:aws:iam::000000000000:role/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:role/x is not valid." }],
  ['DetachRolePolicy: no such role', (c) => c.send(new DetachRolePolicyCommand({ RoleName: 'nope', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['DetachRolePolicy: not a policy ARN', (c, f) => c.send(new DetachRolePolicyCommand({ RoleName: f.role, PolicyArn: 'arn:aws:iam::000000000000:role/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:role/x is not valid." }],
  ['DetachUserPolicy: not a policy ARN', (c, f) => c.send(new DetachUserPolicyCommand({ UserName: f.user, PolicyArn: 'arn:aws:iam::000000000000:role/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:role/x is not valid." }],
  ['ListAttachedGroupPolicies: no such group', (c) => c.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The group with name nope cannot be found." }],
  ['ListAttachedRolePolicies: no such role', (c) => c.send(new ListAttachedRolePoliciesCommand({ RoleName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['PutGroupPolicy: no such group', (c) => c.send(new PutGroupPolicyCommand({ GroupName: 'nope', PolicyName: 'p', PolicyDocument: DOC })),
    { name: "NoSuchEntityException", status: 404, message: "The group with name nope cannot be found." }],
  ['PutGroupPolicy: malformed document', (c, f) => c.send(new PutGroupPolicyCommand({ GroupName: f.group, PolicyName: 'p', PolicyDocument: BAD })),
    { name: "MalformedPolicyDocumentException", status: 400, message: "Syntax errors in policy." }],
  ['PutRolePolicy: no such role', (c) => c.send(new PutRolePolicyCommand({ RoleName: 'nope', PolicyName: 'p', PolicyDocument: DOC })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['PutRolePolicy: malformed document', (c, f) => c.send(new PutRolePolicyCommand({ RoleName: f.role, PolicyName: 'p', PolicyDocument: BAD })),
    { name: "MalformedPolicyDocumentException", status: 400, message: "Syntax errors in policy." }],
  ['PutUserPolicy: no such user', (c) => c.send(new PutUserPolicyCommand({ UserName: 'nope', PolicyName: 'p', PolicyDocument: DOC })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['PutUserPolicy: malformed document', (c, f) => c.send(new PutUserPolicyCommand({ UserName: f.user, PolicyName: 'p', PolicyDocument: BAD })),
    { name: "MalformedPolicyDocumentException", status: 400, message: "Syntax errors in policy." }],
  ['GetGroupPolicy: no such policy', (c, f) => c.send(new GetGroupPolicyCommand({ GroupName: f.group, PolicyName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The group policy with name nope cannot be found." }],
  ['GetGroupPolicy: no such group', (c) => c.send(new GetGroupPolicyCommand({ GroupName: 'nope', PolicyName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The group with name nope cannot be found." }],
  ['GetRolePolicy: no such policy', (c, f) => c.send(new GetRolePolicyCommand({ RoleName: f.role, PolicyName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The role policy with name nope cannot be found." }],
  ['GetUserPolicy: no such policy', (c, f) => c.send(new GetUserPolicyCommand({ UserName: f.user, PolicyName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user policy with name nope cannot be found." }],
  ['DeleteGroupPolicy: no such policy', (c, f) => c.send(new DeleteGroupPolicyCommand({ GroupName: f.group, PolicyName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The group policy with name nope cannot be found." }],
  ['DeleteRolePolicy: no such policy', (c, f) => c.send(new DeleteRolePolicyCommand({ RoleName: f.role, PolicyName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The role policy with name nope cannot be found." }],
  ['DeleteUserPolicy: no such policy', (c, f) => c.send(new DeleteUserPolicyCommand({ UserName: f.user, PolicyName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user policy with name nope cannot be found." }],
  ['ListGroupPolicies: no such group', (c) => c.send(new ListGroupPoliciesCommand({ GroupName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The group with name nope cannot be found." }],
  ['ListRolePolicies: no such role', (c) => c.send(new ListRolePoliciesCommand({ RoleName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['ListUserPolicies: no such user', (c) => c.send(new ListUserPoliciesCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['ListGroupsForUser: no such user', (c) => c.send(new ListGroupsForUserCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  // AWS answers a non-member with success (localstack/localstack tests/aws/services/iam/test_iam_users.snapshot.json
  // TestUserGroups::test_user_group_membership, recorded 11-02-2026); an unknown group with an existing user names the group.
  ['RemoveUserFromGroup: no such group', (c, f) => c.send(new RemoveUserFromGroupCommand({ GroupName: 'nope', UserName: f.user })),
    { name: "NoSuchEntityException", status: 404, message: "The group with name nope cannot be found." }],
  ['UpdateGroup: no such group', (c) => c.send(new UpdateGroupCommand({ GroupName: 'nope', NewGroupName: 'nope2' })),
    { name: "NoSuchEntityException", status: 404, message: "The group with name nope cannot be found." }],
  ['UpdateUser: no such user', (c) => c.send(new UpdateUserCommand({ UserName: 'nope', NewUserName: 'nope2' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['UpdateUser: new name taken', (c, f) => c.send(new UpdateUserCommand({ UserName: f.user, NewUserName: f.user2 })),
    { name: "EntityAlreadyExistsException", status: 409, message: "User with name cov-user2 already exists." }],
  ['UpdateRole: no such role', (c) => c.send(new UpdateRoleCommand({ RoleName: 'nope', Description: 'x' })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['UpdateRoleDescription: no such role', (c) => c.send(new UpdateRoleDescriptionCommand({ RoleName: 'nope', Description: 'x' })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['UpdateAssumeRolePolicy: no such role', (c) => c.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'nope', PolicyDocument: TRUST })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['PutRolePermissionsBoundary: no such role', (c) => c.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'nope', PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['PutRolePermissionsBoundary: no such policy', (c, f) => c.send(new PutRolePermissionsBoundaryCommand({ RoleName: f.role, PermissionsBoundary: NOPOL })),
    { name: "NoSuchEntityException", status: 404, message: "Scope ARN: arn:aws:iam::000000000000:policy/nope does not exist or is not attachable." }],
  ['PutRolePermissionsBoundary: not a policy ARN', (c, f) => c.send(new PutRolePermissionsBoundaryCommand({ RoleName: f.role, PermissionsBoundary: 'arn:aws:iam::000000000000:role/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:role/x is not valid." }],
  ['PutUserPermissionsBoundary: not a policy ARN', (c, f) => c.send(new PutUserPermissionsBoundaryCommand({ UserName: f.user, PermissionsBoundary: 'arn:aws:iam::000000000000:role/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:role/x is not valid." }],
  ['DeleteRolePermissionsBoundary: no such role', (c) => c.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['DeleteUserPermissionsBoundary: no such user', (c) => c.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['TagUser: no such user', (c) => c.send(new TagUserCommand({ UserName: 'nope', Tags: [{ Key: 'a', Value: 'b' }] })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['UntagUser: no such user', (c) => c.send(new UntagUserCommand({ UserName: 'nope', TagKeys: ['a'] })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['ListUserTags: no such user', (c) => c.send(new ListUserTagsCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['TagRole: no such role', (c) => c.send(new TagRoleCommand({ RoleName: 'nope', Tags: [{ Key: 'a', Value: 'b' }] })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['UntagRole: no such role', (c) => c.send(new UntagRoleCommand({ RoleName: 'nope', TagKeys: ['a'] })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['TagInstanceProfile: no such profile', (c) => c.send(new TagInstanceProfileCommand({ InstanceProfileName: 'nope', Tags: [{ Key: 'a', Value: 'b' }] })),
    { name: "NoSuchEntityException", status: 404, message: "Instance Profile nope cannot be found." }],
  ['UntagInstanceProfile: no such profile', (c) => c.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'nope', TagKeys: ['a'] })),
    { name: "NoSuchEntityException", status: 404, message: "Instance Profile nope cannot be found." }],
  ['ListInstanceProfileTags: no such profile', (c) => c.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "Instance Profile nope cannot be found." }],
  ['DeleteInstanceProfile: no such profile', (c) => c.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "Instance Profile nope cannot be found." }],
  ['AddRoleToInstanceProfile: role already in it', (c, f) => c.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: f.profileWithRole, RoleName: f.role })),
    { name: "LimitExceededException", status: 409, message: "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1" }],
  ['RemoveRoleFromInstanceProfile: no such profile', (c, f) => c.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'nope', RoleName: f.role })),
    { name: "NoSuchEntityException", status: 404, message: "Instance Profile nope cannot be found." }],
  ['ListInstanceProfilesForRole: no such role', (c) => c.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The role with name nope cannot be found." }],
  ['CreateAccessKey: no such user', (c) => c.send(new CreateAccessKeyCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['UpdateAccessKey: no such key', (c, f) => c.send(new UpdateAccessKeyCommand({ UserName: f.user, AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' })),
    { name: "NoSuchEntityException", status: 404, message: "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found." }],
  ['DeleteAccessKey: no such user', (c) => c.send(new DeleteAccessKeyCommand({ UserName: 'nope', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['ListAccessKeys: no such user', (c) => c.send(new ListAccessKeysCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['DeleteLoginProfile: no password', (c, f) => c.send(new DeleteLoginProfileCommand({ UserName: f.user })),
    { name: "NoSuchEntityException", status: 404, message: "Login Profile for User cov-user cannot be found." }],
  ['DeleteLoginProfile: no such user', (c) => c.send(new DeleteLoginProfileCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['UpdateLoginProfile: no password', (c, f) => c.send(new UpdateLoginProfileCommand({ UserName: f.user, Password: 'Xx1!xxxxxxxx' })),
    { name: "NoSuchEntityException", status: 404, message: "Login Profile for User cov-user cannot be found." }],
];

documentedErrors('identities: documented errors', fixtures, cases);
