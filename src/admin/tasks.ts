// /_iam/tasks: container credential endpoints (ECS task roles, EKS Pod Identity), served on the
// main port at /v2/credentials/ID (ECS, relative or full URI) and /v1/credentials (EKS).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../context.js';
import { ECS_PATH_PREFIX, EKS_PATH, MetadataError, metadataRegistry } from '../metadata/registry.js';

export function registerTaskRoutes(app: FastifyInstance, services: Services) {
  const registry = metadataRegistry(services);

  const serve = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    await registry.serveContainerCredentials(req.raw, reply.raw);
  };
  app.route({ method: ['GET', 'PUT', 'POST', 'DELETE'], url: `${ECS_PATH_PREFIX}*`, handler: serve });
  app.route({ method: ['GET', 'PUT', 'POST', 'DELETE'], url: EKS_PATH, handler: serve });

  const mainUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  app.post('/_iam/tasks', async (req, reply) => {
    try {
      const task = registry.createTask(req.body ?? {});
      return reply.code(201).send(task.describe(mainUrl(req)));
    } catch (e) {
      if (e instanceof MetadataError) return reply.code(e.status).send({ error: e.message });
      throw e;
    }
  });

  app.get('/_iam/tasks', async (req) => ({ tasks: registry.listTasks().map((t) => t.describe(mainUrl(req))) }));

  app.delete<{ Params: { id: string } }>('/_iam/tasks/:id', async (req, reply) => {
    if (!registry.stopTask(req.params.id)) return reply.code(404).send({ error: `No task ${req.params.id}.` });
    return { taskId: req.params.id, state: 'stopped' };
  });
}
