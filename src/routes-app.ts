// The fastify app behind every route but the Query endpoint's POST / and GET /: /_iam/* (admin,
// console, OIDC, SAML, instances, tasks, state), instance metadata (/latest/*), the container
// credential endpoints. It is built on the first request that needs it (src/server.ts), so a server
// that only answers IAM and STS calls never loads fastify (~1.3 MB of the bundle with ajv,
// fast-json-stringify and find-my-way: most of what start-up used to compile).
// It is given the one node:http server (serverFactory) and never listens itself.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import type { Services } from './context.js';
import { registerQueryEndpoint } from './query/endpoint.js';
import { registerAccessAnalyzerEndpoint } from './rest/endpoint.js';
import { registerAdminGuard } from './admin/guard.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerOidcRoutes } from './admin/oidc.js';
import { registerInstanceRoutes } from './admin/instances.js';
import { registerTaskRoutes } from './admin/tasks.js';
import { registerRequestLog } from './request-log.js';
import { registerOperatorRoutes } from './admin/state.js';
import { registerDecisionRoutes } from './admin/decisions.js';
import { registerConsoleRoutes } from './admin/console/routes.js';

export async function buildRoutesApp(services: Services, server: Server, dateHeader: () => string, adminToken: string | undefined): Promise<FastifyInstance> {
  const { log } = services;
  const app = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    serverFactory: () => server,
  });
  registerRequestLog(app, log);
  // First: its onRoute hook gives the admin routes registered below their small body limit (and
  // the Host and operator checks every route but the Query endpoint's `/` passes).
  registerAdminGuard(app, services, adminToken);
  // The Date header follows the server's clock, so SDKs correct their clock skew against it
  // (as they do against AWS) when /_iam/clock has moved it. (A callback hook: it runs on every response.)
  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('date', dateHeader());
    done(null, payload);
  });
  registerAdminRoutes(app, services);
  registerOidcRoutes(app, services);
  registerInstanceRoutes(app, services);
  registerTaskRoutes(app, services);
  registerOperatorRoutes(app, services);
  registerDecisionRoutes(app, services);
  registerConsoleRoutes(app, services);
  // Also here: a HEAD / (fastify answers it from the GET route) and a JSON body, which fastify's
  // own JSON parser reads, take this path, and are answered exactly as before.
  registerQueryEndpoint(app, services);
  registerAccessAnalyzerEndpoint(app, services);
  await app.ready();
  return app;
}
