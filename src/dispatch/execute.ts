// One call of an IAM or STS action by a known principal, free of HTTP: parse the parameters by
// the model, authorize, run the handler (in one transaction), record service access. Every front
// (the Query endpoint, the console, /_iam/audit) calls this after authenticate.ts, so every rule
// has exactly one implementation.
import type { RequestContext, Services } from '../context.js';
import type { Principal } from '../principal.js';
import { AwsError } from '../protocol/errors.js';
import { parseInput, type Params } from '../protocol/parse.js';
import { loadedService, loadService, type AnyHandler, type Service, type ServiceName } from './services.js';
import { trackServiceAccess } from '../iam/access-tracking.js';
import { fromPartition, mapStrings, messageInPartition, partitionOf, toPartition } from '../partition.js';
import { own } from '../own.js';

/** The answer to any error a call ends in (the wire's, src/protocol/errors.ts). */
export { toAwsError } from '../protocol/errors.js';

export type { ServiceName };

export interface Call {
  requestId: string;
  service: ServiceName;
  action: string;
  params: Params;
  principal: Principal;
  region: string;
  sourceIp: string;
  secureTransport: boolean;
  userAgent?: string;
  /** Called with the id of the authorization decision, when one was recorded. */
  onDecision?: (id: string) => void;
}

/** Throws InvalidAction for an action the service's model does not have. */
export function requireOperation({ model }: Service, action: string | undefined | null): string {
  if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
  if (!own(model.operations, action)) throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${model.version}`, 400);
  return action;
}

// The context is one object literal: `{ ...services, … }` made V8 add each further property one
// by one to a copy, the costliest line of a signed request (≈10 µs of ≈120). A Services object
// with fields beyond these five (none today) is still copied whole.
const SERVICE_KEYS = ['config', 'store', 'clock', 'log', 'startedAt'];
const plainServices = new WeakSet<Services>();
const isPlain = (s: Services) =>
  plainServices.has(s) ||
  (Object.keys(s).length === SERVICE_KEYS.length && Object.keys(s).every((k) => SERVICE_KEYS.includes(k)) && !!plainServices.add(s));

function contextOf(services: Services, call: Call, action: string, now: Date): RequestContext {
  const ctx: RequestContext = {
    config: services.config,
    store: services.store,
    clock: services.clock,
    log: services.log,
    startedAt: services.startedAt,
    requestId: call.requestId,
    service: call.service,
    action,
    accountId: call.principal.accountId,
    principal: call.principal,
    sourceIp: call.sourceIp,
    region: call.region,
    partition: partitionOf(call.region).name,
    secureTransport: call.secureTransport,
    userAgent: call.userAgent,
    // A method, not an arrow property: a TypeScript loader keeping names (tsx) would otherwise
    // wrap a new arrow function in a defineProperty call on every request.
    now() {
      return now;
    },
  };
  return isPlain(services) ? ctx : { ...services, ...ctx };
}

export async function execute(services: Services, call: Call): Promise<unknown> {
  // (No await once the service is loaded: a promise per call costs a microtask turn per request.)
  const service = loadedService(call.service) ?? (await loadService(call.service));
  const { model } = service;
  const action = requireOperation(service, call.action);
  const now = services.clock.now();
  const ctx = contextOf(services, call, action, now);
  const partition = ctx.partition;
  // The one place a request's partition is applied: ARNs come in and go out in the caller's
  // partition; inside, they are `arn:aws:` (see src/partition.ts).
  if (partition !== 'aws') {
    try {
      const input = mapStrings(parseInput(model, action, call.params), (v) => fromPartition(v, partition));
      const output = await run(services, service, ctx, action, input, call);
      return mapStrings(output, (v) => toPartition(v, partition));
    } catch (e) {
      // A policy document's errors and the model's validation errors quote the caller's text as written.
      if (e instanceof AwsError && e.code !== 'MalformedPolicyDocument' && e.code !== 'ValidationError')
        e.message = messageInPartition(e.message, partition);
      throw e;
    }
  }
  return run(services, service, ctx, action, parseInput(model, action, call.params), call);
}

// The policy engine (authz/authorize.ts and everything it decides with) is loaded on the first call
// that needs a decision: with enforcement off (the default) authorize() decides nothing.
let authorizer: typeof import('../authz/authorize.js') | undefined;

async function run(services: Services, service: Service, ctx: RequestContext, action: string, input: unknown, call: Call) {
  // Last-accessed data counts every authenticated, well-formed attempt, allowed or denied (as AWS's).
  trackServiceAccess(ctx);
  if (ctx.config.enforce !== 'off') {
    authorizer ??= await import('../authz/authorize.js');
    authorizer.authorize(ctx, input as Record<string, unknown>, call.onDecision ?? (() => {}));
  }
  const found = service.handler(action);
  const handler = found instanceof Promise ? await found : found;
  if (!handler) throw new AwsError('NotImplemented', `${action} is not implemented by iam-local yet.`, 501, false);
  return runHandler(services, handler, ctx, input);
}

/** Handlers that never touch the store (they answer from the request alone): no transaction is
 *  opened for them. sts:GetCallerIdentity is the call SDKs and scripts make most. */
const STORE_FREE = new Set(['GetCallerIdentity']);

// Synchronous handlers run inside one store transaction; an async handler (one that must await,
// e.g. a JWT verification) opens its own transaction for its writes.
async function runHandler(services: Services, handler: AnyHandler, ctx: RequestContext, input: unknown) {
  if (handler.constructor.name === 'AsyncFunction') return handler(ctx, input);
  services.store.accounts.ensureExists(ctx.accountId, ctx.now());
  if (ctx.service === 'sts' && STORE_FREE.has(ctx.action)) return handler(ctx, input);
  return services.store.tx(() => handler(ctx, input));
}
