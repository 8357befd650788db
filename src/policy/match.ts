// IAM pattern matching. Wildcards are `*` (any run of characters, including `/` and `:`) and
// `?` (exactly one character); every other character is literal — unlike glob libraries, where
// `*` stops at `/`, and `[`, `{`, `!` and `**` are special. Patterns compile to cached RegExps.
import type { Context } from './context.js';
import { resolve, template, type Resolved } from './variables.js';

const reCache = new Map<string, RegExp>();
const ESC = /[.+^${}()|[\]\\*?\/-]/g;

function partsSource(parts: { lit: string; wild?: boolean }[]): string {
  let src = '';
  for (const p of parts) {
    if (!p.wild) {
      src += p.lit.replace(ESC, '\\$&');
      continue;
    }
    for (const ch of p.lit) {
      if (ch === '*') src += '.*';
      else if (ch === '?') src += '.';
      else src += ch.replace(ESC, '\\$&');
    }
  }
  return src;
}

function compiled(parts: { lit: string; wild?: boolean }[], ignoreCase: boolean): RegExp {
  const src = partsSource(parts);
  const key = (ignoreCase ? 'i' : 's') + src;
  let re = reCache.get(key);
  if (!re) {
    re = new RegExp(`^${src}$`, ignoreCase ? 'is' : 's');
    if (reCache.size > 50000) reCache.clear();
    reCache.set(key, re);
  }
  return re;
}

type Matcher = (value: string) => boolean;
const matcherCache = new Map<string, Matcher>();

function makeMatcher(pattern: string, ignoreCase: boolean): Matcher {
  const star = pattern.indexOf('*');
  const q = pattern.indexOf('?');
  if (star < 0 && q < 0) {
    if (!ignoreCase) return (v) => v === pattern;
    const lp = pattern.toLowerCase();
    return (v) => v.length === lp.length && v.toLowerCase() === lp;
  }
  if (q < 0 && star === pattern.length - 1) {
    const prefix = ignoreCase ? pattern.slice(0, -1).toLowerCase() : pattern.slice(0, -1);
    return ignoreCase ? (v) => v.toLowerCase().startsWith(prefix) : (v) => v.startsWith(prefix);
  }
  const re = compiled([{ lit: pattern, wild: true }], ignoreCase);
  return (v) => re.test(v);
}

/** Plain wildcard match of a literal pattern (no variables). Matchers are compiled once and cached. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  const key = (ignoreCase ? 'i' : 's') + pattern;
  let m = matcherCache.get(key);
  if (!m) {
    m = makeMatcher(pattern, ignoreCase);
    if (matcherCache.size > 50000) matcherCache.clear();
    matcherCache.set(key, m);
  }
  return m(value);
}

/** Matches resolved parts (variables already substituted, so substituted text is literal). */
export function partsMatch(parts: { lit: string; wild?: boolean }[], value: string, ignoreCase = false): boolean {
  if (parts.length === 1 && parts[0]!.wild) return wildcardMatch(parts[0]!.lit, value, ignoreCase);
  return compiled(parts, ignoreCase).test(value);
}

/** Compiles action patterns once: the matcher takes the action already lower-cased. */
export function actionMatcher(patterns: string[]): (actionLower: string) => boolean {
  const ms = patterns.map((p) => (p === '*' ? () => true : makeMatcher(p.toLowerCase(), false)));
  return (a) => ms.some((m) => m(a));
}

/** Action patterns: case-insensitive, `*` and `?`. */
export function matchAction(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, true);
}

/** Splits parts at the first five colons of the pattern text into the six ARN components.
 *  Returns undefined when the text has fewer than six components. */
function splitArnParts(parts: { lit: string; wild?: boolean }[]): { lit: string; wild?: boolean }[][] | undefined {
  const comps: { lit: string; wild?: boolean }[][] = [[]];
  for (const p of parts) {
    if (comps.length === 6) {
      comps[5]!.push(p);
      continue;
    }
    const pieces = p.lit.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (comps.length === 6) comps[5]!.push({ lit: ':', wild: p.wild });
        else comps.push([]);
      }
      if (piece) comps[comps.length - 1]!.push({ lit: piece, wild: p.wild });
    });
  }
  return comps.length === 6 ? comps : undefined;
}

function splitArn(arn: string): string[] | undefined {
  const out: string[] = [];
  let from = 0;
  for (let k = 0; k < 5; k++) {
    const i = arn.indexOf(':', from);
    if (i < 0) return undefined;
    out.push(arn.slice(from, i));
    from = i + 1;
  }
  out.push(arn.slice(from));
  return out;
}

/** ARN matching as IAM does for Resource and the Arn* condition operators: each of the six
 *  colon-delimited components is matched separately (the last, the resource, may contain colons),
 *  case-sensitively. A pattern with fewer than six components (even "*") matches nothing; the
 *  Resource element's "*" is handled by matchResource. */
export function arnPartsMatch(parts: { lit: string; wild?: boolean }[], value: string): boolean {
  const pc = splitArnParts(parts);
  // A pattern with fewer than six components cannot be compared component by component: no match.
  if (!pc) return false;
  const vc = splitArn(value);
  if (!vc) return false;
  for (let k = 0; k < 6; k++) {
    const p = pc[k]!;
    if (p.length === 0) {
      if (vc[k] !== '') return false;
    } else if (!partsMatch(p, vc[k]!)) return false;
  }
  return true;
}

export interface PatternResult {
  matched: boolean;
  /** Variable keys that were missing (then matched is false). */
  missing: string[];
}

/** Resource pattern (with policy variables when `variables`) against a resource ARN. */
const NO_MISSING: string[] = [];
const MATCHED: PatternResult = { matched: true, missing: NO_MISSING };
const UNMATCHED: PatternResult = { matched: false, missing: NO_MISSING };
const staticArnCache = new Map<string, Matcher>();

/** A compiled matcher for an ARN pattern without policy variables. */
function staticArnMatcher(pattern: string): Matcher {
  let m = staticArnCache.get(pattern);
  if (!m) {
    const parts = [{ lit: pattern, wild: true }];
    const pc = splitArnParts(parts);
    if (!pc) m = () => false;
    else {
      const comps = pc.map((c) => (c.length === 0 ? (v: string) => v === '' : (v: string) => partsMatch(c, v)));
      m = (v) => {
        const vc = splitArn(v);
        if (!vc) return false;
        for (let k = 0; k < 6; k++) if (!comps[k]!(vc[k]!)) return false;
        return true;
      };
    }
    if (staticArnCache.size > 50000) staticArnCache.clear();
    staticArnCache.set(pattern, m);
  }
  return m;
}

export function matchResource(pattern: string, resource: string, ctx: Context, variables: boolean): PatternResult {
  if (pattern === '*') return MATCHED;
  if (!variables || !pattern.includes('${')) return staticArnMatcher(pattern)(resource) ? MATCHED : UNMATCHED;
  const r: Resolved = resolve(template(pattern, variables), ctx);
  if (!r.parts) return { matched: false, missing: r.missing };
  return { matched: arnPartsMatch(r.parts, resource), missing: [] };
}
