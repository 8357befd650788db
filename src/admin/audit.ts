// GET /_iam/audit: the pitfalls found in the current state, as JSON (?account=, ?minSeverity=).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../context.js';
import { runAudit, SEVERITIES, type Severity } from '../audit/rules.js';

export function registerAuditRoutes(app: FastifyInstance, services: Services) {
  app.get<{ Querystring: { account?: string; minSeverity?: string } }>('/_iam/audit', async (req, reply) => {
    const min = (req.query.minSeverity ?? 'low') as Severity;
    if (!SEVERITIES.includes(min)) return reply.code(400).send({ error: `minSeverity must be one of ${SEVERITIES.join(', ')}` });
    return runAudit(services.store, { now: services.clock.now(), accountId: req.query.account, minSeverity: min });
  });
}
