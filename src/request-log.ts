// One log line per request: request id, principal, action, HTTP status and time taken.
// The Query endpoint fills request.iamLog (AWS request id, caller ARN, service:Action); admin and
// metadata routes log their method and URL instead.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { IamLogFields } from './query/endpoint.js';
import { BatchingDestination } from './log-destination.js';
import { DECISION_HEADER } from './authz/decision-header.js';

export type { IamLogFields };

declare module 'fastify' {
  interface FastifyRequest {
    iamLog?: IamLogFields;
  }
}

/** Writes one request's line, at error for a 5xx, debug for a health probe (Docker's HEALTHCHECK
 *  every few seconds, so they do not drown the log), info otherwise. Used by every HTTP front. */
export function logRequest(
  log: Logger,
  r: { method: string; url: string; fields: IamLogFields | undefined; fallbackId: string; status: number; ms: number; decisionId: unknown },
) {
  const level = r.status >= 500 ? 'error' : r.url === '/_iam/health' ? 'debug' : 'info';
  // Builds nothing when its level is off: it runs on every request.
  if (!log.isLevelEnabled(level)) return;
  const f = r.fields;
  const line = {
    requestId: f?.requestId ?? r.fallbackId,
    principal: f?.principal,
    action: f?.action ?? `${r.method} ${r.url.split('?')[0]}`,
    status: r.status,
    ms: Math.round(r.ms * 10) / 10,
    // The authorization decision behind the answer (GET /_iam/decisions/ID explains a denial).
    ...(r.decisionId !== undefined ? { decisionId: String(r.decisionId) } : {}),
  };
  log[level](line, 'request');
}

export function registerRequestLog(app: FastifyInstance, log: Logger) {
  // A logger that writes nothing (silent; the level is set once, at start) needs no hook at all:
  // fastify runs every onResponse hook on every request (≈3 µs of a signed request's ≈80).
  if (!log.isLevelEnabled('error')) return;
  // A callback hook: it runs on every request.
  app.addHook('onResponse', (request, reply, done) => {
    logRequest(log, {
      method: request.method,
      url: request.url,
      fields: request.iamLog,
      fallbackId: request.id,
      status: reply.statusCode,
      ms: reply.elapsedTime,
      decisionId: reply.getHeader(DECISION_HEADER),
    });
    done();
  });
}

/** pino JSON lines; on a terminal, pino-pretty (loaded only then, so JSON logs need nothing extra). */
export async function createLogger(level: string, stream: NodeJS.WriteStream = process.stdout): Promise<Logger> {
  // A logger that writes nothing needs no pino (nor its ~60 KB of code at start): the default of the
  // programmatic API and of test servers.
  if (level === 'silent') return silentLogger();
  const { default: pino } = await import('pino');
  if (stream.isTTY && level !== 'silent') {
    try {
      const { default: pretty } = await import('pino-pretty');
      return pino({ level }, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
    } catch {
      // pino-pretty not installed (e.g. a trimmed image): plain JSON is fine.
    }
  }
  // Never a write() system call on a request's own path (it was ~10 % of a signed request's CPU at
  // the default level): lines are written in batches, after the requests (src/log-destination.ts).
  return pino({ level }, new BatchingDestination((stream as { fd?: number }).fd ?? 1));
}

/** pino's interface at level `silent`: every method does nothing, no level is enabled, and a child
 *  is the logger itself (fastify makes one per request). */
function silentLogger(): Logger {
  const noop = () => {};
  const log = {
    level: 'silent',
    fatal: noop,
    error: noop,
    warn: noop,
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    isLevelEnabled: () => false,
    child: () => log,
    bindings: () => ({}),
    flush: noop,
  };
  return log as unknown as Logger;
}
