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

/** Plain wildcard match of a literal pattern (no variables). */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?'))
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return compiled([{ lit: pattern, wild: true }], ignoreCase).test(value);
}

/** Matches resolved parts (variables already substituted, so substituted text is literal). */
export function partsMatch(parts: { lit: string; wild?: boolean }[], value: string, ignoreCase = false): boolean {
  if (parts.length === 1 && parts[0]!.wild) return wildcardMatch(parts[0]!.lit, value, ignoreCase);
  return compiled(parts, ignoreCase).test(value);
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
 *  case-sensitively. A pattern that is not ARN-shaped is matched against the whole string. */
export function arnPartsMatch(parts: { lit: string; wild?: boolean }[], value: string): boolean {
  if (parts.length === 1 && parts[0]!.wild && parts[0]!.lit === '*') return true;
  const pc = splitArnParts(parts);
  if (!pc) return partsMatch(parts, value);
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
export function matchResource(pattern: string, resource: string, ctx: Context, variables: boolean): PatternResult {
  if (pattern === '*') return { matched: true, missing: [] };
  const r: Resolved = resolve(template(pattern, variables), ctx);
  if (!r.parts) return { matched: false, missing: r.missing };
  return { matched: arnPartsMatch(r.parts, resource), missing: [] };
}
