// Condition operator names: parsing "ForAnyValue:StringLikeIfExists" into its parts.

export const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;
export type BaseOperator = (typeof BASE_OPERATORS)[number];

const BY_LOWER = new Map<string, BaseOperator>(BASE_OPERATORS.map((o) => [o.toLowerCase(), o]));

export interface OperatorInfo {
  base: BaseOperator;
  ifExists: boolean;
  set?: 'ForAllValues' | 'ForAnyValue';
}

const cache = new Map<string, OperatorInfo | null>();

/** Splits an operator name; undefined when it is not one IAM knows. Names are case-insensitive. */
export function parseOperator(name: string): OperatorInfo | undefined {
  let r = cache.get(name);
  if (r === undefined) {
    r = compute(name);
    cache.set(name, r);
  }
  return r ?? undefined;
}

function compute(name: string): OperatorInfo | null {
  let n = name.toLowerCase();
  let set: OperatorInfo['set'];
  if (n.startsWith('forallvalues:')) {
    set = 'ForAllValues';
    n = n.slice('forallvalues:'.length);
  } else if (n.startsWith('foranyvalue:')) {
    set = 'ForAnyValue';
    n = n.slice('foranyvalue:'.length);
  }
  let ifExists = false;
  if (n.endsWith('ifexists')) {
    ifExists = true;
    n = n.slice(0, -'ifexists'.length);
  }
  const base = BY_LOWER.get(n);
  if (!base) return null;
  if (base === 'Null' && (ifExists || set)) return null;
  return { base, ifExists, set };
}

export const isKnownOperator = (name: string) => parseOperator(name) !== undefined;
