// One log line per request: request id, principal, action, HTTP status and time taken.
// The Query endpoint fills request.iamLog (AWS request id, caller ARN, service:Action); admin and
// metadata routes log their method and URL instead.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** The response header carrying an authorization decision's id (src/authz/authorize.ts). */
const DECISION_HEADER = 'x-iam-local-decision-id';

export interface IamLogFields {
  requestId: string;
  principal?: string;
  action?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    iamLog?: IamLogFields;
  }
}

export function registerRequestLog(app: FastifyInstance, log: Logger) {
  // A logger that writes nothing (silent; the level is set once, at start) needs no hook at all:
  // fastify runs every onResponse hook on every request (≈3 µs of a signed request's ≈80).
  if (!log.isLevelEnabled('error')) return;
  // A callback hook that builds nothing when its level is off: it runs on every request.
  app.addHook('onResponse', (request, reply, done) => {
    // Health probes (Docker's HEALTHCHECK every few seconds) only at debug, so they do not drown the log.
    const level = reply.statusCode >= 500 ? 'error' : request.url === '/_iam/health' ? 'debug' : 'info';
    if (!log.isLevelEnabled(level)) return done();
    const f = request.iamLog;
    // The authorization decision behind the answer (GET /_iam/decisions/ID explains a denial).
    const decisionId = reply.getHeader(DECISION_HEADER);
    const line = {
      requestId: f?.requestId ?? request.id,
      principal: f?.principal,
      action: f?.action ?? `${request.method} ${request.url.split('?')[0]}`,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...(decisionId !== undefined ? { decisionId: String(decisionId) } : {}),
    };
    log[level](line, 'request');
    done();
  });
}

/** pino JSON lines; on a terminal, pino-pretty (loaded only then, so JSON logs need nothing extra). */
export async function createLogger(level: string, stream: NodeJS.WriteStream = process.stdout): Promise<Logger> {
  const { default: pino } = await import('pino');
  if (stream.isTTY && level !== 'silent') {
    try {
      const { default: pretty } = await import('pino-pretty');
      return pino({ level }, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
    } catch {
      // pino-pretty not installed (e.g. a trimmed image): plain JSON is fine.
    }
  }
  return pino({ level });
}
