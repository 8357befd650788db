// docker/docker-compose.yml and the seed it starts iam-local with, read into the facts the tests
// need: networks (subnet, gateway), each service's fixed addresses, environment, command, sysctls,
// and which role each app container should end up with according to the seed's bindings.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const COMPOSE_FILE = resolve(ROOT, 'docker/docker-compose.yml');

type Dict = Record<string, any>;

/** The compose file as an engine reads it (YAML merge keys `<<:` applied). */
export function loadComposeDocument(): Dict {
  return parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as Dict;
}

export interface ComposeService {
  name: string;
  /** network name → fixed address */
  addresses: Record<string, string>;
  environment: Record<string, string>;
  command?: string[];
  sysctls: Record<string, string>;
  healthcheck?: string[];
  /** bind mounts: target in the container → source on the host (absolute) */
  binds: Record<string, string>;
}

export interface ComposeTopology {
  networks: { name: string; subnet: string; gateway: string }[];
  services: Record<string, ComposeService>;
  /** The service that runs iam-local (built from the repository's Dockerfile). */
  server: ComposeService;
  seedFile: string;
  seed: Dict;
}

const asDict = (v: unknown): Record<string, string> => {
  if (Array.isArray(v)) return Object.fromEntries(v.map((s: string) => [s.split('=')[0]!, s.slice(s.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries((v ?? {}) as Dict).map(([k, x]) => [k, String(x)]));
};

export function loadComposeTopology(doc: Dict = loadComposeDocument()): ComposeTopology {
  const networks = Object.entries(doc.networks ?? {})
    .filter(([, n]) => (n as Dict)?.ipam?.config?.[0]?.subnet)
    .map(([name, n]) => {
      const c = (n as Dict).ipam.config[0];
      return { name, subnet: String(c.subnet), gateway: String(c.gateway) };
    });
  const services: Record<string, ComposeService> = {};
  for (const [name, s] of Object.entries(doc.services as Dict)) {
    const addresses: Record<string, string> = {};
    for (const [net, cfg] of Object.entries(Array.isArray(s.networks) ? {} : (s.networks ?? {})))
      if ((cfg as Dict)?.ipv4_address) addresses[net] = String((cfg as Dict).ipv4_address);
    const binds: Record<string, string> = {};
    for (const v of s.volumes ?? []) {
      const [source, target] = typeof v === 'string' ? v.split(':') : [v.source, v.target];
      if (source?.startsWith('.') || source?.startsWith('/')) binds[target] = resolve(dirname(COMPOSE_FILE), source);
    }
    const hc = s.healthcheck?.test;
    services[name] = {
      name,
      addresses,
      environment: asDict(s.environment),
      command: s.command,
      sysctls: asDict(s.sysctls),
      healthcheck: Array.isArray(hc) && hc[0] === 'CMD' ? hc.slice(1) : undefined,
      binds,
    };
  }
  const serverEntry = Object.entries(doc.services as Dict).find(([, s]) => s.build && /Dockerfile$/.test(s.build.dockerfile ?? 'Dockerfile'));
  if (!serverEntry) throw new Error('compose: no service is built from the Dockerfile');
  const server = services[serverEntry[0]]!;
  const seedTarget = server.environment.IAM_LOCAL_SEED;
  const seedFile = seedTarget && server.binds[seedTarget];
  if (!seedFile) throw new Error(`compose: IAM_LOCAL_SEED (${seedTarget}) is not a bind-mounted file`);
  return { networks, services, server, seedFile, seed: parse(readFileSync(seedFile, 'utf8')) as Dict };
}

export interface ExpectedIdentity {
  role: string;
  /** The role session name: the instance id or the task id. */
  session: string;
  via: 'imds' | 'ecs';
}

/** What the seed binds to a client address: the instance or task whose clientAddresses hold it. */
export function expectedIdentity(t: ComposeTopology, address: string): ExpectedIdentity | undefined {
  const seed = t.seed;
  for (const i of seed.instances ?? []) {
    if (!(i.clientAddresses ?? []).includes(address)) continue;
    const profile = (seed.instanceProfiles ?? []).find((p: Dict) => p.name === i.instanceProfile);
    return { role: profile?.role, session: i.instanceId, via: 'imds' };
  }
  for (const task of seed.tasks ?? []) if ((task.clientAddresses ?? []).includes(address)) return { role: task.role, session: task.taskId, via: 'ecs' };
  return undefined;
}
