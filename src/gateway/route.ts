// Which service a request to the gateway is for: the SigV4 credential scope names it (every SDK
// signs with the service's signing name); unsigned requests are told by the Host AWS would give
// them (bucket.s3.…, dynamodb.us-east-1.…) or by X-Amz-Target. IAM and STS stay with iam-local
// itself, as does anything that names no service.
import type { IncomingMessage } from 'node:http';

const CREDENTIAL_RE = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\//;
const QUERY_CREDENTIAL_RE = /[?&]X-Amz-Credential=[^&/]*(?:\/|%2F)\d{8}(?:\/|%2F)[^&/%]+(?:\/|%2F)([^&/%]+)(?:\/|%2F)/i;
const HOST_SERVICE_RE = /^(?:[^:]*\.)?(s3|dynamodb|sqs|sns|lambda|secretsmanager|kms)[.-][^:]*amazonaws\.com(?::\d+)?$/;
const VIRTUAL_HOST_RE = /^(.+?)\.(?:s3[.-][^:]*|localhost)(?::\d+)?$/;
const TARGET_PREFIX: Record<string, string> = {
  DynamoDB_20120810: 'dynamodb',
  AmazonSQS: 'sqs',
  secretsmanager: 'secretsmanager',
  TrentService: 'kms',
};

/** The signing name the request claims, or what its Host / X-Amz-Target names; undefined: not a gateway request. */
export function serviceOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth) return CREDENTIAL_RE.exec(auth)?.[1];
  const url = req.url ?? '/';
  if (url.includes('X-Amz-Credential')) return QUERY_CREDENTIAL_RE.exec(url)?.[1];
  const host = req.headers.host ?? '';
  const byHost = HOST_SERVICE_RE.exec(host)?.[1];
  if (byHost) return byHost;
  if (VIRTUAL_HOST_RE.test(host) && !host.startsWith('localhost')) return 's3';
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return TARGET_PREFIX[target.slice(0, target.indexOf('.'))];
  return undefined;
}

/** The bucket named by a virtual-hosted–style Host (bucket.s3.region.amazonaws.com, bucket.localhost:4577). */
export function virtualHostBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const m = VIRTUAL_HOST_RE.exec(host);
  if (!m) return undefined;
  const name = m[1]!;
  // s3.amazonaws.com itself and s3.us-east-1.amazonaws.com name no bucket.
  return name === 's3' || /^s3[.-]/.test(name) ? undefined : name;
}
