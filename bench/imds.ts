// Benchmark (not a test): instance-metadata credential fetches per second — GET
// /latest/meta-data/iam/security-credentials/ROLE with an IMDSv2 token — on a simulated instance's
// own port and on the main port (default instance), against a bare node:http route answering the
// same JSON. Each server runs in its own child process, away from the load generator's event loop.
// Prints a table and writes bench/results/imds.json.
//   node --import tsx bench/imds.ts [--duration 10] [--connections 32]
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { printTable, writeResult, type Row } from './lib.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const ROLE = 'bench-role';
const CREDS_PATH = `/latest/meta-data/iam/security-credentials/${ROLE}`;

interface Target {
  /** Base URLs to load, by name. */
  urls: Record<string, string>;
}

// ---- child: serve one target ----
async function serve(kind: string) {
  if (kind === 'bare') {
    const body = JSON.stringify({
      Code: 'Success',
      LastUpdated: '2026-01-01T00:00:00Z',
      Type: 'AWS-HMAC',
      AccessKeyId: 'ASIAXXXXXXXXXXXXXXXX',
      SecretAccessKey: 'x'.repeat(40),
      Token: 'y'.repeat(500),
      Expiration: '2026-01-01T06:00:00Z',
    }, null, 2);
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => {
      process.send!({ urls: { bare: `http://127.0.0.1:${(server.address() as { port: number }).port}` } } satisfies Target);
    });
    return;
  }
  const { loadConfig } = await import('../src/config.js');
  const { buildServer } = await import('../src/server.js');
  const server = await buildServer(
    loadConfig({}, { port: 0, host: '127.0.0.1', dbPath: ':memory:', logLevel: 'silent', instanceProfile: 'bench-profile', instanceClients: ['127.0.0.1'] }),
  );
  const url = await server.listen();
  const { store, clock } = server.services;
  const now = clock.now().toISOString();
  const trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
  store.roles.insert({ id: 'AROABENCHBENCHBENCH12', account_id: '000000000000', name: ROLE, path: '/', created_at: now, trust_policy: trust, description: null, max_session_duration: 3600 });
  store.instanceProfiles.insert({ id: 'AIPABENCHBENCHBENCH12', account_id: '000000000000', name: 'bench-profile', path: '/', created_at: now });
  store.instanceProfiles.addRole('AIPABENCHBENCHBENCH12', 'AROABENCHBENCHBENCH12', now);
  const res = await fetch(`${url}/_iam/instances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ instanceProfileName: 'bench-profile' }),
  });
  const inst = (await res.json()) as { endpoint: string };
  process.send!({ urls: { instancePort: inst.endpoint, mainPort: url } } satisfies Target);
}

// ---- parent ----
function start(kind: string): Promise<{ target: Target; stop: () => void }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ target: m as Target, stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
}

async function token(base: string): Promise<string> {
  const r = await fetch(`${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' } });
  if (!r.ok) throw new Error(`token: ${r.status}`);
  return r.text();
}

interface Result {
  name: string;
  requestsPerSec: number;
  p50ms: number;
  p99ms: number;
  failures: number;
}

async function load(name: string, url: string, headers: Record<string, string>, duration: number, connections: number): Promise<Result> {
  await autocannon({ url, headers, duration: 2, connections }); // warm-up
  const r = await autocannon({ url, headers, duration, connections });
  return { name, requestsPerSec: Math.round(r.requests.average), p50ms: r.latency.p50, p99ms: r.latency.p99, failures: r.non2xx + r.errors };
}

async function main() {
  const duration = arg('duration', 10);
  const connections = arg('connections', 32);
  const bare = await start('bare');
  const local = await start('iam-local');
  try {
    const { bare: bareUrl } = bare.target.urls;
    const { instancePort, mainPort } = local.target.urls;
    const results: Result[] = [];
    results.push(await load('bare node:http route, fixed JSON', bareUrl + CREDS_PATH, {}, duration, connections));
    results.push(
      await load('IMDSv2 credentials, instance port', instancePort + CREDS_PATH, { 'x-aws-ec2-metadata-token': await token(instancePort!) }, duration, connections),
    );
    results.push(await load('IMDSv1 credentials, instance port', instancePort + CREDS_PATH, {}, duration, connections));
    results.push(
      await load('IMDSv2 credentials, main port (default instance)', mainPort + CREDS_PATH, { 'x-aws-ec2-metadata-token': await token(mainPort!) }, duration, connections),
    );
    const baseline = results[0]!.requestsPerSec;
    const rows: Row[] = results.map((r) => ({
      figure: r.name,
      value: `${r.requestsPerSec} req/s, p50 ${r.p50ms} ms, p99 ${r.p99ms} ms`,
      reference: `${Math.round((100 * r.requestsPerSec) / baseline)}% of bare`,
      ok: r.failures === 0,
    }));
    printTable(`IMDS credential fetch — ${duration}s per target, ${connections} connections, Node ${process.version}`, rows);
    writeResult('imds', { benchmark: 'imds', duration, connections, node: process.version, results });
    if (results.some((r) => r.failures > 0)) process.exitCode = 1;
  } finally {
    bare.stop();
    local.stop();
  }
}

const serveAt = args.indexOf('--serve');
if (serveAt >= 0) await serve(args[serveAt + 1]!);
else await main();
