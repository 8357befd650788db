// What the gateway decides about one request: the action(s), the resource ARN each is decided
// against, and the service's condition keys. One request can need several actions (CopyObject:
// s3:PutObject on the target and s3:GetObject on the source; BatchWriteItem: one per table).
export interface Check {
  action: string;
  resource: string;
}

export interface MappedRequest {
  /** The operation as the service's model names it (for the log and the decision record). */
  operation: string;
  checks: Check[];
  context: Record<string, string | string[]>;
  /** Set when the operation is not one the gateway knows: decided with `*` resources. */
  unknown?: boolean;
  /** The parsed input of a JSON / Query request (for keys that need more than the request). */
  input?: Record<string, unknown>;
}

/** How the service speaks: decides the error format of a denial. */
export type WireProtocol = 'rest-xml' | 'json' | 'query' | 'rest-json';

export const PROTOCOL: Record<string, WireProtocol> = {
  s3: 'rest-xml',
  dynamodb: 'json',
  kms: 'json',
  secretsmanager: 'json',
  sns: 'query',
  lambda: 'rest-json',
};

/** SQS speaks JSON (X-Amz-Target AmazonSQS.*) to current SDKs and Query to older ones. */
export function protocolOf(service: string, headers: Record<string, string | string[] | undefined>): WireProtocol {
  const known = PROTOCOL[service];
  if (known) return known;
  if (typeof headers['x-amz-target'] === 'string') return 'json';
  const type = String(headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded')) return 'query';
  return 'json';
}
