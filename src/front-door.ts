// The one node:http listener of the main port. It answers the Query protocol (POST / and GET /,
// every IAM and STS call) itself, through the same answerQuery the fastify route calls, and hands
// every other request to the routes app (src/routes-app.ts), built on the first request that needs
// it. A process that only serves IAM and STS never loads fastify: start-up compiles and runs only
// what the first signed request needs.
// (performance.now() is the global: node:perf_hooks itself is loaded only when logging needs it.)
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from './context.js';
import { answerQuery, QUERY_BODY_LIMIT, unreadableBody } from './query/endpoint.js';
import { logRequest } from './request-log.js';
import { DECISION_HEADER } from './authz/decision-header.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** Requests this front answers itself: GET / and POST / whose body (if any) is not JSON. A JSON
 *  body and every other method (HEAD, OPTIONS…) go to fastify, which answered them before. */
function isQuery(req: IncomingMessage): boolean {
  if (req.method !== 'POST' && req.method !== 'GET') return false;
  const url = req.url ?? '';
  if (url !== '/' && !url.startsWith('/?')) return false;
  const type = req.headers['content-type'];
  return type === undefined || !/json/i.test(type);
}

/** The request's body as text, or the status fastify answered an unreadable one with. */
function readBody(req: IncomingMessage): Promise<string | { status: number }> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > QUERY_BODY_LIMIT) {
    req.resume();
    return Promise.resolve({ status: 413 });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      length += chunk.length;
      if (length > QUERY_BODY_LIMIT) {
        done = true;
        return resolve({ status: 413 });
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, length).toString('utf8'));
      done = true;
    });
    req.on('error', () => {
      if (!done) resolve({ status: 400 });
      done = true;
    });
  });
}

function sendXml(res: ServerResponse, status: number, requestId: string, xml: string, date: string, decisionId?: string) {
  const headers: Record<string, string | number> = {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
    'content-length': Buffer.byteLength(xml),
    date,
  };
  if (decisionId !== undefined) headers[DECISION_HEADER] = decisionId;
  res.writeHead(status, headers);
  res.end(xml);
}

/**
 * The request listener of the main port. `routesApp` resolves to the fastify app's router (built
 * once, on its first call); `dateHeader` is the Date header by the server's clock.
 */
export function frontDoor(services: Services, routesApp: () => Promise<Route>, dateHeader: () => string) {
  const { log } = services;
  const logging = log.isLevelEnabled('error');

  async function query(req: IncomingMessage, res: ServerResponse) {
    const started = logging ? performance.now() : 0;
    const body = req.method === 'POST' ? await readBody(req) : (req.resume(), '');
    if (typeof body !== 'string') {
      const { status, requestId, xml } = unreadableBody(body.status);
      sendXml(res, status, requestId, xml, dateHeader());
      if (logging) logRequest(log, { method: req.method!, url: req.url!, fields: undefined, fallbackId: requestId, status, ms: performance.now() - started, decisionId: undefined });
      return;
    }
    const answer = await answerQuery(services, {
      method: req.method!,
      url: req.url ?? '/',
      headers: req.headers,
      body,
      sourceIp: req.socket.remoteAddress ?? '',
      protocol: (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http',
    });
    sendXml(res, answer.status, answer.requestId, answer.xml, dateHeader(), answer.decisionId);
    if (logging)
      logRequest(log, { method: req.method!, url: req.url!, fields: answer.log, fallbackId: answer.requestId, status: answer.status, ms: performance.now() - started, decisionId: answer.decisionId });
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    if (isQuery(req)) {
      query(req, res).catch((err) => {
        // answerQuery turns every error into AWS's answer; this is a failure to write the answer.
        log.error({ err }, 'unexpected error');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    routesApp().then(
      (route) => route(req, res),
      (err) => {
        log.error({ err }, 'the routes app could not be built');
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  };
}
