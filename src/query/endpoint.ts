// The Query endpoint: POST / (form body) and GET /?Action=… for IAM and STS on one port.
// HTTP → params → (src/dispatch: authenticate → parse by model → authorize → handler in one
// transaction → record) → XML. HTTP and XML stay here; the rules are the dispatcher's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Services } from '../context.js';
import type { Params } from '../protocol/parse.js';
import { serializeError, serializeOutput } from '../protocol/serialize.js';
import { AwsError, toAwsError } from '../protocol/errors.js';
import { execute, requireOperation } from '../dispatch/execute.js';
import { IAM_XML_NAMESPACE, isStsOnlyAction, loadedService, loadService } from '../dispatch/services.js';
import { authenticateCall } from '../dispatch/authenticate.js';
import { claimedScope, header, type SignedRequest } from '../auth/signed-request.js';
import { DECISION_HEADER } from '../authz/decision-header.js';

/** The query of a URL without one (only ever read). */
const NO_QUERY = new URLSearchParams();

function toParams(search: URLSearchParams): Params {
  const params: Params = new Map();
  for (const [k, v] of search) if (!params.has(k)) params.set(k, v);
  return params;
}

/** IAM and STS share the port: the SigV4 scope says which, else the action's name does. */
function pickService(scopeService: string | undefined, action: string | undefined): 'iam' | 'sts' {
  if (scopeService === 'sts' || scopeService === 'iam') return scopeService;
  if (action && isStsOnlyAction(action)) return 'sts';
  return 'iam';
}

/** What the request log's line says of a Query call (src/request-log.ts writes it). */
export interface IamLogFields {
  requestId: string;
  principal?: string;
  action?: string;
}

/** A Query request as it arrived, whichever HTTP front received it. */
export interface QueryRequest {
  method: string;
  /** The raw URL: path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as text ('' when none was sent, or for a GET). */
  body: string;
  sourceIp: string;
  protocol: 'http' | 'https';
}

/** What to send back: an XML answer, its AWS request id, and the request log's fields. */
export interface QueryAnswer {
  status: number;
  requestId: string;
  xml: string;
  /** The id of the authorization decision behind the answer, when one was recorded. */
  decisionId?: string;
  log: IamLogFields;
}

export async function answerQuery(services: Services, request: QueryRequest): Promise<QueryAnswer> {
  const requestId = randomUUID();
  const rawUrl = request.url || '/';
  const qIndex = rawUrl.indexOf('?');
  const rawQuery = qIndex === -1 ? '' : rawUrl.slice(qIndex + 1);
  const body = request.body;
  // (Most calls are a POST with no query string: nothing to parse there.)
  const query = rawQuery ? new URLSearchParams(rawQuery) : NO_QUERY;
  const params = toParams(request.method === 'POST' && body ? new URLSearchParams(body) : query);
  const action = params.get('Action');
  const signed: SignedRequest = {
    method: request.method,
    path: qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex),
    rawQuery,
    headers: request.headers,
    body,
    sourceIp: request.sourceIp,
  };
  const scope = claimedScope(signed, query);
  const service = pickService(scope?.service, action);
  // (IAM's model and handlers load on its first call; after that, no await for them.)
  const svc = loadedService(service) ?? (await loadService(service));
  const { model } = svc;
  let log: IamLogFields = { requestId, action: action ? `${service}:${action}` : undefined };
  let decisionId: string | undefined;
  try {
    const op = requireOperation(svc, action);
    const { principal, region } = authenticateCall(services, signed, scope, service, op);
    log = { requestId, principal: principal.arn, action: `${service}:${op}` };
    const output = await execute(services, {
      requestId,
      service,
      action: op,
      params,
      principal,
      region,
      sourceIp: request.sourceIp,
      secureTransport: request.protocol === 'https',
      userAgent: header(signed, 'user-agent'),
      onDecision(id) {
        decisionId = id; // (a method: see contextOf in src/dispatch/execute.ts)
      },
    });
    return { status: 200, requestId, xml: serializeOutput(model, op, output, requestId), decisionId, log };
  } catch (err) {
    const aws = toAwsError(services, err, service);
    return { status: aws.status, requestId, xml: serializeError(model.namespace, aws, requestId), decisionId, log };
  }
}

/** The answer to a body that could not be read (over the size limit, or malformed), in AWS's shape. */
export function unreadableBody(statusCode: number | undefined): { status: number; requestId: string; xml: string } {
  const requestId = randomUUID();
  const status = statusCode && statusCode >= 400 && statusCode < 500 ? statusCode : 400;
  const aws =
    status === 413
      ? new AwsError('RequestEntityTooLarge', 'Request body is too large.', 413)
      : new AwsError('MalformedQueryString', 'The request could not be read.', status);
  return { status, requestId, xml: serializeError(IAM_XML_NAMESPACE, aws, requestId) };
}

/** The largest Query body read (as fastify's bodyLimit on the routes below). */
export const QUERY_BODY_LIMIT = 1024 * 1024;

function sendXml(reply: FastifyReply, status: number, requestId: string, xml: string) {
  return reply.code(status).header('content-type', 'text/xml').header('x-amzn-requestid', requestId).send(xml);
}

async function handleQuery(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const answer = await answerQuery(services, {
    method: request.method,
    url: request.raw.url ?? '/',
    headers: request.headers,
    body: typeof request.body === 'string' ? request.body : '',
    sourceIp: request.ip,
    protocol: request.protocol === 'https' ? 'https' : 'http',
  });
  request.iamLog = answer.log;
  if (answer.decisionId !== undefined) reply.header(DECISION_HEADER, answer.decisionId);
  return sendXml(reply, answer.status, answer.requestId, answer.xml);
}

export function registerQueryEndpoint(app: FastifyInstance, services: Services) {
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream'],
    { parseAs: 'string', bodyLimit: QUERY_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );
  // A body with no or an unknown content type is still read, as Query parameters or not at all.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: QUERY_BODY_LIMIT }, (_req, body, done) => done(null, body));
  const handler = (req: FastifyRequest, reply: FastifyReply) => handleQuery(services, req, reply);
  // Failures before the handler (a body over the limit, a malformed one) answer in AWS's shape too.
  const errorHandler = (err: { statusCode?: number; code?: string; message: string }, _req: FastifyRequest, reply: FastifyReply) => {
    const { status, requestId, xml } = unreadableBody(err.statusCode);
    return sendXml(reply, status, requestId, xml);
  };
  app.post('/', { errorHandler }, handler);
  app.get('/', { errorHandler }, handler);
}
