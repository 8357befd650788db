// Coverage of InvalidInput and NoSuchEntity for inputs the model accepts but the operation refuses (providers, SAML keys, access reports, service-linked role tasks).
// Each documented error of these operations that can happen locally, through the real SDK, with the
// code, HTTP status and message iam-local gives (AWS's where documented). Fixtures are made once.
import {
  CreateOpenIDConnectProviderCommand,
  CreateSAMLProviderCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from './helpers/server.js';
import { documentedErrors, type ErrorCase, type Fixtures } from './helpers/error-cases.js';

const ACCT = '000000000000';


async function fixtures(t: TestServer): Promise<Fixtures> {
  const c = t.iam;
  const f: Fixtures = {};

  f.user = 'cov-user';
  await c.send(new CreateUserCommand({ UserName: f.user }));

  f.oidc = (await c.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://cov.example.com', ClientIDList: ['a'], ThumbprintList: ['b'.repeat(40)] }))).OpenIDConnectProviderArn!;

  f.samlMetadata = await (await fetch(`${t.url}/_iam/saml/metadata`)).text();

  f.saml = (await c.send(new CreateSAMLProviderCommand({ Name: 'CovIdP', SAMLMetadataDocument: f.samlMetadata }))).SAMLProviderArn!;

  f.accessJob = (await c.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::000000000000:user/${f.user}` }))).JobId!;

  return f;
}

const cases: ErrorCase[] = [
  ['UpdateOpenIDConnectProviderThumbprint: not a hex fingerprint', (c, f) => c.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: f.oidc, ThumbprintList: ['z'.repeat(40)] })),
    { name: "InvalidInputException", status: 400, message: "Thumbprint zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz is not a 40-character hex SHA-1 fingerprint." }],
  ['CreateOpenIDConnectProvider: not an https URL', (c) => c.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://plain.example.com', ClientIDList: ['a'] })),
    { name: "InvalidInputException", status: 400, message: "Invalid Openid Connect Provider URL." }],
  ['UpdateSAMLProvider: a private key that is not PEM', (c, f) => c.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: f.saml, AddPrivateKey: 'x'.repeat(64) })),
    { name: "InvalidInputException", status: 400, message: "The private key is not a valid PEM-encoded private key." }],
  ['UpdateSAMLProvider: removing a key it does not have', (c, f) => c.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: f.saml, RemovePrivateKey: 'KEY' + 'A'.repeat(20) })),
    { name: "InvalidInputException", status: 400, message: "The private key KEYAAAAAAAAAAAAAAAAAAAA does not exist for this SAML provider." }],
  ['GetServiceLastAccessedDetails: unknown job', (c) => c.send(new GetServiceLastAccessedDetailsCommand({ JobId: '00000000-0000-0000-0000-000000000000' })),
    { name: "NoSuchEntityException", status: 404, message: "No job found with JobId 00000000-0000-0000-0000-000000000000." }],
  ['GetServiceLastAccessedDetails: bad marker', (c, f) => c.send(new GetServiceLastAccessedDetailsCommand({ JobId: f.accessJob, Marker: 'garbage' })),
    { name: "InvalidInputException", status: 400, message: "Invalid Marker." }],
  ['GetServiceLastAccessedDetailsWithEntities: bad marker', (c, f) => c.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: f.accessJob, ServiceNamespace: 'iam', Marker: 'garbage' })),
    { name: "InvalidInputException", status: 400, message: "Invalid Marker." }],
  ['CreateServiceLinkedRole: not a service principal', (c) => c.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'not a service' })),
    { name: "ValidationError", status: 400, message: "1 validation error detected: Value at 'aWSServiceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+" }],
  ['GetServiceLinkedRoleDeletionStatus: not a task id', (c) => c.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'task/aws-service-role/x' })),
    { name: "InvalidInputException", status: 400, message: "Invalid deletion task id: task/aws-service-role/x" }],
];

documentedErrors('inputs: documented errors', fixtures, cases);
