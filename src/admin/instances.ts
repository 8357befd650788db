// /_iam/instances: simulated EC2 instances, each with its own instance metadata service on its own
// port; and /latest/… on the main port, answered for the instance bound to the client's address
// (or the IAM_LOCAL_INSTANCE_PROFILE default instance).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../context.js';
import { MetadataError, metadataRegistry } from '../metadata/registry.js';

const IMDS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'] as const;

export function registerInstanceRoutes(app: FastifyInstance, services: Services) {
  const registry = metadataRegistry(services);
  const { instanceProfile, instanceClients } = services.config;
  // Off unless its clients are configured: on the main port, anyone who reaches the server could
  // otherwise take the instance role's credentials.
  if (instanceProfile && instanceClients.length) registry.setDefaultInstance(instanceProfile, instanceClients);
  else if (instanceProfile)
    services.log.warn({ instanceProfile }, 'IAM_LOCAL_INSTANCE_PROFILE is set without IAM_LOCAL_INSTANCE_CLIENTS: the main port serves no default instance (give the client addresses it answers, e.g. 127.0.0.1)');
  // Before fastify waits for open connections: requests held without an answer, and every
  // instance's own listener.
  app.addHook('preClose', async () => {
    await registry.closeAll();
  });

  const imds = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    await registry.serveMainPortImds(req.raw, reply.raw);
  };
  app.route({ method: [...IMDS_METHODS], url: '/latest', handler: imds });
  app.route({ method: [...IMDS_METHODS], url: '/latest/*', handler: imds });

  const fail = (reply: FastifyReply, e: unknown) => {
    if (e instanceof MetadataError) return reply.code(e.status).send({ error: e.message });
    throw e;
  };
  const mainUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
  const describe = (req: FastifyRequest, i: ReturnType<typeof registry.listInstances>[number]) => ({
    ...i.describe(),
    endpoint: i.endpoint ?? mainUrl(req),
  });

  app.post('/_iam/instances', async (req, reply) => {
    try {
      const inst = await registry.createInstance(req.body ?? {}, services.config.host);
      return reply.code(201).send(describe(req, inst));
    } catch (e) {
      return fail(reply, e);
    }
  });

  app.get('/_iam/instances', async (req) => ({ instances: registry.listInstances().map((i) => describe(req, i)) }));

  app.get<{ Params: { id: string } }>('/_iam/instances/:id', async (req, reply) => {
    const inst = registry.getInstance(req.params.id);
    if (!inst) return reply.code(404).send({ error: `No running instance ${req.params.id}.` });
    return describe(req, inst);
  });

  // Like EC2's ModifyInstanceMetadataOptions: httpTokens, httpEndpoint, hopLimit, instanceMetadataTags.
  app.patch<{ Params: { id: string } }>('/_iam/instances/:id', async (req, reply) => {
    try {
      return describe(req, registry.modifyInstance(req.params.id, req.body ?? {}));
    } catch (e) {
      return fail(reply, e);
    }
  });

  app.delete<{ Params: { id: string } }>('/_iam/instances/:id', async (req, reply) => {
    if (!(await registry.stopInstance(req.params.id)))
      return reply.code(404).send({ error: `No running instance ${req.params.id}.` });
    return { instanceId: req.params.id, state: 'terminated' };
  });
}
