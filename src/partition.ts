// AWS partitions: which one a region belongs to, as the AWS SDK's partitions.json says
// (@aws-sdk/core util-endpoints partitions: regionRegex and dnsSuffix per partition).
// A request signed for a region is answered in that region's partition: its ARNs say `arn:aws-cn:`,
// `arn:aws-us-gov:` … and policies naming another partition do not match it. Inside iam-local every
// ARN is built and stored as `arn:aws:`; the request edge reads and writes it in the caller's partition
// (toPartition / fromPartition below), and the policy engine reads request ARNs in it (EvalRequest.partition).

export interface PartitionInfo {
  name: string;
  dnsSuffix: string;
}

const PARTITIONS: [RegExp, PartitionInfo][] = [
  [/^cn-\w+-\d+$/, { name: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' }],
  [/^us-gov-\w+-\d+$/, { name: 'aws-us-gov', dnsSuffix: 'amazonaws.com' }],
  [/^us-iso-\w+-\d+$/, { name: 'aws-iso', dnsSuffix: 'c2s.ic.gov' }],
  [/^us-isob-\w+-\d+$/, { name: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov' }],
  [/^eu-isoe-\w+-\d+$/, { name: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk' }],
  [/^us-isof-\w+-\d+$/, { name: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov' }],
  [/^eusc-de-\w+-\d+$/, { name: 'aws-eusc', dnsSuffix: 'amazonaws.eu' }],
];
const AWS: PartitionInfo = { name: 'aws', dnsSuffix: 'amazonaws.com' };

/** The partition of a region (the commercial `aws` partition for any region not in another). */
export function partitionOf(region: string | undefined): PartitionInfo {
  if (region) for (const [re, p] of PARTITIONS) if (re.test(region)) return p;
  return AWS;
}

const CANONICAL = 'arn:aws:';

/** An ARN built inside iam-local (`arn:aws:…`) as the caller's partition writes it. */
export function toPartition(value: string, partition: string): string {
  return partition !== 'aws' && value.startsWith(CANONICAL) ? `arn:${partition}:${value.slice(CANONICAL.length)}` : value;
}

/** An ARN the caller sent in its own partition, as iam-local stores it. (An `arn:aws:` ARN sent from
 *  another partition is left as it is: iam-local does not refuse it as AWS would.) */
export function fromPartition(value: string, partition: string): string {
  const own = `arn:${partition}:`;
  return partition !== 'aws' && value.startsWith(own) ? CANONICAL + value.slice(own.length) : value;
}

/** Every ARN in a message (an error's text) written in the caller's partition. */
export function messageInPartition(message: string, partition: string): string {
  return partition === 'aws' ? message : message.replace(/\barn:aws:/g, `arn:${partition}:`);
}

/** Deep copy of `value` with `f` applied to every string (typed inputs and outputs of handlers). */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out as T;
  }
  return value;
}
