// Objects indexed by a key a request chose (an Action, a map key, a tag key, a path segment): a
// plain object literal inherits `constructor`, `toString`, `__proto__`, … from Object.prototype, so
// `table[userKey]` found a function where it should have found nothing (Action=constructor called
// a "handler"), and `out[userKey] = v` with `__proto__` replaced the object's prototype instead of
// storing a value. Look up with `own`, build with `dict`, and such keys are ordinary keys.

/** The value stored under `key` itself, never one inherited. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** An empty object without a prototype: every key, `__proto__` included, is a plain data key. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
