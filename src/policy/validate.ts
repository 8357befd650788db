// Validation of policy documents as IAM does it: the same checks in the same order, with AWS's
// messages. The checks are pure and answer with the engine's own typed finding (syntax, semantic or
// size, with IAM's message and, where one place is at fault, its position); the engine knows no API
// error: src/resolution/policy-errors.ts turns a finding into the AWS error each caller answers with.
//
// IAM reports the first failing stage only, and each stage runs over the whole document before the
// next one starts (recorded against AWS: localstack/localstack tests/aws/services/iam/
// test_iam_policies.snapshot.json, TestPolicyDocumentValidity, recorded 18-02-2026):
//   1. JSON         identity policies: "Syntax errors in policy."; trust policies: "This policy contains invalid Json"
//   2. grammar      unknown or mistyped elements, Action with NotAction, Resource with NotResource, an
//                   Effect that is neither Allow nor Deny in any case, unknown condition operators,
//                   missing Effect or Statement: "Syntax errors in policy."
//   3. version      managed policies need "2012-10-17" ("Policy document must be version 2012-10-17 or
//                   greater."); inline, trust, session and resource policies may omit it or say 2008-10-17
//   4. legacy       Effect's exact case, Date condition values, ARNs the legacy parser cannot split:
//                   "The policy failed legacy parsing"
//   5. Sids         "Statement IDs (SID) in a single policy must be unique."
//   6. actions      "Policy statement must contain actions."
//   7. resources    the first resource format error (partition, vendor, region, IAM resource path)
//   8.              "Policy statement must contain resources."
//   9. action names vendor prefix and a single colon
//  10. trust        only STS assume actions; principals well-formed (existence needs the store: the
//                   handler asks trustPrincipalArns() and checks them)
import { JsonSyntaxError, parseJson, type JEntry, type JNode, type Pos } from './json.js';
import { isKnownOperator } from './operators.js';
import { matchAction } from './match.js';

/** identity: user/group/role/managed policies; trust: a role's AssumeRolePolicyDocument;
 *  boundary: a permissions boundary; session: an STS session policy; resource: other resource policies. */
export type PolicyKind = 'identity' | 'trust' | 'boundary' | 'session' | 'resource';

export interface ValidateOptions {
  /** For an inline policy: the entity it is embedded in (selects the inline size quota and message).
   *  Without it an identity/boundary document is checked against the managed-policy quota and needs
   *  Version 2012-10-17, as a managed policy does. */
  inline?: { entityType: 'user' | 'group' | 'role'; entityName: string };
  /** Skip the size quota (e.g. SimulateCustomPolicy input, session policies checked by STS). */
  skipSize?: boolean;
  /** Policy Simulator input: any Version is accepted and text that is not JSON is "invalid Json"
   *  (as iam-local answered before; no recording shows the simulator's own wording). */
  simulatorInput?: boolean;
}

export const MESSAGES = {
  invalidJson: 'This policy contains invalid Json',
  syntax: 'Syntax errors in policy.',
  version: 'Policy document must be version 2012-10-17 or greater.',
  legacy: 'The policy failed legacy parsing',
  principalNotAllowed: 'Policy document should not specify a principal.',
  missingPrincipal: 'Missing required field Principal',
  missingEffect: 'Missing required field Effect',
  noActions: 'Policy statement must contain actions.',
  noResources: 'Policy statement must contain resources.',
  vendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  oneColon: 'Actions/Condition can contain only one colon.',
  badVendor: (v: string) => `Vendor ${v} is not valid`,
  sidChars:
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  sidUnique: 'Statement IDs (SID) in a single policy must be unique.',
  trustActions: 'AssumeRole policy may only specify STS AssumeRole actions.',
  prohibited: (field: string) => `Has prohibited field ${field}`,
  resourceFormat: (r: string) => `Resource ${r} must be in ARN format or "*".`,
  partition: (p: string, arn: string) => `Partition "${p}" is not valid for resource "${arn}".`,
  resourceVendor: 'Resource vendor must be fully qualified and cannot contain regexes.',
  iamRegion: (r: string) => `IAM resource ${r} cannot contain region information.`,
  s3Region: (r: string) => `Resource ${r} can not contain region information.`,
  iamPath:
    'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.',
  invalidPrincipal: (type: string, v: string) => `Invalid principal in policy: "${type}":"${v}"`,
  quota: (quota: 'PolicySize' | 'ACLSizePerRole', limit: number) => `Cannot exceed quota for ${quota}: ${limit}`,
  inlineSize: (limit: number, entityType: string, entityName: string) =>
    `Maximum policy size of ${limit} bytes exceeded for ${entityType} ${entityName}`,
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

/** What IAM refuses in a document, with IAM's own message text. `syntax`: the text is not JSON or
 *  not in the policy grammar (stages 1-2); `semantic`: grammatical, but not a policy IAM accepts for
 *  its kind (stages 3-10); `size`: over the quota (`size` counted as policySize counts). `position`
 *  is the place at fault when one is: where a JSON parse stopped, a duplicate key, a bad Version. */
export type PolicyFinding =
  | { kind: 'syntax' | 'semantic'; message: string; position?: Pos }
  | {
      kind: 'size';
      message: string;
      size: number;
      limit: number;
      /** The quota: a managed policy's or a trust policy's, or an inline policy's of its entity. */
      quota: 'managed' | 'trust' | 'inline';
    };

/** The engine's answer for a document: accepted, or the first thing IAM would refuse in it. */
export type PolicyValidation = { ok: true } | { ok: false; finding: PolicyFinding };

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
/** Partitions IAM accepts in a resource ARN. */
export const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const IAM_PATH_STARTS = [
  'user/', 'federated-user/', 'role/', 'group/', 'instance-profile/', 'mfa/', 'server-certificate/', 'policy/',
  'sms-mfa/', 'saml-provider/', 'oidc-provider/', 'report/', 'access-report/',
];
/** The actions a trust policy may name (a wildcard must match one of them). */
const TRUST_ACTIONS = [
  'sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext',
];

/** Unwinds the checks to findProblem, which stamps the stage (syntax or semantic) on it. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly position?: Pos,
  ) {
    super(message);
  }
}
const fail = (message: string, position?: Pos): never => {
  throw new Refusal(message, position);
};

interface Stmt {
  node: JNode & { kind: 'object' };
  el: Map<string, JNode>;
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
}

const isScalar = (x: JNode) => x.kind === 'string' || x.kind === 'number' || x.kind === 'boolean';

/** A string-or-array-of-strings element, or a syntax error. */
function stringList(n: JNode): string[] {
  if (n.kind === 'string') return [n.value];
  if (n.kind === 'array') return n.items.map((it) => (it.kind === 'string' ? it.value : fail(MESSAGES.syntax)));
  return fail(MESSAGES.syntax);
}

// ---- 2. grammar ----

function grammarOfCondition(n: JNode): void {
  if (n.kind !== 'object') return fail(MESSAGES.syntax);
  for (const op of n.entries) {
    if (op.value.kind !== 'object') fail(MESSAGES.syntax);
    if (op.value.kind !== 'object') return;
    // An operator block with no keys is accepted whatever its name (recorded: {"a": {}} is valid).
    if (op.value.entries.length > 0 && !isKnownOperator(op.key)) fail(MESSAGES.syntax);
    for (const k of op.value.entries) {
      const v = k.value;
      if (v.kind === 'array' ? !v.items.every(isScalar) : !isScalar(v)) fail(MESSAGES.syntax);
    }
  }
}

function grammarOfPrincipal(n: JNode): void {
  if (n.kind === 'string') return;
  if (n.kind !== 'object') return fail(MESSAGES.syntax);
  for (const { value } of n.entries) stringList(value);
}

function grammarOfStatement(n: JNode, kind: PolicyKind): Stmt {
  if (n.kind !== 'object') return fail(MESSAGES.syntax);
  const el = new Map<string, JNode>();
  for (const e of n.entries) {
    if (!STATEMENT_KEYS.has(e.key)) fail(MESSAGES.syntax);
    el.set(e.key, e.value);
  }
  for (const [a, b] of [['Action', 'NotAction'], ['Resource', 'NotResource'], ['Principal', 'NotPrincipal']] as const)
    if (el.has(a) && el.has(b)) fail(MESSAGES.syntax);
  const st: Stmt = { node: n, el };
  const sid = el.get('Sid');
  if (sid) st.sid = sid.kind === 'string' ? sid.value : fail(MESSAGES.syntax);
  const effect = el.get('Effect');
  if (!effect) fail(kind === 'trust' ? MESSAGES.missingEffect : MESSAGES.syntax);
  else if (effect.kind !== 'string' || !/^(allow|deny)$/i.test(effect.value)) fail(MESSAGES.syntax);
  else st.effect = effect.value;
  const action = el.get('Action') ?? el.get('NotAction');
  if (action) st.actions = stringList(action);
  const resource = el.get('Resource') ?? el.get('NotResource');
  if (resource) st.resources = stringList(resource);
  const principal = el.get('Principal') ?? el.get('NotPrincipal');
  if (principal) grammarOfPrincipal(principal);
  const cond = el.get('Condition');
  if (cond) grammarOfCondition(cond);
  return st;
}

// ---- 4. legacy parsing: dates ----

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** A Date condition value as IAM's parser takes it: epoch seconds (a 64-bit integer) or a lenient
 *  ISO 8601 date-time (recorded: "01T", "2016-12-13t2:00:00.593194+23" pass; "234-13",
 *  "…+1", ten fraction digits, 9223372036854775808 fail). */
export function isPolicyDate(v: string): boolean {
  if (/^[+-]?\d+$/.test(v)) {
    const n = BigInt(v);
    return n >= LONG_MIN && n <= LONG_MAX;
  }
  const m = /^(\d{1,4})?(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:[Tt](?:(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v);
  if (!m || v === '') return false;
  const [, , month, day, hour, minute, second, , zone] = m;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return false;
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return false;
  if (hour !== undefined && Number(hour) > 23) return false;
  if (minute !== undefined && Number(minute) > 59) return false;
  if (second !== undefined && Number(second) > 59) return false;
  if (zone && zone.length > 1 && Number(zone.slice(1, 3)) > 23) return false;
  return true;
}

function legacyOfCondition(n: JNode | undefined): void {
  if (!n || n.kind !== 'object') return;
  for (const op of n.entries) {
    if (!/date/i.test(op.key) || op.value.kind !== 'object') continue;
    for (const k of op.value.entries) {
      const values = k.value.kind === 'array' ? k.value.items : [k.value];
      for (const v of values) {
        const text = v.kind === 'string' ? v.value : v.kind === 'number' ? v.raw : undefined;
        if (text === undefined || !isPolicyDate(text)) fail(MESSAGES.legacy);
      }
    }
  }
}

// ---- resources ----

/** The colon-separated parts of an ARN pattern; a colon inside a policy variable ${…} does not split. */
function arnParts(r: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < r.length; i++) {
    const c = r[i]!;
    if (c === '$' && r[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ':' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

const hasVariable = (s: string) => s.includes('${');
const hasWildcard = (s: string) => /[*?]/.test(s) || hasVariable(s);

/** The first format error of a resource, or undefined. */
function resourceError(r: string): string | undefined {
  if (r === '*') return undefined;
  if (!r.includes(':')) return MESSAGES.resourceFormat(r);
  const parts = arnParts(r);
  const partition = parts[1]!;
  if (!PARTITIONS.has(partition) && !hasWildcard(partition)) {
    // IAM names the resource as it read it: "arn:" and the parts it found, "*" for the missing ones.
    const rest = parts.slice(2);
    const a1 = rest[0] !== undefined && (rest[0] !== '' || rest.length > 1) ? rest[0] : '*';
    const a2 = rest[1] ?? '*';
    const a3 = rest[2] ?? '*';
    const a4 = rest.length > 3 ? rest.slice(3).join(':') : '*';
    return MESSAGES.partition(partition, `arn:${partition}:${a1}:${a2}:${a3}:${a4}`);
  }
  // Recorded: "arn:aws" (no vendor). A wildcard vendor ("arn:aws:*:*:*:dev/*") is not refused here: no
  // recording shows what IAM says to one.
  if (parts.length < 3) return MESSAGES.resourceVendor;
  const vendor = parts[2]!;
  const region = parts[3] ?? '';
  const account = parts[4] ?? '';
  if (vendor === 'iam' && region !== '' && !hasWildcard(region)) return MESSAGES.iamRegion(r);
  if (vendor === 's3' && region !== '' && account === '' && !hasWildcard(region)) return MESSAGES.s3Region(r);
  if (vendor === 'iam' && parts.length >= 6) {
    const path = parts.slice(5).join(':');
    if (path !== '*' && path !== 'root' && !IAM_PATH_STARTS.some((p) => path.startsWith(p))) {
      // A wildcard or variable may still stand for a valid start ("user*", "${aws:username}").
      const w = path.search(/[*?]|\$\{/);
      const head = w === -1 ? undefined : path.slice(0, w);
      if (head === undefined || !IAM_PATH_STARTS.some((p) => p.startsWith(head) || head.startsWith(p))) return MESSAGES.iamPath;
    }
  }
  return undefined;
}

/** What the legacy parser refuses of an ARN that has no format error: too few parts around an
 *  empty one ("arn:aws:s3::bucket", "arn:aws::fdsasf"), or an empty vendor. */
function legacyResourceFails(r: string): boolean {
  if (r === '*') return false;
  const parts = arnParts(r);
  if (parts.length < 6 && r.includes('::')) return true;
  return parts.length >= 3 && parts[2] === '';
}

// ---- actions ----

function actionError(a: string): string | undefined {
  if (a === '*') return undefined;
  const colon = a.indexOf(':');
  if (colon === -1) return MESSAGES.vendor;
  if (a.indexOf(':', colon + 1) !== -1) return MESSAGES.oneColon;
  const vendor = a.slice(0, colon);
  if (!/^[A-Za-z0-9_.*?-]+$/.test(vendor)) return MESSAGES.badVendor(vendor);
  return undefined;
}

// ---- principals (trust and resource policies) ----

const AWS_PRINCIPAL_RE =
  /^(?:\d{12}|A[A-Z]{3}[A-Z0-9]{12,}|arn:aws[a-z-]*:(?:iam::(?:\d{12}|aws):(?:root|(?:user|role)\/.+)|sts::\d{12}:(?:assumed-role|federated-user)\/.+))$/;

function checkPrincipal(n: JNode): void {
  if (n.kind === 'string') {
    if (n.value !== '*') fail(MESSAGES.syntax);
    return;
  }
  if (n.kind !== 'object' || n.entries.length === 0) return fail(MESSAGES.syntax);
  for (const { key, value } of n.entries) {
    if (!PRINCIPAL_TYPES.has(key)) fail(MESSAGES.syntax);
    const values = stringList(value);
    if (values.length === 0) fail(MESSAGES.syntax);
    for (const v of values) {
      if (key === 'AWS') {
        // A wildcard may not stand for part of a principal (AWS Knowledge Center, iam-trust-policy-error).
        if (v !== '*' && (!AWS_PRINCIPAL_RE.test(v) || /[*?]/.test(v))) fail(MESSAGES.invalidPrincipal('AWS', v));
      } else if (key === 'Service') {
        if (v !== '*' && !/^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/.test(v) && !/^[a-z0-9-]+\.[a-z0-9.-]+$/.test(v))
          fail(MESSAGES.invalidPrincipal('SERVICE', v));
      } else if (v === '') fail(MESSAGES.invalidPrincipal(key.toUpperCase(), v));
    }
  }
}

// ---- the stages ----

function findProblem(text: string, kind: PolicyKind, opts: ValidateOptions): PolicyFinding | undefined {
  let root: JNode;
  try {
    root = parseJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    // The trust-policy parser says it differently (recorded: UpdateAssumeRolePolicy "not valid json").
    const message = (kind === 'identity' || kind === 'boundary') && !opts.simulatorInput ? MESSAGES.syntax : MESSAGES.invalidJson;
    return { kind: 'syntax', message, position: e.position };
  }
  let stage: 'syntax' | 'semantic' = 'syntax';
  try {
    // 2. grammar
    if (root.kind !== 'object') return fail(MESSAGES.syntax, root.start);
    // "Individual elements must not contain multiple instances of the same key" (IAM's policy
    // grammar notes): a duplicate would leave it to the parser which of the two counts.
    const dup = duplicateKey(root);
    if (dup) fail(MESSAGES.syntax, dup.keyStart);
    let statement: JNode | undefined;
    let version: string | undefined;
    let versionAt: Pos = root.start;
    for (const { key, keyStart, value } of root.entries) {
      if (key === 'Version') {
        versionAt = keyStart;
        if (value.kind !== 'string' || (value.value !== '2012-10-17' && value.value !== '2008-10-17')) fail(MESSAGES.syntax, keyStart);
        else version = value.value;
      } else if (key === 'Id') {
        if (value.kind !== 'string') fail(MESSAGES.syntax);
      } else if (key === 'Statement') statement = value;
      else fail(MESSAGES.syntax);
    }
    if (!statement) return fail(MESSAGES.syntax);
    const list = statement.kind === 'array' ? statement.items : [statement];
    if (list.length === 0) fail(MESSAGES.syntax);
    const stmts = list.map((s) => grammarOfStatement(s, kind));
    stage = 'semantic';

    // 3. version: a managed policy (and a boundary, which is one) must say 2012-10-17.
    const managed = (kind === 'identity' || kind === 'boundary') && !opts.inline && !opts.simulatorInput;
    if (managed && version !== '2012-10-17') fail(MESSAGES.version, versionAt);

    // Principal: only trust and resource policies name one.
    for (const s of stmts) {
      const hasPrincipal = s.el.has('Principal') || s.el.has('NotPrincipal');
      if (kind === 'trust') {
        if (s.el.has('Resource')) fail(MESSAGES.prohibited('Resource'));
        if (s.el.has('NotResource')) fail(MESSAGES.prohibited('NotResource'));
        if (!hasPrincipal) fail(MESSAGES.missingPrincipal);
      } else if (kind !== 'resource' && hasPrincipal) fail(MESSAGES.principalNotAllowed);
    }

    // 4. legacy parsing
    const resourceErrors: string[] = [];
    for (const s of stmts) {
      if (s.effect !== 'Allow' && s.effect !== 'Deny') fail(MESSAGES.legacy);
      legacyOfCondition(s.el.get('Condition'));
      if (s.resources) {
        const errs = s.resources.map(resourceError).filter((e): e is string => e !== undefined);
        if (errs.length) resourceErrors.push(errs[0]!);
        else if (s.resources.some(legacyResourceFails)) fail(MESSAGES.legacy);
      }
    }

    // 5. statement ids
    const sids = new Set<string>();
    for (const s of stmts) {
      if (s.sid === undefined || (kind !== 'identity' && kind !== 'boundary')) continue;
      if (!/^[0-9A-Za-z]*$/.test(s.sid)) fail(MESSAGES.sidChars);
      if (s.sid !== '' && sids.has(s.sid)) fail(MESSAGES.sidUnique);
      sids.add(s.sid);
    }

    // 6. actions present
    for (const s of stmts) if (!s.actions || s.actions.length === 0) fail(MESSAGES.noActions);

    // 7, 8. resources: format, then present
    if (resourceErrors.length) fail(resourceErrors[0]!);
    if (kind !== 'trust') for (const s of stmts) if (!s.resources || s.resources.length === 0) fail(MESSAGES.noResources);

    // 9. action names
    for (const s of stmts) for (const a of s.actions!) {
      const e = actionError(a);
      if (e) fail(e);
    }

    // 10. trust: STS assume actions only; principals well-formed
    if (kind === 'trust')
      for (const s of stmts)
        for (const a of s.actions!) if (!TRUST_ACTIONS.some((t) => matchAction(a, t))) fail(MESSAGES.trustActions);
    if (kind === 'trust' || kind === 'resource')
      for (const s of stmts) {
        const p = s.el.get('Principal') ?? s.el.get('NotPrincipal');
        if (p) checkPrincipal(p);
      }
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return e.position ? { kind: stage, message: e.message, position: e.position } : { kind: stage, message: e.message };
  }
  return sizeFinding(text, kind, opts);
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

function sizeFinding(text: string, kind: PolicyKind, opts: ValidateOptions): PolicyFinding | undefined {
  if (opts.skipSize || kind === 'session' || kind === 'resource') return undefined;
  const size = policySize(text);
  if (kind === 'trust')
    return size > SIZE_LIMITS.trust
      ? { kind: 'size', quota: 'trust', size, limit: SIZE_LIMITS.trust, message: MESSAGES.quota('ACLSizePerRole', SIZE_LIMITS.trust) }
      : undefined;
  if (opts.inline) {
    const { entityType, entityName } = opts.inline;
    const limit = SIZE_LIMITS[entityType];
    return size > limit ? { kind: 'size', quota: 'inline', size, limit, message: MESSAGES.inlineSize(limit, entityType, entityName) } : undefined;
  }
  return size > SIZE_LIMITS.managed
    ? { kind: 'size', quota: 'managed', size, limit: SIZE_LIMITS.managed, message: MESSAGES.quota('PolicySize', SIZE_LIMITS.managed) }
    : undefined;
}

/** Whether IAM would accept `text` as a policy of `kind` (see ValidateOptions), and if not, the
 *  first thing it would refuse, in IAM's order. Never throws for any input text. */
export function validatePolicyDocument(text: string, kind: PolicyKind, opts: ValidateOptions = {}): PolicyValidation {
  const finding = findProblem(text, kind, opts);
  return finding ? { ok: false, finding } : { ok: true };
}

/** The user and role ARNs a trust policy names as AWS principals (Principal and NotPrincipal), for
 *  the existence check IAM makes (the engine has no store: the handler looks them up). */
export function trustPrincipalArns(text: string): { arn: string; partition: string; account: string; type: 'user' | 'role'; path: string; name: string }[] {
  let root: JNode;
  try {
    root = parseJson(text);
  } catch {
    return [];
  }
  const out: ReturnType<typeof trustPrincipalArns> = [];
  if (root.kind !== 'object') return out;
  const st = root.entries.find((e) => e.key === 'Statement')?.value;
  const list = !st ? [] : st.kind === 'array' ? st.items : [st];
  for (const s of list) {
    if (s.kind !== 'object') continue;
    for (const e of s.entries) {
      if ((e.key !== 'Principal' && e.key !== 'NotPrincipal') || e.value.kind !== 'object') continue;
      for (const p of e.value.entries) {
        if (p.key !== 'AWS') continue;
        const values = p.value.kind === 'array' ? p.value.items : [p.value];
        for (const v of values) {
          if (v.kind !== 'string') continue;
          const m = /^arn:(aws[a-z-]*):iam::(\d{12}):(user|role)(\/(?:.*\/)?)([^/]+)$/.exec(v.value);
          if (m && !/[*?]/.test(v.value))
            out.push({ arn: v.value, partition: m[1]!, account: m[2]!, type: m[3] as 'user' | 'role', path: m[4]!, name: m[5]! });
        }
      }
    }
  }
  return out;
}
