// Policy document → ParsedPolicy: the normalized form the evaluator works on, with each
// statement's start/end position in the original text (for the simulator's MatchedStatements).
// parsePolicy() does not validate; validate.ts does. It only needs well-formed JSON.
import { parseJson, type JNode, type Pos } from './json.js';
import { dict } from '../own.js';

export type { Pos } from './json.js';

export type Effect = 'Allow' | 'Deny';

/** Principal element: "*" or a map of type (AWS, Service, Federated, CanonicalUser) → values. */
export type PrincipalSpec = '*' | Record<string, string[]>;

export interface ParsedCondition {
  /** The operator as written, e.g. "ForAnyValue:StringLikeIfExists". */
  operator: string;
  /** The key as written (key names are case-insensitive; lower-case it to look it up). */
  key: string;
  values: string[];
}

export interface ParsedStatement {
  index: number;
  sid?: string;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  conditions: ParsedCondition[];
  start: Pos;
  end: Pos;
}

export interface ParsedPolicy {
  /** "2012-10-17" or "2008-10-17"; undefined when the document has none (treated as 2008-10-17). */
  version?: string;
  id?: string;
  statements: ParsedStatement[];
  /** Policy variables are substituted only for Version 2012-10-17. */
  variables: boolean;
}

const scalar = (n: JNode): string | undefined => {
  switch (n.kind) {
    case 'string':
      return n.value;
    case 'number':
      return n.raw;
    case 'boolean':
      return String(n.value);
    default:
      return undefined;
  }
};

const strings = (n: JNode): string[] => {
  if (n.kind === 'array') return n.items.map(scalar).filter((s): s is string => s !== undefined);
  const s = scalar(n);
  return s === undefined ? [] : [s];
};

function principal(n: JNode): PrincipalSpec {
  if (n.kind === 'string') return n.value === '*' ? '*' : { AWS: [n.value] };
  const out = dict<string[]>();
  if (n.kind === 'object') for (const e of n.entries) out[e.key] = strings(e.value);
  return out;
}

function statement(n: JNode, index: number): ParsedStatement {
  const st: ParsedStatement = { index, effect: 'Deny', conditions: [], start: n.start, end: n.end };
  if (n.kind !== 'object') return st;
  for (const { key, value } of n.entries) {
    switch (key) {
      case 'Sid':
        st.sid = scalar(value);
        break;
      case 'Effect':
        st.effect = value.kind === 'string' && value.value === 'Allow' ? 'Allow' : 'Deny';
        break;
      case 'Action':
        st.action = strings(value);
        break;
      case 'NotAction':
        st.notAction = strings(value);
        break;
      case 'Resource':
        st.resource = strings(value);
        break;
      case 'NotResource':
        st.notResource = strings(value);
        break;
      case 'Principal':
        st.principal = principal(value);
        break;
      case 'NotPrincipal':
        st.notPrincipal = principal(value);
        break;
      case 'Condition':
        if (value.kind === 'object')
          for (const op of value.entries) {
            if (op.value.kind !== 'object') continue;
            for (const k of op.value.entries)
              st.conditions.push({ operator: op.key, key: k.key, values: strings(k.value) });
          }
        break;
    }
  }
  return st;
}

/** Parses a policy document. Throws JsonSyntaxError when the text is not JSON. */
export function parsePolicy(text: string): ParsedPolicy {
  const root = parseJson(text);
  const policy: ParsedPolicy = { statements: [], variables: false };
  if (root.kind !== 'object') return policy;
  for (const { key, value } of root.entries) {
    if (key === 'Version' && value.kind === 'string') policy.version = value.value;
    else if (key === 'Id') policy.id = scalar(value);
    else if (key === 'Statement') {
      const list = value.kind === 'array' ? value.items : [value];
      policy.statements = list.map((s, idx) => statement(s, idx));
    }
  }
  policy.variables = policy.version === '2012-10-17';
  return policy;
}

const cache = new Map<string, ParsedPolicy>();
/** parsePolicy with a bounded cache keyed by the document text (documents are immutable values). */
export function parsePolicyCached(text: string): ParsedPolicy {
  let p = cache.get(text);
  if (!p) {
    p = parsePolicy(text);
    if (cache.size >= 5000) cache.delete(cache.keys().next().value!);
    cache.set(text, p);
  }
  return p;
}
