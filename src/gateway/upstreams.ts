// The gateway's upstreams, from one setting (--upstream / IAM_LOCAL_UPSTREAM):
//   s3=http://127.0.0.1:4569,dynamodb=http://127.0.0.1:8000   one endpoint per service
//   http://127.0.0.1:4566                                      one endpoint serving every service
//   s3=http://KEY:SECRET@127.0.0.1:4569,*=http://…            credentials the gateway re-signs with
// An endpoint without credentials is signed with `test` / `test`, what local emulators accept.
export interface Upstream {
  /** The service this endpoint serves (its SigV4 signing name), or '*' for every other one. */
  service: string;
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** host[:port], as the Host header (and the signature) names it. */
  host: string;
  /** Path prefix the upstream serves under ('' for the root). */
  basePath: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export class UpstreamError extends Error {}

const SERVICE_RE = /^(?:\*|[a-z0-9][a-z0-9-]*)$/;

export function parseUpstreams(setting: string): Map<string, Upstream> {
  const out = new Map<string, Upstream>();
  for (const raw of setting.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    const named = eq > 0 && !item.slice(0, eq).includes(':');
    const service = named ? item.slice(0, eq).trim().toLowerCase() : '*';
    const url = named ? item.slice(eq + 1).trim() : item;
    if (!SERVICE_RE.test(service)) throw new UpstreamError(`upstream service name ${JSON.stringify(service)} is not a SigV4 service name such as s3 or dynamodb`);
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new UpstreamError(`upstream ${JSON.stringify(item)} is not service=http://host:port (or one http://host:port for every service)`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UpstreamError(`upstream ${JSON.stringify(url)} must be an http:// or https:// URL`);
    if (out.has(service)) throw new UpstreamError(`upstream for ${service} given twice`);
    const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
    out.set(service, {
      service,
      protocol: u.protocol,
      hostname: u.hostname.replace(/^\[(.*)\]$/, '$1'),
      port,
      host: u.host,
      basePath: u.pathname.replace(/\/+$/, ''),
      accessKeyId: u.username ? decodeURIComponent(u.username) : 'test',
      secretAccessKey: u.password ? decodeURIComponent(u.password) : 'test',
    });
  }
  if (!out.size) throw new UpstreamError('no upstream given: --upstream s3=http://127.0.0.1:4569,dynamodb=http://127.0.0.1:8000 (or one URL for every service)');
  return out;
}

/** The upstream that serves `service`: its own, else the catch-all. */
export function upstreamFor(upstreams: Map<string, Upstream>, service: string): Upstream | undefined {
  return upstreams.get(service) ?? upstreams.get('*');
}
