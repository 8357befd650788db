// The one gate in front of the server's own surfaces (SECURITY.md has the threat model):
//
// 1. Host (DNS rebinding): every route answers only to the names in src/allowed-hosts.ts, except the
//    AWS API (`/`), which is SigV4-signed with a signature that covers `host`, so it answers to
//    whatever name the SDK uses (a compose service name, a tunnel, …), and the public documents
//    (health, the issuers' discovery, keys and metadata), which hold no secret.
// 2. Browsers (CSRF): a /_iam/* request from a foreign Origin (or marked cross-site / same-site by
//    Sec-Fetch-Site) is refused, and a state-changing one with a body a page can send without a
//    CORS preflight (text/plain, a form) is refused whoever sends it: the CLI sends its YAML as
//    application/yaml, everything else is JSON.
// 3. Operator proof, for every /_iam/* route except the public ones (health, the issuers' keys and
//    metadata) and the console (whose sign-in is the proof and whose session cookie is then):
//      - `Authorization: Bearer <IAM_LOCAL_ADMIN_TOKEN>`, or
//      - a request SigV4-signed (service `iam`, any region) by the root of the default account,
//        with a key whose secret the server holds (the bootstrap key only where it is accepted);
//        an IAM user or role is never an operator: the admin surface reads and replaces every
//        account's secrets, which no identity policy can scope; or
//      - no proof, from a loopback peer with a loopback Host and no foreign Origin.
//    GET /_iam/audit signed by anyone goes on to the route, which asks the policy engine.
// Admin bodies are small (64 KiB) except the state import and seed routes, which set their own.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../context.js';
import { AllowedHosts, hostPart, isLoopbackName, isLoopbackPeer } from '../allowed-hosts.js';
import { authenticate } from '../auth/authenticate.js';
import { claimedScope, type SignedRequest } from '../auth/signed-request.js';
import { AwsError } from '../protocol/errors.js';

export const ADMIN_BODY_LIMIT = 64 * 1024;
const SIGNED_BODY_MAX = 256 * 1024 * 1024;

/** Routes anyone may read under any name: liveness, and the public keys and metadata a relying
 *  party fetches (often under a compose service name). They hold no secret and change nothing, so
 *  a rebound name gains nothing from them. */
function isPublic(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return (
    path === '/_iam/health' ||
    path === '/_iam/oidc/jwks.json' ||
    path === '/_iam/saml/metadata' ||
    path.startsWith('/_iam/outbound/') ||
    path === '/.well-known/openid-configuration'
  );
}

const isConsole = (path: string) => path === '/_iam/console' || path.startsWith('/_iam/console/');
const isAdmin = (path: string) => path === '/_iam' || path.startsWith('/_iam/');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Content types a page may send cross-origin without a CORS preflight. */
const SIMPLE_BODY_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether an Origin header names another site than the Host the request was sent to. */
export function isForeignOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return false;
  if (!host) return true;
  try {
    const o = new URL(origin);
    return o.host.toLowerCase() !== host.trim().toLowerCase();
  } catch {
    return true; // "null" (sandboxed frames, file://) and anything unparsable
  }
}

/** Requests whose signature the preHandler still has to check, with their raw body. */
const signedAdmin = new WeakMap<FastifyRequest, { body: string }>();

const refuse = (reply: FastifyReply, status: number, error: string) =>
  reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify({ error }));

export function registerAdminGuard(app: FastifyInstance, services: Services, adminToken: string | undefined) {
  const { config } = services;
  const hosts = new AllowedHosts(config);
  const tokenDigest = adminToken ? digest(adminToken) : undefined;
  const proofHint =
    `send Authorization: Bearer <IAM_LOCAL_ADMIN_TOKEN>${adminToken && !config.adminToken ? ' (printed at start)' : ''}, ` +
    `or sign the request (SigV4, service iam) as the root of account ${config.accountId}; ` +
    'without proof /_iam/* answers only loopback clients that use a loopback Host (127.0.0.1, localhost)';

  const gate = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = req.raw.url ?? '/';
    const q = raw.indexOf('?');
    const path = q === -1 ? raw : raw.slice(0, q);
    // The public documents answer any name.
    if (isPublic(req.method, path)) return;
    const host = req.headers.host;
    if (!hosts.allows(host))
      return refuse(reply, 403, `Host ${JSON.stringify(hostPart(host!))} is not a name this server answers to; add it to IAM_LOCAL_ALLOWED_HOSTS.`);
    if (!isAdmin(path)) return;
    // The console's page and its static files may be opened from a link on any site: a
    // navigation reads nothing back and carries no session (the cookie is SameSite=Strict).
    if (SAFE_METHODS.has(req.method) && isConsole(path) && !path.startsWith('/_iam/console/api/')) return;

    const origin = req.headers.origin;
    if (isForeignOrigin(origin, host)) return refuse(reply, 403, `Requests from ${JSON.stringify(origin)} (a foreign Origin) are refused on /_iam/*.`);
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') return refuse(reply, 403, 'Cross-site requests are refused on /_iam/*.');
    if (!SAFE_METHODS.has(req.method)) {
      const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (SIMPLE_BODY_TYPES.includes(type))
        return refuse(reply, 415, `/_iam/* does not take ${type} bodies (a web page can send those to any server); send application/json (or application/yaml for /_iam/seed).`);
    }
    if (isConsole(path)) return;

    const auth = req.headers.authorization;
    if (auth !== undefined && /^bearer\s/i.test(auth)) {
      const given = auth.replace(/^bearer\s+/i, '').trim();
      if (tokenDigest && timingSafeEqual(digest(given), tokenDigest)) return;
      return refuse(reply, 401, `The bearer token is not this server's admin token (IAM_LOCAL_ADMIN_TOKEN).`);
    }
    if ((auth !== undefined && auth.startsWith('AWS4-')) || (q !== -1 && new URLSearchParams(raw.slice(q + 1)).has('X-Amz-Signature'))) {
      signedAdmin.set(req, { body: '' });
      return;
    }
    if (isLoopbackPeer(req.socket.remoteAddress) && isLoopbackName(host)) return;
    return reply.code(401).header('www-authenticate', 'Bearer realm="iam-local"').header('cache-control', 'no-store').type('application/json; charset=utf-8')
      .send(JSON.stringify({ error: `This admin route needs operator proof: ${proofHint}.` }));
  };

  // A signed request's signature covers its body as sent: keep the bytes before a parser sees them.
  const keepSignedBody = async (req: FastifyRequest, _reply: FastifyReply, payload: Readable) => {
    const entry = signedAdmin.get(req);
    if (!entry) return payload;
    const limit = Math.min(req.routeOptions.bodyLimit ?? ADMIN_BODY_LIMIT, SIGNED_BODY_MAX);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > limit) throw Object.assign(new Error('Request body is too large.'), { statusCode: 413 });
      chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks);
    entry.body = bytes.toString('utf8');
    const replay = Readable.from([bytes]) as Readable & { receivedEncodedLength?: number };
    replay.receivedEncodedLength = bytes.length;
    return replay;
  };

  const checkSignature = async (req: FastifyRequest, reply: FastifyReply) => {
    const entry = signedAdmin.get(req);
    if (!entry) return;
    const raw = req.raw.url ?? '/';
    const q = raw.indexOf('?');
    const path = q === -1 ? raw : raw.slice(0, q);
    // The audit route asks the policy engine whether the signer may read its account.
    if (path === '/_iam/audit' && req.method === 'GET') return;
    const rawQuery = q === -1 ? '' : raw.slice(q + 1);
    const signed: SignedRequest = { method: req.method, path, rawQuery, headers: req.headers, body: entry.body, sourceIp: req.ip };
    try {
      const { principal, verified } = authenticate(services, signed, claimedScope(signed, new URLSearchParams(rawQuery)), 'iam');
      if (verified && principal.type === 'root' && principal.accountId === config.accountId) return;
      return refuse(reply, 403, `${principal.arn} is not an operator of this server: ${proofHint}.`);
    } catch (e) {
      if (e instanceof AwsError) return refuse(reply, e.status === 400 ? 403 : e.status, `${e.code}: ${e.message}`);
      throw e;
    }
  };

  // The admin routes also get their small body limit and the signed operator's check.
  const append = <T>(hooks: T | T[] | undefined, hook: T): T[] => [...(hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]), hook];
  app.addHook('onRoute', (route) => {
    // Every route but the AWS API (`/`: SigV4 covers host, and its hot path stays untouched) passes
    // the gate; a path no route serves answers 404 and reads nothing.
    if (route.url === '/') return;
    route.onRequest = append(route.onRequest as never, gate as never);
    if (!isAdmin(route.url)) return;
    if (route.bodyLimit === undefined) route.bodyLimit = ADMIN_BODY_LIMIT;
    route.preParsing = append(route.preParsing as never, keepSignedBody as never);
    route.preHandler = append(route.preHandler as never, checkSignature as never);
  });
}
