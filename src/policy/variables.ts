// Policy variables: ${aws:username}, ${aws:PrincipalTag/k}, ${*}, ${?}, ${$}, ${key, 'default'}.
// A template is split once into literal and variable parts; resolving it against a request
// context yields parts whose text is always literal (a substituted value never acts as a wildcard).
import type { Context } from './context.js';

export type TemplatePart =
  | { lit: string; wild?: false }
  /** Text of the pattern itself, where `*`/`?` are wildcards (only for match patterns). */
  | { lit: string; wild: true }
  | { key: string; def?: string };

export interface Template {
  parts: TemplatePart[];
  hasVariables: boolean;
}

const VAR_RE = /\$\{([^}]*)\}/g;
const tplCache = new Map<string, Template>();

/** Splits `text` into parts. Without `variables` (Version 2008-10-17 or none), `${…}` is literal text. */
export function template(text: string, variables: boolean): Template {
  const ck = (variables ? '1' : '0') + text;
  let t = tplCache.get(ck);
  if (t) return t;
  const parts: TemplatePart[] = [];
  let hasVariables = false;
  if (!variables || !text.includes('${')) parts.push({ lit: text, wild: true });
  else {
    let last = 0;
    for (const m of text.matchAll(VAR_RE)) {
      if (m.index! > last) parts.push({ lit: text.slice(last, m.index), wild: true });
      last = m.index! + m[0].length;
      const inner = m[1]!.trim();
      if (inner === '*' || inner === '?' || inner === '$') {
        parts.push({ lit: inner });
        continue;
      }
      const dm = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(inner);
      if (dm) parts.push({ key: dm[1]!.trim().toLowerCase(), def: dm[2]! });
      else parts.push({ key: inner.toLowerCase() });
      hasVariables = true;
    }
    if (last < text.length) parts.push({ lit: text.slice(last), wild: true });
  }
  t = { parts, hasVariables };
  if (tplCache.size > 20000) tplCache.clear();
  tplCache.set(ck, t);
  return t;
}

/** The keys a template references (lower-cased). */
export const templateKeys = (t: Template): string[] =>
  t.parts.flatMap((p) => ('key' in p ? [p.key] : []));

export interface Resolved {
  /** Parts with every variable replaced by literal text; undefined when a key is missing. */
  parts?: { lit: string; wild?: boolean }[];
  missing: string[];
}

/** Substitutes variables from `ctx`. A multi-valued key cannot be substituted (treated as missing). */
export function resolve(t: Template, ctx: Context): Resolved {
  if (!t.hasVariables) return { parts: t.parts as { lit: string; wild?: boolean }[], missing: [] };
  const out: { lit: string; wild?: boolean }[] = [];
  const missing: string[] = [];
  for (const p of t.parts) {
    if (!('key' in p)) {
      out.push(p);
      continue;
    }
    const v = ctx.get(p.key);
    if (typeof v === 'string') out.push({ lit: v });
    else if (p.def !== undefined) out.push({ lit: p.def });
    else missing.push(p.key);
  }
  return missing.length ? { missing } : { parts: out, missing };
}

/** The resolved text (wildcards kept as written), for exact comparisons. */
export const resolvedText = (parts: { lit: string }[]) => parts.map((p) => p.lit).join('');
