// How the seed calls the API: as the account's root, through the handlers of src/iam/index.ts, with
// each input first checked against the IAM model exactly as the Query endpoint checks a request
// (names, paths, lengths, patterns: AWS's ValidationError), since the seed skips the wire.
import { randomUUID } from 'node:crypto';
import type { RequestContext, Services } from '../context.js';
import type { IamOperations } from '../protocol/handlers.js';
import { AwsError } from '../protocol/errors.js';
import { iamHandlers } from '../iam/index.js';
import { iamModel } from '../protocol/generated/iam-model.js';
import { parseInput } from '../protocol/parse.js';
import { rootPrincipal } from '../principal.js';
import { partitionOf } from '../partition.js';

export type Op = keyof IamOperations;

/** A root request context for one account, as the endpoint would build it. */
export function rootContext(services: Services, accountId: string, action: string): RequestContext {
  const now = services.clock.now();
  return {
    ...services,
    requestId: randomUUID(),
    service: 'iam',
    action,
    accountId,
    principal: rootPrincipal(accountId, 'iam-local-seed'),
    sourceIp: '127.0.0.1',
    region: services.config.region,
    partition: partitionOf(services.config.region).name,
    secureTransport: false,
    userAgent: 'iam-local-seed',
    now: () => now,
  };
}

/** A typed input as the Query protocol's flat parameters (Tags.member.1.Key=…). */
function toParams(value: unknown, prefix: string, out: Map<string, string>) {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    if (!value.length) out.set(prefix, '');
    value.forEach((v, i) => toParams(v, `${prefix}.member.${i + 1}`, out));
  } else if (value instanceof Date) out.set(prefix, value.toISOString());
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) toParams(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(value));
}

/** Throws AWS's ValidationError when `input` breaks a constraint of `op`'s input shape. */
export function validateInput(op: string, input: unknown) {
  const params = new Map<string, string>();
  toParams(input, '', params);
  parseInput(iamModel, op, params);
}

/** Calls an IAM handler synchronously (the seed runs in one store transaction). */
export function callIam<K extends Op>(services: Services, accountId: string, op: K, input: IamOperations[K]['input']): IamOperations[K]['output'] {
  const handler = iamHandlers[op] as ((ctx: RequestContext, input: unknown) => unknown) | undefined;
  if (!handler) throw new Error(`${op} is not implemented by this iam-local build, so the seed cannot use it`);
  validateInput(op, input);
  const out = handler(rootContext(services, accountId, op), input);
  if (out instanceof Promise) throw new Error(`${op} is asynchronous and cannot run inside the seed's transaction`);
  return out as IamOperations[K]['output'];
}

/** The handler's answer, or undefined when it says NoSuchEntity. */
export function findIam<K extends Op>(services: Services, accountId: string, op: K, input: IamOperations[K]['input']): IamOperations[K]['output'] | undefined {
  try {
    return callIam(services, accountId, op, input);
  } catch (e) {
    if (e instanceof AwsError && e.code === 'NoSuchEntity') return undefined;
    throw e;
  }
}
