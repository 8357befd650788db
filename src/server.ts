// buildServer(config) → the main port's HTTP server serving IAM, STS, instance metadata and /_iam/*.
// Used by the CLI, the programmatic API and the tests. IAM and STS calls are answered by the
// front door (src/front-door.ts) on node:http; the fastify app with every other route
// (src/routes-app.ts) is imported and built on the first request that needs it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Services } from './context.js';
import { Clock } from './clock.js';
import { Store } from './store/store.js';
import { createLogger } from './request-log.js';
import { frontDoor } from './front-door.js';
import { recordListeningPort } from './sts/oidc-issuer.js';
import { ConfigError } from './config.js';
import type { Gateway } from './gateway/gateway.js';
import { parseUpstreams, UpstreamError } from './gateway/upstreams.js';
import { randomBytes } from 'node:crypto';
import { isLoopbackHost } from './config.js';

export interface BuiltServer {
  /** The node:http server of the main port (its address, its connections). */
  http: Server;
  services: Services;
  /** The fastify app of every route but the Query endpoint, built on its first use (a later
   *  call returns the same app). */
  app(): Promise<FastifyInstance>;
  /** The token that proves an operator on /_iam/* (IAM_LOCAL_ADMIN_TOKEN, or generated because the
   *  server listens beyond loopback without one); undefined: loopback only, no token. */
  adminToken: string | undefined;
  /** Listens on config.host:config.port (port 0 = any free port) and returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface BuildOptions {
  /** Share an already-open store (tests, CLI seed). */
  store?: Store;
  clock?: Clock;
}

export async function buildServer(config: Config, options: BuildOptions = {}): Promise<BuiltServer> {
  const log = await createLogger(config.logLevel);
  const store = options.store ?? Store.open(config.dbPath);
  const clock = options.clock ?? new Clock(config.clock, config.clockAt ? new Date(config.clockAt) : undefined);
  store.accounts.ensure(config.accountId, clock.now().toISOString());
  const services: Services = { config, store, clock, log, startedAt: new Date() };

  // The enforcement gateway (--upstream) shares the port: requests for other services go to it
  // before the front door sees them, so their bodies stream untouched (src/gateway/).
  let gateway: Gateway | undefined;
  if (config.upstream) {
    try {
      const upstreams = parseUpstreams(config.upstream);
      // Loaded only when configured: start-up of a plain IAM server does not pay for it.
      const { createGateway } = await import('./gateway/gateway.js');
      gateway = createGateway(services, upstreams);
    } catch (e) {
      if (e instanceof UpstreamError) throw new ConfigError(`--upstream / IAM_LOCAL_UPSTREAM: ${e.message}`);
      throw e;
    }
  }
  const adminToken = config.adminToken ?? (isLoopbackHost(config.host) ? undefined : randomBytes(24).toString('base64url'));

  // The Date header follows the server's clock, so SDKs correct their clock skew against it (as
  // they do against AWS) when /_iam/clock has moved it; the text is made once per second of it.
  let dateSecond = NaN;
  let dateText = '';
  const dateHeader = () => {
    const second = Math.floor(clock.nowMs() / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateText = new Date(second * 1000).toUTCString();
    }
    return dateText;
  };

  const http = createServer();
  // fastify's defaults for the server it would have made: keep-alive 72 s, no request timeout.
  http.keepAliveTimeout = 72_000;
  http.requestTimeout = 0;
  let app: Promise<FastifyInstance> | undefined;
  const routesApp = () => (app ??= import('./routes-app.js').then((m) => m.buildRoutesApp(services, http, dateHeader, adminToken)));
  let route: Promise<(req: IncomingMessage, res: ServerResponse) => void> | undefined;
  const door = frontDoor(services, () => (route ??= routesApp().then((a) => a.routing)), dateHeader);
  const gw = gateway;
  http.on('request', gw ? (req: IncomingMessage, res: ServerResponse) => (gw.claims(req) ? gw.handle(req, res) : door(req, res)) : door);
  // A default instance profile is served at /latest/ from the first request: its routes now.
  if (config.instanceProfile) await routesApp();

  let second: Server | undefined;
  return {
    http,
    services,
    app: routesApp,
    adminToken,
    async listen() {
      await listenOn(http, config.port, config.host);
      const bound = http.address() as AddressInfo;
      // As fastify did: `localhost` is both loopback addresses (SDKs resolve it either way).
      if (config.host === 'localhost') second = await secondLoopback(http, bound);
      recordListeningPort(config, bound.port);
      return urlOf(bound);
    },
    async close() {
      await Promise.all([http, ...(second ? [second] : [])].map(closeServer));
      if (app) await (await app).close();
      else await (await import('./metadata/registry.js')).metadataRegistry(services).closeAll();
      gateway?.close();
      if (!options.store) store.close();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // As fastify's forceCloseConnections 'idle': kept-alive connections with no request end now.
    server.closeIdleConnections();
  });
}

/** The base URL as fastify's listen() gave it: every interface (0.0.0.0) → 127.0.0.1, ::1 → 127.0.0.1. */
function urlOf(bound: AddressInfo): string {
  const a = bound.address;
  const host = a === '0.0.0.0' || a === '::1' ? '127.0.0.1' : a.includes(':') ? `[${a}]` : a;
  return `http://${host}:${bound.port}`;
}

/** The other loopback address on the same port, answered by the same listener; none when this
 *  machine has no such address. */
async function secondLoopback(http: Server, bound: AddressInfo): Promise<Server | undefined> {
  const other = bound.family === 'IPv6' || bound.address.includes(':') ? '127.0.0.1' : '::1';
  const server = createServer();
  server.keepAliveTimeout = http.keepAliveTimeout;
  server.requestTimeout = http.requestTimeout;
  for (const l of http.listeners('request')) server.on('request', l as (req: IncomingMessage, res: ServerResponse) => void);
  try {
    await listenOn(server, bound.port, other);
    return server;
  } catch {
    return undefined;
  }
}

function listenOn(http: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    http.once('error', onError);
    http.listen(port, host, () => {
      http.off('error', onError);
      resolve();
    });
  });
}
