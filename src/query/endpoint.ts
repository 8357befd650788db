// The Query endpoint: POST / (form body) and GET /?Action=… for IAM and STS on one port.
// HTTP → params → (src/dispatch: authenticate → parse by model → authorize → handler in one
// transaction → record) → XML. HTTP and XML stay here; the rules are the dispatcher's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Services } from '../context.js';
import { iamModel } from '../protocol/generated/iam-model.js';
import { stsModel } from '../protocol/generated/sts-model.js';
import type { Params } from '../protocol/parse.js';
import { serializeError, serializeOutput } from '../protocol/serialize.js';
import { AwsError, toAwsError } from '../protocol/errors.js';
import { execute, requireOperation, SERVICES } from '../dispatch/execute.js';
import { authenticateCall } from '../dispatch/authenticate.js';
import { claimedScope, header, type SignedRequest } from '../auth/signed-request.js';
import { DECISION_HEADER } from '../authz/authorize.js';
import { own } from '../own.js';

function toParams(search: URLSearchParams): Params {
  const params: Params = new Map();
  for (const [k, v] of search) if (!params.has(k)) params.set(k, v);
  return params;
}

/** IAM and STS share the port: the SigV4 scope says which, else the action's name does. */
function pickService(scopeService: string | undefined, action: string | undefined): 'iam' | 'sts' {
  if (scopeService === 'sts' || scopeService === 'iam') return scopeService;
  if (action && own(stsModel.operations, action) && !own(iamModel.operations, action)) return 'sts';
  return 'iam';
}

function sendXml(reply: FastifyReply, status: number, requestId: string, xml: string) {
  return reply.code(status).header('content-type', 'text/xml').header('x-amzn-requestid', requestId).send(xml);
}

export async function handleQuery(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const requestId = randomUUID();
  const rawUrl = request.raw.url ?? '/';
  const qIndex = rawUrl.indexOf('?');
  const rawQuery = qIndex === -1 ? '' : rawUrl.slice(qIndex + 1);
  const body = typeof request.body === 'string' ? request.body : '';
  const query = new URLSearchParams(rawQuery);
  const params = toParams(request.method === 'POST' && body ? new URLSearchParams(body) : query);
  const action = params.get('Action');
  const signed: SignedRequest = {
    method: request.method,
    path: qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex),
    rawQuery,
    headers: request.headers,
    body,
    sourceIp: request.ip,
  };
  const scope = claimedScope(signed, query);
  const service = pickService(scope?.service, action);
  const { model } = SERVICES[service];
  request.iamLog = { requestId, action: action ? `${service}:${action}` : undefined };
  try {
    const op = requireOperation(service, action);
    const { principal, region } = authenticateCall(services, signed, scope, service, op);
    request.iamLog = { requestId, principal: principal.arn, action: `${service}:${op}` };
    const output = await execute(services, {
      requestId,
      service,
      action: op,
      params,
      principal,
      region,
      sourceIp: request.ip,
      secureTransport: request.protocol === 'https',
      userAgent: header(signed, 'user-agent'),
      onDecision(id) {
        reply.header(DECISION_HEADER, id); // (a method: see contextOf in src/dispatch/execute.ts)
      },
    });
    return sendXml(reply, 200, requestId, serializeOutput(model, op, output, requestId));
  } catch (err) {
    const aws = toAwsError(services, err, service);
    return sendXml(reply, aws.status, requestId, serializeError(model.namespace, aws, requestId));
  }
}

export function registerQueryEndpoint(app: FastifyInstance, services: Services) {
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream'],
    { parseAs: 'string', bodyLimit: 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  // A body with no or an unknown content type is still read, as Query parameters or not at all.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
  const handler = (req: FastifyRequest, reply: FastifyReply) => handleQuery(services, req, reply);
  // Failures before the handler (a body over the limit, a malformed one) answer in AWS's shape too.
  const errorHandler = (err: { statusCode?: number; code?: string; message: string }, _req: FastifyRequest, reply: FastifyReply) => {
    const requestId = randomUUID();
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
    const aws =
      status === 413
        ? new AwsError('RequestEntityTooLarge', 'Request body is too large.', 413)
        : new AwsError('MalformedQueryString', 'The request could not be read.', status);
    return sendXml(reply, status, requestId, serializeError(iamModel.namespace, aws, requestId));
  };
  app.post('/', { errorHandler }, handler);
  app.get('/', { errorHandler }, handler);
}
