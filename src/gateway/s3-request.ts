// An S3 REST request → the IAM actions it needs, on which resources, with S3's condition keys — as
// the S3 API reference ("Permissions" of each operation) and the Service Authorization Reference
// name them. Bucket vs object operation by the path (path style) or the Host (virtual-hosted
// style); the operation by method and sub-resource (?policy, ?tagging, ?uploadId …).
import type { Check } from './request-model.js';

export interface S3Request {
  operation: string;
  bucket?: string;
  key?: string;
  checks: Check[];
  /** S3 condition keys of this request (s3:prefix, s3:x-amz-acl, …). */
  context: Record<string, string | string[]>;
  /** The request's path in path style (/bucket/key), still percent-encoded, for the upstream. */
  pathStyle: string;
}


// Bucket sub-resources → [GET, PUT, DELETE] actions (DELETE of a configuration is its Put*, as the
// API reference documents for CORS, lifecycle, tagging, website …).
const BUCKET_SUBRESOURCES: [string, string, string, string][] = [
  ['policy', 'GetBucketPolicy', 'PutBucketPolicy', 'DeleteBucketPolicy'],
  ['acl', 'GetBucketAcl', 'PutBucketAcl', 'PutBucketAcl'],
  ['cors', 'GetBucketCORS', 'PutBucketCORS', 'PutBucketCORS'],
  ['tagging', 'GetBucketTagging', 'PutBucketTagging', 'PutBucketTagging'],
  ['versioning', 'GetBucketVersioning', 'PutBucketVersioning', 'PutBucketVersioning'],
  ['website', 'GetBucketWebsite', 'PutBucketWebsite', 'DeleteBucketWebsite'],
  ['lifecycle', 'GetLifecycleConfiguration', 'PutLifecycleConfiguration', 'PutLifecycleConfiguration'],
  ['notification', 'GetBucketNotification', 'PutBucketNotification', 'PutBucketNotification'],
  ['encryption', 'GetEncryptionConfiguration', 'PutEncryptionConfiguration', 'PutEncryptionConfiguration'],
  ['logging', 'GetBucketLogging', 'PutBucketLogging', 'PutBucketLogging'],
  ['object-lock', 'GetBucketObjectLockConfiguration', 'PutBucketObjectLockConfiguration', 'PutBucketObjectLockConfiguration'],
  ['publicAccessBlock', 'GetBucketPublicAccessBlock', 'PutBucketPublicAccessBlock', 'PutBucketPublicAccessBlock'],
  ['ownershipControls', 'GetBucketOwnershipControls', 'PutBucketOwnershipControls', 'PutBucketOwnershipControls'],
  ['replication', 'GetReplicationConfiguration', 'PutReplicationConfiguration', 'PutReplicationConfiguration'],
  ['requestPayment', 'GetBucketRequestPayment', 'PutBucketRequestPayment', 'PutBucketRequestPayment'],
  ['accelerate', 'GetAccelerateConfiguration', 'PutAccelerateConfiguration', 'PutAccelerateConfiguration'],
  ['policyStatus', 'GetBucketPolicyStatus', 'GetBucketPolicyStatus', 'GetBucketPolicyStatus'],
  ['location', 'GetBucketLocation', 'GetBucketLocation', 'GetBucketLocation'],
  ['analytics', 'GetAnalyticsConfiguration', 'PutAnalyticsConfiguration', 'PutAnalyticsConfiguration'],
  ['metrics', 'GetMetricsConfiguration', 'PutMetricsConfiguration', 'PutMetricsConfiguration'],
  ['inventory', 'GetInventoryConfiguration', 'PutInventoryConfiguration', 'PutInventoryConfiguration'],
  ['intelligent-tiering', 'GetIntelligentTieringConfiguration', 'PutIntelligentTieringConfiguration', 'PutIntelligentTieringConfiguration'],
];

// Object sub-resources → [GET, PUT, DELETE].
const OBJECT_SUBRESOURCES: [string, string, string, string][] = [
  ['acl', 'GetObjectAcl', 'PutObjectAcl', 'PutObjectAcl'],
  ['tagging', 'GetObjectTagging', 'PutObjectTagging', 'DeleteObjectTagging'],
  ['retention', 'GetObjectRetention', 'PutObjectRetention', 'PutObjectRetention'],
  ['legal-hold', 'GetObjectLegalHold', 'PutObjectLegalHold', 'PutObjectLegalHold'],
  ['attributes', 'GetObjectAttributes', 'GetObjectAttributes', 'GetObjectAttributes'],
  ['torrent', 'GetObjectTorrent', 'GetObjectTorrent', 'GetObjectTorrent'],
];

const decodePath = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const bucketArn = (partition: string, bucket: string) => `arn:${partition}:s3:::${bucket}`;
const objectArn = (partition: string, bucket: string, key: string) => `arn:${partition}:s3:::${bucket}/${key}`;

/**
 * @param rawPath   the path as sent (percent-encoded), without the query
 * @param hostBucket the bucket of a virtual-hosted–style Host
 */
export function s3Request(
  method: string,
  rawPath: string,
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  hostBucket: string | undefined,
  partition: string,
): S3Request {
  let bucket: string | undefined;
  let rawKey: string;
  let pathStyle: string;
  if (hostBucket) {
    bucket = hostBucket;
    rawKey = rawPath.replace(/^\//, '');
    pathStyle = `/${encodeURIComponent(hostBucket)}${rawPath === '/' ? '' : rawPath}`;
  } else {
    const rest = rawPath.replace(/^\//, '');
    const slash = rest.indexOf('/');
    bucket = decodePath(slash === -1 ? rest : rest.slice(0, slash)) || undefined;
    rawKey = slash === -1 ? '' : rest.slice(slash + 1);
    pathStyle = rawPath;
  }
  const key = rawKey ? decodePath(rawKey) : undefined;
  const context: Record<string, string | string[]> = {};
  const h = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  const acl = h('x-amz-acl');
  if (acl) context['s3:x-amz-acl'] = acl;
  const sse = h('x-amz-server-side-encryption');
  if (sse) context['s3:x-amz-server-side-encryption'] = sse;
  const sc = h('x-amz-storage-class');
  if (sc) context['s3:x-amz-storage-class'] = sc;
  const copySource = h('x-amz-copy-source');
  if (copySource) context['s3:x-amz-copy-source'] = copySource;
  const one = (operation: string, action: string, resource: string): S3Request => ({
    operation,
    bucket,
    key,
    checks: [{ action: `s3:${action}`, resource }],
    context,
    pathStyle,
  });
  const m = method.toUpperCase();

  if (!bucket) return { operation: 'ListBuckets', checks: [{ action: 's3:ListAllMyBuckets', resource: '*' }], context, pathStyle };
  const bArn = bucketArn(partition, bucket);

  if (key === undefined) {
    if (m === 'POST' && query.has('delete')) return one('DeleteObjects', 'DeleteObject', objectArn(partition, bucket, '*'));
    for (const [sub, get, put, del] of BUCKET_SUBRESOURCES) {
      if (!query.has(sub)) continue;
      const action = m === 'GET' || m === 'HEAD' ? get : m === 'DELETE' ? del : put;
      return one(`${m === 'GET' ? 'Get' : m === 'DELETE' ? 'Delete' : 'Put'}Bucket:${sub}`, action, bArn);
    }
    if (m === 'PUT') return one('CreateBucket', 'CreateBucket', bArn);
    if (m === 'DELETE') return one('DeleteBucket', 'DeleteBucket', bArn);
    if (m === 'GET' && query.has('uploads')) return one('ListMultipartUploads', 'ListBucketMultipartUploads', bArn);
    if (m === 'GET' && query.has('versions')) {
      listKeys(query, context);
      return one('ListObjectVersions', 'ListBucketVersions', bArn);
    }
    // ListObjects(V2) and HeadBucket are both s3:ListBucket.
    listKeys(query, context);
    return one(m === 'HEAD' ? 'HeadBucket' : query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects', 'ListBucket', bArn);
  }

  const oArn = objectArn(partition, bucket, key);
  const versionId = query.get('versionId');
  for (const [sub, get, put, del] of OBJECT_SUBRESOURCES) {
    if (!query.has(sub)) continue;
    let action = m === 'GET' || m === 'HEAD' ? get : m === 'DELETE' ? del : put;
    if (versionId && /^(Get|Put|Delete)ObjectTagging$|^(Get|Put)ObjectAcl$/.test(action)) action = action.replace('Object', 'ObjectVersion');
    return one(`${action}`, action, oArn);
  }
  if (query.has('uploadId')) {
    if (m === 'GET') return one('ListParts', 'ListMultipartUploadParts', oArn);
    if (m === 'DELETE') return one('AbortMultipartUpload', 'AbortMultipartUpload', oArn);
    if (m === 'PUT' && copySource) return copy('UploadPartCopy');
    return one(m === 'PUT' ? 'UploadPart' : 'CompleteMultipartUpload', 'PutObject', oArn);
  }
  if (m === 'POST' && query.has('uploads')) return one('CreateMultipartUpload', 'PutObject', oArn);
  if (m === 'POST' && query.has('restore')) return one('RestoreObject', 'RestoreObject', oArn);
  if (m === 'POST' && query.has('select')) return one('SelectObjectContent', 'GetObject', oArn);
  if (m === 'GET' || m === 'HEAD') {
    const action = versionId ? 'GetObjectVersion' : 'GetObject';
    return one(m === 'HEAD' ? 'HeadObject' : 'GetObject', action, oArn);
  }
  if (m === 'PUT') return copySource ? copy('CopyObject') : one('PutObject', 'PutObject', oArn);
  if (m === 'DELETE') return one('DeleteObject', versionId ? 'DeleteObjectVersion' : 'DeleteObject', oArn);
  return one(`${m} object`, 'GetObject', oArn);

  // CopyObject / UploadPartCopy: s3:PutObject on the target and s3:GetObject on the source.
  function copy(operation: string): S3Request {
    const src = decodePath(copySource!.replace(/^\//, ''));
    const [path, srcVersion] = src.split('?versionId=');
    return {
      operation,
      bucket,
      key,
      checks: [
        { action: 's3:PutObject', resource: oArn },
        { action: srcVersion ? 's3:GetObjectVersion' : 's3:GetObject', resource: `arn:${partition}:s3:::${path}` },
      ],
      context,
      pathStyle,
    };
  }
}

function listKeys(query: URLSearchParams, context: Record<string, string | string[]>) {
  // AWS sets s3:prefix / s3:delimiter / s3:max-keys only when the request carries them.
  const prefix = query.get('prefix');
  if (prefix !== null) context['s3:prefix'] = prefix;
  const delimiter = query.get('delimiter');
  if (delimiter !== null) context['s3:delimiter'] = delimiter;
  const maxKeys = query.get('max-keys');
  if (maxKeys !== null) context['s3:max-keys'] = maxKeys;
}

/** The bucket a copy source names (for its bucket policy). */
export function bucketOfArn(arn: string): string | undefined {
  const m = /^arn:[^:]+:s3:::([^/]+)/.exec(arn);
  return m?.[1];
}
