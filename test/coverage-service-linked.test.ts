// Coverage of service-linked roles: the edits AWS refuses on a role only AWS may modify.
// Each documented error of these operations that can happen locally, through the real SDK, with the
// code, HTTP status and message iam-local gives (AWS's where documented). Fixtures are made once.
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from './helpers/server.js';
import { documentedErrors, type ErrorCase, type Fixtures } from './helpers/error-cases.js';

const ACCT = '000000000000';
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });


async function fixtures(t: TestServer): Promise<Fixtures> {
  const c = t.iam;
  const f: Fixtures = {};

  f.profile = 'cov-profile';
  await c.send(new CreateInstanceProfileCommand({ InstanceProfileName: f.profile }));

  f.slr = (await c.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' }))).Role!.RoleName!;

  return f;
}

const cases: ErrorCase[] = [
  ['AttachRolePolicy: service-linked role', (c, f) => c.send(new AttachRolePolicyCommand({ RoleName: f.slr, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    { name: "UnmodifiableEntityException", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS" }],
  ['DetachRolePolicy: service-linked role', (c, f) => c.send(new DetachRolePolicyCommand({ RoleName: f.slr, PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy' })),
    { name: "UnmodifiableEntityException", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS" }],
  ['DeleteRole: service-linked role', (c, f) => c.send(new DeleteRoleCommand({ RoleName: f.slr })),
    { name: "UnmodifiableEntityException", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS" }],
  ['PutRolePolicy: service-linked role', (c, f) => c.send(new PutRolePolicyCommand({ RoleName: f.slr, PolicyName: 'p', PolicyDocument: DOC })),
    { name: "UnmodifiableEntityException", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS" }],
  ['DeleteRolePolicy: service-linked role', (c, f) => c.send(new DeleteRolePolicyCommand({ RoleName: f.slr, PolicyName: 'p' })),
    { name: "UnmodifiableEntityException", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS" }],
  ['PutRolePermissionsBoundary: service-linked role', (c, f) => c.send(new PutRolePermissionsBoundaryCommand({ RoleName: f.slr, PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    { name: "UnmodifiableEntityException", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS" }],
  ['DeleteRolePermissionsBoundary: service-linked role', (c, f) => c.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: f.slr })),
    { name: "UnmodifiableEntityException", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS" }],
  ['UpdateAssumeRolePolicy: service-linked role', (c, f) => c.send(new UpdateAssumeRolePolicyCommand({ RoleName: f.slr, PolicyDocument: TRUST })),
    { name: "UnmodifiableEntityException", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS" }],
  ['AddRoleToInstanceProfile: service-linked role', (c, f) => c.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: f.profile, RoleName: f.slr })),
    { name: "UnmodifiableEntityException", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS" }],
];

documentedErrors('service-linked: documented errors', fixtures, cases);
