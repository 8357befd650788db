// The names the server answers to, against DNS rebinding: a web page at attacker.example whose
// name the attacker re-points at 127.0.0.1 reaches this server with `Host: attacker.example`, so
// every route but the signed AWS API (src/admin/guard.ts) and every instance's own IMDS listener
// (src/metadata/registry.ts) refuses a Host that is not one of these names.
//   - localhost (and *.localhost), the configured HOST, IAM_LOCAL_ALLOWED_HOSTS (`*` = any);
//   - when listening on every interface (0.0.0.0 / ::): the machine's host name (a container's,
//     which docker-compose also answers to under the service name only if it is listed);
//   - any IP address literal: rebinding needs a name the attacker controls, and a browser that
//     sends `Host: 10.0.0.5` believes it is talking to 10.0.0.5 — which is this server.
import { hostname } from 'node:os';
import ipaddr from 'ipaddr.js';
import { isLoopbackHost, type Config } from './config.js';

/** The host part of a Host header or an Origin's authority (no port, no brackets), lower case. */
export function hostPart(authority: string): string {
  const a = authority.trim().toLowerCase();
  if (a.startsWith('[')) return a.slice(1, a.indexOf(']') === -1 ? undefined : a.indexOf(']'));
  const colon = a.indexOf(':');
  // One colon: name:port; more: a bare IPv6 address.
  return colon !== -1 && a.indexOf(':', colon + 1) === -1 ? a.slice(0, colon) : a;
}

export const isWildcardBind = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]';

export class AllowedHosts {
  private readonly names = new Set<string>(['localhost']);
  private readonly suffixes: string[] = ['.localhost'];
  private readonly any: boolean;

  constructor(config: Config) {
    const add = (n: string) => (n.startsWith('.') ? this.suffixes.push(n) : this.names.add(n));
    add(hostPart(config.host));
    if (isWildcardBind(config.host)) {
      const own = hostname().toLowerCase();
      add(own);
      add(own.split('.')[0]!);
    }
    for (const h of config.allowedHosts) add(h === '*' ? h : hostPart(h));
    this.any = this.names.has('*');
  }

  /** Whether a Host header names this server. An absent Host (HTTP/1.0) is no browser's. */
  allows(hostHeader: string | undefined): boolean {
    if (hostHeader === undefined || this.any) return true;
    const h = hostPart(hostHeader);
    if (ipaddr.isValid(h)) return true;
    return this.names.has(h) || this.suffixes.some((s) => h.endsWith(s));
  }
}

/** Whether a Host header names this machine's loopback (localhost, 127.x, ::1). */
export const isLoopbackName = (hostHeader: string | undefined) => hostHeader !== undefined && isLoopbackHost(hostPart(hostHeader));

/** Whether a peer address is loopback (IPv4, IPv6, IPv4-mapped). */
export function isLoopbackPeer(ip: string | undefined): boolean {
  if (!ip || !ipaddr.isValid(ip)) return false;
  let a = ipaddr.parse(ip);
  if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) a = (a as ipaddr.IPv6).toIPv4Address();
  return a.range() === 'loopback';
}
