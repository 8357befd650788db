// Small helpers shared by the repositories.
import { createHash } from 'node:crypto';
import { validationError } from '../aws-error.js';
export const iso = (d: Date) => d.toISOString();
export const toDate = (s: string | null | undefined) => (s ? new Date(s) : undefined);

/** Keyset pagination: rows come back one more than asked, so IsTruncated is known without a count. */
export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  marker?: string;
}

/** A marker carries a short check of its key, so a marker iam-local did not hand out is recognised. */
const check = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 8);

export function encodeMarker(key: string): string {
  return Buffer.from(`${check(key)}${key}`, 'utf8').toString('base64url');
}

/**
 * The key of a marker this server handed out; any other marker is AWS's ValidationError `Invalid Marker.`
 * (ListVirtualMFADevices, localstack/localstack test_iam_mfa.snapshot.json test_list_virtual_mfa_devices,
 * recorded 17-02-2026).
 */
export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  const raw = Buffer.from(marker, 'base64url').toString('utf8');
  const key = raw.slice(8);
  if (raw.length < 8 || raw.slice(0, 8) !== check(key) || encodeMarker(key) !== marker) throw invalidMarker();
  return key;
}

export const invalidMarker = () => validationError('Invalid Marker.');

/** Offset markers of lists paged in memory: the offset as a checked marker. */
export const encodeOffset = (n: number) => encodeMarker(String(n));
export function decodeOffset(marker: string | undefined): number {
  const raw = decodeMarker(marker);
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) throw invalidMarker();
  return n;
}

export function toPage<T>(rows: T[], limit: number, keyOf: (t: T) => string): Page<T> {
  if (rows.length <= limit) return { items: rows, isTruncated: false };
  const items = rows.slice(0, limit);
  return { items, isTruncated: true, marker: encodeMarker(keyOf(items[items.length - 1]!)) };
}
