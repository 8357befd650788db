// Coverage of quotas and tag rules: LimitExceeded at AWS's quotas, InvalidInput for duplicate tag keys and bad inputs.
// Each documented error of these operations that can happen locally, through the real SDK, with the
// code, HTTP status and message iam-local gives (AWS's where documented). Fixtures are made once.
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  ListServerCertificatesCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  TagOpenIDConnectProviderCommand,
  TagRoleCommand,
  TagSAMLProviderCommand,
  TagServerCertificateCommand,
  UploadSSHPublicKeyCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from './helpers/server.js';
import { documentedErrors, type ErrorCase, type Fixtures } from './helpers/error-cases.js';
import { selfSignedCert, sshKeyPair } from './helpers/pki.js';

const ACCT = '000000000000';
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const DUP = [{ Key: 'env', Value: 'a' }, { Key: 'ENV', Value: 'b' }];


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

  f.oidc = (await c.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://cov.example.com', ClientIDList: ['a'], ThumbprintList: ['b'.repeat(40)] }))).OpenIDConnectProviderArn!;

  f.samlMetadata = await (await fetch(`${t.url}/_iam/saml/metadata`)).text();

  f.saml = (await c.send(new CreateSAMLProviderCommand({ Name: 'CovIdP', SAMLMetadataDocument: f.samlMetadata }))).SAMLProviderArn!;

  const pair = selfSignedCert('a.example.com');
  f.certBody = pair.cert;
  f.certKey = pair.key;

  f.cert1 = 'cov-cert-1';
  await c.send(new UploadServerCertificateCommand({ ServerCertificateName: f.cert1, CertificateBody: f.certBody, PrivateKey: f.certKey }));

  f.sshKey = sshKeyPair().publicKey;

  for (let i = 0; i < 5; i++) f[`ssh${i}`] = sshKeyPair().publicKey;

  return f;
}

const cases: ErrorCase[] = [
  ['CreateUser: duplicate tag keys', (c) => c.send(new CreateUserCommand({ UserName: 'dup-tags', Tags: DUP })),
    { name: "InvalidInputException", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive." }],
  ['CreateRole: duplicate tag keys', (c) => c.send(new CreateRoleCommand({ RoleName: 'dup-tags', AssumeRolePolicyDocument: TRUST, Tags: DUP })),
    { name: "InvalidInputException", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive." }],
  ['CreateInstanceProfile: duplicate tag keys', (c) => c.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'dup-tags', Tags: DUP })),
    { name: "InvalidInputException", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive." }],
  ['CreateVirtualMFADevice: duplicate tag keys', (c) => c.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dup-tags', Tags: DUP })),
    { name: "InvalidInputException", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive." }],
  ['TagRole: duplicate tag keys', (c, f) => c.send(new TagRoleCommand({ RoleName: f.role, Tags: DUP })),
    { name: "InvalidInputException", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive." }],
  ['TagOpenIDConnectProvider: duplicate tag keys', (c, f) => c.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: f.oidc, Tags: DUP })),
    { name: "InvalidInputException", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive." }],
  ['TagSAMLProvider: duplicate tag keys', (c, f) => c.send(new TagSAMLProviderCommand({ SAMLProviderArn: f.saml, Tags: DUP })),
    { name: "InvalidInputException", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive." }],
  ['TagServerCertificate: duplicate tag keys', (c, f) => c.send(new TagServerCertificateCommand({ ServerCertificateName: f.cert1, Tags: DUP })),
    { name: "InvalidInputException", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive." }],
  ['PutUserPolicy: larger than 2,048 characters', (c, f) => c.send(new PutUserPolicyCommand({ UserName: f.user, PolicyName: 'big', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 70 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`) }] }) })),
    { name: "LimitExceededException", status: 409, message: "Maximum policy size of 2048 bytes exceeded for user cov-user" }],
  ['PutGroupPolicy: larger than 5,120 characters', (c, f) => c.send(new PutGroupPolicyCommand({ GroupName: f.group, PolicyName: 'big', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 170 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`) }] }) })),
    { name: "LimitExceededException", status: 409, message: "Maximum policy size of 5120 bytes exceeded for group cov-group" }],
  ['UploadSSHPublicKey: a sixth key', async (c, f) => { for (let i = 0; i < 5; i++) await c.send(new UploadSSHPublicKeyCommand({ UserName: f.user2, SSHPublicKeyBody: f[`ssh${i}`] })); return c.send(new UploadSSHPublicKeyCommand({ UserName: f.user2, SSHPublicKeyBody: f.sshKey })); },
    { name: "LimitExceededException", status: 409, message: "Cannot exceed quota for SSHPublicKeysPerUser: 5" }],
  ['CreateOpenIDConnectProvider: a 101st provider', async (c) => { for (let i = 1; i < 100; i++) await c.send(new CreateOpenIDConnectProviderCommand({ Url: `https://idp${i}.example.com`, ClientIDList: ['a'] })); return c.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://idp-last.example.com', ClientIDList: ['a'] })); },
    { name: "LimitExceededException", status: 409, message: "Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100" }],
  ['AddClientIDToOpenIDConnectProvider: a 101st client id', async (c, f) => { for (let i = 1; i < 100; i++) await c.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: f.oidc, ClientID: `client-${i}` })); return c.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: f.oidc, ClientID: 'client-last' })); },
    { name: "LimitExceededException", status: 409, message: "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100" }],
  ['CreateSAMLProvider: a 101st provider', async (c, f) => { for (let i = 1; i < 100; i++) await c.send(new CreateSAMLProviderCommand({ Name: `Idp${i}`, SAMLMetadataDocument: f.samlMetadata })); return c.send(new CreateSAMLProviderCommand({ Name: 'IdpLast', SAMLMetadataDocument: f.samlMetadata })); },
    { name: "LimitExceededException", status: 409, message: "Cannot exceed quota for SamlProvidersPerAccount: 100" }],
  ['UploadServerCertificate: a 21st certificate', async (c, f) => { const have = (await c.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList!.length; for (let i = have; i < 20; i++) await c.send(new UploadServerCertificateCommand({ ServerCertificateName: `cert-${i}`, CertificateBody: f.certBody, PrivateKey: f.certKey })); return c.send(new UploadServerCertificateCommand({ ServerCertificateName: 'cert-last', CertificateBody: f.certBody, PrivateKey: f.certKey })); },
    { name: "LimitExceededException", status: 409, message: "Cannot exceed quota for ServerCertificatesPerAccount: 20" }],
  ['GetContextKeysForCustomPolicy: malformed document', (c) => c.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: ['{not json'] })),
    { name: "InvalidInputException", status: 400, message: "This policy contains invalid Json" }],
  ['GetContextKeysForPrincipalPolicy: not a principal ARN', (c) => c.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::000000000000:policy/x' })),
    { name: "InvalidInputException", status: 400, message: "Invalid ARN: arn:aws:iam::000000000000:policy/x is not a user, group or role ARN." }],
];

documentedErrors('limits: documented errors', fixtures, cases);
