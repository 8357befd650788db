// SigV4 for the gateway, both ways: checking the caller's signature over a body it has not read
// (the payload hash is the one the request declares, as S3 does, or the hash of a small buffered
// body for the other services), and signing the request again for the upstream with the
// upstream's credentials. Signing keys come from the shared per-(secret, date, region, service)
// cache of src/auth/sigv4.ts.
import * as crypto from 'node:crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey, toBasicDate, uriEncode } from '../auth/sigv4.js';

const decode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
};

/** The canonical query string of raw (still-encoded) pairs; `skip` drops the presigned signature. */
export function canonicalQuery(pairs: [string, string][], skip?: string): string {
  if (!pairs.length) return '';
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

/** S3's canonical URI is the path as sent; every other service's is the path's segments
 *  normalized and encoded once more (what the SDKs sign: uriEscapePath). */
export function canonicalUri(rawPath: string, s3: boolean): string {
  if (s3) return rawPath || '/';
  if (rawPath === '/' || rawPath === '') return '/';
  const segments: string[] = [];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const normalized = `/${segments.join('/')}${segments.length && rawPath.endsWith('/') ? '/' : ''}`;
  return uriEncode(normalized).replace(/%2F/g, '/');
}

export function canonicalHeaders(headers: Record<string, string | string[] | undefined>, names: string[]): string {
  let out = '';
  for (const name of names) {
    const raw = Object.hasOwn(headers, name) ? headers[name] : undefined;
    let v = (raw === undefined ? '' : Array.isArray(raw) ? raw.join(',') : raw).trim();
    if (/\s\s|[\t\r\n]/.test(v)) v = v.replace(/\s+/g, ' ');
    out += `${name}:${v}\n`;
  }
  return out;
}

export interface SigningInput {
  method: string;
  uri: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  /** Lower-case, sorted. */
  signedHeaders: string[];
  payloadHash: string;
  amzDate: string;
  scope: string;
}

export function stringToSign(i: SigningInput): string {
  const canonical = `${i.method}\n${i.uri}\n${i.query}\n${canonicalHeaders(i.headers, i.signedHeaders)}\n${i.signedHeaders.join(';')}\n${i.payloadHash}`;
  return `AWS4-HMAC-SHA256\n${i.amzDate}\n${i.scope}\n${sha256(canonical)}`;
}

// crypto.hash (Node ≥ 20.12) is a one-shot digest, cheaper than a Hash object for small inputs.
const oneShot = (crypto as { hash?: (alg: string, data: string | Buffer, enc: 'hex') => string }).hash;
export const sha256Hex: (data: string | Buffer) => string = oneShot
  ? (data) => oneShot('sha256', data, 'hex')
  : (data) => createHash('sha256').update(data).digest('hex');
const sha256 = sha256Hex;

export function signatureOf(key: Buffer, i: SigningInput): Buffer {
  return createHmac('sha256', key).update(stringToSign(i)).digest();
}

export function signatureEquals(given: string, expected: Buffer): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}

// One X-Amz-Date text per second: requests signed in the same second share it.
let lastSecond = NaN;
let lastText = '';
function basicDate(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = toBasicDate(new Date(second * 1000));
  }
  return lastText;
}

export interface UpstreamSigning {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

/** Signs a request for the upstream (header auth): sets x-amz-date, x-amz-content-sha256 and
 *  Authorization on `headers`, signing host, those two, and every other x-amz-* header sent. */
export function signForUpstream(
  method: string,
  uri: string,
  query: string,
  headers: Record<string, string | string[] | undefined>,
  payloadHash: string,
  creds: UpstreamSigning,
  now: Date,
): void {
  const amzDate = basicDate(now);
  headers['x-amz-date'] = amzDate;
  headers['x-amz-content-sha256'] = payloadHash;
  const names: string[] = ['host'];
  for (const name of Object.keys(headers)) if (name.startsWith('x-amz-') || name === 'content-type') names.push(name);
  names.sort();
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${creds.region}/${creds.service}/aws4_request`;
  const key = signingKey(creds.secretAccessKey, day, creds.region, creds.service);
  const sig = signatureOf(key, { method, uri, query, headers, signedHeaders: names, payloadHash, amzDate, scope }).toString('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${sig}`;
}
