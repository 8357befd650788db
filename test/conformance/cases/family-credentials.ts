// Signing certificates, server certificates, SSH public keys, password policy, SAML providers and the
// credential report: messages, quota names and bodies as recorded against AWS.
import { selfSignedCert } from '../../helpers/pki.js';
import type { ConformanceCase } from '../types.js';
import { createUser, err, exists, limit, notFound, noUser, recorded } from '../fid-common.js';

const SC = (test: string, date = '17-02-2026') => recorded('test_iam_signing_certificates', `TestSigningCertificate::${test}`, date);
const SRV = (test: string) => recorded('test_iam_server_certificates', `TestServerCertificate::${test}`, '17-02-2026');
const SSH = (test: string) => recorded('test_iam_ssh_public_keys', `TestSSHPublicKeys::${test}`, '13-02-2026');
const PP = (test: string) => recorded('test_iam_account_password_policy', `TestAccountPasswordPolicy::${test}`, '13-02-2026');
const SAML = (test: string) => recorded('test_iam_saml_providers', `TestSAMLProviders::${test}`, '13-02-2026');
const NOCERT = 'NONEXISTENTCERTID12345678901';
const NOKEY = 'APKAXXXXXXXXXXXXXXXXX';

// Three fresh certificates (openssl, as test/helpers/pki.ts makes them). openssl ends a PEM with a newline,
// so a body returned byte for byte is told apart from a trimmed one.
const [c1, c2, c3] = [selfSignedCert('c1.example.com'), selfSignedCert('c2.example.com'), selfSignedCert('c3.example.com')];
const asUploaded = `${c1.cert}\n`;

export const cases: ConformanceCase[] = [
  ...(
    [
      ['UploadSigningCertificate', { UserName: 'nonexistent-user', CertificateBody: c1.cert }],
      ['ListSigningCertificates', { UserName: 'nonexistent-user' }],
      ['DeleteSigningCertificate', { UserName: 'nonexistent-user', CertificateId: NOCERT }],
      ['UpdateSigningCertificate', { UserName: 'nonexistent-user', CertificateId: NOCERT, Status: 'Inactive' }],
    ] as const
  ).map(
    ([action, params]): ConformanceCase => ({
      id: `family/signing-certificates/${action}-unknown-user`,
      source: SC('test_signing_certificate_errors'),
      steps: [{ action, params, expect: noUser('nonexistent-user') }],
    }),
  ),
  {
    id: 'family/signing-certificates/malformed-body',
    source: SC('test_signing_certificate_errors'),
    steps: [
      createUser('u1'),
      {
        action: 'UploadSigningCertificate',
        params: { UserName: 'u1', CertificateBody: 'invalid-certificate-body' },
        expect: err(400, 'MalformedCertificate', 'Certificate invalid-certificate-body is malformed.'),
      },
    ],
  },
  {
    id: 'family/signing-certificates/unknown-id',
    source: SC('test_signing_certificate_errors'),
    steps: [
      createUser('u1'),
      { action: 'UpdateSigningCertificate', params: { UserName: 'u1', CertificateId: NOCERT, Status: 'Inactive' }, expect: notFound(`The Certificate with id ${NOCERT} cannot be found.`) },
      { action: 'DeleteSigningCertificate', params: { UserName: 'u1', CertificateId: NOCERT }, expect: notFound(`The Certificate with id ${NOCERT} cannot be found.`) },
    ],
  },
  {
    id: 'family/signing-certificates/third-certificate-quota',
    source: SC('test_signing_certificate_errors'),
    steps: [
      createUser('u1'),
      { action: 'UploadSigningCertificate', params: { UserName: 'u1', CertificateBody: c1.cert } },
      { action: 'UploadSigningCertificate', params: { UserName: 'u1', CertificateBody: c2.cert } },
      { action: 'UploadSigningCertificate', params: { UserName: 'u1', CertificateBody: c3.cert }, expect: limit('Cannot exceed quota for CertificatesPerUser: 2') },
    ],
  },
  {
    id: 'family/signing-certificates/lifecycle-body-byte-for-byte',
    source: SC('test_signing_certificate_lifecycle', '05-03-2026'),
    steps: [
      createUser('u1'),
      {
        action: 'UploadSigningCertificate',
        params: { UserName: 'u1', CertificateBody: asUploaded },
        expect: { result: { Certificate: { CertificateBody: asUploaded, CertificateId: '<any>', Status: 'Active', UploadDate: '<datetime>', UserName: 'u1' } } },
        save: { certId: 'Certificate.CertificateId' },
      },
      { action: 'UpdateSigningCertificate', params: { UserName: 'u1', CertificateId: '{{certId}}', Status: 'Inactive' }, expect: { result: {} } },
      {
        action: 'ListSigningCertificates',
        params: { UserName: 'u1' },
        expect: {
          result: {
            Certificates: [{ CertificateBody: asUploaded, CertificateId: '{{certId}}', Status: 'Inactive', UploadDate: '<datetime>', UserName: 'u1' }],
            IsTruncated: false,
          },
        },
      },
      { action: 'DeleteSigningCertificate', params: { UserName: 'u1', CertificateId: '{{certId}}' }, expect: { result: {} } },
      { action: 'ListSigningCertificates', params: { UserName: 'u1' }, expect: { result: { Certificates: [], IsTruncated: false } } },
    ],
  },
  // Server certificates
  {
    id: 'family/server-certificates/unknown',
    source: SRV('test_server_certificate_errors'),
    steps: [
      { action: 'GetServerCertificate', params: { ServerCertificateName: 'nonexistent-certificate' }, expect: notFound('The Server Certificate with name nonexistent-certificate cannot be found.') },
      { action: 'DeleteServerCertificate', params: { ServerCertificateName: 'nonexistent-certificate' }, expect: notFound('The Server Certificate with name nonexistent-certificate cannot be found.') },
    ],
  },
  {
    id: 'family/server-certificates/duplicate',
    source: SRV('test_server_certificate_errors'),
    steps: [
      { action: 'UploadServerCertificate', params: { ServerCertificateName: 'sc1', CertificateBody: c1.cert, PrivateKey: c1.key } },
      {
        action: 'UploadServerCertificate',
        params: { ServerCertificateName: 'sc1', CertificateBody: c1.cert, PrivateKey: c1.key },
        expect: exists('The Server Certificate with name sc1 already exists.'),
      },
    ],
  },
  {
    id: 'family/server-certificates/body-and-chain-byte-for-byte',
    source: SRV('test_server_certificate_with_chain'),
    steps: [
      { action: 'UploadServerCertificate', params: { ServerCertificateName: 'sc1', CertificateBody: asUploaded, PrivateKey: c1.key, CertificateChain: c2.cert } },
      {
        action: 'GetServerCertificate',
        params: { ServerCertificateName: 'sc1' },
        expect: {
          result: {
            ServerCertificate: {
              CertificateBody: asUploaded,
              CertificateChain: c2.cert,
              ServerCertificateMetadata: {
                Arn: 'arn:aws:iam::{{account}}:server-certificate/sc1', Expiration: '<datetime>', Path: '/', ServerCertificateId: '<any>', ServerCertificateName: 'sc1', UploadDate: '<datetime>',
              },
              Tags: [],
            },
          },
        },
      },
      { action: 'DeleteServerCertificate', params: { ServerCertificateName: 'sc1' }, expect: { result: {} } },
      { action: 'GetServerCertificate', params: { ServerCertificateName: 'sc1' }, expect: notFound('The Server Certificate with name sc1 cannot be found.') },
    ],
  },
  // SSH public keys
  ...(
    [
      ['GetSSHPublicKey', { UserName: 'u1', SSHPublicKeyId: NOKEY, Encoding: 'SSH' }, 'test_get_ssh_public_key_not_found'],
      ['UpdateSSHPublicKey', { UserName: 'u1', SSHPublicKeyId: NOKEY, Status: 'Inactive' }, 'test_update_ssh_public_key_not_found'],
      ['DeleteSSHPublicKey', { UserName: 'u1', SSHPublicKeyId: NOKEY }, 'test_delete_ssh_public_key_not_found'],
    ] as const
  ).map(
    ([action, params, test]): ConformanceCase => ({
      id: `family/ssh-keys/${action}-unknown`,
      source: SSH(test),
      steps: [createUser('u1'), { action, params, expect: notFound(`The Public Key with id ${NOKEY} cannot be found.`) }],
    }),
  ),
  // Password policy
  {
    id: 'family/password-policy/get-none',
    source: PP('test_get_account_password_policy_not_found'),
    steps: [{ action: 'GetAccountPasswordPolicy', expect: notFound('The Password Policy with domain name {{account}} cannot be found.') }],
  },
  {
    id: 'family/password-policy/delete-none',
    source: PP('test_delete_account_password_policy_not_found'),
    steps: [{ action: 'DeleteAccountPasswordPolicy', expect: notFound('The account policy with name PasswordPolicy cannot be found.') }],
  },
  {
    id: 'family/password-policy/defaults',
    source: PP('test_update_account_password_policy_defaults'),
    steps: [
      { action: 'UpdateAccountPasswordPolicy', expect: { result: {} } },
      {
        action: 'GetAccountPasswordPolicy',
        expect: {
          result: {
            PasswordPolicy: {
              AllowUsersToChangePassword: false, ExpirePasswords: false, MinimumPasswordLength: 6,
              RequireLowercaseCharacters: false, RequireNumbers: false, RequireSymbols: false, RequireUppercaseCharacters: false,
            },
          },
        },
      },
    ],
  },
  {
    id: 'family/password-policy/custom-values',
    source: PP('test_update_account_password_policy_custom_values'),
    steps: [
      {
        action: 'UpdateAccountPasswordPolicy',
        params: {
          MinimumPasswordLength: 10, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true,
          AllowUsersToChangePassword: true, MaxPasswordAge: 60, PasswordReusePrevention: 3, HardExpiry: true,
        },
      },
      {
        action: 'GetAccountPasswordPolicy',
        expect: {
          result: {
            PasswordPolicy: {
              AllowUsersToChangePassword: true, ExpirePasswords: true, HardExpiry: true, MaxPasswordAge: 60, MinimumPasswordLength: 10, PasswordReusePrevention: 3,
              RequireLowercaseCharacters: true, RequireNumbers: true, RequireSymbols: true, RequireUppercaseCharacters: true,
            },
          },
        },
      },
    ],
  },
  {
    id: 'family/password-policy/delete-then-get',
    source: PP('test_delete_account_password_policy'),
    steps: [
      { action: 'UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 8 } },
      { action: 'DeleteAccountPasswordPolicy', expect: { result: {} } },
      { action: 'GetAccountPasswordPolicy', expect: notFound('The Password Policy with domain name {{account}} cannot be found.') },
    ],
  },
  // SAML providers and the credential report
  {
    id: 'family/saml/unknown',
    source: SAML('test_get_saml_provider_not_found'),
    steps: [
      {
        action: 'GetSAMLProvider',
        params: { SAMLProviderArn: 'arn:aws:iam::{{account}}:saml-provider/NonExistentProvider' },
        expect: notFound('Manifest not found for arn arn:aws:iam::{{account}}:saml-provider/NonExistentProvider'),
      },
      {
        action: 'DeleteSAMLProvider',
        params: { SAMLProviderArn: 'arn:aws:iam::{{account}}:saml-provider/NonExistentProvider' },
        expect: notFound('Manifest not found for arn arn:aws:iam::{{account}}:saml-provider/NonExistentProvider'),
      },
    ],
  },
  {
    id: 'family/credential-report/not-generated',
    source: recorded('test_iam_credential_report', 'TestIAMCredentialReport::test_get_credential_report_before_generated', '17-02-2026'),
    steps: [{ action: 'GetCredentialReport', expect: { status: 410, error: { Code: 'ReportNotPresent', Type: 'Sender' } } }],
  },
  {
    id: 'family/quota/policy-size',
    source: 'https://github.com/ministryofjustice/cloud-platform-environments/pull/14473 (AWS answer quoted from a real apply: "LimitExceeded: Cannot exceed quota for PolicySize: 6144")',
    steps: [
      {
        action: 'CreatePolicy',
        params: {
          PolicyName: 'big',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: Array.from({ length: 80 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: `s3:GetObject`, Resource: `arn:aws:s3:::bucket-number-${i}/*` })),
          }),
        },
        expect: limit('Cannot exceed quota for PolicySize: 6144'),
      },
    ],
  },
];
