// Response shapes of signing certificates, SSH public keys and server certificates, key for key as
// recorded against AWS. Certificates and keys are made here (openssl, ssh-keygen) and must come
// back byte for byte.
import type { ConformanceCase } from '../types.js';
import { ls } from '../fixtures-shapes.js';
import { selfSignedCert, sshKeyPair } from '../../helpers/pki.js';

const signing = (test: string, date: string) => ls('iam/test_iam_signing_certificates', `test_iam_signing_certificates.py::${test}`, date);
const ssh = (test: string) => ls('iam/test_iam_ssh_public_keys', `test_iam_ssh_public_keys.py::${test}`, '13-02-2026');
const server = (test: string) => ls('iam/test_iam_server_certificates', `test_iam_server_certificates.py::${test}`, '17-02-2026');

// Trimmed: whether IAM keeps a body's final newline is another case's concern (certificate bodies byte for byte).
const made = selfSignedCert('conformance.example.com', 3650);
const cert = made.cert.trim();
const key = made.key;
const chain = selfSignedCert('conformance-ca.example.com', 3650).cert.trim();
const { publicKey } = sshKeyPair(2048);
const serverMeta = (name: string, path = '/') => ({
  Arn: `arn:aws:iam::{{account}}:server-certificate${path}${name}`,
  Expiration: '<datetime>',
  Path: path,
  ServerCertificateId: '<any>',
  ServerCertificateName: name,
  UploadDate: '<datetime>',
});

export const cases: ConformanceCase[] = [
  {
    id: 'shape/signing-certificates/lifecycle',
    source: signing('TestSigningCertificate::test_signing_certificate_lifecycle', '05-03-2026'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      {
        action: 'UploadSigningCertificate',
        params: { UserName: 'u1', CertificateBody: cert },
        expect: { result: { Certificate: { CertificateBody: cert, CertificateId: '<any>', Status: 'Active', UploadDate: '<datetime>', UserName: 'u1' } } },
        save: { id: 'Certificate.CertificateId' },
      },
      {
        action: 'ListSigningCertificates',
        params: { UserName: 'u1' },
        expect: { result: { Certificates: [{ CertificateBody: cert, CertificateId: '{{id}}', Status: 'Active', UploadDate: '<datetime>', UserName: 'u1' }], IsTruncated: false } },
      },
      { action: 'UpdateSigningCertificate', params: { UserName: 'u1', CertificateId: '{{id}}', Status: 'Inactive' }, expect: { result: {} } },
      {
        action: 'ListSigningCertificates',
        params: { UserName: 'u1' },
        expect: { result: { Certificates: [{ CertificateBody: cert, CertificateId: '{{id}}', Status: 'Inactive', UploadDate: '<datetime>', UserName: 'u1' }], IsTruncated: false } },
      },
      { action: 'DeleteSigningCertificate', params: { UserName: 'u1', CertificateId: '{{id}}' }, expect: { result: {} } },
      { action: 'ListSigningCertificates', params: { UserName: 'u1' }, expect: { result: { Certificates: [], IsTruncated: false } } },
    ],
  },
  {
    id: 'shape/ssh-public-keys/upload-get',
    source: ssh('TestSSHPublicKeys::test_get_ssh_public_key'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      {
        action: 'UploadSSHPublicKey',
        params: { UserName: 'u1', SSHPublicKeyBody: publicKey },
        expect: { result: { SSHPublicKey: { Fingerprint: '<any>', SSHPublicKeyBody: publicKey, SSHPublicKeyId: '<any>', Status: 'Active', UploadDate: '<datetime>', UserName: 'u1' } } },
        save: { id: 'SSHPublicKey.SSHPublicKeyId' },
      },
      {
        action: 'GetSSHPublicKey',
        params: { UserName: 'u1', SSHPublicKeyId: '{{id}}', Encoding: 'SSH' },
        expect: { result: { SSHPublicKey: { Fingerprint: '<any>', SSHPublicKeyBody: publicKey, SSHPublicKeyId: '{{id}}', Status: 'Active', UploadDate: '<datetime>', UserName: 'u1' } } },
      },
    ],
  },
  {
    id: 'shape/ssh-public-keys/list-update-delete',
    source: ssh('TestSSHPublicKeys::test_list_ssh_public_keys') + '; test_update_ssh_public_key; test_delete_ssh_public_key',
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'ListSSHPublicKeys', params: { UserName: 'u1' }, expect: { result: { IsTruncated: false, SSHPublicKeys: [] } } },
      { action: 'UploadSSHPublicKey', params: { UserName: 'u1', SSHPublicKeyBody: publicKey }, save: { id: 'SSHPublicKey.SSHPublicKeyId' } },
      {
        action: 'ListSSHPublicKeys',
        params: { UserName: 'u1' },
        expect: { result: { IsTruncated: false, SSHPublicKeys: [{ SSHPublicKeyId: '{{id}}', Status: 'Active', UploadDate: '<datetime>', UserName: 'u1' }] } },
      },
      { action: 'UpdateSSHPublicKey', params: { UserName: 'u1', SSHPublicKeyId: '{{id}}', Status: 'Inactive' }, expect: { result: {} } },
      {
        action: 'GetSSHPublicKey',
        params: { UserName: 'u1', SSHPublicKeyId: '{{id}}', Encoding: 'SSH' },
        expect: { result: { SSHPublicKey: { Fingerprint: '<any>', SSHPublicKeyBody: publicKey, SSHPublicKeyId: '{{id}}', Status: 'Inactive', UploadDate: '<datetime>', UserName: 'u1' } } },
      },
      { action: 'DeleteSSHPublicKey', params: { UserName: 'u1', SSHPublicKeyId: '{{id}}' }, expect: { result: {} } },
      { action: 'ListSSHPublicKeys', params: { UserName: 'u1' }, expect: { result: { IsTruncated: false, SSHPublicKeys: [] } } },
    ],
  },
  {
    id: 'shape/server-certificates/lifecycle',
    source: server('TestServerCertificate::test_server_certificate_lifecycle[/test-path/]'),
    steps: [
      {
        action: 'UploadServerCertificate',
        params: { ServerCertificateName: 'sc1', Path: '/test-path/', CertificateBody: cert, PrivateKey: key },
        expect: { result: { ServerCertificateMetadata: serverMeta('sc1', '/test-path/') } },
      },
      {
        action: 'ListServerCertificates',
        expect: { result: { IsTruncated: false, ServerCertificateMetadataList: [serverMeta('sc1', '/test-path/')] } },
      },
      {
        action: 'ListServerCertificates',
        params: { PathPrefix: '/test-path/' },
        expect: { result: { IsTruncated: false, ServerCertificateMetadataList: [serverMeta('sc1', '/test-path/')] } },
      },
      {
        action: 'GetServerCertificate',
        params: { ServerCertificateName: 'sc1' },
        expect: { result: { ServerCertificate: { CertificateBody: cert, ServerCertificateMetadata: serverMeta('sc1', '/test-path/'), Tags: [] } } },
      },
      { action: 'DeleteServerCertificate', params: { ServerCertificateName: 'sc1' }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/server-certificates/with-chain',
    source: server('TestServerCertificate::test_server_certificate_with_chain'),
    steps: [
      {
        action: 'UploadServerCertificate',
        params: { ServerCertificateName: 'sc1', CertificateBody: cert, PrivateKey: key, CertificateChain: chain },
        expect: { result: { ServerCertificateMetadata: serverMeta('sc1') } },
      },
      {
        action: 'GetServerCertificate',
        params: { ServerCertificateName: 'sc1' },
        expect: { result: { ServerCertificate: { CertificateBody: cert, CertificateChain: chain, ServerCertificateMetadata: serverMeta('sc1'), Tags: [] } } },
      },
    ],
  },
];
