// The context keys a policy references: condition keys and policy-variable keys (in Resource,
// NotResource and String*/Arn* condition values). Used by GetContextKeysFor*Policy and by the
// simulator to report MissingContextValues with the key names as the policy spells them.
import type { ParsedPolicy } from './parse.js';

/** Keys as first written (deduplicated case-insensitively), in document order. */
export function listContextKeys(policies: ParsedPolicy[]): string[] {
  const seen = new Map<string, string>();
  const add = (k: string) => {
    const l = k.toLowerCase();
    if (!seen.has(l)) seen.set(l, k);
  };
  const addVars = (text: string, variables: boolean) => {
    if (!variables || !text.includes('${')) return;
    // Spelling as written inside ${…}.
    for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
      const inner = m[1]!.trim();
      if (inner === '*' || inner === '?' || inner === '$') continue;
      const name = inner.replace(/\s*,\s*'[^']*'$/, '').trim();
      if (name) add(name);
    }
  };
  for (const p of policies)
    for (const s of p.statements) {
      for (const r of s.resource ?? s.notResource ?? []) addVars(r, p.variables);
      for (const c of s.conditions) {
        add(c.key);
        for (const v of c.values) addVars(v, p.variables);
      }
    }
  return [...seen.values()];
}
