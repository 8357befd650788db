// The console behind /_iam/console (imported on its first request by routes.ts).
//   GET  /_iam/console[/]               the HTML shell (hash-routed pages)
//   GET  /_iam/console/assets/*         console.js, console.css
//   POST /_iam/console/api/signin       {kind:'root', accessKeyId, secretAccessKey} | {kind:'user', accountId, userName, password, mfaCode?}
//   POST /_iam/console/api/signout
//   GET  /_iam/console/api/me           who is signed in
//   POST /_iam/console/api/call         {service, action, params} → {output} | {error:{code,message,status}}
//   POST /_iam/console/api/validate     {document, kind} → {ok, code, message, line, column}
//   POST /_iam/console/api/policy-check {document, kind} → {iam: <as validate>, findings: Access Analyzer-style findings}
//   GET  /_iam/console/api/audit        the audit findings of the signed-in account, for a caller allowed
//                                       iam:GetAccountAuthorizationDetails (asked through execute())
//   GET  /_iam/console/api/decisions[?id=] recent authorization decisions about the account (IAM calls
//                                       and the enforcement gateway's), or one explained; same permission
//   GET  /_iam/console/api/actions?q=   action names for the simulator's search
// Every IAM/STS action runs through execute() — the Query endpoint's own path — as the signed-in
// principal: parse by the model, authorize, handler in one transaction.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../context.js';
import { execute, toAwsError, type ServiceName } from '../../dispatch/execute.js';
import { loadService } from '../../dispatch/services.js';
import { AwsError } from '../../protocol/errors.js';
import type { PolicyKind } from '../../policy/validate.js';
import { CONSOLE_PREFIX } from './prefix.js';
import { projectPath } from '../../paths.js';
import {
  clearedCookie,
  sessionCookie,
  sessionFor,
  signIn,
  SignInError,
  signOut,
  tokenFromCookie,
  type ConsoleSession,
} from './session.js';
import { POLICY_KINDS, validateForEditor } from './validate.js';
import { searchActions } from './actions.js';
import { own } from '../../own.js';
import { catalogFor } from '../../access-analyzer/catalog.js';
import { learnMoreLink } from '../../policy/check-codes.js';
import { causeOfRefusal, lintPolicy } from '../../policy/lint.js';
import { runAudit } from '../../audit/rules.js';
import { decisionLog, type DecisionRecord } from '../../authz/decisions.js';

const ASSETS: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};
/** Nothing but the console's own files (no CDN, no inline script); data: for the MFA QR code, blob: for the CSV download. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const assetCache = new Map<string, string>();
async function asset(name: string): Promise<string> {
  let text = assetCache.get(name);
  if (text === undefined) {
    // From the project's src/ both under tsx and from the esbuild bundle in dist/.
    text = await readFile(projectPath('src', 'admin', 'console', 'assets', name), 'utf8');
    assetCache.set(name, text);
  }
  return text;
}

const json = (reply: FastifyReply, status: number, body: unknown) =>
  reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(body, jsonValue));

/** Blobs that are images (a virtual MFA device's QR code) travel as base64; the others are text. */
const BINARY_BLOBS = new Set(['QRCodePNG']);

/** Dates as ISO strings (JSON's default), blobs (credential report, MFA seed) as text. */
function jsonValue(this: unknown, key: string, value: unknown) {
  // A Buffer's own toJSON has already run by the time the replacer sees it.
  const bytes =
    value instanceof Uint8Array
      ? Buffer.from(value)
      : value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)
        ? Buffer.from((value as { data: number[] }).data)
        : undefined;
  if (bytes) return bytes.toString(BINARY_BLOBS.has(key) ? 'base64' : 'utf8');
  return value;
}

const awsErrorBody = (e: AwsError) => ({ error: { code: e.code, message: e.message, status: e.status } });

export async function handleConsoleRequest(services: Services, req: FastifyRequest, reply: FastifyReply) {
  const path = req.url.split('?')[0]!.slice(CONSOLE_PREFIX.length) || '/';
  if (req.method === 'GET') {
    if (path === '/' || path === '/index.html')
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', CSP)
        .header('x-frame-options', 'DENY')
        .send(await asset('index.html'));
    const m = /^\/assets\/([a-z.]+)$/.exec(path);
    const type = m ? own(ASSETS, m[1]!) : undefined;
    if (type) return reply.type(type).send(await asset(m![1]!));
  }
  if (!path.startsWith('/api/')) return json(reply, 404, { error: { code: 'NotFound', message: `No console page at ${req.url}`, status: 404 } });

  // The API takes JSON only: a cross-site form cannot send it without a CORS preflight, and the
  // session cookie is SameSite=Strict besides.
  if (req.method === 'POST' && !String(req.headers['content-type'] ?? '').startsWith('application/json'))
    return json(reply, 415, { error: { code: 'UnsupportedMediaType', message: 'Send application/json.', status: 415 } });
  const body = (req.body ?? {}) as Record<string, unknown>;
  const token = tokenFromCookie(req.headers.cookie);

  if (path === '/api/signin' && req.method === 'POST') {
    try {
      const session = signIn(services, body as never);
      return json(reply.header('set-cookie', sessionCookie(session.token)), 200, describe(services, session));
    } catch (e) {
      if (e instanceof SignInError) return json(reply, e.status, { error: { code: e.code, message: e.message, status: e.status } });
      throw e;
    }
  }
  if (path === '/api/signout' && req.method === 'POST') {
    signOut(services, token);
    return json(reply.header('set-cookie', clearedCookie()), 200, { signedOut: true });
  }

  if (path === '/api/signin-hints' && req.method === 'GET') {
    // The IAM user sign-in pre-fills the account when the server holds only one (as AWS's
    // account-specific sign-in URL does).
    const ids = services.store.accounts.someIds(2);
    return json(reply, 200, { accountId: ids.length === 1 ? ids[0] : undefined });
  }

  const session = sessionFor(services, token);
  if (!session) return json(reply, 401, { error: { code: 'NotSignedIn', message: 'Sign in to use the console.', status: 401 } });

  if (path === '/api/me' && req.method === 'GET') return json(reply, 200, describe(services, session));

  if (path === '/api/call' && req.method === 'POST') {
    const service = body.service === 'sts' ? 'sts' : body.service === 'iam' || body.service === undefined ? 'iam' : undefined;
    if (!service) return json(reply, 400, awsErrorBody(new AwsError('InvalidService', 'service must be "iam" or "sts".', 400)));
    try {
      const output = await execute(services, {
        requestId: randomUUID(),
        service,
        action: typeof body.action === 'string' ? body.action : '',
        params: toParams(body.params),
        principal: session.principal,
        region: services.config.region,
        sourceIp: req.ip,
        secureTransport: req.protocol === 'https',
        userAgent: 'iam-local-console',
      });
      if (service === 'iam' && body.action === 'ChangePassword') session.signedInAs.passwordResetRequired = false;
      return json(reply, 200, { output: output ?? {} });
    } catch (e) {
      const aws = toAwsError(services, e, service as ServiceName);
      return json(reply, aws.status, awsErrorBody(aws));
    }
  }

  if (path === '/api/validate' && req.method === 'POST') {
    const kind = (POLICY_KINDS as string[]).includes(String(body.kind)) ? (body.kind as PolicyKind) : 'identity';
    if (typeof body.document !== 'string')
      return json(reply, 400, { error: { code: 'ValidationError', message: 'document must be a string.', status: 400 } });
    return json(reply, 200, validateForEditor(body.document, kind));
  }

  if (path === '/api/policy-check' && req.method === 'POST') {
    const kind = (POLICY_KINDS as string[]).includes(String(body.kind)) ? (body.kind as PolicyKind) : 'identity';
    if (typeof body.document !== 'string')
      return json(reply, 400, { error: { code: 'ValidationError', message: 'document must be a string.', status: 400 } });
    const document = body.document;
    const iam = validateForEditor(document, kind);
    // The same checks as Access Analyzer's ValidatePolicy (src/access-analyzer/validate-policy.ts).
    const findings = lintPolicy(document, kind, await catalogFor(document)).map((f) => ({ ...f, learnMoreLink: learnMoreLink(f.issueCode) }));
    // IAM's refusal, pointed at the key or value it is about when a finding says which.
    const cause = !iam.ok && iam.code === 'MalformedPolicyDocument' && iam.message ? causeOfRefusal(iam.message, iam.statement, findings) : undefined;
    return json(reply, 200, { iam: cause ? { ...iam, line: cause.start.line, column: cause.start.column, endLine: cause.end.line, endColumn: cause.end.column } : iam, findings });
  }

  if ((path === '/api/audit' || path === '/api/decisions') && req.method === 'GET') {
    // The findings and the decisions describe the account's whole IAM configuration, so they are
    // for whoever may read it: the caller must be allowed iam:GetAccountAuthorizationDetails
    // (granted by ReadOnlyAccess, IAMReadOnlyAccess, SecurityAudit and IAMFullAccess), asked the
    // way every API call is asked.
    try {
      await execute(services, {
        requestId: randomUUID(),
        service: 'iam',
        action: 'GetAccountAuthorizationDetails',
        params: new Map([['MaxItems', '1']]),
        principal: session.principal,
        region: services.config.region,
        sourceIp: req.ip,
        secureTransport: req.protocol === 'https',
        userAgent: 'iam-local-console',
      });
    } catch (e) {
      const aws = toAwsError(services, e, 'iam');
      return json(reply, aws.status, awsErrorBody(aws));
    }
    if (path === '/api/audit') return json(reply, 200, runAudit(services.store, { now: services.clock.now(), accountId: session.principal.accountId }));
    // Decisions about the account's principals or its resources (gateway calls included).
    const account = session.principal.accountId;
    const ofAccount = (r: DecisionRecord) => r.principal.includes(`::${account}:`) || r.context['aws:ResourceAccount'] === account;
    const id = String((req.query as Record<string, unknown>)?.id ?? '');
    const log = decisionLog(services.store);
    if (id) {
      const r = log.get(id);
      return r && ofAccount(r) ? json(reply, 200, r) : json(reply, 404, { error: { code: 'NoSuchDecision', message: `No decision ${id} (only the last ${log.capacity} are kept).`, status: 404 } });
    }
    return json(reply, 200, { enforce: services.config.enforce, decisions: log.recent().filter(ofAccount).slice(0, 200) });
  }

  if (path === '/api/actions' && req.method === 'GET') {
    const q = String((req.query as Record<string, unknown>)?.q ?? '');
    return json(reply, 200, await searchActions(q));
  }

  if (path === '/api/operations' && req.method === 'GET')
    return json(reply, 200, { iam: Object.keys((await loadService('iam')).model.operations), sts: Object.keys((await loadService('sts')).model.operations) });

  return json(reply, 404, { error: { code: 'NotFound', message: `No console API at ${req.method} ${path}`, status: 404 } });
}

function describe(services: Services, s: ConsoleSession) {
  return {
    ...s.signedInAs,
    arn: s.principal.arn,
    enforce: services.config.enforce,
    defaultAccountId: services.config.accountId,
  };
}

/** Flat Query parameters ("Tags.member.1.Key": "k"), exactly as the wire would carry them. */
function toParams(v: unknown): Map<string, string> {
  const params = new Map<string, string>();
  if (v && typeof v === 'object' && !Array.isArray(v))
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined || val === null) continue;
      params.set(k, typeof val === 'string' ? val : typeof val === 'number' || typeof val === 'boolean' ? String(val) : JSON.stringify(val));
    }
  return params;
}
