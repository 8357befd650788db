// /_iam/console: the local IAM console. Only these two light routes are registered at start; the
// console itself (sessions, API, assets, the action catalogue) is imported on its first request,
// so a server whose console is never opened pays nothing for it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../context.js';
import { CONSOLE_PREFIX } from './prefix.js';

export { CONSOLE_PREFIX };

export function registerConsoleRoutes(app: FastifyInstance, services: Services) {
  let loaded: Promise<typeof import('./app.js')> | undefined;
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const mod = await (loaded ??= import('./app.js'));
    return mod.handleConsoleRequest(services, req, reply);
  };
  app.route({ method: ['GET', 'POST'], url: CONSOLE_PREFIX, handler });
  app.route({ method: ['GET', 'POST'], url: `${CONSOLE_PREFIX}/*`, handler });
}
