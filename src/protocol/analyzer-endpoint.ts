// The Access Analyzer endpoint (REST-JSON, SigV4 service `access-analyzer`) on the same port as IAM
// and STS: its operations live under their own paths (/policy/…), so the path tells them apart
// from the Query endpoint's POST /. HTTP → route by method and path → authenticate (SigV4, scoped
// to access-analyzer) → parse by model → authorize (access-analyzer:<Operation>) → handler (a
// synchronous one in one store transaction) → JSON; errors as REST-JSON services send them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { RequestContext, Services } from '../context.js';
import { accessAnalyzerModel } from './generated/access-analyzer-model.js';
import { AwsError } from './errors.js';
import { findOperation, parseRestInput, restErrorResponse, RestError, serializeRestOutput } from './rest-json.js';
import { authenticate } from '../auth/authenticate.js';
import { claimedScope, header, type SignedRequest } from '../auth/signed-request.js';
import { checkSessionScope } from '../sts/session-scope.js';
import { authorize, DECISION_HEADER } from '../authz/authorize.js';
import { trackServiceAccess } from '../iam/access-tracking.js';
import { partitionOf } from '../partition.js';
import { accessAnalyzerHandlers } from '../access-analyzer/index.js';
import { own } from '../own.js';

const SERVICE = 'access-analyzer';
type AnyHandler = (ctx: RequestContext, input: unknown) => unknown;

function send(reply: FastifyReply, status: number, headers: Record<string, string>, body: string) {
  return reply.code(status).headers(headers).send(body);
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

function toAwsError(services: Services, err: unknown): AwsError {
  if (err instanceof AwsError) {
    const named = Object.hasOwn(JSON_NAMES, err.code) ? JSON_NAMES[err.code] : undefined;
    return named ? new RestError(named[0], err.message, named[1]) : err;
  }
  services.log.error({ err }, 'unexpected error');
  return new RestError('InternalServerException', 'An internal error occurred.', 500);
}

async function handle(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const requestId = randomUUID();
  const rawUrl = request.raw.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
  const query = new URLSearchParams(rawQuery);
  const body = typeof request.body === 'string' ? request.body : '';
  const signed: SignedRequest = { method: request.method, path, rawQuery, headers: request.headers, body, sourceIp: request.ip };
  request.iamLog = { requestId };
  try {
    const route = findOperation(accessAnalyzerModel, request.method, path);
    if (!route) throw new RestError('UnknownOperationException', 'The requested operation is not supported.', 404);
    const { principal, region } = authenticate(services, signed, claimedScope(signed, query), SERVICE);
    checkSessionScope(principal, SERVICE);
    request.iamLog = { requestId, principal: principal.arn, action: `${SERVICE}:${route.operation}` };
    const input = parseRestInput(accessAnalyzerModel, route.operation, { labels: route.labels, query, headers: request.headers, body });
    const now = services.clock.now();
    const ctx: RequestContext = {
      ...services,
      requestId,
      service: SERVICE,
      action: route.operation,
      accountId: principal.accountId,
      principal,
      sourceIp: request.ip,
      region,
      partition: partitionOf(region).name,
      secureTransport: request.protocol === 'https',
      userAgent: header(signed, 'user-agent'),
      now: () => now,
    };
    trackServiceAccess(ctx);
    authorize(ctx, input, (id) => reply.header(DECISION_HEADER, id));
    const handler = own(accessAnalyzerHandlers as Record<string, AnyHandler>, route.operation)!;
    let output: unknown;
    if (handler.constructor.name === 'AsyncFunction') output = await handler(ctx, input);
    else {
      services.store.accounts.ensureExists(ctx.accountId, now);
      output = services.store.tx(() => handler(ctx, input));
    }
    return send(reply, accessAnalyzerModel.operations[route.operation]!.status, { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, serializeRestOutput(accessAnalyzerModel, route.operation, output));
  } catch (err) {
    const r = restErrorResponse(toAwsError(services, err), requestId);
    return send(reply, r.status, r.headers, r.body);
  }
}

/** Registers every operation's route; one call from the server's composition root. */
export function registerAccessAnalyzerEndpoint(app: FastifyInstance, services: Services) {
  void app.register(async (scope) => {
    // The signature covers the body as sent: keep it as text (the JSON is parsed by the model).
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(['application/json', 'application/x-amz-json-1.1'], { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, b, done) => done(null, b));
    const errorHandler = (err: { statusCode?: number; message: string }, _req: FastifyRequest, reply: FastifyReply) => {
      const status = err.statusCode === 413 ? 413 : 400;
      const r = restErrorResponse(new RestError(status === 413 ? 'RequestEntityTooLargeException' : 'SerializationException', err.message, status), randomUUID());
      return send(reply, r.status, r.headers, r.body);
    };
    const handler = (req: FastifyRequest, reply: FastifyReply) => handle(services, req, reply);
    const seen = new Set<string>();
    for (const op of Object.values(accessAnalyzerModel.operations)) {
      const url = op.uri.replace(/\{(\w+)\}/g, ':$1');
      const key = `${op.method} ${url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      scope.route({ method: op.method as 'GET' | 'POST' | 'PUT', url, errorHandler, handler });
    }
  });
}
