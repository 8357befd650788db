// GET /_iam/audit: the pitfalls found in the current state, as JSON (?account=, ?minSeverity=).
// The findings describe an account's whole IAM configuration, so a signed request answers only to a
// caller allowed to read it — iam:GetAccountAuthorizationDetails, as AWS's ReadOnlyAccess,
// IAMReadOnlyAccess and SecurityAudit grant — decided by the same execute() as the API, and only
// for the signer's own account. Unsigned requests are the operator's (see the admin routes' rules).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../context.js';
import { runAudit, SEVERITIES, type Severity } from '../audit/rules.js';
import { authenticate } from '../auth/authenticate.js';
import { claimedScope, type SignedRequest } from '../auth/signed-request.js';
import { execute, toAwsError } from '../dispatch/execute.js';

/** The signed caller's account once it is allowed to read the IAM configuration; undefined when unsigned. */
async function signedReader(services: Services, req: FastifyRequest): Promise<string | undefined> {
  const raw = req.raw.url ?? '/';
  const q = raw.indexOf('?');
  const rawQuery = q === -1 ? '' : raw.slice(q + 1);
  const query = new URLSearchParams(rawQuery);
  if (!req.headers.authorization && !query.has('X-Amz-Signature')) return undefined;
  const signed: SignedRequest = { method: req.method, path: q === -1 ? raw : raw.slice(0, q), rawQuery, headers: req.headers, body: '', sourceIp: req.ip };
  const { principal } = authenticate(services, signed, claimedScope(signed, query), 'iam');
  await execute(services, {
    requestId: randomUUID(),
    service: 'iam',
    action: 'GetAccountAuthorizationDetails',
    params: new Map([['MaxItems', '1']]),
    principal,
    region: services.config.region,
    sourceIp: req.ip,
    secureTransport: req.protocol === 'https',
    userAgent: String(req.headers['user-agent'] ?? ''),
  });
  return principal.accountId;
}

export function registerAuditRoutes(app: FastifyInstance, services: Services) {
  app.get<{ Querystring: { account?: string; minSeverity?: string } }>('/_iam/audit', async (req, reply) => {
    let reader: string | undefined;
    try {
      reader = await signedReader(services, req);
    } catch (e) {
      const aws = toAwsError(services, e, 'iam');
      return reply.code(aws.status).send({ error: { code: aws.code, message: aws.message } });
    }
    const min = (req.query.minSeverity ?? 'low') as Severity;
    if (!SEVERITIES.includes(min)) return reply.code(400).send({ error: `minSeverity must be one of ${SEVERITIES.join(', ')}` });
    return runAudit(services.store, { now: services.clock.now(), accountId: reader ?? req.query.account, minSeverity: min });
  });
}
