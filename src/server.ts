// buildServer(config) → a fastify instance serving IAM, STS, instance metadata and /_iam/*.
// Used by the CLI and by the tests.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Services } from './context.js';
import { Clock } from './clock.js';
import { Store } from './store/store.js';
import { registerQueryEndpoint } from './query/endpoint.js';
import { registerAccessAnalyzerEndpoint } from './rest/endpoint.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerOidcRoutes } from './admin/oidc.js';
import { registerInstanceRoutes } from './admin/instances.js';
import { registerTaskRoutes } from './admin/tasks.js';
import { createLogger, registerRequestLog } from './request-log.js';
import { registerOperatorRoutes } from './admin/state.js';
import { registerDecisionRoutes } from './admin/decisions.js';
import { registerConsoleRoutes } from './admin/console/routes.js';
import { recordListeningPort } from './sts/oidc-issuer.js';
import { createServer } from 'node:http';
import { ConfigError } from './config.js';
import type { Gateway } from './gateway/gateway.js';
import { parseUpstreams, UpstreamError } from './gateway/upstreams.js';
import { registerAdminGuard } from './admin/guard.js';
import { randomBytes } from 'node:crypto';
import { isLoopbackHost } from './config.js';

export interface BuiltServer {
  app: FastifyInstance;
  services: Services;
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
  // before fastify sees them, so their bodies stream untouched (src/gateway/).
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
  const gw = gateway;
  const serverFactory = gw
    ? (handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) =>
        createServer((req, res) => (gw.claims(req) ? gw.handle(req, res) : handler(req, res)))
    : undefined;

  const app = Fastify({ ...(serverFactory ? { serverFactory } : {}), loggerInstance: log as unknown as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1024 * 1024 });
  registerRequestLog(app, log);
  const adminToken = config.adminToken ?? (isLoopbackHost(config.host) ? undefined : randomBytes(24).toString('base64url'));
  // First: its onRoute hook gives the admin routes registered below their small body limit.
  registerAdminGuard(app, services, adminToken);
  // The Date header follows the server's clock, so SDKs correct their clock skew against it
  // (as they do against AWS) when /_iam/clock has moved it.
  // (A callback hook, and the text made once per second of the clock: it runs on every response.)
  let dateSecond = NaN;
  let dateText = '';
  app.addHook('onSend', (_req, reply, payload, done) => {
    const second = Math.floor(clock.nowMs() / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateText = new Date(second * 1000).toUTCString();
    }
    reply.header('date', dateText);
    done(null, payload);
  });
  registerAdminRoutes(app, services);
  registerOidcRoutes(app, services);
  registerInstanceRoutes(app, services);
  registerTaskRoutes(app, services);
  registerOperatorRoutes(app, services);
  registerDecisionRoutes(app, services);
  registerConsoleRoutes(app, services);
  registerQueryEndpoint(app, services);
  registerAccessAnalyzerEndpoint(app, services);
  if (gateway) app.addHook('onClose', (_app, done) => (gateway.close(), done()));

  return {
    app,
    services,
    adminToken,
    async listen() {
      const address = await app.listen({ port: config.port, host: config.host });
      const bound = app.server.address();
      if (bound && typeof bound === 'object') recordListeningPort(config, bound.port);
      return address.replace('[::1]', '127.0.0.1');
    },
    async close() {
      await app.close();
      if (!options.store) store.close();
    },
  };
}
