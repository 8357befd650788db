// Client-address binding: which simulated instance or task a request belongs to, told by the
// address it comes from. An entry is an IP address, a CIDR block, or a host name (a docker-compose
// service name), which is resolved when a request comes from an address no IP entry matches.
import ipaddr from 'ipaddr.js';

const RESOLVE_CACHE_MS = 5_000;

type Matcher = { kind: 'ip' | 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] } | { kind: 'host'; name: string };

function parseIp(s: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!ipaddr.isValid(s)) return undefined;
  const a = ipaddr.parse(s);
  return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
}

export function isValidBinding(entry: string): boolean {
  if (ipaddr.isValid(entry)) return true;
  if (entry.includes('/')) {
    try {
      ipaddr.parseCIDR(entry);
      return true;
    } catch {
      return false;
    }
  }
  return /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(entry);
}

export class AddressSet {
  private readonly matchers: Matcher[];
  private resolved: { at: number; ips: Set<string> } | undefined;

  constructor(readonly entries: string[]) {
    this.matchers = entries.map((e): Matcher => {
      const ip = parseIp(e);
      if (ip) return { kind: 'ip', range: [ip, ip.kind() === 'ipv4' ? 32 : 128] };
      if (e.includes('/')) {
        const [a, bits] = ipaddr.parseCIDR(e);
        return { kind: 'cidr', range: [a, bits] };
      }
      return { kind: 'host', name: e };
    });
  }

  get isEmpty() {
    return this.matchers.length === 0;
  }

  /** Whether some entry is a host name (matching it may resolve names). */
  get hasNames() {
    return this.matchers.some((m) => m.kind === 'host');
  }

  /** Matches IP and CIDR entries only (no I/O). */
  matchesDirect(clientIp: string): boolean {
    const ip = parseIp(clientIp);
    if (!ip) return false;
    return this.matchers.some(
      (m) => m.kind !== 'host' && ip.kind() === m.range[0].kind() && ip.match(m.range as [ipaddr.IPv4, number]),
    );
  }

  /** Matches host-name entries, resolving them (cached for a few seconds). */
  async matchesByName(clientIp: string): Promise<boolean> {
    const names = this.matchers.filter((m): m is { kind: 'host'; name: string } => m.kind === 'host');
    if (!names.length) return false;
    if (!this.resolved || Date.now() - this.resolved.at > RESOLVE_CACHE_MS) {
      const ips = new Set<string>();
      await Promise.all(
        names.map(async (n) => {
          try {
            for (const r of await (await import('node:dns/promises')).lookup(n.name, { all: true })) ips.add(parseIp(r.address)?.toString() ?? r.address);
          } catch {
            // Not resolvable (yet): the container may not have started.
          }
        }),
      );
      this.resolved = { at: Date.now(), ips };
    }
    return this.resolved.ips.has(parseIp(clientIp)?.toString() ?? clientIp);
  }
}

