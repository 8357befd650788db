// Validation of policy documents as IAM does it, with AWS's MalformedPolicyDocument messages.
// Callers only ever use validatePolicyDocument().
import { limitExceeded, malformedPolicy } from '../protocol/errors.js';
import { JsonSyntaxError, parseJson, type JEntry, type JNode } from './json.js';
import { isKnownOperator } from './operators.js';

/** identity: user/group/role/managed policies; trust: a role's AssumeRolePolicyDocument;
 *  boundary: a permissions boundary; session: an STS session policy; resource: other resource policies. */
export type PolicyKind = 'identity' | 'trust' | 'boundary' | 'session' | 'resource';

export interface ValidateOptions {
  /** For an inline policy: the entity it is embedded in (selects the inline size quota and message).
   *  Without it an identity/boundary document is checked against the managed-policy quota. */
  inline?: { entityType: 'user' | 'group' | 'role'; entityName: string };
  /** Skip the size quota (e.g. SimulateCustomPolicy input, session policies checked by STS). */
  skipSize?: boolean;
}

export const MESSAGES = {
  invalidJson: 'This policy contains invalid Json',
  syntax: 'Syntax errors in policy.',
  legacy: 'The policy failed legacy parsing',
  principalNotAllowed: 'Policy document should not specify a principal.',
  missingPrincipal: 'Missing required field Principal',
  missingEffect: 'Missing required field Effect',
  noActions: 'Policy statement must contain actions.',
  noResources: 'Policy statement must contain resources.',
  vendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  sidChars:
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  sidUnique: 'Statement IDs (SID) in a single policy must be unique.',
  trustActions: 'AssumeRole policy may only specify STS AssumeRole actions.',
  prohibited: (field: string) => `Has prohibited field ${field}`,
  resourceFormat: (r: string) => `Resource ${r} must be in ARN format or "*".`,
  iamRegion: (r: string) => `IAM resource ${r} cannot contain region information.`,
  invalidPrincipal: (type: string, v: string) => `Invalid principal in policy: "${type}":"${v}"`,
} as const;

/** Size quotas (characters, white space not counted), as IAM's quota page gives them. */
export const SIZE_LIMITS = { managed: 6144, user: 2048, group: 5120, role: 10240, trust: 2048 } as const;

/** The size IAM counts against its quotas: every character except white space. */
export function policySize(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) n++;
  }
  return n;
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

const fail = (msg: string): never => {
  throw malformedPolicy(msg);
};

/** Strings of a string-or-array element; anything else is a syntax error. */
function stringList(n: JNode): string[] {
  if (n.kind === 'string') return [n.value];
  if (n.kind === 'array') {
    return n.items.map((it) => (it.kind === 'string' ? it.value : fail(MESSAGES.syntax)));
  }
  return fail(MESSAGES.syntax);
}

const ACTION_RE = /^[A-Za-z0-9_.*?-]+:[^\s:]*$/;

function checkActions(values: string[], kind: PolicyKind): void {
  if (values.length === 0) fail(MESSAGES.noActions);
  for (const a of values) {
    if (a === '*') continue;
    if (!a.includes(':')) fail(MESSAGES.vendor);
    if (!ACTION_RE.test(a)) fail(MESSAGES.syntax);
    if (kind === 'trust') {
      const vendor = a.slice(0, a.indexOf(':')).toLowerCase();
      if (vendor !== 'sts' && vendor !== '*') fail(MESSAGES.trustActions);
    }
  }
}

function checkResources(values: string[]): void {
  if (values.length === 0) fail(MESSAGES.noResources);
  for (const r of values) {
    if (r === '*') continue;
    const parts = r.split(':');
    if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) fail(MESSAGES.resourceFormat(r));
    if (parts[2] === 'iam' && parts[3] !== '' && !/[*?$]/.test(parts[3]!)) fail(MESSAGES.iamRegion(r));
  }
}

const AWS_PRINCIPAL_RE =
  /^(?:\d{12}|A[A-Z]{3}[A-Z0-9]{12,}|arn:aws[a-z-]*:(?:iam|sts)::(?:\d{12}|aws):(?:root|(?:user|role|group|assumed-role|federated-user)\/.+))$/;

function checkPrincipal(n: JNode): void {
  if (n.kind === 'string') {
    if (n.value !== '*') fail(MESSAGES.syntax);
    return;
  }
  if (n.kind !== 'object' || n.entries.length === 0) fail(MESSAGES.syntax);
  if (n.kind !== 'object') return;
  for (const { key, value } of n.entries) {
    if (!PRINCIPAL_TYPES.has(key)) fail(MESSAGES.syntax);
    const values = stringList(value);
    if (values.length === 0) fail(MESSAGES.syntax);
    for (const v of values) {
      if (key === 'AWS') {
        if (v !== '*' && !AWS_PRINCIPAL_RE.test(v)) fail(MESSAGES.invalidPrincipal('AWS', v));
      } else if (key === 'Service') {
        if (v !== '*' && !/^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/.test(v) && !/^[a-z0-9-]+\.[a-z0-9.-]+$/.test(v))
          fail(MESSAGES.invalidPrincipal('SERVICE', v));
      } else if (v === '') fail(MESSAGES.invalidPrincipal(key.toUpperCase(), v));
    }
  }
}

function checkCondition(n: JNode): void {
  if (n.kind !== 'object') fail(MESSAGES.syntax);
  if (n.kind !== 'object') return;
  for (const op of n.entries) {
    if (!isKnownOperator(op.key)) fail(MESSAGES.syntax);
    if (op.value.kind !== 'object') fail(MESSAGES.syntax);
    if (op.value.kind !== 'object') return;
    for (const k of op.value.entries) {
      if (!k.key.includes(':')) fail(MESSAGES.vendor);
      const v = k.value;
      const ok = (x: JNode) => x.kind === 'string' || x.kind === 'number' || x.kind === 'boolean';
      if (v.kind === 'array') {
        if (!v.items.every(ok)) fail(MESSAGES.syntax);
      } else if (!ok(v)) fail(MESSAGES.syntax);
    }
  }
}

function checkStatement(n: JNode, kind: PolicyKind, sids: Set<string>): void {
  if (n.kind !== 'object') return fail(MESSAGES.syntax);
  const el = new Map<string, JNode>();
  for (const e of n.entries) {
    if (!STATEMENT_KEYS.has(e.key)) fail(MESSAGES.syntax);
    el.set(e.key, e.value);
  }
  for (const [a, b] of [
    ['Action', 'NotAction'],
    ['Resource', 'NotResource'],
    ['Principal', 'NotPrincipal'],
  ] as const)
    if (el.has(a) && el.has(b)) fail(MESSAGES.syntax);

  const sid = el.get('Sid');
  if (sid) {
    if (sid.kind !== 'string') fail(MESSAGES.syntax);
    const s = sid.kind === 'string' ? sid.value : '';
    if (kind === 'identity' || kind === 'boundary') {
      if (!/^[0-9A-Za-z]*$/.test(s)) fail(MESSAGES.sidChars);
      if (s !== '' && sids.has(s)) fail(MESSAGES.sidUnique);
      sids.add(s);
    }
  }

  const effect = el.get('Effect');
  if (!effect) fail(MESSAGES.missingEffect);
  else if (effect.kind !== 'string' || (effect.value !== 'Allow' && effect.value !== 'Deny')) fail(MESSAGES.legacy);

  const hasPrincipal = el.has('Principal') || el.has('NotPrincipal');
  if (kind === 'trust') {
    if (el.has('Resource')) fail(MESSAGES.prohibited('Resource'));
    if (el.has('NotResource')) fail(MESSAGES.prohibited('NotResource'));
    if (!hasPrincipal) fail(MESSAGES.missingPrincipal);
  } else if (kind !== 'resource' && hasPrincipal) {
    fail(MESSAGES.principalNotAllowed);
  }

  const action = el.get('Action') ?? el.get('NotAction');
  if (!action) fail(MESSAGES.noActions);
  else checkActions(stringList(action), kind);

  if (kind !== 'trust') {
    const resource = el.get('Resource') ?? el.get('NotResource');
    if (!resource) fail(MESSAGES.noResources);
    else checkResources(stringList(resource));
  }

  const p = el.get('Principal') ?? el.get('NotPrincipal');
  if (p && (kind === 'trust' || kind === 'resource')) checkPrincipal(p);

  const cond = el.get('Condition');
  if (cond) checkCondition(cond);
}

function checkSize(text: string, kind: PolicyKind, opts: ValidateOptions): void {
  if (opts.skipSize || kind === 'session' || kind === 'resource') return;
  const size = policySize(text);
  if (kind === 'trust') {
    if (size > SIZE_LIMITS.trust) throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${SIZE_LIMITS.trust}`);
    return;
  }
  if (opts.inline) {
    const limit = SIZE_LIMITS[opts.inline.entityType];
    if (size > limit)
      throw limitExceeded(
        `Maximum policy size of ${limit} bytes exceeded for ${opts.inline.entityType} ${opts.inline.entityName}`,
      );
    return;
  }
  if (size > SIZE_LIMITS.managed) throw limitExceeded(`Cannot exceed quota for PolicySize: ${SIZE_LIMITS.managed}`);
}

/** The first key that occurs twice in one object, anywhere in the document (exact spelling). */
export function duplicateKey(n: JNode): JEntry | undefined {
  if (n.kind === 'array') {
    for (const item of n.items) {
      const d = duplicateKey(item);
      if (d) return d;
    }
  } else if (n.kind === 'object') {
    const seen = new Set<string>();
    for (const e of n.entries) {
      if (seen.has(e.key)) return e;
      seen.add(e.key);
      const d = duplicateKey(e.value);
      if (d) return d;
    }
  }
  return undefined;
}

/** Throws MalformedPolicyDocument (400) when `text` is not a policy IAM would accept for `kind`,
 *  or LimitExceeded (409) when it is over the size quota for `kind` (see ValidateOptions). */
export function validatePolicyDocument(text: string, kind: PolicyKind, opts: ValidateOptions = {}): void {
  let root: JNode;
  try {
    root = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw malformedPolicy(MESSAGES.invalidJson);
    throw e;
  }
  if (root.kind !== 'object') fail(MESSAGES.syntax);
  if (root.kind !== 'object') return;
  // "Individual elements must not contain multiple instances of the same key" (IAM's policy
  // grammar notes): a duplicate would leave it to the parser which of the two counts.
  if (duplicateKey(root)) fail(MESSAGES.syntax);
  let statement: JNode | undefined;
  for (const { key, value } of root.entries) {
    if (key === 'Version') {
      if (value.kind !== 'string' || (value.value !== '2012-10-17' && value.value !== '2008-10-17')) fail(MESSAGES.legacy);
    } else if (key === 'Id') {
      if (value.kind !== 'string') fail(MESSAGES.syntax);
    } else if (key === 'Statement') statement = value;
    else fail(MESSAGES.syntax);
  }
  if (!statement) return fail(MESSAGES.syntax);
  const list = statement.kind === 'array' ? statement.items : [statement];
  if (list.length === 0) fail(MESSAGES.syntax);
  const sids = new Set<string>();
  for (const s of list) checkStatement(s, kind, sids);
  checkSize(text, kind, opts);
}
