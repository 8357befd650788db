// Linux network namespaces standing in for docker-compose's containers and networks: one
// namespace per container, one bridge per compose network (kept in a "switch" namespace of its own,
// as Docker's bridge lives on the host), a veth pair from each container to each network it is on,
// the container's fixed address, and a default route via the network's gateway, as a container
// has. Only namespaces this module creates are touched; nothing is configured in the host's own
// namespace. Every name carries this run's id (the process id, so a crashed run's leftovers are
// recognised and removed by the next run), and everything is removed by cleanup(), on process
// exit, or by the next run.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const PREFIX = 'iamlocal-';

/** Why namespaces cannot be used here, or undefined when they can (root, `ip`, and a namespace made and removed). */
export function netnsUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not root (network namespaces need CAP_SYS_ADMIN; CI runs as root)';
  if (spawnSync('ip', ['-V'], { stdio: 'ignore' }).status !== 0) return 'no `ip` command (apt-get install iproute2; .ci/run does this)';
  const probe = `${PREFIX}probe-${process.pid}`;
  const made = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (made.status !== 0) return `\`ip netns add\` failed: ${(made.stderr || '').trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

function ip(...args: string[]) {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Removes namespaces left by earlier runs whose process is gone. */
export function removeStaleNamespaces() {
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const m = /^iamlocal-([0-9a-z]+)[0-9a-f]{2}-/.exec(name);
    const probe = /^iamlocal-probe-(\d+)$/.exec(name);
    const pid = m ? parseInt(m[1]!, 36) : probe ? Number(probe[1]) : NaN;
    if (!Number.isFinite(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') spawnSync('ip', ['netns', 'del', name]);
    }
  }
}

export interface NetworkSpec {
  name: string;
  /** e.g. 169.254.169.0/24 */
  subnet: string;
  gateway: string;
}

export interface Attachment {
  network: string;
  address: string;
}

export class Topology {
  readonly id = process.pid.toString(36) + randomBytes(1).toString('hex');
  private readonly namespaces: string[] = [];
  private readonly children = new Set<ChildProcess>();
  private readonly networks = new Map<string, NetworkSpec & { bridge: string; prefix: string }>();
  private readonly switchNs = this.nsName('switch');
  private vethCount = 0;
  private readonly onExit = () => this.cleanupSync();

  constructor() {
    process.once('exit', this.onExit);
    this.addNamespace(this.switchNs);
  }

  nsName(container: string) {
    return `${PREFIX}${this.id}-${container}`;
  }

  private addNamespace(name: string) {
    ip('netns', 'add', name);
    this.namespaces.push(name);
    ip('-n', name, 'link', 'set', 'lo', 'up');
  }

  addNetwork(spec: NetworkSpec) {
    const bridge = `br${this.networks.size}`;
    const prefix = spec.subnet.split('/')[1]!;
    ip('-n', this.switchNs, 'link', 'add', bridge, 'type', 'bridge');
    ip('-n', this.switchNs, 'addr', 'add', `${spec.gateway}/${prefix}`, 'dev', bridge);
    ip('-n', this.switchNs, 'link', 'set', bridge, 'up');
    this.networks.set(spec.name, { ...spec, bridge, prefix });
  }

  /** A container: its namespace, one interface per network, the default route via the first network's gateway. */
  addContainer(container: string, attachments: Attachment[], sysctls: Record<string, string> = {}): string {
    const ns = this.nsName(container);
    this.addNamespace(ns);
    attachments.forEach((a, i) => {
      const net = this.networks.get(a.network);
      if (!net) throw new Error(`${container}: unknown network ${a.network}`);
      const outer = `v${this.id}${this.vethCount++}`;
      ip('-n', this.switchNs, 'link', 'add', outer, 'type', 'veth', 'peer', 'name', `eth${i}`, 'netns', ns);
      ip('-n', this.switchNs, 'link', 'set', outer, 'master', net.bridge, 'up');
      ip('-n', ns, 'addr', 'add', `${a.address}/${net.prefix}`, 'dev', `eth${i}`);
      ip('-n', ns, 'link', 'set', `eth${i}`, 'up');
    });
    const first = attachments[0] && this.networks.get(attachments[0].network);
    if (first) ip('-n', ns, 'route', 'add', 'default', 'via', first.gateway);
    // Namespaced sysctls (net.*), as Docker sets a container's `sysctls:` (no procps needed).
    for (const [k, v] of Object.entries(sysctls))
      execFileSync('ip', ['netns', 'exec', ns, 'sh', '-c', 'echo "$1" > "$2"', 'sh', v, `/proc/sys/${k.replace(/\./g, '/')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    return ns;
  }

  /** Runs argv in the container's namespace with exactly `env` (nothing inherited), to its end. */
  run(
    container: string,
    argv: string[],
    env: Record<string, string>,
    opts: { input?: string; timeoutMs?: number; cwd?: string } = {},
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = this.spawn(container, argv, env, { cwd: opts.cwd });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d) => (stdout += d));
      child.stderr!.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin!.end(opts.input ?? '');
    });
  }

  /** A long-running process in the container's namespace (killed by cleanup()). */
  spawn(container: string, argv: string[], env: Record<string, string>, opts: { cwd?: string } = {}): ChildProcess {
    // `ip netns exec` passes its environment on unchanged and execs the command (same pid).
    const child = spawn('ip', ['netns', 'exec', this.nsName(container), ...argv], { env, cwd: opts.cwd ?? '/', stdio: 'pipe' });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  async cleanup() {
    const waits = [...this.children].map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r()))));
    for (const c of this.children) c.kill('SIGKILL');
    await Promise.all(waits);
    this.cleanupSync();
  }

  private cleanupSync() {
    for (const c of this.children) c.kill('SIGKILL');
    for (const ns of this.namespaces.splice(0).reverse()) spawnSync('ip', ['netns', 'del', ns]);
    process.removeListener('exit', this.onExit);
  }
}
