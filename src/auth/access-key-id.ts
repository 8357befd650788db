// Access key ids that carry their account id the way AWS's do: after the 4-letter prefix come 16
// base32 characters (10 bytes); bits 46..7 of the first 6 bytes hold the 12-digit account id
// (40 bits), the rest is random. sts:GetAccessKeyInfo reads it back with accountOfAccessKeyId.
import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function base32Decode(s: string): Uint8Array | undefined {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Uint8Array.from(out);
}

const MASK = 0x7fffffffff80n;

/** A new 20-character key id (AKIA… long-term, ASIA… temporary) encoding accountId. */
export function newAccessKeyId(prefix: 'AKIA' | 'ASIA', accountId: string): string {
  const bytes = randomBytes(10);
  let head = 0n;
  for (let i = 0; i < 6; i++) head = (head << 8n) | BigInt(bytes[i]!);
  head = (head & ~MASK) | ((BigInt(accountId) << 7n) & MASK);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = Number(head & 0xffn);
    head >>= 8n;
  }
  return prefix + base32Encode(bytes);
}

/** The account id a key id encodes, or undefined when it is not in AWS's format. */
export function accountOfAccessKeyId(id: string): string | undefined {
  if (id.length < 20) return undefined;
  const bytes = base32Decode(id.slice(4, 20));
  if (!bytes || bytes.length < 6) return undefined;
  let head = 0n;
  for (let i = 0; i < 6; i++) head = (head << 8n) | BigInt(bytes[i]!);
  return ((head & MASK) >> 7n).toString().padStart(12, '0');
}

const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A 40-character secret access key, the alphabet AWS's use. */
export function newSecretAccessKey(): string {
  const bytes = randomBytes(40);
  let s = '';
  for (let i = 0; i < 40; i++) s += SECRET_CHARS[bytes[i]! & 63];
  return s;
}
