// Benchmark (not a test): the enforcement gateway's cost (#18). The same signed requests, at 10
// connections, go straight to each upstream emulator and through iam-local's gateway (enforce on:
// SigV4 verified, an IAM user's policy decided, the request signed again and streamed):
//   DynamoDB GetItem  → dynalite            S3 GetObject (1 KiB) → s3rver
// Figures: throughput through the gateway as a share of direct, and the added p50 latency.
// Every process (load generator, gateway, upstream) is separate, as in real use. Beside them, the
// floor any Node proxy pays: a bare proxy (node:http server + undici pool, the same two sockets per
// request, nothing checked or signed) in the same runs, so the gateway's own share of the cost shows.
//   node --import tsx bench/gateway.ts [--duration 3] [--rounds 3]
import { fork } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuMs, median, printTable, writeResult, type Row } from './lib.js';

const args = process.argv.slice(2);
const duration = Number(args[args.indexOf('--duration') + 1] || 3) || 3;
const CONNECTIONS = 10;
const ROUNDS = Number(args[args.indexOf('--rounds') + 1] || 3) || 3;
const KEY = { accessKeyId: 'AKIABENCHGATEWAY0001', secretAccessKey: 'bench-gateway-secret' };
const TABLE = 'bench-table';
const BUCKET = 'bench-bucket';

// ---- signing, as an SDK does it (synchronous, so requests are made up front) ----
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const S3RVER = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

function sign(method: string, host: string, path: string, headers: Record<string, string>, body: string, service: string, creds = KEY, payloadHash = sha256(body)) {
  const amzDate = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/us-east-1/${service}/aws4_request`;
  const all: Record<string, string> = { ...headers, host, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash };
  const names = Object.keys(all).sort();
  const canonical = `${method}\n${path}\n\n${names.map((n) => `${n}:${all[n]}\n`).join('')}\n${names.join(';')}\n${payloadHash}`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, day), 'us-east-1'), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const { host: _h, ...rest } = all;
  return { method, path, body, headers: { ...rest, authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` } };
}

// ---- children: one process per server ----
async function serve(kind: string, arg?: string) {
  if (kind === 'dynalite') {
    const { default: dynalite } = await import('dynalite');
    const server = dynalite({ createTableMs: 0 });
    server.listen(0, '127.0.0.1', () => process.send!({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
    return;
  }
  if (kind === 'proxy') {
    // The floor: what any proxy in Node costs per request (read, forward, answer in one write).
    const { createServer } = await import('node:http');
    const { Pool } = await import('undici');
    const pool = new Pool(arg!, { connections: 128 });
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const headers = { ...req.headers } as Record<string, string>;
        delete headers.connection;
        const body = chunks.length ? Buffer.concat(chunks) : null;
        const a = await pool.request({ method: req.method as 'GET', path: req.url!, headers, body });
        const out: Record<string, string | string[]> = {};
        for (const k in a.headers) if (k !== 'connection' && k !== 'keep-alive' && k !== 'transfer-encoding') out[k] = a.headers[k]!;
        res.writeHead(a.statusCode, out);
        const parts: Buffer[] = [];
        a.body.on('data', (c: Buffer) => parts.push(c));
        a.body.on('end', () => res.end(Buffer.concat(parts)));
      });
    });
    server.listen(0, '127.0.0.1', () => process.send!({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
    return;
  }
  if (kind === 's3rver') {
    const { default: S3rver } = await import('s3rver');
    const s3rver = new S3rver({ port: 0, address: '127.0.0.1', directory: arg!, silent: true, configureBuckets: [{ name: BUCKET }] });
    const { port } = await s3rver.run();
    process.send!({ url: `http://127.0.0.1:${port}` });
    return;
  }
  const { loadConfig } = await import('../src/config.js');
  const { buildServer } = await import('../src/server.js');
  const { applySeedText } = await import('../src/seed/apply.js');
  const server = await buildServer(loadConfig({}, { port: 0, host: '127.0.0.1', dbPath: ':memory:', logLevel: 'silent', enforce: 'on', upstream: arg }));
  const url = await server.listen();
  // --cpu-prof writes its profile at a normal exit only.
  process.on('SIGINT', () => process.exit(0));
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:CreateTable'], Resource: `arn:aws:dynamodb:us-east-1:000000000000:table/${TABLE}` },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${BUCKET}/*` },
    ],
  };
  await applySeedText(
    server.services,
    JSON.stringify({ version: 1, users: [{ name: 'bench', accessKeys: [{ id: KEY.accessKeyId, secret: KEY.secretAccessKey, status: 'Active' }], inlinePolicies: { data: policy } }] }),
    { fileName: 'bench.json', server: server.http, baseUrl: url },
  );
  process.send!({ url });
}

function start(kind: string, arg?: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind, ...(arg ? [arg] : [])], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, ...(kind === 'gateway' && process.env.GATEWAY_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.GATEWAY_CPU_PROF] : [])],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ url: (m as { url: string }).url, pid: child.pid!, stop: () => child.kill('SIGINT') }));
    child.once('exit', (code) => reject(new Error(`${kind} exited (${code})`)));
  });
}

interface Result {
  scenario: string;
  path: 'direct' | 'proxy' | 'gateway';
  requestsPerSec: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  /** CPU time per request (warm-up excluded as far as the 1 s warm-up run goes) of the upstream and of the gateway process. */
  upstreamCpuUs?: number;
  /** The process in front: the gateway, or the bare proxy (direct: the upstream again). */
  gatewayCpuUs?: number;
  /** The load generator's own (autocannon, in this process): it shares the two cores. */
  loadCpuUs?: number;
  /** p50 with one request at a time. */
  sequentialP50ms?: number;
}

async function load(scenario: string, path: Result['path'], url: string, request: ReturnType<typeof sign>, pids: [number, number]): Promise<Result> {
  const requests = [request as autocannon.Request];
  await autocannon({ url, connections: CONNECTIONS, duration: 1, requests });
  const before = pids.map(cpuMs);
  const own = process.cpuUsage();
  const r = await autocannon({ url, connections: CONNECTIONS, duration, requests });
  const used = pids.map((pid, i) => cpuMs(pid) - before[i]!);
  const ownUsed = process.cpuUsage(own);
  const total = Math.max(1, r.requests.total);
  return {
    scenario,
    path,
    requestsPerSec: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    non2xx: r.non2xx + r.errors,
    upstreamCpuUs: Math.round((used[0]! * 1000) / total),
    gatewayCpuUs: Math.round((used[1]! * 1000) / total),
    loadCpuUs: Math.round((ownUsed.user + ownUsed.system) / total),
  };
}

/** p50 of one request at a time (1,000 of them, keep-alive): the latency the gateway adds when it is not queueing. */
async function sequentialP50(url: string, r: ReturnType<typeof sign>): Promise<number> {
  const { request, Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(url);
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const req = request({ host: u.hostname, port: u.port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t0));
      });
      req.on('error', reject);
      req.end(r.method === 'GET' ? undefined : r.body);
    });
  for (let i = 0; i < 200; i++) await one();
  const xs: number[] = [];
  for (let i = 0; i < 1000; i++) xs.push(await one());
  agent.destroy();
  return Math.round(median(xs) * 1000) / 1000;
}

async function send(url: string, r: ReturnType<typeof sign>) {
  const res = await fetch(url + r.path, { method: r.method, headers: r.headers, body: r.method === 'GET' ? undefined : r.body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${r.method} ${r.path}: ${res.status} ${text}`);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-s3rver-'));
  const dynamo = await start('dynalite');
  const s3 = await start('s3rver', dir);
  const gateway = await start('gateway', `dynamodb=${dynamo.url},s3=http://S3RVER:S3RVER@${new URL(s3.url).host}`);
  const dynamoProxy = await start('proxy', dynamo.url);
  const s3Proxy = await start('proxy', s3.url);
  const results: Result[] = [];
  try {
    const gwHost = new URL(gateway.url).host;
    const json = { 'content-type': 'application/x-amz-json-1.0' };
    const ddb = (host: string, op: string, body: object) => sign('POST', host, '/', { ...json, 'x-amz-target': `DynamoDB_20120810.${op}` }, JSON.stringify(body), 'dynamodb');
    await send(gateway.url, ddb(gwHost, 'CreateTable', {
      TableName: TABLE,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }));
    await send(gateway.url, ddb(gwHost, 'PutItem', { TableName: TABLE, Item: { pk: { S: 'k' }, v: { S: 'x'.repeat(100) } } }));
    const object = 'y'.repeat(1024);
    await send(gateway.url, sign('PUT', gwHost, `/${BUCKET}/obj`, { 'content-type': 'application/octet-stream' }, object, 's3'));

    const getItem = { TableName: TABLE, Key: { pk: { S: 'k' } } };
    const scenarios = [
      { name: 'DynamoDB GetItem (dynalite)', upstream: dynamo, proxy: dynamoProxy, request: (url: string, path: string) => ddb(new URL(url).host, 'GetItem', getItem) },
      {
        name: 'S3 GetObject 1 KiB (s3rver)',
        upstream: s3,
        proxy: s3Proxy,
        // s3rver checks signatures: direct and through the bare proxy (which forwards them) with its key.
        request: (url: string, path: string) => sign('GET', new URL(url).host, `/${BUCKET}/obj`, {}, '', 's3', path === 'gateway' ? KEY : S3RVER),
      },
    ];
    // The machine is shared: direct and gateway runs alternate (ROUNDS each) and the median of each
    // is kept, so a burst of other load does not land on one side only. CPU time per request of
    // each process is the figure other load moves least.
    for (const sc of scenarios) {
      const runs: Record<Result['path'], Result[]> = { direct: [], proxy: [], gateway: [] };
      const paths = [['direct', sc.upstream], ['proxy', sc.proxy], ['gateway', gateway]] as const;
      for (let round = 0; round < ROUNDS; round++)
        for (const [path, server] of paths) {
          runs[path].push(await load(sc.name, path, server.url, sc.request(server.url, path), [sc.upstream.pid, server.pid]));
        }
      const seq = {} as Record<Result['path'], number>;
      for (const [path, server] of paths) seq[path] = await sequentialP50(server.url, sc.request(server.url, path));
      for (const [path] of paths) {
        const xs = runs[path];
        const pick = (f: (r: Result) => number) => median(xs.map(f));
        results.push({
          scenario: sc.name,
          path,
          requestsPerSec: pick((r) => r.requestsPerSec),
          p50ms: pick((r) => r.p50ms),
          p99ms: pick((r) => r.p99ms),
          non2xx: xs.reduce((n, r) => n + r.non2xx, 0),
          upstreamCpuUs: pick((r) => r.upstreamCpuUs!),
          gatewayCpuUs: pick((r) => r.gatewayCpuUs!),
          loadCpuUs: pick((r) => r.loadCpuUs!),
          sequentialP50ms: seq[path],
        });
      }
    }
  } finally {
    gateway.stop();
    dynamoProxy.stop();
    s3Proxy.stop();
    dynamo.stop();
    s3.stop();
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500);
  }
  const rows: Row[] = [];
  for (const r of results) {
    const direct = results.find((d) => d.scenario === r.scenario && d.path === 'direct')!;
    if (r.path === 'direct') {
      rows.push({
        figure: `${r.scenario} — direct, ${CONNECTIONS} conn (1 conn: p50 ${r.sequentialP50ms} ms)`,
        value: `${r.requestsPerSec} req/s, p50 ${r.p50ms} ms, p99 ${r.p99ms} ms, upstream ${r.upstreamCpuUs} µs CPU/req (load generator ${r.loadCpuUs} µs)${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`,
      });
      continue;
    }
    const ratio = r.requestsPerSec / direct.requestsPerSec;
    const added = r.p50ms - direct.p50ms;
    const addedSeq = r.sequentialP50ms! - direct.sequentialP50ms!;
    if (r.path === 'proxy') {
      rows.push({
        figure: `${r.scenario} — bare Node proxy, the floor (1 conn: p50 ${r.sequentialP50ms} ms, +${addedSeq.toFixed(2)} ms)`,
        value: `${r.requestsPerSec} req/s, p50 ${r.p50ms} ms, p99 ${r.p99ms} ms, proxy ${r.gatewayCpuUs} µs + upstream ${r.upstreamCpuUs} µs CPU/req${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`,
        reference: `${Math.round(ratio * 100)}% of direct throughput; p50 +${added.toFixed(2)} ms`,
      });
      continue;
    }
    rows.push({
      figure: `${r.scenario} — through the gateway (1 conn: p50 ${r.sequentialP50ms} ms, +${addedSeq.toFixed(2)} ms)`,
      value: `${r.requestsPerSec} req/s, p50 ${r.p50ms} ms, p99 ${r.p99ms} ms, gateway ${r.gatewayCpuUs} µs + upstream ${r.upstreamCpuUs} µs CPU/req${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`,
      reference: `${Math.round(ratio * 100)}% of direct throughput; p50 +${added.toFixed(2)} ms`,
      target: '≥ 80% of direct, p50 overhead ≤ 1 ms',
      ok: ratio >= 0.8 && added <= 1 && r.non2xx === 0,
    });
  }
  printTable(`Enforcement gateway (median of ${ROUNDS} alternating direct / bare proxy / gateway runs of ${duration} s, ${CONNECTIONS} connections, Node ${process.version})`, rows);
  writeResult('gateway', { duration, rounds: ROUNDS, connections: CONNECTIONS, results, rows });
}

const serveAt = args.indexOf('--serve');
if (serveAt >= 0) await serve(args[serveAt + 1]!, args[serveAt + 2]);
else await main();
