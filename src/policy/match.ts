// IAM pattern matching. Wildcards are `*` (any run of characters, including `/` and `:`) and
// `?` (exactly one character); every other character is literal — unlike glob libraries, where
// `*` stops at `/`, and `[`, `{`, `!` and `**` are special.
//
// No RegExp is ever built from a pattern: a backtracking engine takes exponential time on
// `*a*a*a*a*b` against a long run of `a`s (25 s for 90 characters, holding the event loop). A
// pattern compiles instead to the literal segments between its stars; the first must match at the
// start, the last at the end, and each one between at its leftmost occurrence after the previous
// one — leftmost is always safe, since every later choice leaves less room for the rest. Each
// segment is found by indexOf (no `?`) or by a scan of at most |value|·|segment| steps, so a match
// costs O(n·m) at worst and usually O(n), whatever the pattern.
import type { Context } from './context.js';
import { resolve, template, type Resolved } from './variables.js';

/** One piece of a pattern between stars: its text, and where it has `?` (any one code unit). */
interface Segment {
  text: string;
  /** Offsets of `?` within text; empty when the segment is all literal. */
  any: number[];
  /** Shift-And tables for a segment with `?`, built on its first search. */
  bits?: ShiftAnd;
}

/** Bit-parallel (Shift-And) search: bit i of the state says "the last i+1 characters match the
 *  segment's first i+1", `?` positions accept any character. O(|value| · ⌈|segment|/32⌉) per
 *  search, with no backtracking. */
interface ShiftAnd {
  words: number;
  /** Mask per code unit that occurs in the segment. */
  masks: Map<number, Uint32Array>;
  /** Mask of the `?` positions alone (for any other code unit). */
  anyMask: Uint32Array;
}

/** A pattern compiled to its segments. No star at all: `segs` has one segment, matched exactly. */
interface Compiled {
  segs: Segment[];
  star: boolean;
  ignoreCase: boolean;
}

// Case folding as a RegExp's `i` flag does it without `u`: each UTF-16 code unit to its upper
// case when that is one code unit. Length-preserving, so offsets in the folded value are offsets
// in the value.
let foldTable: Uint16Array | undefined;
function table(): Uint16Array {
  if (!foldTable) {
    foldTable = new Uint16Array(65536);
    for (let c = 0; c < 65536; c++) {
      const u = String.fromCharCode(c).toUpperCase();
      foldTable[c] = u.length === 1 && !(c >= 128 && u.charCodeAt(0) < 128) ? u.charCodeAt(0) : c;
    }
  }
  return foldTable;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** The value as the folded pattern sees it. */
export function fold(s: string): string {
  if (isAscii(s)) return s.toUpperCase();
  const t = table();
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(t[s.charCodeAt(i)]!);
  return out;
}

function compileParts(parts: { lit: string; wild?: boolean }[], ignoreCase: boolean): Compiled {
  const segs: Segment[] = [];
  let text = '';
  let any: number[] = [];
  let star = false;
  const flush = () => {
    segs.push({ text, any });
    text = '';
    any = [];
  };
  for (const p of parts) {
    const lit = ignoreCase ? fold(p.lit) : p.lit;
    if (!p.wild) {
      text += lit;
      continue;
    }
    for (let i = 0; i < lit.length; i++) {
      const ch = lit[i]!;
      if (ch === '*') {
        star = true;
        flush();
      } else if (ch === '?') {
        any.push(text.length);
        text += '?';
      } else text += ch;
    }
  }
  flush();
  // Empty segments (from `**`, or before a leading / after a trailing star) match anywhere.
  const kept = star ? segs.filter((s, i) => s.text !== '' || i === 0 || i === segs.length - 1) : segs;
  return { segs: kept, star, ignoreCase };
}

/** Does seg match value at offset `at` (the whole segment fits)? */
function segmentAt(seg: Segment, value: string, at: number): boolean {
  const { text, any } = seg;
  if (any.length === 0) return value.startsWith(text, at);
  let a = 0;
  for (let i = 0; i < text.length; i++) {
    if (a < any.length && any[a] === i) {
      a++;
      continue;
    }
    if (value.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** Leftmost offset ≥ from where seg matches and ends by `end`; -1 when none. */
function find(seg: Segment, value: string, from: number, end: number): number {
  const last = end - seg.text.length;
  if (seg.any.length === 0) {
    const i = value.indexOf(seg.text, from);
    return i >= 0 && i <= last ? i : -1;
  }
  const k = seg.text.length;
  const sa = (seg.bits ??= shiftAnd(seg));
  const W = sa.words;
  const state = new Uint32Array(W);
  const top = (k - 1) >>> 5;
  const topBit = 1 << ((k - 1) & 31);
  for (let i = from; i < end; i++) {
    const mask = sa.masks.get(value.charCodeAt(i)) ?? sa.anyMask;
    let carry = 1;
    for (let w = 0; w < W; w++) {
      const d = state[w]!;
      state[w] = ((d << 1) | carry) & mask[w]!;
      carry = d >>> 31;
    }
    if (state[top]! & topBit) return i - k + 1;
  }
  return -1;
}

function shiftAnd(seg: Segment): ShiftAnd {
  const k = seg.text.length;
  const words = (k + 31) >>> 5;
  const anyMask = new Uint32Array(words);
  for (const i of seg.any) anyMask[i >>> 5]! |= 1 << (i & 31);
  const masks = new Map<number, Uint32Array>();
  let a = 0;
  for (let i = 0; i < k; i++) {
    if (a < seg.any.length && seg.any[a] === i) {
      a++;
      continue;
    }
    const c = seg.text.charCodeAt(i);
    let m = masks.get(c);
    if (!m) masks.set(c, (m = Uint32Array.from(anyMask)));
    m[i >>> 5]! |= 1 << (i & 31);
  }
  return { words, masks, anyMask };
}

function run(c: Compiled, raw: string): boolean {
  const value = c.ignoreCase ? fold(raw) : raw;
  const { segs } = c;
  if (!c.star) {
    const s = segs[0]!;
    return value.length === s.text.length && segmentAt(s, value, 0);
  }
  // Pattern: first * middle… * last (first and last may be empty).
  const first = segs[0]!;
  const lastSeg = segs[segs.length - 1]!;
  if (value.length < first.text.length + lastSeg.text.length) return false;
  if (!segmentAt(first, value, 0)) return false;
  const end = value.length - lastSeg.text.length;
  if (!segmentAt(lastSeg, value, end)) return false;
  let pos = first.text.length;
  for (let k = 1; k < segs.length - 1; k++) {
    const seg = segs[k]!;
    const at = find(seg, value, pos, end);
    if (at < 0) return false;
    pos = at + seg.text.length;
  }
  return true;
}

type Matcher = (value: string) => boolean;

function makePartsMatcher(parts: { lit: string; wild?: boolean }[], ignoreCase: boolean): Matcher {
  const c = compileParts(parts, ignoreCase);
  return (v) => run(c, v);
}

const partsCache = new Map<string, Matcher>();
function cachedParts(parts: { lit: string; wild?: boolean }[], ignoreCase: boolean): Matcher {
  // Key: each part's kind and text, so literal `*` (a substituted value) and wildcard `*` differ.
  let key = ignoreCase ? 'i' : 's';
  for (const p of parts) key += (p.wild ? 'w' : 'l') + p.lit.length + ':' + p.lit;
  let m = partsCache.get(key);
  if (!m) {
    m = makePartsMatcher(parts, ignoreCase);
    if (partsCache.size > 50000) partsCache.clear();
    partsCache.set(key, m);
  }
  return m;
}

function makeMatcher(pattern: string, ignoreCase: boolean): Matcher {
  const star = pattern.indexOf('*');
  const q = pattern.indexOf('?');
  if (star < 0 && q < 0) {
    if (!ignoreCase) return (v) => v === pattern;
    const fp = fold(pattern);
    return (v) => v.length === fp.length && fold(v) === fp;
  }
  if (q < 0 && star === pattern.length - 1) {
    const prefix = ignoreCase ? fold(pattern.slice(0, -1)) : pattern.slice(0, -1);
    return ignoreCase ? (v) => fold(v).startsWith(prefix) : (v) => v.startsWith(prefix);
  }
  return makePartsMatcher([{ lit: pattern, wild: true }], ignoreCase);
}

const matcherCache = new Map<string, Matcher>();

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
  return cachedParts(parts, ignoreCase)(value);
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
