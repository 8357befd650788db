// Coverage of managed policies, their versions and tags.
// Each documented error of these operations that can happen locally, through the real SDK, with the
// code, HTTP status and message iam-local gives (AWS's where documented). Fixtures are made once.
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetPolicyVersionCommand,
  ListEntitiesForPolicyCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from './helpers/server.js';
import { documentedErrors, type ErrorCase, type Fixtures, TAGS_A, TAGS_B } from './helpers/error-cases.js';

const ACCT = '000000000000';
const NOPOL = `arn:aws:iam::${ACCT}:policy/nope`;
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
// An Effect that is neither Allow nor Deny is a syntax error (recorded: localstack/localstack
// tests/aws/services/iam/test_iam_policies.snapshot.json test_create_policy_invalid_document[invalid-10], 18-02-2026).
const BAD = '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}';


async function fixtures(t: TestServer): Promise<Fixtures> {
  const c = t.iam;
  const f: Fixtures = {};

  f.policyName = 'cov-policy';
  f.policy = (await c.send(new CreatePolicyCommand({ PolicyName: f.policyName, PolicyDocument: DOC }))).Policy!.Arn!;

  return f;
}

const cases: ErrorCase[] = [
  ['TagPolicy: more than 50 tags in all', async (c, f) => { await c.send(new TagPolicyCommand({ PolicyArn: f.policy, Tags: TAGS_A })); return c.send(new TagPolicyCommand({ PolicyArn: f.policy, Tags: TAGS_B })); },
    { name: "LimitExceededException", status: 409, message: "The number of tags has reached the maximum limit." }],
  ['CreatePolicy: name taken', (c, f) => c.send(new CreatePolicyCommand({ PolicyName: f.policyName, PolicyDocument: DOC })),
    { name: "EntityAlreadyExistsException", status: 409, message: "A policy called cov-policy already exists. Duplicate names are not allowed." }],
  ['CreatePolicyVersion: no such policy', (c) => c.send(new CreatePolicyVersionCommand({ PolicyArn: NOPOL, PolicyDocument: DOC })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope was not found." }],
  ['CreatePolicyVersion: malformed document', (c, f) => c.send(new CreatePolicyVersionCommand({ PolicyArn: f.policy, PolicyDocument: BAD })),
    { name: "MalformedPolicyDocumentException", status: 400, message: "Syntax errors in policy." }],
  ['CreatePolicyVersion: not a policy ARN', (c) => c.send(new CreatePolicyVersionCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x', PolicyDocument: DOC })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['CreatePolicyVersion: AWS managed policy', (c) => c.send(new CreatePolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', PolicyDocument: DOC })),
    { name: "AccessDenied", status: 403, message: "User: arn:aws:iam::000000000000:root is not authorized to perform: iam:CreatePolicyVersion on resource: policy arn:aws:iam::aws:policy/ReadOnlyAccess" }],
  ['DeletePolicy: no such policy', (c) => c.send(new DeletePolicyCommand({ PolicyArn: NOPOL })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope was not found." }],
  ['DeletePolicy: not a policy ARN', (c) => c.send(new DeletePolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['DeletePolicy: AWS managed policy', (c) => c.send(new DeletePolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    // unconfirmed: the message issue #21 states for AWS (no public recording found)
    { name: "AccessDenied", status: 403, message: "Cannot delete policies outside your own account." }],
  ['DeletePolicyVersion: no such version', (c, f) => c.send(new DeletePolicyVersionCommand({ PolicyArn: f.policy, VersionId: 'v9' })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/cov-policy version v9 does not exist or is not attachable." }],
  ['DeletePolicyVersion: no such policy', (c) => c.send(new DeletePolicyVersionCommand({ PolicyArn: NOPOL, VersionId: 'v1' })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope was not found." }],
  ['DeletePolicyVersion: not a policy ARN', (c) => c.send(new DeletePolicyVersionCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x', VersionId: 'v1' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['GetPolicyVersion: not a policy ARN', (c) => c.send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x', VersionId: 'v1' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['ListPolicyVersions: no such policy', (c) => c.send(new ListPolicyVersionsCommand({ PolicyArn: NOPOL })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope was not found." }],
  ['ListPolicyVersions: not a policy ARN', (c) => c.send(new ListPolicyVersionsCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['SetDefaultPolicyVersion: not a policy ARN', (c) => c.send(new SetDefaultPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x', VersionId: 'v1' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['ListEntitiesForPolicy: not a policy ARN', (c) => c.send(new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['TagPolicy: no such policy', (c) => c.send(new TagPolicyCommand({ PolicyArn: NOPOL, Tags: [{ Key: 'a', Value: 'b' }] })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope was not found." }],
  ['UntagPolicy: no such policy', (c) => c.send(new UntagPolicyCommand({ PolicyArn: NOPOL, TagKeys: ['a'] })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope was not found." }],
  ['UntagPolicy: not a policy ARN', (c) => c.send(new UntagPolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x', TagKeys: ['a'] })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['ListPolicyTags: no such policy', (c) => c.send(new ListPolicyTagsCommand({ PolicyArn: NOPOL })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope was not found." }],
  ['ListPolicyTags: not a policy ARN', (c) => c.send(new ListPolicyTagsCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
];

documentedErrors('policies: documented errors', fixtures, cases);
