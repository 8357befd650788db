import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUserCommand,
  DeleteServerCertificateCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  GetServerCertificateCommand,
  GetSSHPublicKeyCommand,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  TagServerCertificateCommand,
  UntagServerCertificateCommand,
  UpdateServerCertificateCommand,
  UpdateSigningCertificateCommand,
  UpdateSSHPublicKeyCommand,
  UploadServerCertificateCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';
import { selfSignedCert, sshKeyPair, type CertAndKey } from './helpers/pki.js';

let t: TestServer;
let a: CertAndKey;
let b: CertAndKey;
beforeAll(async () => {
  t = await startServer();
  a = selfSignedCert('a.example.com', 30);
  b = selfSignedCert('b.example.com');
});
afterAll(() => t.close());

describe('server certificates', () => {
  it('uploads, reads, lists, renames, tags and deletes a certificate', async () => {
    const up = await t.iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'web',
        Path: '/cloudfront/',
        CertificateBody: a.cert,
        PrivateKey: a.key,
        Tags: [{ Key: 'env', Value: 'dev' }],
      }),
    );
    const md = up.ServerCertificateMetadata!;
    expect(md.Arn).toBe('arn:aws:iam::000000000000:server-certificate/cloudfront/web');
    expect(md.ServerCertificateId).toMatch(/^ASCA[A-Z2-7]{17}$/);
    // The expiry is read from the certificate: about 30 days from now.
    const days = (md.Expiration!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
    expect(up.Tags).toEqual([{ Key: 'env', Value: 'dev' }]);

    const got = await t.iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' }));
    // returned byte for byte as uploaded (issue #21 item 6), not trimmed
    expect(got.ServerCertificate!.CertificateBody).toBe(a.cert);

    await t.iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewServerCertificateName: 'web2', NewPath: '/' }));
    const list = await t.iam.send(new ListServerCertificatesCommand({}));
    expect(list.ServerCertificateMetadataList!.map((c) => c.Arn)).toEqual(['arn:aws:iam::000000000000:server-certificate/web2']);

    await t.iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'web2', Tags: [{ Key: 'team', Value: 'x' }] }));
    await t.iam.send(new UntagServerCertificateCommand({ ServerCertificateName: 'web2', TagKeys: ['env'] }));
    const tags = await t.iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'web2' }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'x' }]);

    await t.iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'web2' }));
    const gone = await sdkError(t.iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'web2' })));
    expect(gone).toEqual({ name: 'NoSuchEntityException', status: 404, message: 'The Server Certificate with name web2 cannot be found.' });
  });

  it('refuses a private key that does not match, a malformed body, and a duplicate name', async () => {
    const mismatch = await sdkError(
      t.iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'm', CertificateBody: a.cert, PrivateKey: b.key })),
    );
    expect(mismatch).toMatchObject({ name: 'KeyPairMismatchException', status: 400 });
    const malformed = await sdkError(
      t.iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'm', CertificateBody: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----', PrivateKey: a.key })),
    );
    expect(malformed).toMatchObject({ name: 'MalformedCertificateException', status: 400 });
    await t.iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'dup', CertificateBody: b.cert, PrivateKey: b.key }));
    const dup = await sdkError(
      t.iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'DUP', CertificateBody: b.cert, PrivateKey: b.key })),
    );
    expect(dup).toEqual({ name: 'EntityAlreadyExistsException', status: 409, message: 'The Server Certificate with name DUP already exists.' });
  });
});

describe('signing certificates', () => {
  it('uploads for a user, at most two, updates status, blocks DeleteUser, deletes', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'signer' }));
    const c1 = await t.iam.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: a.cert }));
    expect(c1.Certificate).toMatchObject({ UserName: 'signer', Status: 'Active' });
    const again = await sdkError(t.iam.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: a.cert })));
    expect(again).toMatchObject({ name: 'DuplicateCertificateException', status: 409 });
    await t.iam.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: b.cert }));
    const third = await sdkError(
      t.iam.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: selfSignedCert('c').cert })),
    );
    expect(third).toEqual({ name: 'LimitExceededException', status: 409, message: 'Cannot exceed quota for CertificatesPerUser: 2' }); // AWS's quota name: test_iam_signing_certificates.snapshot.json (recorded 17-02-2026)

    await t.iam.send(new UpdateSigningCertificateCommand({ UserName: 'signer', CertificateId: c1.Certificate!.CertificateId, Status: 'Inactive' }));
    const list = await t.iam.send(new ListSigningCertificatesCommand({ UserName: 'signer' }));
    expect(list.Certificates!.map((c) => c.Status).sort()).toEqual(['Active', 'Inactive']);

    const conflict = await sdkError(t.iam.send(new DeleteUserCommand({ UserName: 'signer' })));
    expect(conflict).toEqual({ name: 'DeleteConflictException', status: 409, message: 'Cannot delete entity, must delete signing certificates first.' });
    for (const c of list.Certificates!)
      await t.iam.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: c.CertificateId }));
    await t.iam.send(new DeleteUserCommand({ UserName: 'signer' }));
  });

  it('uploads for the root when no user is named', async () => {
    const c = await t.iam.send(new UploadSigningCertificateCommand({ CertificateBody: selfSignedCert('root').cert }));
    expect(c.Certificate!.UserName).toBe('000000000000');
    const list = await t.iam.send(new ListSigningCertificatesCommand({}));
    expect(list.Certificates!.map((x) => x.CertificateId)).toContain(c.Certificate!.CertificateId);
  });
});

describe('SSH public keys', () => {
  it('uploads a key with its MD5 fingerprint, returns SSH and PEM encodings, and deletes it', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'git' }));
    const { publicKey, fingerprintMd5 } = sshKeyPair();
    const up = await t.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: publicKey }));
    expect(up.SSHPublicKey!.SSHPublicKeyId).toMatch(/^APKA[A-Z2-7]{17}$/);
    expect(up.SSHPublicKey!.Fingerprint).toBe(fingerprintMd5);
    const id = up.SSHPublicKey!.SSHPublicKeyId!;

    const pem = await t.iam.send(new GetSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: id, Encoding: 'PEM' }));
    expect(pem.SSHPublicKey!.SSHPublicKeyBody).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const ssh = await t.iam.send(new GetSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: id, Encoding: 'SSH' }));
    expect(ssh.SSHPublicKey!.SSHPublicKeyBody).toBe(publicKey);

    const dup = await sdkError(t.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: publicKey })));
    expect(dup).toMatchObject({ name: 'DuplicateSSHPublicKeyException', status: 400 });
    const bad = await sdkError(t.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: 'ssh-rsa AAAAnotakey' })));
    expect(bad).toMatchObject({ name: 'InvalidPublicKeyException', status: 400 });
    const small = await sdkError(
      t.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: sshKeyPair(1024).publicKey })),
    );
    expect(small).toMatchObject({ name: 'InvalidPublicKeyException', status: 400 });

    await t.iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: id, Status: 'Inactive' }));
    const list = await t.iam.send(new ListSSHPublicKeysCommand({ UserName: 'git' }));
    expect(list.SSHPublicKeys).toEqual([expect.objectContaining({ SSHPublicKeyId: id, Status: 'Inactive' })]);
    const conflict = await sdkError(t.iam.send(new DeleteUserCommand({ UserName: 'git' })));
    expect(conflict.message).toBe('Cannot delete entity, must remove SSH public keys first.');
    await t.iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: id }));
    const gone = await sdkError(t.iam.send(new GetSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: id, Encoding: 'SSH' })));
    expect(gone).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });
});
