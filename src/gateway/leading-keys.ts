// dynamodb:LeadingKeys — the partition key values an item request touches — filled in only when a
// policy that could apply names the key (most never do): which attribute is the partition key is
// the table's, so it is read from the upstream (DescribeTable with the upstream's credentials) and
// kept per table. Covered: GetItem, PutItem, UpdateItem, DeleteItem, and Query's `key = :value`.
import type { Pool } from 'undici';
import type { PrincipalPolicies } from '../authz/principal-policies.js';
import type { Upstream } from './upstreams.js';
import { signForUpstream } from './signing.js';
import { createHash } from 'node:crypto';

const KEY = 'dynamodb:leadingkeys';
const TTL_MS = 60_000;
export const LEADING_KEY_OPERATIONS = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query']);

const naming = new WeakMap<PrincipalPolicies, boolean>();

/** Whether any statement of this (per-action) policy set has a condition on dynamodb:LeadingKeys. */
export function namesLeadingKeys(set: PrincipalPolicies): boolean {
  let v = naming.get(set);
  if (v === undefined) {
    v = false;
    for (const refs of [set.identity, set.boundary, set.session])
      for (const r of refs ?? []) for (const s of r.parsed.statements) if (s.conditions.some((c) => c.key.toLowerCase() === KEY)) v = true;
    naming.set(set, v);
  }
  return v;
}

type Input = Record<string, unknown>;

/** The scalar of a DynamoDB attribute value ({S:…}, {N:…}, {B:…}). */
function scalar(v: unknown): string | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  for (const t of ['S', 'N', 'B']) if (typeof o[t] === 'string') return o[t] as string;
  return undefined;
}

/** The partition key values the request names (undefined: none found). */
export function leadingKeyValues(op: string, input: Input, hashKey: string): string[] | undefined {
  if (op === 'PutItem') {
    const v = scalar((input.Item as Input | undefined)?.[hashKey]);
    return v === undefined ? undefined : [v];
  }
  if (op === 'Query') {
    const expr = typeof input.KeyConditionExpression === 'string' ? input.KeyConditionExpression : '';
    const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
    const values = (input.ExpressionAttributeValues ?? {}) as Input;
    for (const m of expr.matchAll(/([#\w.-]+)\s*=\s*(:[\w-]+)/g)) {
      const name = m[1]!.startsWith('#') ? names[m[1]!] : m[1];
      if (name === hashKey) {
        const v = scalar(values[m[2]!]);
        return v === undefined ? undefined : [v];
      }
    }
    return undefined;
  }
  const v = scalar((input.Key as Input | undefined)?.[hashKey]);
  return v === undefined ? undefined : [v];
}

/** Partition key attribute names of the upstream's tables, read once a minute at most. */
export class KeySchemas {
  private readonly cache = new Map<string, { at: number; hashKey: string | undefined }>();
  constructor(
    private readonly upstream: Upstream,
    private readonly pool: Pool,
    private readonly now: () => Date,
  ) {}

  forget(table: string): void {
    this.cache.delete(table);
  }

  async hashKey(table: string, region: string): Promise<string | undefined> {
    const hit = this.cache.get(table);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.hashKey;
    const u = this.upstream;
    const body = JSON.stringify({ TableName: table });
    const path = `${u.basePath}/`;
    const headers: Record<string, string | string[] | undefined> = {
      host: u.host,
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.DescribeTable',
    };
    signForUpstream('POST', path, '', headers, createHash('sha256').update(body).digest('hex'), { accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey, region, service: 'dynamodb' }, this.now());
    const res = await this.pool.request({ method: 'POST', path, headers: headers as Record<string, string>, body });
    const text = await res.body.text();
    let hashKey: string | undefined;
    if (res.statusCode === 200) {
      const schema = (JSON.parse(text) as { Table?: { KeySchema?: { AttributeName: string; KeyType: string }[] } }).Table?.KeySchema ?? [];
      hashKey = schema.find((k) => k.KeyType === 'HASH')?.AttributeName;
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(table, { at: Date.now(), hashKey });
    return hashKey;
  }
}
