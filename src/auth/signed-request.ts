// The parts of an HTTP request that authentication reads, free of any web framework.
export interface SignedRequest {
  method: string;
  /** Path without the query string, as sent. */
  path: string;
  /** The raw query string (without '?'), as sent. */
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body, as sent. */
  body: string;
  sourceIp: string;
}

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const CREDENTIAL_RE = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

export function parseCredential(credential: string): CredentialScope | undefined {
  const m = CREDENTIAL_RE.exec(credential);
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! };
}

export function header(req: SignedRequest, name: string): string | undefined {
  const key = name.toLowerCase();
  const v = Object.hasOwn(req.headers, key) ? req.headers[key] : undefined;
  return Array.isArray(v) ? v.join(',') : v;
}

/** The credential scope a request claims, from its Authorization header or presigned query. */
export function claimedScope(req: SignedRequest, query: URLSearchParams): CredentialScope | undefined {
  const auth = header(req, 'authorization');
  if (auth) {
    const m = /Credential=([^,\s]+)/.exec(auth);
    return m ? parseCredential(m[1]!) : undefined;
  }
  const cred = query.get('X-Amz-Credential');
  return cred ? parseCredential(cred) : undefined;
}
