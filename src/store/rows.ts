// Small helpers shared by the repositories.
export const iso = (d: Date) => d.toISOString();
export const toDate = (s: string | null | undefined) => (s ? new Date(s) : undefined);

/** Keyset pagination: rows come back one more than asked, so IsTruncated is known without a count. */
export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  marker?: string;
}

export function encodeMarker(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  return Buffer.from(marker, 'base64url').toString('utf8');
}

export function toPage<T>(rows: T[], limit: number, keyOf: (t: T) => string): Page<T> {
  if (rows.length <= limit) return { items: rows, isTruncated: false };
  const items = rows.slice(0, limit);
  return { items, isTruncated: true, marker: encodeMarker(keyOf(items[items.length - 1]!)) };
}
