// Coverage of identity providers, certificates, SSH keys, service-specific credentials and MFA tags.
// Each documented error of these operations that can happen locally, through the real SDK, with the
// code, HTTP status and message iam-local gives (AWS's where documented). Fixtures are made once.
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  CreateSAMLProviderCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteSSHPublicKeyCommand,
  DeleteServerCertificateCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  GetOpenIDConnectProviderCommand,
  GetSAMLProviderCommand,
  GetSSHPublicKeyCommand,
  ListMFADevicesCommand,
  ListOpenIDConnectProviderTagsCommand,
  ListSAMLProviderTagsCommand,
  ListSSHPublicKeysCommand,
  ListServerCertificateTagsCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  ResetServiceSpecificCredentialCommand,
  TagMFADeviceCommand,
  TagOpenIDConnectProviderCommand,
  TagSAMLProviderCommand,
  TagServerCertificateCommand,
  UntagMFADeviceCommand,
  UntagOpenIDConnectProviderCommand,
  UntagSAMLProviderCommand,
  UntagServerCertificateCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  UpdateSAMLProviderCommand,
  UpdateSSHPublicKeyCommand,
  UpdateServerCertificateCommand,
  UpdateServiceSpecificCredentialCommand,
  UpdateSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
  UploadServerCertificateCommand,
  UploadSigningCertificateCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from './helpers/server.js';
import { documentedErrors, type ErrorCase, type Fixtures, TAGS_A, TAGS_B } from './helpers/error-cases.js';
import { selfSignedCert, sshKeyPair } from './helpers/pki.js';

const ACCT = '000000000000';
const OIDC = `arn:aws:iam::${ACCT}:oidc-provider/nope.example.com`;
const SAML = `arn:aws:iam::${ACCT}:saml-provider/Nope`;


async function fixtures(t: TestServer): Promise<Fixtures> {
  const c = t.iam;
  const f: Fixtures = {};

  f.user = 'cov-user';
  await c.send(new CreateUserCommand({ UserName: f.user }));

  f.oidc = (await c.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://cov.example.com', ClientIDList: ['a'], ThumbprintList: ['b'.repeat(40)] }))).OpenIDConnectProviderArn!;

  f.samlMetadata = await (await fetch(`${t.url}/_iam/saml/metadata`)).text();

  f.saml = (await c.send(new CreateSAMLProviderCommand({ Name: 'CovIdP', SAMLMetadataDocument: f.samlMetadata }))).SAMLProviderArn!;

  const pair = selfSignedCert('a.example.com');
  f.certBody = pair.cert;
  f.certKey = pair.key;

  f.cert1 = 'cov-cert-1';
  await c.send(new UploadServerCertificateCommand({ ServerCertificateName: f.cert1, CertificateBody: f.certBody, PrivateKey: f.certKey }));

  f.cert2 = 'cov-cert-2';
  await c.send(new UploadServerCertificateCommand({ ServerCertificateName: f.cert2, CertificateBody: f.certBody, PrivateKey: f.certKey }));

  f.sshKey = sshKeyPair().publicKey;

  return f;
}

const cases: ErrorCase[] = [
  ['TagOpenIDConnectProvider: more than 50 tags in all', async (c, f) => { await c.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: f.oidc, Tags: TAGS_A })); return c.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: f.oidc, Tags: TAGS_B })); },
    { name: "LimitExceededException", status: 409, message: "The number of tags has reached the maximum limit." }],
  ['TagSAMLProvider: more than 50 tags in all', async (c, f) => { await c.send(new TagSAMLProviderCommand({ SAMLProviderArn: f.saml, Tags: TAGS_A })); return c.send(new TagSAMLProviderCommand({ SAMLProviderArn: f.saml, Tags: TAGS_B })); },
    { name: "LimitExceededException", status: 409, message: "The number of tags has reached the maximum limit." }],
  ['TagServerCertificate: more than 50 tags in all', async (c, f) => { await c.send(new TagServerCertificateCommand({ ServerCertificateName: f.cert1, Tags: TAGS_A })); return c.send(new TagServerCertificateCommand({ ServerCertificateName: f.cert1, Tags: TAGS_B })); },
    { name: "LimitExceededException", status: 409, message: "The number of tags has reached the maximum limit." }],
  ['AddClientIDToOpenIDConnectProvider: no such provider', (c) => c.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC, ClientID: 'x' })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:oidc-provider/nope.example.com" }],
  ['AddClientIDToOpenIDConnectProvider: not an OIDC ARN', (c) => c.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::000000000000:user/x', ClientID: 'x' })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:user/x" }],
  ['RemoveClientIDFromOpenIDConnectProvider: no such provider', (c) => c.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC, ClientID: 'x' })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:oidc-provider/nope.example.com" }],
  ['RemoveClientIDFromOpenIDConnectProvider: not an OIDC ARN', (c) => c.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::000000000000:user/x', ClientID: 'x' })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:user/x" }],
  ['UpdateOpenIDConnectProviderThumbprint: no such provider', (c) => c.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: OIDC, ThumbprintList: ['a'.repeat(40)] })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:oidc-provider/nope.example.com" }],
  ['UpdateOpenIDConnectProviderThumbprint: not an OIDC ARN', (c) => c.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::000000000000:user/x', ThumbprintList: ['a'.repeat(40)] })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:user/x" }],
  ['GetOpenIDConnectProvider: not an OIDC ARN', (c) => c.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::000000000000:user/x' })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:user/x" }],
  ['TagOpenIDConnectProvider: no such provider', (c) => c.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC, Tags: [{ Key: 'a', Value: 'b' }] })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:oidc-provider/nope.example.com" }],
  ['UntagOpenIDConnectProvider: no such provider', (c) => c.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC, TagKeys: ['a'] })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:oidc-provider/nope.example.com" }],
  ['ListOpenIDConnectProviderTags: not an OIDC ARN', (c) => c.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::000000000000:user/x' })),
    { name: "NoSuchEntityException", status: 404, message: "OpenIDConnect Provider not found for arn arn:aws:iam::000000000000:user/x" }],
  ['GetSAMLProvider: not a SAML ARN', (c) => c.send(new GetSAMLProviderCommand({ SAMLProviderArn: 'arn:aws:iam::000000000000:user/xxxxxxxxxxxx' })),
    { name: "NoSuchEntityException", status: 404, message: "Manifest not found for arn arn:aws:iam::000000000000:user/xxxxxxxxxxxx" }],
  ['UpdateSAMLProvider: no such provider', (c, f) => c.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: SAML, SAMLMetadataDocument: f.samlMetadata })),
    { name: "NoSuchEntityException", status: 404, message: "Manifest not found for arn arn:aws:iam::000000000000:saml-provider/Nope" }],
  ['TagSAMLProvider: no such provider', (c) => c.send(new TagSAMLProviderCommand({ SAMLProviderArn: SAML, Tags: [{ Key: 'a', Value: 'b' }] })),
    { name: "NoSuchEntityException", status: 404, message: "Manifest not found for arn arn:aws:iam::000000000000:saml-provider/Nope" }],
  ['UntagSAMLProvider: no such provider', (c) => c.send(new UntagSAMLProviderCommand({ SAMLProviderArn: SAML, TagKeys: ['a'] })),
    { name: "NoSuchEntityException", status: 404, message: "Manifest not found for arn arn:aws:iam::000000000000:saml-provider/Nope" }],
  ['ListSAMLProviderTags: no such provider', (c) => c.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: SAML })),
    { name: "NoSuchEntityException", status: 404, message: "Manifest not found for arn arn:aws:iam::000000000000:saml-provider/Nope" }],
  ['DeleteServerCertificate: no such certificate', (c) => c.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The Server Certificate with name nope cannot be found." }],
  ['UpdateServerCertificate: no such certificate', (c) => c.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'nope', NewServerCertificateName: 'nope2' })),
    { name: "NoSuchEntityException", status: 404, message: "The Server Certificate with name nope cannot be found." }],
  ['UpdateServerCertificate: new name taken', (c, f) => c.send(new UpdateServerCertificateCommand({ ServerCertificateName: f.cert1, NewServerCertificateName: f.cert2 })),
    { name: "EntityAlreadyExistsException", status: 409, message: "The Server Certificate with name cov-cert-2 already exists." }],
  ['TagServerCertificate: no such certificate', (c) => c.send(new TagServerCertificateCommand({ ServerCertificateName: 'nope', Tags: [{ Key: 'a', Value: 'b' }] })),
    { name: "NoSuchEntityException", status: 404, message: "The Server Certificate with name nope cannot be found." }],
  ['UntagServerCertificate: no such certificate', (c) => c.send(new UntagServerCertificateCommand({ ServerCertificateName: 'nope', TagKeys: ['a'] })),
    { name: "NoSuchEntityException", status: 404, message: "The Server Certificate with name nope cannot be found." }],
  ['ListServerCertificateTags: no such certificate', (c) => c.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The Server Certificate with name nope cannot be found." }],
  ['UploadSigningCertificate: no such user', (c, f) => c.send(new UploadSigningCertificateCommand({ UserName: 'nope', CertificateBody: f.certBody })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['UploadSigningCertificate: not a certificate', (c, f) => c.send(new UploadSigningCertificateCommand({ UserName: f.user, CertificateBody: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' })),
    // AWS quotes the body (test_iam_signing_certificates.snapshot.json test_signing_certificate_errors, recorded 17-02-2026)
    { name: "MalformedCertificateException", status: 400, message: "Certificate -----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE----- is malformed." }],
  ['UpdateSigningCertificate: no such certificate', (c, f) => c.send(new UpdateSigningCertificateCommand({ UserName: f.user, CertificateId: 'A'.repeat(32), Status: 'Inactive' })),
    { name: "NoSuchEntityException", status: 404, message: "The Certificate with id AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA cannot be found." }],
  ['DeleteSigningCertificate: no such certificate', (c, f) => c.send(new DeleteSigningCertificateCommand({ UserName: f.user, CertificateId: 'A'.repeat(32) })),
    { name: "NoSuchEntityException", status: 404, message: "The Certificate with id AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA cannot be found." }],
  ['ListSigningCertificates: no such user', (c) => c.send(new ListSigningCertificatesCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['UploadSSHPublicKey: no such user', (c, f) => c.send(new UploadSSHPublicKeyCommand({ UserName: 'nope', SSHPublicKeyBody: f.sshKey })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['UpdateSSHPublicKey: no such key', (c, f) => c.send(new UpdateSSHPublicKeyCommand({ UserName: f.user, SSHPublicKeyId: 'APKAEIBAERJR2EXAMPLE', Status: 'Inactive' })),
    { name: "NoSuchEntityException", status: 404, message: "The Public Key with id APKAEIBAERJR2EXAMPLE cannot be found." }],
  ['DeleteSSHPublicKey: no such key', (c, f) => c.send(new DeleteSSHPublicKeyCommand({ UserName: f.user, SSHPublicKeyId: 'APKAEIBAERJR2EXAMPLE' })),
    { name: "NoSuchEntityException", status: 404, message: "The Public Key with id APKAEIBAERJR2EXAMPLE cannot be found." }],
  ['GetSSHPublicKey: no such key', (c, f) => c.send(new GetSSHPublicKeyCommand({ UserName: f.user, SSHPublicKeyId: 'APKAEIBAERJR2EXAMPLE', Encoding: 'SSH' })),
    { name: "NoSuchEntityException", status: 404, message: "The Public Key with id APKAEIBAERJR2EXAMPLE cannot be found." }],
  ['ListSSHPublicKeys: no such user', (c) => c.send(new ListSSHPublicKeysCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['CreateServiceSpecificCredential: no such user', (c) => c.send(new CreateServiceSpecificCredentialCommand({ UserName: 'nope', ServiceName: 'codecommit.amazonaws.com' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['UpdateServiceSpecificCredential: no such credential', (c, f) => c.send(new UpdateServiceSpecificCredentialCommand({ UserName: f.user, ServiceSpecificCredentialId: 'ACCAEXAMPLE123EXAMPLE', Status: 'Inactive' })),
    { name: "NoSuchEntityException", status: 404, message: "No such credential ACCAEXAMPLE123EXAMPLE exists" }],
  ['DeleteServiceSpecificCredential: no such credential', (c, f) => c.send(new DeleteServiceSpecificCredentialCommand({ UserName: f.user, ServiceSpecificCredentialId: 'ACCAEXAMPLE123EXAMPLE' })),
    { name: "NoSuchEntityException", status: 404, message: "No such credential ACCAEXAMPLE123EXAMPLE exists" }],
  ['ResetServiceSpecificCredential: no such credential', (c, f) => c.send(new ResetServiceSpecificCredentialCommand({ UserName: f.user, ServiceSpecificCredentialId: 'ACCAEXAMPLE123EXAMPLE' })),
    { name: "NoSuchEntityException", status: 404, message: "No such credential ACCAEXAMPLE123EXAMPLE exists" }],
  ['ListServiceSpecificCredentials: no such user', (c) => c.send(new ListServiceSpecificCredentialsCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
  ['TagMFADevice: no such device', (c) => c.send(new TagMFADeviceCommand({ SerialNumber: 'arn:aws:iam::000000000000:mfa/nope', Tags: [{ Key: 'a', Value: 'b' }] })),
    { name: "NoSuchEntityException", status: 404, message: "MFA Device with serial number arn:aws:iam::000000000000:mfa/nope does not exist." }],
  ['UntagMFADevice: no such device', (c) => c.send(new UntagMFADeviceCommand({ SerialNumber: 'arn:aws:iam::000000000000:mfa/nope', TagKeys: ['a'] })),
    { name: "NoSuchEntityException", status: 404, message: "MFA Device with serial number arn:aws:iam::000000000000:mfa/nope does not exist." }],
  ['ListMFADevices: no such user', (c) => c.send(new ListMFADevicesCommand({ UserName: 'nope' })),
    { name: "NoSuchEntityException", status: 404, message: "The user with name nope cannot be found." }],
];

documentedErrors('credentials: documented errors', fixtures, cases);
