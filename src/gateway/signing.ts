// SigV4 for the gateway, both ways: checking the caller's signature over a body it has not read
// (the payload hash is the one the request declares, as S3 does, or the hash of a small buffered
// body for the other services), and signing the request again for the upstream with the
// upstream's credentials. Signing keys come from the shared per-(secret, date, region, service)
// cache of src/auth/sigv4.ts.
import { timingSafeEqual } from 'node:crypto';
import { canonicalHeaders, canonicalPath, sha256Hex, signatureHex, toBasicDate } from '../auth/sigv4.js';

export { canonicalQuery, sha256Hex } from '../auth/sigv4.js';

/** S3's canonical URI is the path as sent; every other service's is auth's canonical path. */
export function canonicalUri(rawPath: string, s3: boolean): string {
  if (s3) return rawPath || '/';
  return canonicalPath(rawPath.startsWith('/') ? rawPath : '/' + rawPath);
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
  return `AWS4-HMAC-SHA256\n${i.amzDate}\n${i.scope}\n${sha256Hex(canonical)}`;
}

/** Whose signing key signs: a secret and the scope's date, region and service. */
export interface Signer {
  secret: string;
  date: string;
  region: string;
  service: string;
}

/** The request's signature (lower-case hex) under the signer's key. */
export function signatureOf(k: Signer, i: SigningInput): string {
  return signatureHex(k.secret, k.date, k.region, k.service, stringToSign(i));
}

/** Constant-time: whether `given` is the expected signature (lower-case hex, as SDKs send it). */
export function signatureEquals(given: string, expected: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'latin1'), Buffer.from(expected, 'latin1'));
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
  const signer = { secret: creds.secretAccessKey, date: day, region: creds.region, service: creds.service };
  const sig = signatureOf(signer, { method, uri, query, headers, signedHeaders: names, payloadHash, amzDate, scope });
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${sig}`;
}
