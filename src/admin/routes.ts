// /_iam/*: health, reset, clock — JSON, for tests and operators.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../context.js';
import { VERSION } from '../version.js';

export function registerAdminRoutes(app: FastifyInstance, services: Services) {
  const { store, clock, config } = services;

  app.get('/_iam/health', async () => ({
    status: 'ok',
    version: VERSION,
    uptimeSeconds: Math.round((Date.now() - services.startedAt.getTime()) / 1000),
    accountId: config.accountId,
    enforce: config.enforce,
  }));

  app.post('/_iam/reset', async () => {
    store.reset();
    store.accounts.ensure(config.accountId, clock.now().toISOString());
    return { status: 'reset' };
  });

  // Where AWS would send a finalized delegation request's trade-in token (the partner's
  // notification channel), iam-local hands it out here, for sts:GetDelegatedAccessToken.
  app.get<{ Params: { id: string } }>('/_iam/delegation-requests/:id/trade-in-token', async (req, reply) => {
    const row = store.delegationRequests.get(req.params.id);
    const tradeIn = row ? (JSON.parse(row.data) as { TradeIn?: { token: string; expiresAt: string } }).TradeIn : undefined;
    if (!tradeIn) return reply.code(404).send({ error: 'No finalized delegation request with that id.' });
    return { tradeInToken: tradeIn.token, expiresAt: tradeIn.expiresAt };
  });

  const clockState = () => ({
    now: clock.now().toISOString(),
    offsetSeconds: clock.offsetSeconds,
    real: clock.isReal,
    mode: clock.mode,
    highWater: new Date(clock.highWater()).toISOString(),
  });

  app.get('/_iam/clock', async () => clockState());

  app.post<{ Body: { advanceSeconds?: unknown; setTime?: unknown; reset?: unknown } }>('/_iam/clock', async (req, reply) => {
    const body = req.body ?? {};
    if (!clock.movable) return reply.code(409).send({ error: `The clock is ${clock.mode} (IAM_LOCAL_CLOCK); start the server with IAM_LOCAL_CLOCK=movable to move it.` });
    if (body.reset === true) clock.reset();
    else if (typeof body.advanceSeconds === 'number' && Number.isFinite(body.advanceSeconds)) clock.advance(body.advanceSeconds);
    else if (typeof body.setTime === 'string' && !Number.isNaN(Date.parse(body.setTime))) clock.set(new Date(body.setTime));
    else
      return reply.code(400).send({
        error: 'Give {"advanceSeconds": N}, {"setTime": "ISO-8601"} or {"reset": true}.',
      });
    return clockState();
  });
}
