// Benchmark (not a test): throughput and p50/p99 latency at 10 and 100 connections of signed IAM
// calls — GetCallerIdentity, CreateUser+GetUser (every CreateUser a new name), ListUsers paging over
// 5,000 users, SimulatePrincipalPolicy for a user with 10 policies of 20 statements — each beside a
// bare node:http server answering a fixed body, same run, same load generator (autocannon). Servers
// run in child processes; iam-local on a store file (WAL, as `npm start`) holding 5,000 users,
// logging as `npm start` does (level info, a JSON line per request on stdout, here a file);
// requests are signed before each run (a signature is valid 15 minutes).
//   node --import tsx bench/throughput.ts [--duration 5]
import { fork } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, openSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { printTable, writeResult, type Row } from './lib.js';
import { encodeMarker } from '../src/store/rows.js';

const args = process.argv.slice(2);
const duration = Number(args[args.indexOf('--duration') + 1] || 5) || 5;
const ROOT = { accessKeyId: 'test', secretAccessKey: 'test' };
const USERS = 5000;
const LIST_ACCOUNT = '111111111111';
// Each connection count creates users in accounts of its own, 4,990 in each (within AWS's
// 5,000-user quota), enough accounts that a run never runs out of new names (a name created twice
// would be an EntityAlreadyExists, not the figure meant).
const CONNECTIONS = [10, 100];
const CREATE_ACCOUNT_PREFIX: Record<number, string> = { 10: '2222222222', 100: '3333333333' };
const CREATE_ACCOUNTS = 12;

// ---- signing (SigV4, as an SDK does it, synchronous so requests can be made up front) ----
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function sign(host: string, body: string, service: 'iam' | 'sts', accessKeyId = ROOT.accessKeyId, date = new Date()) {
  const amzDate = date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/us-east-1/${service}/aws4_request`;
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host,
    'x-amz-date': amzDate,
  };
  const signedHeaders = Object.keys(headers).sort().join(';');
  const canonical = ['POST', '/', '', ...Object.keys(headers).sort().map((h) => `${h}:${headers[h]}\n`).join('').split('\n').slice(0, -1), '', signedHeaders, sha256(body)].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${ROOT.secretAccessKey}`, day), 'us-east-1'), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const { host: _h, ...rest } = headers;
  return {
    method: 'POST' as const,
    path: '/',
    body,
    headers: { ...rest, authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` },
  };
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

// ---- child: serve one target ----
async function serve(kind: string) {
  if (kind === 'bare') {
    // Reads the body, answers a fixed XML body: the least any HTTP server of Node does.
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<ListUsersResponse><ListUsersResult/></ListUsersResponse>');
      });
    });
    server.keepAliveTimeout = 72_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.send!({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
    return;
  }
  const { loadConfig } = await import('../src/config.js');
  const { buildServer } = await import('../src/server.js');
  const dbPath = join(mkdtempSync(join(tmpdir(), 'iam-local-throughput-')), 'iam.db');
  const server = await buildServer(loadConfig({}, { port: 0, host: '127.0.0.1', dbPath, logLevel: 'info' }));
  const url = await server.listen();
  const { store, clock } = server.services;
  const now = clock.now().toISOString();
  // The 5,000 users to page through live in their own account (a 12-digit key id is that
  // account's root), so the CreateUser runs in the default account stay within its quota.
  store.accounts.ensure(LIST_ACCOUNT, now);
  store.tx(() => {
    for (let i = 0; i < USERS; i++)
      store.users.insert({ id: `AIDA${String(i).padStart(17, 'A')}`, account_id: LIST_ACCOUNT, name: `user-${String(i).padStart(5, '0')}`, path: '/', created_at: now });
  });
  process.send!({ url });
}

function start(kind: string): Promise<{ url: string; stop: () => void }> {
  // iam-local's log (stdout) goes to a file, as a service's log does; the bench's output stays a table.
  const out = kind === 'bare' ? 'inherit' : openSync(join(mkdtempSync(join(tmpdir(), 'iam-local-throughput-log-')), 'iam-local.log'), 'w');
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind], { stdio: ['ignore', out, 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ url: (m as { url: string }).url, stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
}

async function call(url: string, params: Record<string, string>, service: 'iam' | 'sts' = 'iam', accessKeyId = ROOT.accessKeyId) {
  const r = sign(new URL(url).host, query(params), service, accessKeyId);
  const res = await fetch(url + '/', { method: 'POST', headers: r.headers, body: r.body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${params.Action}: ${res.status} ${text}`);
  return text;
}

interface Result {
  scenario: string;
  connections: number;
  requestsPerSec: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
}

async function load(scenario: string, url: string, connections: number, requests: autocannon.Request[]): Promise<Result> {
  await autocannon({ url, connections, duration: 1, requests });
  const r = await autocannon({ url, connections, duration, requests });
  return { scenario, connections, requestsPerSec: Math.round(r.requests.average), p50ms: r.latency.p50, p99ms: r.latency.p99, non2xx: r.non2xx + r.errors };
}

/** Requests that each take the next item of a pool signed up front (unique per request). */
function fromPool(pool: ReturnType<typeof sign>[]): autocannon.Request[] {
  let i = 0;
  return [
    {
      setupRequest: (req: any) => {
        const r = pool[i++ % pool.length]!;
        return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
      },
    } as autocannon.Request,
  ];
}

async function main() {
  const bare = await start('bare');
  const local = await start('iam-local');
  const host = new URL(local.url).host;
  const results: Result[] = [];
  try {
    // A user with 10 policies × 20 statements for the simulator.
    await call(local.url, { Action: 'CreateUser', UserName: 'simulated' });
    for (let p = 0; p < 10; p++) {
      const doc = JSON.stringify({
        Version: '2012-10-17',
        Statement: Array.from({ length: 20 }, (_, s) => ({
          Effect: s === 19 ? 'Deny' : 'Allow',
          Action: [`s3:Get${p}${s}*`, `ec2:Describe${s}*`],
          Resource: `arn:aws:s3:::bucket-${p}-${s}/*`,
          Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
        })),
      });
      const xml = await call(local.url, { Action: 'CreatePolicy', PolicyName: `p${p}`, PolicyDocument: doc });
      const arn = /<Arn>([^<]+)<\/Arn>/.exec(xml)![1]!;
      await call(local.url, { Action: 'AttachUserPolicy', UserName: 'simulated', PolicyArn: arn });
    }
    for (const connections of CONNECTIONS) {
      results.push(await load('bare node:http (fixed body)', bare.url, connections, [sign(new URL(bare.url).host, query({ Action: 'ListUsers' }), 'iam')]));
      results.push(await load('GetCallerIdentity', local.url, connections, [sign(host, query({ Action: 'GetCallerIdentity', Version: '2011-06-15' }), 'sts')]));
      const createGet: ReturnType<typeof sign>[] = [];
      // Each GetUser reads the account's user made up front. (It read a user created 64 pairs
      // before: autocannon builds each connection's first request when a run starts but sends it
      // once that connection is up, by when hundreds of others may have been answered, so ~40
      // GetUsers a run at 100 connections came before their user's CreateUser: NoSuchEntity.
      // Checked: every such user was created, with a 200, later.)
      for (let a = 0; a < CREATE_ACCOUNTS; a++) {
        const account = `${CREATE_ACCOUNT_PREFIX[connections]}${String(a).padStart(2, '0')}`;
        await call(local.url, { Action: 'CreateUser', UserName: 'base' }, 'iam', account);
        for (let i = 0; i < 2 * 4990; i++) {
          const n = i >> 1;
          const name = i % 2 ? 'base' : `c${connections}-${n}`;
          createGet.push(sign(host, query({ Action: i % 2 ? 'GetUser' : 'CreateUser', Version: '2010-05-08', UserName: name }), 'iam', account));
        }
      }
      results.push(await load('CreateUser + GetUser (alternating, new names)', local.url, connections, fromPool(createGet)));
      const pages: ReturnType<typeof sign>[] = [];
      for (let i = 0; i < USERS; i += 100) {
        const params: Record<string, string> = { Action: 'ListUsers', Version: '2010-05-08', MaxItems: '100' };
        // A marker as the server hands them out (checked: a made-up one is AWS's Invalid Marker).
        if (i) params.Marker = encodeMarker(`user-${String(i - 1).padStart(5, '0')}`);
        pages.push(sign(host, query(params), 'iam', LIST_ACCOUNT));
      }
      results.push(await load('ListUsers, 100 a page, over 5,000 users', local.url, connections, fromPool(pages)));
      results.push(
        await load('SimulatePrincipalPolicy (10 policies × 20 statements)', local.url, connections, [
          sign(host, query({
            Action: 'SimulatePrincipalPolicy',
            Version: '2010-05-08',
            PolicySourceArn: 'arn:aws:iam::000000000000:user/simulated',
            'ActionNames.member.1': 's3:Get55Object',
            'ActionNames.member.2': 'ec2:Describe3Instances',
            'ResourceArns.member.1': 'arn:aws:s3:::bucket-5-5/key',
          }), 'iam'),
        ]),
      );
    }
  } finally {
    bare.stop();
    local.stop();
  }
  const rows: Row[] = results.map((r) => {
    const ref = results.find((b) => b.scenario.startsWith('bare') && b.connections === r.connections)!;
    const ratio = r.requestsPerSec / ref.requestsPerSec;
    const gci = r.scenario === 'GetCallerIdentity';
    // At 10 connections: throughput beside bare; at 100: the tail (p99 within 5× p50).
    const [target, ok] = !gci ? ['', undefined] : r.connections === 10 ? ['≥ 50% of bare', ratio >= 0.5] : ['p99 ≤ 5× p50', r.p99ms <= 5 * Math.max(r.p50ms, 1)];
    return {
      figure: `${r.scenario} — ${r.connections} conn`,
      value: `${r.requestsPerSec} req/s, p50 ${r.p50ms} ms, p99 ${r.p99ms} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`,
      reference: r.scenario.startsWith('bare') ? '' : `${Math.round(ratio * 100)}% of bare (${ref.requestsPerSec} req/s)`,
      target,
      ok,
    };
  });
  printTable(`Throughput (${duration} s per run, Node ${process.version})`, rows);
  writeResult('throughput', { duration, results, rows });
}

const serveAt = args.indexOf('--serve');
if (serveAt >= 0) await serve(args[serveAt + 1]!);
else await main();
