// Benchmark (not a test): signed sts:GetCallerIdentity through iam-local's full path (SigV4
// verification, protocol, handler, XML) against a bare fastify route answering a fixed XML body,
// same machine, same run, same load (autocannon). Each server runs in its own child process so the
// load generator does not share its event loop. Requests are signed in one batch just before the
// runs (a signature is valid for 15 minutes). The targets take turns in short rounds so that a
// busy machine slows them alike; each server also reports its own CPU time per request, a figure
// the machine's load barely moves. Prints a table and a JSON line.
//   node --import tsx bench/sigv4.ts [--duration 15] [--rounds 5] [--warmup 4] [--connections 32]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { writeResult } from './lib.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};

const FIXED_XML =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  '<UserId>000000000000</UserId><Account>000000000000</Account><Arn>arn:aws:iam::000000000000:root</Arn>' +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId>' +
  '</ResponseMetadata></GetCallerIdentityResponse>';

// ---- child: serve one target and report its URL (and, for iam-local, a user key) ----
async function serve(kind: string) {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send!({ cpu: u.user + u.system });
    }
  });
  if (kind === 'bare') {
    const app = Fastify({ logger: false });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, body));
    const answer = async (_req: unknown, reply: any) => reply.header('content-type', 'text/xml').send(FIXED_XML);
    app.post('/', answer);
    app.get('/', answer);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    process.send!({ url });
    return;
  }
  const { loadConfig } = await import('../src/config.js');
  const { buildServer } = await import('../src/server.js');
  const { newAccessKeyId, newSecretAccessKey } = await import('../src/auth/access-key-id.js');
  const server = await buildServer(loadConfig({}, { port: 0, host: '127.0.0.1', dbPath: ':memory:', logLevel: 'silent' }));
  const url = await server.listen();
  // An IAM user with an access key, made straight in the store: its requests also write last-used.
  const { store, clock } = server.services;
  const now = clock.now().toISOString();
  store.users.insert({ id: 'AIDABENCHBENCHBENCH12', account_id: '000000000000', name: 'bench', path: '/', created_at: now });
  const user = { accessKeyId: newAccessKeyId('AKIA', '000000000000'), secretAccessKey: newSecretAccessKey() };
  store.credentials.accessKeys.insert({
    id: user.accessKeyId,
    account_id: '000000000000',
    user_id: 'AIDABENCHBENCHBENCH12',
    secret: user.secretAccessKey,
    status: 'Active',
    created_at: now,
  });
  process.send!({ url, user });
}

// ---- parent: sign, load, compare ----
interface Target {
  url: string;
  user?: { accessKeyId: string; secretAccessKey: string };
}

interface Server {
  target: Target;
  /** The server process's CPU time so far, in µs. */
  cpu(): Promise<number>;
  stop(): void;
}

function start(kind: string): Promise<Server> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const cpu = () =>
    new Promise<number>((resolve) => {
      const on = (m: any) => {
        if (typeof m?.cpu === 'number') {
          child.off('message', on);
          resolve(m.cpu);
        }
      };
      child.on('message', on);
      child.send('cpu');
    });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ target: m as Target, cpu, stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
}

async function signBatch(url: string, creds: { accessKeyId: string; secretAccessKey: string }, n: number) {
  const { signQuery } = await import('../test/helpers/sigv4.js');
  const out: autocannon.Request[] = [];
  for (let i = 0; i < n; i++) {
    // Each request differs (a harmless extra parameter would change the action; vary nothing but
    // the signing time within the batch) — the server verifies every one in full.
    const s = await signQuery(url, { Action: 'GetCallerIdentity', Version: '2011-06-15' }, { creds, signingDate: new Date(Date.now() - i * 1000) });
    const { host: _host, ...headers } = s.headers;
    out.push({ method: 'POST', path: '/', headers, body: s.body });
  }
  return out;
}

interface Row {
  name: string;
  requestsPerSec: number;
  p50ms: number;
  p99ms: number;
  /** Server CPU time (user + system) per request, µs. */
  cpuUsPerRequest: number;
  non2xx: number;
  errors: number;
  rounds: number[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Case {
  name: string;
  server: Server;
  requests: autocannon.Request[];
  runs: { rps: number; p50: number; p99: number; cpu: number; total: number; bad: number; errors: number }[];
}

async function round(c: Case, seconds: number, connections: number) {
  const before = await c.server.cpu();
  const r = await autocannon({ url: c.server.target.url, requests: c.requests, duration: seconds, connections });
  const cpu = (await c.server.cpu()) - before;
  c.runs.push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpu, total: r.requests.total, bad: r.non2xx, errors: r.errors });
}

async function main() {
  const duration = arg('duration', 15);
  const rounds = Math.max(1, arg('rounds', 5));
  const connections = arg('connections', 32);
  const bare = await start('bare');
  const local = await start('iam-local').catch((err) => {
    bare.stop();
    throw err;
  });
  try {
    const root = { accessKeyId: 'test', secretAccessKey: 'test' };
    const cases: Case[] = [
      { name: 'bare fastify route, fixed XML', server: bare, requests: await signBatch(bare.target.url, root, 200), runs: [] },
      { name: 'iam-local signed GetCallerIdentity (root test/test)', server: local, requests: await signBatch(local.target.url, root, 200), runs: [] },
      {
        name: 'iam-local signed GetCallerIdentity (IAM user key, last-used write)',
        server: local,
        requests: await signBatch(local.target.url, local.target.user!, 200),
        runs: [],
      },
    ];
    // Warm-up: the signed path needs a few seconds of traffic before the JIT has compiled it.
    for (const c of cases) await autocannon({ url: c.server.target.url, requests: c.requests, duration: arg('warmup', 4), connections });
    const seconds = Math.max(1, Math.round(duration / rounds));
    for (let i = 0; i < rounds; i++) for (const c of cases) await round(c, seconds, connections);

    const rows: Row[] = cases.map((c) => ({
      name: c.name,
      requestsPerSec: Math.round(median(c.runs.map((r) => r.rps))),
      p50ms: median(c.runs.map((r) => r.p50)),
      p99ms: median(c.runs.map((r) => r.p99)),
      cpuUsPerRequest: Math.round(c.runs.reduce((a, r) => a + r.cpu, 0) / Math.max(1, c.runs.reduce((a, r) => a + r.total, 0))),
      non2xx: c.runs.reduce((a, r) => a + r.bad, 0),
      errors: c.runs.reduce((a, r) => a + r.errors, 0),
      rounds: c.runs.map((r) => Math.round(r.rps)),
    }));
    const baseline = rows[0]!;
    console.log(`\nSigV4 benchmark — ${rounds} rounds × ${seconds}s per target (interleaved), ${connections} connections, Node ${process.version}\n`);
    console.log('target'.padEnd(68) + 'req/s'.padStart(8) + 'p50 ms'.padStart(8) + 'p99 ms'.padStart(8) + 'CPU µs/req'.padStart(12) + 'vs bare'.padStart(9) + '  non-2xx');
    for (const r of rows)
      console.log(
        r.name.padEnd(68) +
          String(r.requestsPerSec).padStart(8) +
          String(r.p50ms).padStart(8) +
          String(r.p99ms).padStart(8) +
          String(r.cpuUsPerRequest).padStart(12) +
          `${Math.round((100 * r.requestsPerSec) / baseline.requestsPerSec)}%`.padStart(9) +
          `  ${r.non2xx + r.errors}`,
      );
    const signed = rows[1]!;
    const ratio = signed.requestsPerSec / baseline.requestsPerSec;
    const cpuRatio = baseline.cpuUsPerRequest / signed.cpuUsPerRequest;
    console.log(
      `\nsigned/bare throughput: ${ratio.toFixed(2)} (CPU-time basis: ${cpuRatio.toFixed(2)}); target ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'}`,
    );
    const result = { benchmark: 'sigv4', rounds, secondsPerRound: seconds, connections, node: process.version, rows, signedToBare: Number(ratio.toFixed(3)), signedToBareCpu: Number(cpuRatio.toFixed(3)) };
    console.log(JSON.stringify(result));
    writeResult('sigv4', result);
    if (rows.some((r) => r.non2xx + r.errors > 0)) process.exitCode = 1;
  } finally {
    bare.stop();
    local.stop();
  }
}

const serveAt = args.indexOf('--serve');
if (serveAt >= 0) await serve(args[serveAt + 1]!);
else await main();
