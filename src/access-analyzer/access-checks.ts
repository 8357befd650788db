// CheckAccessNotGranted, CheckNoNewAccess, CheckNoPublicAccess: the custom policy checks, decided
// by the policy engine (src/policy/access-checks.ts) with the catalogue's actions for wildcards.
import type { RequestContext } from '../context.js';
import type {
  CheckAccessNotGrantedRequest,
  CheckAccessNotGrantedResponse,
  CheckNoNewAccessRequest,
  CheckNoNewAccessResponse,
  CheckNoPublicAccessRequest,
  CheckNoPublicAccessResponse,
} from '../protocol/generated/access-analyzer-types.js';
import { AccessCheckTooLarge, checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess, type ActionExpander } from '../policy/access-checks.js';
import { wildcardMatch } from '../policy/match.js';
import { RestError } from '../protocol/rest-json.js';
import { catalogFor } from './catalog.js';

const invalidParameter = (message: string) => new RestError('InvalidParameterException', message, 400);

/** A document the checks can read: JSON with a Statement (IAM's grammar is ValidatePolicy's business). */
function requireDocument(text: string, name: string) {
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch {
    throw invalidParameter(`Invalid ${name}: the policy document is not valid JSON.`);
  }
  if (!plain || typeof plain !== 'object' || Array.isArray(plain) || !('Statement' in plain))
    throw invalidParameter(`Invalid ${name}: the policy document must contain a Statement element.`);
}

async function expanderFor(...docs: string[]): Promise<ActionExpander> {
  const catalog = await catalogFor(docs.join('\n'));
  return (pattern) => {
    const colon = pattern.indexOf(':');
    if (colon < 0 || !/[*?]/.test(pattern)) return undefined;
    const service = pattern.slice(0, colon).toLowerCase();
    const names = /[*?]/.test(service) ? undefined : catalog.actions(service);
    const name = pattern.slice(colon + 1);
    return names?.filter((n) => wildcardMatch(name, n, true)).map((n) => `${service}:${n}`);
  };
}

/** A question too large to decide within one request is AWS's "could not be processed". */
function decided<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AccessCheckTooLarge) throw new RestError('UnprocessableEntityException', e.message, 422);
    throw e;
  }
}

export async function checkAccessNotGrantedHandler(_ctx: RequestContext, input: CheckAccessNotGrantedRequest): Promise<CheckAccessNotGrantedResponse> {
  requireDocument(input.policyDocument, 'policyDocument');
  if (input.access.some((a) => !a.actions?.length && !a.resources?.length))
    throw invalidParameter('Each access entry must specify at least one action or resource.');
  const expand = await expanderFor(input.policyDocument);
  return decided(() => checkAccessNotGranted(input.policyDocument, input.policyType, input.access, expand));
}

export async function checkNoNewAccessHandler(_ctx: RequestContext, input: CheckNoNewAccessRequest): Promise<CheckNoNewAccessResponse> {
  requireDocument(input.newPolicyDocument, 'newPolicyDocument');
  requireDocument(input.existingPolicyDocument, 'existingPolicyDocument');
  const expand = await expanderFor(input.newPolicyDocument, input.existingPolicyDocument);
  return decided(() => checkNoNewAccess(input.newPolicyDocument, input.existingPolicyDocument, input.policyType, expand));
}

export async function checkNoPublicAccessHandler(_ctx: RequestContext, input: CheckNoPublicAccessRequest): Promise<CheckNoPublicAccessResponse> {
  requireDocument(input.policyDocument, 'policyDocument');
  const expand = await expanderFor(input.policyDocument);
  return decided(() => checkNoPublicAccess(input.policyDocument, input.resourceType, expand));
}
