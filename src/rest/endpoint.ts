// The Access Analyzer endpoint (REST-JSON, SigV4 service `access-analyzer`) on the same port as IAM
// and STS: its operations live under their own paths (/policy/…), so the path tells them apart
// from the Query endpoint's POST /. HTTP and JSON only: each call goes to src/dispatch/analyzer.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../context.js';
import { accessAnalyzerModel } from '../protocol/generated/access-analyzer-model.js';
import { restErrorResponse, RestError } from '../protocol/rest-json.js';
import type { SignedRequest } from '../auth/signed-request.js';
import { DECISION_HEADER } from '../authz/decision-header.js';
import { executeAnalyzer, newRequestId, toAnalyzerError } from '../dispatch/analyzer.js';

function send(reply: FastifyReply, status: number, headers: Record<string, string>, body: string) {
  return reply.code(status).headers(headers).send(body);
}

async function handle(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const requestId = newRequestId();
  const rawUrl = request.raw.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
  const body = typeof request.body === 'string' ? request.body : '';
  const signed: SignedRequest = { method: request.method, path, rawQuery, headers: request.headers, body, sourceIp: request.ip };
  request.iamLog = { requestId };
  try {
    const out = await executeAnalyzer(services, {
      requestId,
      signed,
      query: new URLSearchParams(rawQuery),
      secureTransport: request.protocol === 'https',
      onIdentified: (principal, action) => {
        request.iamLog = { requestId, principal, action };
      },
      onDecision: (id) => {
        reply.header(DECISION_HEADER, id);
      },
    });
    return send(reply, out.status, { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, out.body);
  } catch (err) {
    const r = restErrorResponse(toAnalyzerError(services, err), requestId);
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
      const r = restErrorResponse(new RestError(status === 413 ? 'RequestEntityTooLargeException' : 'SerializationException', err.message, status), newRequestId());
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
