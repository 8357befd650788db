// Condition evaluation: every IAM operator, …IfExists, ForAllValues:/ForAnyValue:, multi-valued
// keys, policy variables in String*/Arn* values. Key names are case-insensitive (the context is
// keyed lower-case); values are case-sensitive except for the …IgnoreCase operators and Bool.
import ipaddr from 'ipaddr.js';
import type { Context, ContextValue } from './context.js';
import { arnPartsMatch, partsMatch } from './match.js';
import { parseOperator, type BaseOperator } from './operators.js';
import type { ParsedCondition } from './parse.js';
import { resolve, resolvedText, template } from './variables.js';

export interface ConditionResult {
  matched: boolean;
  /** Context keys the condition needed but the request did not have (incl. variable keys). */
  missing: string[];
}

const NEGATED = new Set<BaseOperator>([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** The positive operator a negated one negates. */
const POSITIVE: Partial<Record<BaseOperator, BaseOperator>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

const USES_VARIABLES = (op: BaseOperator) => op.startsWith('String') || op.startsWith('Arn');

function parseNumber(s: string): number | undefined {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(s)) return undefined;
  return Number(s);
}

export function parseDate(s: string): number | undefined {
  const t = s.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * 1000; // epoch seconds
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

const cidrCache = new Map<string, [ipaddr.IPv4 | ipaddr.IPv6, number] | null>();
function parseCidr(s: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  let r = cidrCache.get(s);
  if (r === undefined) {
    r = null;
    try {
      const t = s.trim();
      if (t.includes('/')) r = ipaddr.parseCIDR(t);
      else {
        const a = ipaddr.parse(t);
        r = [a, a.kind() === 'ipv4' ? 32 : 128];
      }
    } catch {
      r = null;
    }
    cidrCache.set(s, r);
  }
  return r ?? undefined;
}

function ipIn(value: string, cidr: string): boolean | undefined {
  const range = parseCidr(cidr);
  if (!range) return undefined;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(value.trim());
  } catch {
    return undefined;
  }
  let [net, bits] = range;
  if (net.kind() === 'ipv6' && (net as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    net = (net as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  if (addr.kind() !== net.kind()) return false;
  return (addr as ipaddr.IPv4).match(net as ipaddr.IPv4, bits);
}

const arnShaped = (s: string) => s.split(':', 6).length === 6;

/** Does one context value match one policy value under a positive operator? undefined when the two
 *  cannot be compared (an unparsable number, date, address, CIDR or ARN): a failed comparison, which
 *  a negated operator does not turn into a match. */
function positiveMatch(
  op: BaseOperator,
  ctxValue: string,
  policyValue: string,
  ctx: Context,
  variables: boolean,
  missing: string[],
): boolean | undefined {
  if (USES_VARIABLES(op)) {
    const r = resolve(template(policyValue, variables), ctx);
    if (!r.parts) {
      missing.push(...r.missing);
      return false;
    }
    switch (op) {
      case 'StringEquals':
        return resolvedText(r.parts) === ctxValue;
      case 'StringEqualsIgnoreCase':
        return resolvedText(r.parts).toLowerCase() === ctxValue.toLowerCase();
      case 'StringLike':
        return partsMatch(r.parts, ctxValue);
      default: // ArnEquals, ArnLike: component-wise with wildcards
        if (!arnShaped(resolvedText(r.parts)) || !arnShaped(ctxValue)) return undefined;
        return arnPartsMatch(r.parts, ctxValue);
    }
  }
  switch (op) {
    case 'NumericEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals': {
      const a = parseNumber(ctxValue);
      const b = parseNumber(policyValue);
      if (a === undefined || b === undefined) return undefined;
      return compare(op.slice('Numeric'.length), a, b);
    }
    case 'DateEquals':
    case 'DateLessThan':
    case 'DateLessThanEquals':
    case 'DateGreaterThan':
    case 'DateGreaterThanEquals': {
      const a = parseDate(ctxValue);
      const b = parseDate(policyValue);
      if (a === undefined || b === undefined) return undefined;
      return compare(op.slice('Date'.length), a, b);
    }
    case 'Bool':
      return ctxValue.toLowerCase() === policyValue.toLowerCase() && /^(true|false)$/i.test(policyValue);
    case 'BinaryEquals':
      return ctxValue === policyValue;
    case 'IpAddress':
      return ipIn(ctxValue, policyValue);
    default:
      return false;
  }
}

function compare(rel: string, a: number, b: number): boolean {
  switch (rel) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThan':
      return a > b;
    default:
      return a >= b;
  }
}

/** Evaluates one condition (operator + key + values) against the context. */
export function evaluateCondition(c: ParsedCondition, ctx: Context, variables: boolean): ConditionResult {
  const info = parseOperator(c.operator);
  if (!info) return { matched: false, missing: [] };
  const key = c.key.toLowerCase();
  const raw: ContextValue | undefined = ctx.get(key);
  const present = raw !== undefined;
  const missing: string[] = [];

  if (info.base === 'Null') {
    // "true": the key must be absent; "false": it must be present (an empty list is present). Values are ORed.
    const absent = !present;
    const matched = c.values.some((v) => (v.toLowerCase() === 'true' ? absent : v.toLowerCase() === 'false' ? !absent : false));
    return { matched, missing };
  }

  const negated = NEGATED.has(info.base);
  const positive = POSITIVE[info.base] ?? info.base;
  const values: string[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const satisfies = (v: string) => satisfiesValue(positive, negated, v, c.values, ctx, variables, missing);

  if (info.set === 'ForAllValues') {
    // True when every context value satisfies the operator; vacuously true for a missing/empty key.
    if (!present) missing.push(key);
    return { matched: values.map(satisfies).every(Boolean), missing: dedupe(missing) };
  }
  if (info.set === 'ForAnyValue') {
    // True when at least one context value satisfies the operator; false for a missing/empty key.
    if (!present) {
      if (!info.ifExists) missing.push(key);
      return { matched: info.ifExists, missing };
    }
    return { matched: values.map(satisfies).some(Boolean), missing: dedupe(missing) };
  }

  if (!present) {
    if (info.ifExists) return { matched: true, missing };
    // AWS: a negated operator on a key absent from the request context evaluates to true.
    return { matched: negated, missing: [key] };
  }
  // A multi-valued key needs a set operator (ForAllValues:/ForAnyValue:); without one the
  // condition does not match, whether the operator is positive or negated.
  if (Array.isArray(raw)) return { matched: false, missing };
  return { matched: satisfies(raw as string), missing: dedupe(missing) };
}

/** One context value against the policy values. A policy value whose variable cannot be resolved
 *  is a failed comparison: it matches nothing under a positive operator, and under a negated
 *  operator it makes the value fail (the comparison "is not equal to <unresolvable>" cannot hold). */
function satisfiesValue(
  positive: BaseOperator,
  negated: boolean,
  v: string,
  policyValues: string[],
  ctx: Context,
  variables: boolean,
  missing: string[],
): boolean {
  let hit = false;
  let unresolved = false;
  for (const pv of policyValues) {
    const before = missing.length;
    const m = positiveMatch(positive, v, pv, ctx, variables, missing);
    if (m) hit = true;
    if (m === undefined || missing.length > before) unresolved = true;
  }
  return negated ? !hit && !unresolved : hit;
}

const dedupe = (a: string[]) => (a.length > 1 ? [...new Set(a)] : a);

/** All conditions of a statement (ANDed). */
export function evaluateConditions(conds: ParsedCondition[], ctx: Context, variables: boolean): ConditionResult {
  const missing: string[] = [];
  let matched = true;
  for (const c of conds) {
    const r = evaluateCondition(c, ctx, variables);
    if (r.missing.length) missing.push(...r.missing);
    if (!r.matched) matched = false;
  }
  return { matched, missing: dedupe(missing) };
}
