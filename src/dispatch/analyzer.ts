// One call of an Access Analyzer operation (REST-JSON), free of HTTP: which operation the method
// and path name, who signed it (SigV4 scoped to access-analyzer), its input by the model, the
// authorization (access-analyzer:<Operation>), the handler (a synchronous one in one store
// transaction). Errors leave in the JSON services' names; the front writes them.
import { randomUUID } from 'node:crypto';
import type { RequestContext, Services } from '../context.js';
import { accessAnalyzerModel } from '../protocol/generated/access-analyzer-model.js';
import { AwsError } from '../protocol/errors.js';
import { findOperation, parseRestInput, RestError, serializeRestOutput } from '../protocol/rest-json.js';
import { authenticate } from '../auth/authenticate.js';
import { claimedScope, header, type SignedRequest } from '../auth/signed-request.js';
import { checkSessionScope } from '../resolution/session-scope.js';
import { authorize } from '../authz/authorize.js';
import { trackServiceAccess } from '../iam/access-tracking.js';
import { partitionOf } from '../partition.js';
import { accessAnalyzerHandlers } from '../access-analyzer/index.js';
import { own } from '../own.js';

const SERVICE = 'access-analyzer';
type AnyHandler = (ctx: RequestContext, input: unknown) => unknown;

export interface RestCall {
  requestId: string;
  signed: SignedRequest;
  query: URLSearchParams;
  secureTransport: boolean;
  /** Called once the caller and operation are known (for the request log). */
  onIdentified?: (principalArn: string, action: string) => void;
  /** Called with the id of the authorization decision, when one was recorded. */
  onDecision?: (id: string) => void;
}

/** The answer's HTTP status and JSON body. */
export async function executeAnalyzer(services: Services, call: RestCall): Promise<{ status: number; body: string }> {
  const { signed, query } = call;
  const route = findOperation(accessAnalyzerModel, signed.method, signed.path);
  if (!route) throw new RestError('UnknownOperationException', 'The requested operation is not supported.', 404);
  const { principal, region } = authenticate(services, signed, claimedScope(signed, query), SERVICE);
  checkSessionScope(principal, SERVICE);
  call.onIdentified?.(principal.arn, `${SERVICE}:${route.operation}`);
  const input = parseRestInput(accessAnalyzerModel, route.operation, { labels: route.labels, query, headers: signed.headers, body: signed.body });
  const now = services.clock.now();
  const ctx: RequestContext = {
    ...services,
    requestId: call.requestId,
    service: SERVICE,
    action: route.operation,
    accountId: principal.accountId,
    principal,
    sourceIp: signed.sourceIp,
    region,
    partition: partitionOf(region).name,
    secureTransport: call.secureTransport,
    userAgent: header(signed, 'user-agent'),
    now: () => now,
  };
  trackServiceAccess(ctx);
  authorize(ctx, input, call.onDecision ?? (() => {}));
  const handler = own(accessAnalyzerHandlers as Record<string, AnyHandler>, route.operation)!;
  let output: unknown;
  if (handler.constructor.name === 'AsyncFunction') output = await handler(ctx, input);
  else {
    services.store.accounts.ensureExists(ctx.accountId, now);
    output = services.store.tx(() => handler(ctx, input));
  }
  return { status: accessAnalyzerModel.operations[route.operation]!.status, body: serializeRestOutput(accessAnalyzerModel, route.operation, output) };
}

// The authentication and authorization errors are raised in the Query services' words; a JSON
// service names them with an `Exception` suffix (UnrecognizedClientException for an unknown key, as
// Lambda, CloudWatch Logs and Cognito answer) and answers them 403, its denial as its model's
// AccessDeniedException, and throttling as ThrottlingException (429).
const JSON_NAMES: Record<string, [string, number]> = {
  AccessDenied: ['AccessDeniedException', 403],
  InvalidClientTokenId: ['UnrecognizedClientException', 403],
  SignatureDoesNotMatch: ['InvalidSignatureException', 403],
  MissingAuthenticationToken: ['MissingAuthenticationTokenException', 403],
  IncompleteSignature: ['IncompleteSignatureException', 403],
  ExpiredToken: ['ExpiredTokenException', 403],
  Throttling: ['ThrottlingException', 429],
};

/** Any error as Access Analyzer would answer it: unexpected ones are logged and become a 500. */
export function toAnalyzerError(services: Services, err: unknown): AwsError {
  if (err instanceof AwsError) {
    const named = Object.hasOwn(JSON_NAMES, err.code) ? JSON_NAMES[err.code] : undefined;
    return named ? new RestError(named[0], err.message, named[1]) : err;
  }
  services.log.error({ err }, 'unexpected error');
  return new RestError('InternalServerException', 'An internal error occurred.', 500);
}

export const newRequestId = () => randomUUID();
