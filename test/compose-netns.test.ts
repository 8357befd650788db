// docker/docker-compose.yml run for real, without a Docker engine: its networks, containers and
// fixed addresses built with Linux network namespaces (test/e2e/netns.ts), iam-local started the way
// the compose file and the Dockerfile start it (non-root, port 80 through the compose file's sysctl,
// the compose file's environment and bind-mounted seed), and the apps run with NO AWS variables at
// all (an empty HOME, no config files; the ECS app has only the variable the ECS agent injects).
// Each client finds the credential endpoint the way it would on EC2 or ECS: the AWS CLI and boto3
// (Debian's), the SDK for JavaScript v3 and the SDK for Go v2, through IMDSv2 at 169.254.169.254 and
// the ECS endpoint at 169.254.170.2. STS is named as the compose file names it, on the command line
// (`--endpoint-url`) or in code — a flag, not an AWS variable.
//
// Runs when the process is root and `ip` works (CI: .ci/run installs iproute2); otherwise skipped
// with the reason printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { netnsUnavailableReason, removeStaleNamespaces, Topology } from './e2e/netns.js';
import { expectedIdentity, loadComposeTopology, ROOT } from './e2e/compose.js';
import { buildGoE2e, goUnavailableReason } from './e2e/go-build.js';

const reason = netnsUnavailableReason();
if (reason) console.warn(`compose-netns.test: SKIPPED: ${reason}`);

const AWS_CLI = '/usr/bin/aws';
const PYTHON = '/usr/bin/python3';
const hasCli = existsSync(AWS_CLI);
const hasBoto3 = existsSync(PYTHON) && execFileSyncOk(PYTHON, ['-c', 'import boto3']);
const goReason = goUnavailableReason();
const FAKETIME = readdirSync('/usr/lib')
  .map((d) => `/usr/lib/${d}/faketime/libfaketime.so.1`)
  .find((f) => existsSync(f));
if (!reason) {
  if (!hasCli) console.warn('compose-netns.test: AWS CLI cases SKIPPED: no /usr/bin/aws (apt-get install awscli; .ci/run does this)');
  if (!hasBoto3) console.warn('compose-netns.test: boto3 cases SKIPPED: /usr/bin/python3 cannot import boto3 (apt-get install python3-boto3)');
  if (goReason) console.warn(`compose-netns.test: Go cases SKIPPED: ${goReason}`);
  if (!FAKETIME) console.warn('compose-netns.test: credential refresh SKIPPED: no libfaketime (apt-get install libfaketime; .ci/run does this)');
}

function execFileSyncOk(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', cwd: '/' });
    return true;
  } catch {
    return false;
  }
}

// The roles the compose file's header promises each app (and the seed's bindings must agree).
const PROMISED: Record<string, string> = { 'app-ec2': 'app-role', 'app-ec2-b': 'reports-role', 'app-ecs': 'task-role' };
// An app on the imds network that no instance is bound to (not in the compose file).
const UNBOUND = { name: 'app-unbound', network: 'imds', address: '169.254.169.99' };
const PATH = '/usr/local/bin:/usr/bin:/bin';

describe.skipIf(reason !== undefined)('docker/docker-compose.yml in network namespaces, apps with no AWS variables', { timeout: 120_000 }, () => {
  const compose = loadComposeTopology();
  const account = compose.server.environment.IAM_LOCAL_ACCOUNT_ID ?? '000000000000';
  const port = compose.server.environment.PORT ?? '4577';
  const adminToken = randomBytes(16).toString('hex');
  let topo: Topology;
  let server: ChildProcess;
  let serverLog = '';
  let home: string;
  let goBin: string | undefined;
  let nonRoot = false;

  /** An app's whole environment: PATH, an empty HOME, and what the compose file gives the service. */
  const appEnv = (service: string, extra: Record<string, string> = {}) => ({
    PATH,
    HOME: home,
    ...(compose.services[service]?.environment ?? {}),
    ...extra,
  });
  const arnOf = (role: string, session: string) => `arn:aws:sts::${account}:assumed-role/${role}/${session}`;
  /** The service's STS endpoint and region, as its compose command names them. */
  const stsOf = (service: string) => {
    const cmd = compose.services[service]!.command!;
    return { endpoint: cmd[cmd.indexOf('--endpoint-url') + 1]!, region: cmd[cmd.indexOf('--region') + 1]! };
  };
  const expectedArn = (service: string) => {
    const addr = Object.values(compose.services[service]!.addresses)[0]!;
    const id = expectedIdentity(compose, addr)!;
    return arnOf(id.role, id.session);
  };

  /** /_iam/* from inside iam-local's own namespace (loopback), with the admin token as well. */
  async function admin(method: string, path: string, body?: unknown) {
    const script = `fetch(process.argv[1],{method:process.argv[2],headers:{authorization:'Bearer '+process.argv[3],'content-type':'application/json'},body:process.argv[4]||undefined}).then(async r=>{process.stdout.write(JSON.stringify({status:r.status,body:await r.text()}))})`;
    const r = await topo.run('iam-local', [process.execPath, '-e', script, `http://127.0.0.1:${port}${path}`, method, adminToken, body === undefined ? '' : JSON.stringify(body)], { PATH });
    const out = JSON.parse(r.stdout) as { status: number; body: string };
    return { status: out.status, json: out.body ? JSON.parse(out.body) : undefined };
  }

  /** A raw HTTP request from an app's namespace: {status, body}. */
  async function rawFrom(service: string, url: string, init: { method?: string; headers?: Record<string, string> } = {}) {
    const script = `fetch(process.argv[1],JSON.parse(process.argv[2])).then(async r=>process.stdout.write(JSON.stringify({status:r.status,body:await r.text()})),e=>process.stdout.write(JSON.stringify({error:String(e.cause?.code??e)})))`;
    const r = await topo.run(service, [process.execPath, '-e', script, url, JSON.stringify(init)], { PATH });
    return JSON.parse(r.stdout) as { status?: number; body?: string; error?: string };
  }

  const cli = (service: string, extra: Record<string, string> = {}) =>
    topo.run(service, [AWS_CLI, ...compose.services[service]!.command!, '--output', 'json'], appEnv(service, extra));
  const js = (service: string) => {
    const { endpoint, region } = stsOf(service);
    return topo.run(service, [process.execPath, join(ROOT, 'test/e2e/chain-js.mjs'), endpoint, region], appEnv(service));
  };
  const boto3 = (service: string) => {
    const { endpoint, region } = stsOf(service);
    return topo.run(service, [PYTHON, join(ROOT, 'test/e2e/chain_boto3.py'), endpoint, region], appEnv(service));
  };
  const go = (service: string) => {
    const { endpoint, region } = stsOf(service);
    return topo.run(service, [goBin!, 'chain', endpoint, region], appEnv(service));
  };

  beforeAll(async () => {
    removeStaleNamespaces();
    const goBuild = goReason ? Promise.resolve(undefined) : buildGoE2e();
    // dist/cli.js up to date now (as root): the server below may not be allowed to write it.
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
    home = mkdtempSync(join(tmpdir(), 'iam-local-empty-home-'));
    chmodSync(home, 0o755);

    topo = new Topology();
    for (const n of compose.networks) topo.addNetwork(n);
    for (const s of Object.values(compose.services)) {
      const attachments = Object.entries(s.addresses)
        .filter(([net]) => compose.networks.some((n) => n.name === net))
        .map(([network, address]) => ({ network, address }));
      if (attachments.length) topo.addContainer(s.name, attachments, s.sysctls);
    }
    topo.addContainer(UNBOUND.name, [{ network: UNBOUND.network, address: UNBOUND.address }]);

    // iam-local as the image runs it: `node bin/iam-local.js start`, the compose environment, the
    // seed at the path the compose file mounts it to (here: the file itself), as an unprivileged
    // user (the image's USER node) binding port 80 thanks to the compose file's sysctl.
    const env: Record<string, string> = {
      PATH,
      ...compose.server.environment,
      IAM_LOCAL_SEED: compose.seedFile,
      IAM_LOCAL_ADMIN_TOKEN: adminToken,
      IAM_LOCAL_CLOCK: 'movable',
    };
    const argv = [process.execPath, join(ROOT, 'bin/iam-local.js'), 'start'];
    nonRoot = execFileSyncOk('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(compose.seedFile)});require('fs').accessSync(${JSON.stringify(join(ROOT, 'dist/cli.js'))})`]);
    if (!nonRoot) console.warn('compose-netns.test: the repository is not readable by uid 65534; iam-local runs as root here');
    server = topo.spawn('iam-local', nonRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', ...argv] : argv, env, { cwd: ROOT });
    server.stderr!.on('data', (d) => (serverLog += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`iam-local did not start in its namespace:\n${serverLog}`)), 60_000);
      server.once('exit', (code) => reject(new Error(`iam-local exited (${code}) in its namespace:\n${serverLog}`)));
      createInterface({ input: server.stdout! }).on('line', (line) => {
        serverLog += line + '\n';
        // Logged once listening AND the seed (IAM_LOCAL_SEED) is applied.
        if (line.includes('iam-local listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    goBin = await goBuild;
  }, 300_000);

  afterAll(async () => {
    await topo?.cleanup();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('starts as the compose file starts it: healthy by its healthcheck, unprivileged on port 80, seeded with the instances and the task', async () => {
    const hc = compose.server.healthcheck!;
    expect((await topo.run('iam-local', hc.map((a) => (a === 'node' ? process.execPath : a)), { PATH })).code).toBe(0);
    if (nonRoot) {
      // `ip netns exec` and setpriv exec in place: this pid is node's own, listening on port 80.
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];
      expect(uid).toBe('65534');
      expect(port).toBe('80');
    }
    const instances = await admin('GET', '/_iam/instances');
    expect(instances.status).toBe(200);
    expect(instances.json.instances.map((i: any) => [i.instanceProfileName, i.clientAddresses]).sort()).toEqual([
      ['app-profile', [compose.services['app-ec2']!.addresses.imds]],
      ['reports-profile', [compose.services['app-ec2-b']!.addresses.imds]],
    ]);
    const tasks = await admin('GET', '/_iam/tasks');
    expect(tasks.json.tasks.map((t: any) => [t.taskId, t.roleName])).toEqual([['app-task', 'task-role']]);
  });

  it('the seed binds each app to the role the compose file promises it, and apps carry no AWS variable but the ECS agent\'s', () => {
    for (const [service, role] of Object.entries(PROMISED)) {
      expect(expectedIdentity(compose, Object.values(compose.services[service]!.addresses)[0]!)?.role).toBe(role);
      const awsVars = Object.keys(appEnv(service)).filter((k) => k.startsWith('AWS_'));
      expect(awsVars).toEqual(service === 'app-ecs' ? ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] : []);
    }
  });

  it.skipIf(!hasCli)("each app's own compose command (the AWS CLI) gets its role: app-ec2 and app-ec2-b by IMDSv2, app-ecs by the ECS endpoint", async () => {
    const services = Object.keys(PROMISED);
    const results = await Promise.all(services.map((s) => cli(s)));
    results.forEach((r, i) => {
      const service = services[i]!;
      expect(r.stderr, service).toBe('');
      expect(JSON.parse(r.stdout).Arn, service).toBe(expectedArn(service));
      expect(JSON.parse(r.stdout).Arn, service).toContain(`:assumed-role/${PROMISED[service]}/`);
    });
  });

  it('the instances require IMDSv2: without a token IMDS answers 401; with one, each app sees only its own role', async () => {
    const base = 'http://169.254.169.254/latest';
    expect((await rawFrom('app-ec2', `${base}/meta-data/iam/security-credentials/`)).status).toBe(401);
    for (const service of ['app-ec2', 'app-ec2-b']) {
      const token = await rawFrom(service, `${base}/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
      expect(token.status).toBe(200);
      const roles = await rawFrom(service, `${base}/meta-data/iam/security-credentials/`, { headers: { 'x-aws-ec2-metadata-token': token.body! } });
      expect({ service, ...roles }).toEqual({ service, status: 200, body: PROMISED[service] });
    }
  });

  it.skipIf(!hasBoto3)('boto3: the default chain on app-ec2 (IMDSv2), app-ec2-b (the other role) and app-ecs (the task role)', async () => {
    const services = Object.keys(PROMISED);
    const results = await Promise.all(services.map((s) => boto3(s)));
    results.forEach((r, i) => {
      expect(r.stderr, services[i]).toBe('');
      expect(JSON.parse(r.stdout).arn, services[i]).toBe(expectedArn(services[i]!));
    });
  });

  it('the SDK for JavaScript v3: the default chain on app-ec2 (IMDSv2), app-ec2-b (the other role) and app-ecs (the task role)', async () => {
    const services = Object.keys(PROMISED);
    const results = await Promise.all(services.map((s) => js(s)));
    results.forEach((r, i) => {
      expect(JSON.parse(r.stdout), services[i]).toMatchObject({ arn: expectedArn(services[i]!), accessKeyId: expect.stringMatching(/^ASIA/) });
    });
  });

  it.skipIf(goReason !== undefined)('the SDK for Go v2: the default chain on app-ec2 (IMDSv2), app-ec2-b and app-ecs (the ECS endpoint)', async () => {
    const services = Object.keys(PROMISED);
    const results = await Promise.all(services.map((s) => go(s)));
    results.forEach((r, i) => {
      const service = services[i]!;
      expect(r.stderr, service).toBe('');
      expect(JSON.parse(r.stdout), service).toMatchObject({
        arn: expectedArn(service),
        source: service === 'app-ecs' ? 'CredentialsEndpointProvider' : 'EC2RoleProvider',
      });
    });
  });

  it("an app bound to no instance gets IMDS's 404 and no credentials: the CLI and the SDKs find none", async () => {
    const base = 'http://169.254.169.254/latest';
    const creds = await rawFrom(UNBOUND.name, `${base}/meta-data/iam/security-credentials/`);
    expect(creds.status).toBe(404);
    expect(creds.body).not.toMatch(/role/);
    const { endpoint, region } = stsOf('app-ec2');
    const env = { PATH, HOME: home };
    const [cliOut, jsOut] = await Promise.all([
      hasCli ? topo.run(UNBOUND.name, [AWS_CLI, 'sts', 'get-caller-identity', '--endpoint-url', endpoint, '--region', region], env) : undefined,
      topo.run(UNBOUND.name, [process.execPath, join(ROOT, 'test/e2e/chain-js.mjs'), endpoint, region], env),
    ]);
    if (cliOut) {
      expect(cliOut.code).toBe(253);
      expect(cliOut.stderr).toContain('Unable to locate credentials');
    }
    expect(JSON.parse(jsOut.stdout)).toMatchObject({ error: 'CredentialsProviderError' });
  });

  it.skipIf(!FAKETIME)(
    'credentials expire and the SDKs refresh them while the app keeps running (server clock by /_iam/clock, the apps\' by libfaketime)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'iam-local-faketime-'));
      const spec = join(dir, 'offset');
      writeFileSync(spec, '+0\n');
      const timeEnv = { LD_PRELOAD: FAKETIME!, FAKETIME_TIMESTAMP_FILE: spec, FAKETIME_NO_CACHE: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1' };
      const { endpoint, region } = stsOf('app-ec2');
      const apps: [string, ChildProcess][] = [
        ['js', topo.spawn('app-ec2', [process.execPath, join(ROOT, 'test/e2e/chain-js.mjs'), endpoint, region, '--serve'], appEnv('app-ec2', timeEnv))],
      ];
      if (hasBoto3) apps.push(['boto3', topo.spawn('app-ec2', [PYTHON, join(ROOT, 'test/e2e/chain_boto3.py'), endpoint, region, '--serve'], appEnv('app-ec2', timeEnv))]);
      const lines = new Map(apps.map(([name, child]) => [name, createInterface({ input: child.stdout! })[Symbol.asyncIterator]()]));
      const ask = async (cmd: string): Promise<Record<string, any>> =>
        Object.fromEntries(
          await Promise.all(
            apps.map(async ([name, child]) => {
              child.stdin!.write(cmd + '\n');
              const next = await lines.get(name)!.next();
              return [name, next.done ? { error: 'exited' } : JSON.parse(next.value)];
            }),
          ),
        );
      try {
        const before = await ask('call');
        for (const [name, out] of Object.entries(before)) expect(out, name).toMatchObject({ arn: expectedArn('app-ec2'), accessKeyId: expect.stringMatching(/^ASIA/) });
        const expiry = Date.parse(before.js.expiration);
        // Time passes for everyone: the server's clock, then the apps' clocks, past the expiry.
        const jump = Math.ceil((expiry - Date.now()) / 1000) + 120;
        expect((await admin('POST', '/_iam/clock', { advanceSeconds: jump })).status).toBe(200);
        writeFileSync(spec, `+${jump}\n`);
        const after = await ask('call');
        for (const [name, out] of Object.entries(after)) {
          expect(out, name).toMatchObject({ arn: expectedArn('app-ec2'), accessKeyId: expect.stringMatching(/^ASIA/) });
          expect(out.accessKeyId, `${name} refreshed its credentials`).not.toBe(before[name].accessKeyId);
          expect(Date.parse(out.expiration), name).toBeGreaterThan(Date.now() + jump * 1000);
        }
        // The old credentials are refused now: they expired, the app did not notice a thing.
        const stale = await ask('first');
        for (const [name, out] of Object.entries(stale)) expect(out, name).toMatchObject({ error: 'ExpiredToken' });
      } finally {
        for (const [, child] of apps) child.kill('SIGKILL');
        await admin('POST', '/_iam/clock', { reset: true });
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
