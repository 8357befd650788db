// X.509 signing certificates of users (or the root, when no user is named): at most two each.
import { createHash } from 'node:crypto';
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { SigningCertificate } from '../protocol/generated/iam-types.js';
import { AwsError, limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { SigningCertificateRow } from '../store/certificates.js';
import { iso } from '../store/rows.js';
import { parseCertificate } from './server-certificates.js';
import { userOrCaller } from './users.js';

export const SIGNING_CERTIFICATES_PER_USER = 2;

function owner(ctx: RequestContext, userName: string | undefined) {
  const user = userOrCaller(ctx, userName);
  return { userId: user?.id ?? null, userName: user?.name ?? ctx.accountId };
}

function shape(row: SigningCertificateRow, userName: string): SigningCertificate {
  return {
    UserName: userName,
    CertificateId: row.id,
    CertificateBody: row.body,
    Status: row.status as SigningCertificate['Status'],
    UploadDate: new Date(row.uploaded_at),
  };
}

function requireCert(ctx: RequestContext, id: string, userId: string | null): SigningCertificateRow {
  const row = ctx.store.signingCertificates.get(ctx.accountId, id);
  if (!row || row.user_id !== userId) throw noSuchEntity(`The Certificate with id ${id} cannot be found.`);
  return row;
}


export const signingCertificateHandlers: IamHandlers = {
  UploadSigningCertificate(ctx, input) {
    const { userId, userName } = owner(ctx, input.UserName);
    let cert: ReturnType<typeof parseCertificate>;
    try {
      cert = parseCertificate(input.CertificateBody);
    } catch {
      // test_signing_certificate_errors (recorded 17-02-2026): the body itself is quoted
      throw new AwsError('MalformedCertificate', `Certificate ${input.CertificateBody} is malformed.`, 400);
    }
    if (new Date(cert.validTo) < ctx.now()) throw new AwsError('InvalidCertificate', 'The certificate has expired.', 400);
    // The certificate id is derived from the certificate, so the same one cannot be uploaded twice.
    // (per account: the same certificate uploaded in two accounts are two certificates, not a server failure)
    const id = createHash('sha1').update(ctx.accountId).update(cert.raw).digest('hex').toUpperCase().slice(0, 32);
    if (ctx.store.signingCertificates.get(ctx.accountId, id))
      throw new AwsError('DuplicateCertificate', 'The request was rejected because the same certificate is associated with an IAM user in the account.', 409);
    if (ctx.store.signingCertificates.listFor(ctx.accountId, userId).length >= SIGNING_CERTIFICATES_PER_USER)
      // AWS's quota name (test_iam_signing_certificates.snapshot.json test_signing_certificate_errors, recorded 17-02-2026)
      throw limitExceeded(`Cannot exceed quota for CertificatesPerUser: ${SIGNING_CERTIFICATES_PER_USER}`);
    const row: SigningCertificateRow = {
      id,
      account_id: ctx.accountId,
      user_id: userId,
      body: input.CertificateBody, // returned byte for byte as uploaded
      status: 'Active',
      uploaded_at: iso(ctx.now()),
    };
    ctx.store.signingCertificates.insert(row);
    return { Certificate: shape(row, userName) };
  },

  ListSigningCertificates(ctx, input) {
    const { userId, userName } = owner(ctx, input.UserName);
    const all = ctx.store.signingCertificates.listFor(ctx.accountId, userId);
    return { Certificates: all.map((r) => shape(r, userName)), IsTruncated: false };
  },

  UpdateSigningCertificate(ctx, input) {
    const { userId } = owner(ctx, input.UserName);
    ctx.store.signingCertificates.setStatus(requireCert(ctx, input.CertificateId, userId).id, input.Status);
  },

  DeleteSigningCertificate(ctx, input) {
    const { userId } = owner(ctx, input.UserName);
    ctx.store.signingCertificates.delete(requireCert(ctx, input.CertificateId, userId).id);
  },
};

