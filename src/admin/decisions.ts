// /_iam/decisions: why each authorization decision came out as it did (IAM_LOCAL_ENFORCE=audit|on).
//   GET /_iam/decisions            recent decisions, newest first (?limit=N, ?denied=true, ?action=iam:CreateUser)
//   GET /_iam/decisions/:id        one decision: decisive statements (policy id, layer, statement
//                                  index, Sid, start/end positions), the deciding layer, the missing
//                                  context keys and the request context the engine saw.
// The id is the x-iam-local-decision-id header of the response to the decided request.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../context.js';
import { decisionLog, type DecisionRecord } from '../authz/decisions.js';

const summary = (r: DecisionRecord) => ({
  id: r.id,
  time: r.time,
  mode: r.mode,
  decision: r.decision,
  denied: r.denied,
  action: r.action,
  resource: r.resource,
  principal: r.principal,
  decidedBy: r.decidedBy,
  reason: r.reason,
});

export function registerDecisionRoutes(app: FastifyInstance, services: Services) {
  app.get<{ Querystring: { limit?: string; denied?: string; action?: string } }>('/_iam/decisions', async (req) => {
    const log = decisionLog(services.store);
    const limit = Math.max(1, Math.min(Number(req.query.limit) || log.capacity, log.capacity));
    let rows = log.recent();
    if (req.query.denied !== undefined) rows = rows.filter((r) => r.denied === (req.query.denied === 'true'));
    if (req.query.action) rows = rows.filter((r) => r.action.toLowerCase() === req.query.action!.toLowerCase());
    return { enforce: services.config.enforce, capacity: log.capacity, decisions: rows.slice(0, limit).map(summary) };
  });

  app.get<{ Params: { id: string } }>('/_iam/decisions/:id', async (req, reply) => {
    const r = decisionLog(services.store).get(req.params.id);
    if (!r) return reply.code(404).send({ error: `No decision ${req.params.id} (only the last ${decisionLog(services.store).capacity} are kept).` });
    return r;
  });
}
