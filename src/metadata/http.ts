// The plain-HTTP side shared by every metadata listener: how a request is seen (method, path,
// headers, the client's address) and how an answer is written, so one IMDS / container-credentials
// implementation serves both the main port and each simulated instance's own port.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface MetaRequest {
  method: string;
  /** Path without the query string, exactly as sent (no decoding, no slash folding). */
  path: string;
  headers: IncomingMessage['headers'];
  /** The client's address, IPv4-mapped IPv6 unwrapped ("::ffff:127.0.0.2" → "127.0.0.2"). */
  clientIp: string;
}

/** An answer, or `drop`: the request gets none at all (a packet that never arrives). */
export type MetaResponse = { status: number; headers?: Record<string, string>; body: string } | { drop: true };

export function normalizeIp(ip: string | undefined): string {
  if (!ip) return '';
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
}

export function toMetaRequest(req: IncomingMessage): MetaRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: q === -1 ? url : url.slice(0, q),
    headers: req.headers,
    clientIp: normalizeIp(req.socket.remoteAddress),
  };
}

export function header(req: MetaRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Sockets whose requests were dropped: held open so the client times out, closed on shutdown. */
export class DroppedSockets {
  private readonly sockets = new Set<Socket>();
  constructor(private readonly holdMs = 10_000) {}

  hold(socket: Socket) {
    this.sockets.add(socket);
    const timer = setTimeout(() => socket.destroy(), this.holdMs);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      this.sockets.delete(socket);
    });
  }

  destroyAll() {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}

export function writeResponse(req: IncomingMessage, res: ServerResponse, out: MetaResponse, dropped: DroppedSockets) {
  if ('drop' in out) {
    dropped.hold(req.socket);
    return;
  }
  const body = Buffer.from(out.body, 'utf8');
  res.writeHead(out.status, { ...out.headers, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
