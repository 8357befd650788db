// Server certificates: Upload (PEM body, chain, private key that must match), Get, List, Update,
// Delete, and tags. The expiry comes from the certificate itself.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { ServerCertificateMetadata } from '../protocol/generated/iam-types.js';
import { AwsError, entityAlreadyExists, limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { ServerCertificateRow } from '../store/certificates.js';
import { iso } from '../store/rows.js';
import { iamArn } from '../arn.js';
import { newUniqueId } from './ids.js';
import { addTags, checkNewTags, listTagsPage } from './tagging.js';

export const SERVER_CERTIFICATES_PER_ACCOUNT = 20;

const malformed = (message: string) => new AwsError('MalformedCertificate', message, 400);

/** Parses a PEM certificate, or answers MalformedCertificate as IAM does. */
export function parseCertificate(pem: string, what = 'certificate body'): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw malformed(`Unable to parse ${what}. Please ensure the ${what} is in PEM format.`);
  }
}

function requireCert(ctx: RequestContext, name: string): ServerCertificateRow {
  const row = ctx.store.serverCertificates.get(ctx.accountId, name);
  if (!row) throw noSuchEntity(`The Server Certificate with name ${name} cannot be found.`);
  return row;
}

const metadata = (row: ServerCertificateRow): ServerCertificateMetadata => ({
  Path: row.path,
  ServerCertificateName: row.name,
  ServerCertificateId: row.id,
  Arn: iamArn(row.account_id, 'server-certificate', row.path, row.name),
  UploadDate: new Date(row.uploaded_at),
  Expiration: new Date(row.expires_at),
});

export const serverCertificateHandlers: IamHandlers = {
  UploadServerCertificate(ctx, input) {
    if (ctx.store.serverCertificates.get(ctx.accountId, input.ServerCertificateName))
      throw entityAlreadyExists(`The Server Certificate with name ${input.ServerCertificateName} already exists.`);
    checkNewTags(input.Tags);
    const cert = parseCertificate(input.CertificateBody);
    if (input.CertificateChain) parseCertificate(input.CertificateChain, 'certificate chain');
    let key;
    try {
      key = createPrivateKey(input.PrivateKey);
    } catch {
      throw malformed('Unable to parse private key. Please ensure the private key is in PEM format.');
    }
    if (!cert.checkPrivateKey(key))
      throw new AwsError('KeyPairMismatch', 'Unable to validate certificate: public key and private key do not match.', 400);
    if (ctx.store.serverCertificates.count(ctx.accountId) >= SERVER_CERTIFICATES_PER_ACCOUNT)
      throw limitExceeded(`Cannot exceed quota for ServerCertificatesPerAccount: ${SERVER_CERTIFICATES_PER_ACCOUNT}`);
    const row: ServerCertificateRow = {
      id: newUniqueId('ASCA'),
      account_id: ctx.accountId,
      name: input.ServerCertificateName,
      path: input.Path ?? '/',
      // returned byte for byte as uploaded
      body: input.CertificateBody,
      chain: input.CertificateChain ?? null,
      uploaded_at: iso(ctx.now()),
      expires_at: new Date(cert.validTo).toISOString(),
    };
    ctx.store.serverCertificates.insert(row);
    if (input.Tags?.length) ctx.store.tags.put(ctx.accountId, 'server-certificate', row.id, input.Tags);
    const tags = ctx.store.tags.list('server-certificate', row.id);
    return { ServerCertificateMetadata: metadata(row), Tags: tags.length ? tags : undefined };
  },

  GetServerCertificate(ctx, input) {
    const row = requireCert(ctx, input.ServerCertificateName);
    const tags = ctx.store.tags.list('server-certificate', row.id);
    return {
      ServerCertificate: {
        ServerCertificateMetadata: metadata(row),
        CertificateBody: row.body,
        CertificateChain: row.chain ?? undefined,
        // Always sent, `[]` when none (localstack test_iam_server_certificates.snapshot.json, 17-02-2026).
        Tags: tags,
      },
    };
  },

  ListServerCertificates(ctx, input) {
    const page = ctx.store.serverCertificates.list(ctx.accountId, input.PathPrefix ?? '/', input.Marker, input.MaxItems ?? 100);
    return { ServerCertificateMetadataList: page.items.map(metadata), IsTruncated: page.isTruncated, Marker: page.marker };
  },

  UpdateServerCertificate(ctx, input) {
    const row = requireCert(ctx, input.ServerCertificateName);
    const newName = input.NewServerCertificateName ?? row.name;
    if (newName.toLowerCase() !== row.name.toLowerCase() && ctx.store.serverCertificates.get(ctx.accountId, newName))
      throw entityAlreadyExists(`The Server Certificate with name ${newName} already exists.`);
    ctx.store.serverCertificates.rename(row.id, newName, input.NewPath ?? row.path);
  },

  DeleteServerCertificate(ctx, input) {
    const row = requireCert(ctx, input.ServerCertificateName);
    ctx.store.tags.removeAll('server-certificate', row.id);
    ctx.store.serverCertificates.delete(row.id);
  },

  TagServerCertificate(ctx, input) {
    addTags(ctx, 'server-certificate', requireCert(ctx, input.ServerCertificateName).id, input.Tags);
  },

  UntagServerCertificate(ctx, input) {
    ctx.store.tags.remove('server-certificate', requireCert(ctx, input.ServerCertificateName).id, input.TagKeys);
  },

  ListServerCertificateTags(ctx, input) {
    const row = requireCert(ctx, input.ServerCertificateName);
    return listTagsPage(ctx, 'server-certificate', row.id, input.Marker, input.MaxItems);
  },
};
