// Coverage of managed policies, their versions and tags.
// Each documented error of these operations that can happen locally, through the real SDK, with the
// code, HTTP status and message iam-local gives (AWS's where documented). Fixtures are made once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddRoleToInstanceProfileCommand,
  AssociateDelegationRequestCommand,
  CreateDelegationRequestCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetPolicyVersionCommand,
  ListEntitiesForPolicyCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  UploadServerCertificateCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';
import { selfSignedCert, sshKeyPair } from './helpers/pki.js';

type Fixtures = Record<string, string>;
type Expected = { name: string; status: number; message: string };
const ACCT = '000000000000';
const NOPOL = `arn:aws:iam::${ACCT}:policy/nope`;
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const BAD = '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}';
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const TAGS_A = Array.from({ length: 30 }, (_, i) => ({ Key: `a${i}`, Value: 'v' }));
const TAGS_B = Array.from({ length: 30 }, (_, i) => ({ Key: `b${i}`, Value: 'v' }));

let t: TestServer;
let f: Fixtures;
beforeAll(async () => {
  t = await startServer();
  f = await fixtures(t);
});
afterAll(() => t.close());

async function fixtures(t: TestServer): Promise<Record<string, string>> {
  const c = t.iam;
  const f: Record<string, string> = { user: 'cov-user', user2: 'cov-user2', group: 'cov-group', role: 'cov-role' };
  await c.send(new CreateUserCommand({ UserName: f.user }));
  await c.send(new CreateUserCommand({ UserName: f.user2 }));
  await c.send(new CreateGroupCommand({ GroupName: f.group }));
  await c.send(new CreateRoleCommand({ RoleName: f.role, AssumeRolePolicyDocument: TRUST }));
  f.profile = 'cov-profile';
  await c.send(new CreateInstanceProfileCommand({ InstanceProfileName: f.profile }));
  f.profileWithRole = 'cov-profile-role';
  await c.send(new CreateInstanceProfileCommand({ InstanceProfileName: f.profileWithRole }));
  await c.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: f.profileWithRole, RoleName: f.role }));
  f.policyName = 'cov-policy';
  f.policy = (await c.send(new CreatePolicyCommand({ PolicyName: f.policyName, PolicyDocument: DOC }))).Policy!.Arn!;
  f.slr = (await c.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' }))).Role!.RoleName!;
  f.oidc = (await c.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://cov.example.com', ClientIDList: ['a'], ThumbprintList: ['b'.repeat(40)] }))).OpenIDConnectProviderArn!;
  f.samlMetadata = await (await fetch(`${t.url}/_iam/saml/metadata`)).text();
  f.saml = (await c.send(new CreateSAMLProviderCommand({ Name: 'CovIdP', SAMLMetadataDocument: f.samlMetadata }))).SAMLProviderArn!;
  const a = selfSignedCert('a.example.com');
  f.certBody = a.cert;
  f.cert1 = 'cov-cert-1';
  f.cert2 = 'cov-cert-2';
  await c.send(new UploadServerCertificateCommand({ ServerCertificateName: f.cert1, CertificateBody: a.cert, PrivateKey: a.key }));
  await c.send(new UploadServerCertificateCommand({ ServerCertificateName: f.cert2, CertificateBody: a.cert, PrivateKey: a.key }));
  f.sshKey = sshKeyPair().publicKey;
  f.mfa = (await c.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'cov-mfa' }))).VirtualMFADevice!.SerialNumber!;
  const request = {
    Description: 'Partner needs read access',
    Permissions: { PolicyTemplateArn: 'arn:aws:iam::aws:policy-template/ReadOnly' },
    NotificationChannel: 'arn:aws:sns:us-east-1:111122223333:partner',
    SessionDuration: 3600,
  };
  f.unassignedRequest = (await c.send(new CreateDelegationRequestCommand({ ...request, RequestorWorkflowId: 'cov-1' }))).DelegationRequestId!;
  f.assignedRequest = (await c.send(new CreateDelegationRequestCommand({ ...request, RequestorWorkflowId: 'cov-2' }))).DelegationRequestId!;
  await c.send(new AssociateDelegationRequestCommand({ DelegationRequestId: f.assignedRequest }));
  return f;
}

const cases: [string, (c: IAMClient, f: Fixtures) => Promise<unknown>, Expected][] = [
  ['TagPolicy: more than 50 tags in all', async (c, f) => { await c.send(new TagPolicyCommand({ PolicyArn: f.policy, Tags: TAGS_A })); return c.send(new TagPolicyCommand({ PolicyArn: f.policy, Tags: TAGS_B })); },
    { name: "LimitExceededException", status: 409, message: "The number of tags has reached the maximum limit." }],
  ['CreatePolicy: name taken', (c, f) => c.send(new CreatePolicyCommand({ PolicyName: f.policyName, PolicyDocument: DOC })),
    { name: "EntityAlreadyExistsException", status: 409, message: "A policy called cov-policy already exists. Duplicate names are not allowed." }],
  ['CreatePolicyVersion: no such policy', (c) => c.send(new CreatePolicyVersionCommand({ PolicyArn: NOPOL, PolicyDocument: DOC })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope was not found." }],
  ['CreatePolicyVersion: malformed document', (c, f) => c.send(new CreatePolicyVersionCommand({ PolicyArn: f.policy, PolicyDocument: BAD })),
    { name: "MalformedPolicyDocumentException", status: 400, message: "The policy failed legacy parsing" }],
  ['CreatePolicyVersion: not a policy ARN', (c) => c.send(new CreatePolicyVersionCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x', PolicyDocument: DOC })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['CreatePolicyVersion: AWS managed policy', (c) => c.send(new CreatePolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', PolicyDocument: DOC })),
    { name: "AccessDenied", status: 403, message: "User: arn:aws:iam::000000000000:root is not authorized to perform: iam:CreatePolicyVersion on resource: policy arn:aws:iam::aws:policy/ReadOnlyAccess" }],
  ['DeletePolicy: no such policy', (c) => c.send(new DeletePolicyCommand({ PolicyArn: NOPOL })),
    { name: "NoSuchEntityException", status: 404, message: "Policy arn:aws:iam::000000000000:policy/nope was not found." }],
  ['DeletePolicy: not a policy ARN', (c) => c.send(new DeletePolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x' })),
    { name: "InvalidInputException", status: 400, message: "ARN arn:aws:iam::000000000000:user/x is not valid." }],
  ['DeletePolicy: AWS managed policy', (c) => c.send(new DeletePolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    { name: "AccessDenied", status: 403, message: "User: arn:aws:iam::000000000000:root is not authorized to perform: iam:DeletePolicy on resource: policy arn:aws:iam::aws:policy/ReadOnlyAccess" }],
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

describe('policies: documented errors', () => {
  it.each(cases)('%s', async (_label, call, expected) => {
    expect(await sdkError(call(t.iam, f))).toEqual(expected);
  });
});
