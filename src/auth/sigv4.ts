// AWS Signature Version 4, server side: read the signature a request carries (Authorization
// header or presigned query), rebuild the canonical request exactly as AWS defines it, and compare.
// Pure: no store, no clock — authenticate.ts decides who the key is and what time it is.
import * as crypto from 'node:crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from '../protocol/errors.js';
import { header, type SignedRequest } from './signed-request.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface ParsedSignature {
  presigned: boolean;
  accessKeyId: string;
  /** The Credential value as sent: AKID/DATE/REGION/SERVICE/TERMINATOR. */
  credential: string;
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
  /** The request's date in ISO-8601 basic format (X-Amz-Date, or the Date header converted). */
  amzDate: string;
  requestTime: Date;
  /** X-Amz-Expires of a presigned URL, in seconds. */
  expiresSeconds?: number;
  securityToken?: string;
  /** Raw query pairs (still percent-encoded), as sent. */
  rawPairs: [string, string][];
}

export const missingAuthenticationToken = () =>
  new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
const incompleteSignature = (message: string) => new AwsError('IncompleteSignature', message, 400);
export const signatureDoesNotMatch = (message: string) => new AwsError('SignatureDoesNotMatch', message, 403);
export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function splitQuery(rawQuery: string): [string, string][] {
  if (!rawQuery) return [];
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    pairs.push(eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]);
  }
  return pairs;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

/** AWS's URI encoding: every byte except A-Z a-z 0-9 - _ . ~ is %XX (upper-case hex). */
export function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

const BASIC_DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

// Requests signed in the same second share their X-Amz-Date: parse each distinct value once.
let lastDateText = '';
let lastDate: Date | undefined;

function parseBasicDate(s: string): Date | undefined {
  if (s === lastDateText) return lastDate;
  const d = parseBasicDateUncached(s);
  lastDateText = s;
  lastDate = d;
  return d;
}

function parseBasicDateUncached(s: string): Date | undefined {
  const m = BASIC_DATE_RE.exec(s);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export const toBasicDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

function parseCredentialValue(credential: string, where: string) {
  const parts = credential.split('/');
  if (parts.length !== 5)
    throw incompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'${where}`,
    );
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];
  return { accessKeyId, scopeDate, region, service, terminator };
}

/** Reads the signature a request carries; throws AWS's answer when there is none or it is incomplete. */
export function parseSignature(req: SignedRequest): ParsedSignature {
  const rawPairs = splitQuery(req.rawQuery);
  const auth = header(req, 'authorization');
  if (auth !== undefined) return parseAuthorizationHeader(req, auth, rawPairs);
  const q = new Map<string, string>();
  for (const [k, v] of rawPairs) {
    const key = decode(k);
    if (key.startsWith('X-Amz-') && !q.has(key)) q.set(key, decode(v));
  }
  if (!q.has('X-Amz-Algorithm') && !q.has('X-Amz-Credential') && !q.has('X-Amz-Signature')) throw missingAuthenticationToken();
  return parsePresigned(q, rawPairs);
}

// An SDK signs the same headers on every request: each distinct SignedHeaders text is split (and
// its canonical order worked out, see canonicalRequest) once, not per request.
interface HeaderList {
  names: string[];
  /** The names in canonical (sorted) order, and joined with ';' as the canonical request has them. */
  sorted: string[];
  joined: string;
}
const headerLists = new Map<string, HeaderList>();
const sortedLists = new WeakMap<string[], HeaderList>();
function headerList(text: string): string[] {
  let list = headerLists.get(text);
  if (!list) {
    const names = text.split(';');
    const sorted = [...names].sort();
    list = { names, sorted, joined: sorted.join(';') };
    if (headerLists.size >= 256) headerLists.clear();
    headerLists.set(text, list);
    sortedLists.set(names, list);
  }
  return list.names;
}

// What every SDK sends; anything else takes the general path (and gets AWS's complaints).
const SDK_AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/([^/,\s]+), ?SignedHeaders=([a-z0-9;_.-]+), ?Signature=([0-9a-f]{64})$/;

function parseAuthorizationHeader(req: SignedRequest, auth: string, rawPairs: [string, string][]): ParsedSignature {
  const amz = header(req, 'x-amz-date');
  const fast = amz === undefined ? null : SDK_AUTH_RE.exec(auth);
  if (fast) {
    const requestTime = parseBasicDate(amz!);
    if (requestTime)
      return {
        presigned: false,
        accessKeyId: fast[1]!,
        scopeDate: fast[2]!,
        region: fast[3]!,
        service: fast[4]!,
        terminator: fast[5]!,
        credential: `${fast[1]}/${fast[2]}/${fast[3]}/${fast[4]}/${fast[5]}`,
        signedHeaders: headerList(fast[6]!),
        signature: fast[7]!,
        amzDate: amz!,
        requestTime,
        securityToken: header(req, 'x-amz-security-token'),
        rawPairs,
      };
  }
  const sp = auth.indexOf(' ');
  const algorithm = sp === -1 ? auth : auth.slice(0, sp);
  const fields = new Map<string, string>();
  for (const part of (sp === -1 ? '' : auth.slice(sp + 1)).split(',')) {
    const p = part.trim();
    const eq = p.indexOf('=');
    if (eq > 0) fields.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const amzDateHeader = header(req, 'x-amz-date');
  const dateHeader = header(req, 'date');
  const problems: string[] = [];
  if (algorithm === ALGORITHM) {
    if (!fields.get('Credential')) problems.push("Authorization header requires 'Credential' parameter.");
    if (!fields.get('Signature')) problems.push("Authorization header requires 'Signature' parameter.");
    if (!fields.get('SignedHeaders')) problems.push("Authorization header requires 'SignedHeaders' parameter.");
  } else {
    problems.push(
      "Authorization header requires 'Credential' parameter.",
      "Authorization header requires 'Signature' parameter.",
      "Authorization header requires 'SignedHeaders' parameter.",
    );
  }
  if (amzDateHeader === undefined && dateHeader === undefined)
    problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (problems.length) throw incompleteSignature(`${problems.join(' ')} Authorization=${auth}`);

  const credential = fields.get('Credential')!;
  const scope = parseCredentialValue(credential, '.');
  let requestTime: Date | undefined;
  let amzDate: string;
  if (amzDateHeader !== undefined) {
    amzDate = amzDateHeader.trim();
    requestTime = parseBasicDate(amzDate);
  } else {
    const ms = Date.parse(dateHeader!);
    requestTime = Number.isNaN(ms) ? undefined : new Date(ms);
    amzDate = requestTime ? toBasicDate(requestTime) : dateHeader!;
  }
  if (!requestTime)
    throw incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  return {
    presigned: false,
    ...scope,
    credential,
    signedHeaders: fields.get('SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
    signature: fields.get('Signature')!,
    amzDate,
    requestTime,
    securityToken: header(req, 'x-amz-security-token'),
    rawPairs,
  };
}

function parsePresigned(q: Map<string, string>, rawPairs: [string, string][]): ParsedSignature {
  const missing = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'].filter(
    (k) => !q.get(k),
  );
  if (missing.length)
    throw incompleteSignature(
      `AWS query-string parameters must include ${missing.map((m) => `'${m}'`).join(', ')}. Re-examine the query-string parameters.`,
    );
  const algorithm = q.get('X-Amz-Algorithm')!;
  if (algorithm !== ALGORITHM)
    throw incompleteSignature(`X-Amz-Algorithm only supports "${ALGORITHM}", not '${algorithm}'.`);
  const credential = q.get('X-Amz-Credential')!;
  const scope = parseCredentialValue(credential, '.');
  const amzDate = q.get('X-Amz-Date')!;
  const requestTime = parseBasicDate(amzDate);
  if (!requestTime)
    throw incompleteSignature(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  let expiresSeconds: number | undefined;
  const expires = q.get('X-Amz-Expires');
  if (expires !== undefined) {
    if (!/^-?\d+$/.test(expires)) throw incompleteSignature('X-Amz-Expires should be a number');
    expiresSeconds = Number(expires);
    if (expiresSeconds < 0) throw incompleteSignature('X-Amz-Expires must be non-negative');
    if (expiresSeconds > 604800) throw incompleteSignature('X-Amz-Expires must be less than a week (in seconds) that is 604800');
  }
  return {
    presigned: true,
    ...scope,
    credential,
    signedHeaders: q.get('X-Amz-SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
    signature: q.get('X-Amz-Signature')!,
    amzDate,
    requestTime,
    expiresSeconds,
    securityToken: q.get('X-Amz-Security-Token'),
    rawPairs,
  };
}

/** The canonical URI of every service but S3: the path's segments normalized, encoded once more. */
export function canonicalPath(path: string): string {
  if (path === '/') return path;
  const segments: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length && path.endsWith('/') ? '/' : ''}`;
  return uriEncode(normalized).replace(/%2F/g, '/');
}

/** The canonical query string of raw (still-encoded) pairs; `skip` names a parameter left out
 *  (X-Amz-Signature of a presigned request). */
export function canonicalQuery(pairs: [string, string][], skip?: string): string {
  if (pairs.length === 0) return '';
  const encoded: [string, string][] = [];
  for (const [k, v] of pairs) {
    const key = decode(k);
    if (key === skip) continue;
    encoded.push([uriEncode(key), uriEncode(decode(v))]);
  }
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (const [k, v] of encoded) out += (out ? '&' : '') + k + '=' + v;
  return out;
}

// crypto.hash (Node ≥ 20.12) is a one-shot digest, cheaper than a Hash object for small inputs.
const oneShotHash = (crypto as { hash?: (alg: string, data: string | Buffer, enc: 'hex' | 'latin1') => string }).hash;
const oneShot = oneShotHash && ((data: string | Buffer, enc: 'hex' | 'latin1') => oneShotHash('sha256', data, enc));
export const sha256Hex: (data: string | Buffer) => string = oneShot
  ? (data) => oneShot(data, 'hex')
  : (data) => createHash('sha256').update(data).digest('hex');

/** The payload hash of the canonical request: always the hash of the body as received. IAM and STS
 *  take no `UNSIGNED-PAYLOAD` (that is S3's), and an `x-amz-content-sha256` header is at most one
 *  more signed header: were its value used instead of the body's hash, a signature over one body
 *  (GetCallerIdentity) would authenticate any other (CreateUser). */
function payloadHash(req: SignedRequest): string {
  return req.body ? sha256Hex(req.body) : EMPTY_SHA256;
}

/** A declared x-amz-content-sha256 (signed or not) that is not the body's hash — UNSIGNED-PAYLOAD
 *  included — is refused outright. */
export function checkDeclaredPayloadHash(req: SignedRequest, sig: ParsedSignature): void {
  const declared = sig.presigned ? undefined : header(req, 'x-amz-content-sha256');
  if (declared !== undefined && declared.toLowerCase() !== payloadHash(req)) throw signatureDoesNotMatch(SIGNATURE_MISMATCH_MESSAGE);
}

/** botocore presigns every URL with `UNSIGNED-PAYLOAD` (SigV4QueryAuth), STS included (`aws eks
 *  get-token`), and AWS accepts such URLs; other SDKs presign with the empty body's hash. A
 *  presigned request with no body has nothing to swap, so both are taken there — and only there. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** The Host header (or HTTP/2 `:authority`) must be signed, or a signature could be replayed to
 *  another host. AWS's message, as public reports of AWS's answers quote it. */
export const HOST_NOT_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
export function checkHostSigned(sig: ParsedSignature): void {
  if (!sig.signedHeaders.includes('host') && !sig.signedHeaders.includes(':authority')) throw signatureDoesNotMatch(HOST_NOT_SIGNED);
}

export function canonicalRequest(req: SignedRequest, sig: ParsedSignature, payload = payloadHash(req)): string {
  // A list from headerList is shared by every request that signed the same headers: never sorted in place.
  const known = sortedLists.get(sig.signedHeaders);
  const names = known ? known.sorted : [...sig.signedHeaders].sort();
  const query = sig.rawPairs.length ? canonicalQuery(sig.rawPairs, sig.presigned ? 'X-Amz-Signature' : undefined) : '';
  return `${req.method}\n${canonicalPath(req.path || '/')}\n${query}\n${canonicalHeaders(req.headers, names)}\n${known ? known.joined : names.join(';')}\n${payload}`;
}

/** `name:value\n` for each signed header, values trimmed and inner runs of space folded. */
export function canonicalHeaders(headers: Record<string, string | string[] | undefined>, names: string[]): string {
  let out = '';
  for (const name of names) {
    // Names are lower-case, as Node gives headers; a signed header named `constructor` or
    // `__proto__` is a header the request lacks, not Object.prototype's.
    const raw = Object.hasOwn(headers, name) ? headers[name] : undefined;
    let v = (raw === undefined ? '' : Array.isArray(raw) ? raw.join(',') : raw).trim();
    if (/\s\s|[\t\r\n]/.test(v)) v = v.replace(/\s+/g, ' ');
    out += `${name}:${v}\n`;
  }
  return out;
}

export function stringToSign(sig: ParsedSignature, canonical: string): string {
  return `${ALGORITHM}\n${sig.amzDate}\n${sig.scopeDate}/${sig.region}/${sig.service}/${sig.terminator}\n${sha256Hex(canonical)}`;
}

// Signing keys depend only on (secret, date, region, service): derive each once, not per request.
// Keyed by secret, then by scope: each request builds only the short scope string.
const keyCache = new Map<string, Map<string, SigningKey>>();
const KEY_CACHE_MAX = 10_000;

/** A derived signing key, with the key's HMAC pads worked out once (see hmacHex). */
interface SigningKey {
  key: Buffer;
  /** key ⊕ ipad, then room for the message: HMAC's inner hash reads `inner[0, 64 + length)`. */
  inner: Buffer;
  /** key ⊕ opad, then room for the inner digest: HMAC's outer hash reads all 96 bytes. */
  outer: Buffer;
}

const HMAC_BLOCK = 64;
/** The longest message hmacHex hashes from its scratch space; longer ones take createHmac. */
const HMAC_MESSAGE_ROOM = 1024;

// The key of the last request: the next one is most often signed by the same caller, same scope.
let last: { secret: string; date: string; region: string; service: string; entry: SigningKey } | undefined;

function signingKeyOf(secret: string, date: string, region: string, service: string): SigningKey {
  if (last && last.secret === secret && last.date === date && last.region === region && last.service === service) return last.entry;
  const entry = derivedKey(secret, date, region, service);
  last = { secret, date, region, service, entry };
  return entry;
}

function derivedKey(secret: string, date: string, region: string, service: string): SigningKey {
  let bySecret = keyCache.get(secret);
  if (!bySecret) {
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(secret, (bySecret = new Map()));
  }
  const cacheKey = `${date}/${region}/${service}`;
  let entry = bySecret.get(cacheKey);
  if (!entry) {
    const kDate = createHmac('sha256', 'AWS4' + secret).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    const key = createHmac('sha256', kService).update('aws4_request').digest();
    // RFC 2104: a 32-byte key is padded with zeros to the 64-byte block, then XORed with the pads.
    const inner = Buffer.alloc(HMAC_BLOCK + HMAC_MESSAGE_ROOM);
    const outer = Buffer.alloc(HMAC_BLOCK + 32);
    for (let i = 0; i < HMAC_BLOCK; i++) {
      inner[i] = (key[i] ?? 0) ^ 0x36;
      outer[i] = (key[i] ?? 0) ^ 0x5c;
    }
    entry = { key, inner, outer };
    if (bySecret.size >= 64) bySecret.clear();
    bySecret.set(cacheKey, entry);
  }
  return entry;
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return signingKeyOf(secret, date, region, service).key;
}

/** A SigV4 signature (lower-case hex) of a string to sign, under the key of (secret, date, region,
 *  service): the cached key and its HMAC pads, as every request this module checks. */
export function signatureHex(secret: string, date: string, region: string, service: string, toSign: string): string {
  return hmacHex(signingKeyOf(secret, date, region, service), toSign);
}

/**
 * HMAC-SHA256 of `message` (UTF-8) under a signing key, as lower-case hex: the same bytes as
 * createHmac('sha256', key).update(message).digest('hex'), computed as RFC 2104 defines it —
 * sha256((K ⊕ opad) ‖ sha256((K ⊕ ipad) ‖ m)) — with two one-shot hashes over the key's
 * precomputed pads. A Hmac object costs ~3 µs to make; this ~0.8 µs, on every signed request.
 * (Synchronous: the key's scratch space is free again when it returns.)
 */
function hmacHex(k: SigningKey, message: string): string {
  if (!oneShot || message.length > HMAC_MESSAGE_ROOM / 3) return createHmac('sha256', k.key).update(message).digest('hex');
  const length = k.inner.write(message, HMAC_BLOCK, 'utf8');
  k.outer.write(oneShot(k.inner.subarray(0, HMAC_BLOCK + length), 'latin1'), HMAC_BLOCK, 'latin1');
  return oneShot(k.outer, 'hex');
}

/** The signature the request should carry if it was signed with `secret`. */
export function expectedSignature(req: SignedRequest, sig: ParsedSignature, secret: string): string {
  return hmacHex(signingKeyOf(secret, sig.scopeDate, sig.region, sig.service), stringToSign(sig, canonicalRequest(req, sig)));
}

/** Constant-time comparison of the request's signature with the one `secret` yields. */
export function signatureMatches(req: SignedRequest, sig: ParsedSignature, secret: string): boolean {
  if (!HEX64_RE.test(sig.signature)) return false;
  checkDeclaredPayloadHash(req, sig);
  // Hex compared as hex: the signature given is lower-cased (hex digits mean the same in either case).
  const given = Buffer.from(sig.signature.toLowerCase(), 'latin1');
  const key = signingKeyOf(secret, sig.scopeDate, sig.region, sig.service);
  if (signedWith(req, sig, key, given)) return true;
  return sig.presigned && !req.body && signedWith(req, sig, key, given, UNSIGNED_PAYLOAD);
}

const HEX64_RE = /^[0-9a-fA-F]{64}$/;

/** Constant-time: whether `given` (64 lower-case hex characters) is the request's signature. */
function signedWith(req: SignedRequest, sig: ParsedSignature, key: SigningKey, given: Buffer, payload?: string): boolean {
  const expected = hmacHex(key, stringToSign(sig, canonicalRequest(req, sig, payload)));
  return timingSafeEqual(given, Buffer.from(expected, 'latin1'));
}
