// The request context: condition key (lower-cased) → single value or multi-value list.
export type ContextValue = string | string[];
export type Context = ReadonlyMap<string, ContextValue>;

/** Builds a Context from a record or map; key names are case-insensitive, so they are lower-cased. */
export function makeContext(input?: Record<string, ContextValue | undefined> | ReadonlyMap<string, ContextValue>): Context {
  const m = new Map<string, ContextValue>();
  if (!input) return m;
  const entries = input instanceof Map ? input.entries() : Object.entries(input);
  for (const [k, v] of entries) if (v !== undefined) m.set(k.toLowerCase(), v);
  return m;
}
