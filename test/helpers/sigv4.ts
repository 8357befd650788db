// Signing raw Query requests with the SDK's own SigV4 signer (@smithy/signature-v4), so tests can
// send exactly what an SDK would — and then tamper with it.
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Credentials } from './server.js';

const toBytes = (d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

export class Sha256 {
  private readonly h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.h.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset() {}
}

export const signer = (creds: Credentials, service = 'sts', region = 'us-east-1') =>
  new SignatureV4({ credentials: creds, region, service, sha256: Sha256, applyChecksum: false });

export interface SignOptions {
  creds: Credentials;
  service?: string;
  region?: string;
  signingDate?: Date;
}

/** A signed POST / of Query parameters: the URL, headers and body to send with fetch. */
export async function signQuery(baseUrl: string, params: Record<string, string>, o: SignOptions) {
  const url = new URL(baseUrl);
  const body = new URLSearchParams(params).toString();
  const signed = await signer(o.creds, o.service, o.region).sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    },
    { signingDate: o.signingDate },
  );
  return { url: baseUrl + '/', headers: signed.headers as Record<string, string>, body };
}

/** A GET of Query parameters signed in the Authorization header (the query string is signed). */
export async function signGet(baseUrl: string, params: Record<string, string>, o: SignOptions) {
  const url = new URL(baseUrl);
  const signed = await signer(o.creds, o.service, o.region).sign(
    { method: 'GET', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/', query: params, headers: { host: url.host } },
    { signingDate: o.signingDate },
  );
  const qs = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return { url: `${baseUrl}/?${qs}`, headers: signed.headers as Record<string, string> };
}

/** A presigned GET URL for an STS/IAM Query action, built by the SDK's presigner. */
export async function presignQuery(
  baseUrl: string,
  params: Record<string, string>,
  o: SignOptions & { expiresIn?: number },
): Promise<string> {
  const url = new URL(baseUrl);
  const req = await signer(o.creds, o.service, o.region).presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: params,
      headers: { host: url.host },
    },
    { expiresIn: o.expiresIn ?? 900, signingDate: o.signingDate },
  );
  const qs = Object.entries(req.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${baseUrl}/?${qs}`;
}

const unescape = (s: string) =>
  s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Sends a request and reads AWS's XML answer: status, error code and message if any. */
export async function send(url: string, init: RequestInit = {}) {
  const { host: _host, ...headers } = (init.headers ?? {}) as Record<string, string>;
  const res = await fetch(url, { ...init, headers });
  const body = await res.text();
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  return { status: res.status, body, code, message: message === undefined ? undefined : unescape(message) };
}
