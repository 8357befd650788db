// Operator routes: GET/PUT /_iam/state (the whole store as JSON), POST /_iam/seed (apply a seed
// document), POST /_iam/creds/user/NAME (a user's key), GET /_iam/audit (pitfalls in the state).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../context.js';
import { exportState, importState, StateImportError } from '../store/state.js';
import { applySeedText, checkSeedText, SeedError } from '../seed/apply.js';
import { registerAuditRoutes } from './audit.js';
import { userAccessKey } from './user-key.js';
import { AwsError } from '../protocol/errors.js';

const STATE_BODY_LIMIT = 256 * 1024 * 1024;

export function registerOperatorRoutes(app: FastifyInstance, services: Services) {
  const { store, clock, config } = services;

  app.get('/_iam/state', async () => exportState(store.db, clock.now()));

  app.put('/_iam/state', { bodyLimit: STATE_BODY_LIMIT }, async (req, reply) => {
    try {
      const result = importState(store.db, req.body);
      store.accounts.ensure(config.accountId, clock.now().toISOString());
      return { status: 'imported', ...result };
    } catch (e) {
      if (e instanceof StateImportError) return reply.code(400).send({ error: e.message });
      throw e;
    }
  });

  // The body is the seed file's text (YAML or JSON) so errors can name its lines; ?name= is the
  // file name used in those messages.
  // ?check=true: every problem applying it would meet, nothing applied (`iam-local seed --check`).
  app.post<{ Querystring: { name?: string; check?: string } }>('/_iam/seed', { bodyLimit: STATE_BODY_LIMIT }, async (req, reply) => {
    const text = typeof req.body === 'string' ? req.body : req.body === undefined ? '' : JSON.stringify(req.body);
    const fileName = req.query.name ?? 'seed';
    try {
      if (req.query.check === 'true') {
        const { seed, problems } = checkSeedText(services, text, { fileName });
        if (problems.length) throw new SeedError(fileName, problems);
        return { valid: true, accounts: seed.accounts.length };
      }
      // Task URIs and the default instance's endpoint as this client reaches the server.
      return await applySeedText(services, text, { fileName, server: app.server, baseUrl: `${req.protocol}://${req.host}` });
    } catch (e) {
      if (e instanceof SeedError) return reply.code(400).send({ error: e.message, problems: e.problems });
      throw e;
    }
  });

  // POST: a user's access key with its secret (the first Active one, else a new one made by
  // CreateAccessKey), for `iam-local creds user:NAME`.
  app.post<{ Params: { name: string }; Querystring: { account?: string } }>('/_iam/creds/user/:name', async (req, reply) => {
    const accountId = req.query.account ?? config.accountId;
    if (!/^\d{12}$/.test(accountId)) return reply.code(400).send({ error: 'account must be 12 digits' });
    try {
      return userAccessKey(services, accountId, req.params.name);
    } catch (e) {
      if (e instanceof AwsError) return reply.code(e.status).send({ error: `${e.code}: ${e.message}` });
      throw e;
    }
  });

  registerAuditRoutes(app, services);
}
