// Benchmark (not a test): the policy engine and what enforcement costs a signed request.
//  1. Evaluations per second for an IAM user with 10 attached customer managed policies of 20
//     statements each (200 statements, some with conditions), deciding a request that no statement
//     allows (the worst case: every statement is examined):
//       cold           gather the policies from the store and parse every document, then evaluate;
//       parse-cached   gather from the store, documents parsed once (parsePolicyCached), evaluate;
//       cached         the per-principal policy-set cache (invalidated by the write generation);
//       evaluate only  the engine alone on a pre-parsed set;
//       enforcement    what authorize() does: the cached set, narrowed to the statements whose
//                      Action/NotAction can match (cached per action), then evaluated.
//  2. A signed iam:GetUser by that user through the whole server, IAM_LOCAL_ENFORCE=on vs off, same
//     run, same load (autocannon), each server in its own child process; targets take turns.
// Prints a table and writes bench/results/policy.json.
//   node --import tsx bench/policy.ts [--seconds 2] [--duration 8] [--rounds 4] [--connections 16]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median, printTable, writeResult, type Row } from './lib.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const ACCOUNT = '000000000000';
const USER_ID = 'AIDABENCHPOLICY00001';

/** Policy n of 10: 20 statements over varied services, resources and conditions. */
function policyText(n: number): string {
  const Statement = [];
  for (let i = 0; i < 20; i++) {
    const s: Record<string, unknown> = {
      Sid: `P${n}S${i}`,
      Effect: i % 7 === 6 ? 'Deny' : 'Allow',
      Action: [`s3:Get${n}x${i}*`, `ec2:Describe${i}*`, `dynamodb:Query${n}`],
      Resource: [`arn:aws:s3:::bucket-${n}-${i}/*`, `arn:aws:ec2:*:${ACCOUNT}:instance/i-${n}${i}*`],
    };
    if (i % 3 === 0) s.Condition = { StringEquals: { 'aws:PrincipalTag/team': `team-${i}` }, IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } };
    if (i % 5 === 0) s.Condition = { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' }, Bool: { 'aws:SecureTransport': 'true' } };
    // The last statement of the last policy lets the user read itself (the HTTP part's GetUser).
    Statement.push(n === 9 && i === 19 ? { Sid: 'GetUser', Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCOUNT}:user/bench` } : s);
  }
  return JSON.stringify({ Version: '2012-10-17', Statement }, null, 2);
}

/** The bench user, its 10 policies (and, for the server, an access key and GetUser permission). */
async function seed(store: import('../src/store/store.js').Store, withKey: boolean) {
  const now = new Date().toISOString();
  store.users.insert({ id: USER_ID, account_id: ACCOUNT, name: 'bench', path: '/', created_at: now });
  for (let n = 0; n < 10; n++) {
    const id = `ANPABENCHPOLICY${String(n).padStart(5, '0')}`;
    const arn = `arn:aws:iam::${ACCOUNT}:policy/bench-${n}`;
    const row = { id, account_id: ACCOUNT, name: `bench-${n}`, path: '/', arn, description: null, default_version: 'v1', next_version: 1, created_at: now, updated_at: now };
    store.policies.insert(row);
    store.policies.addVersion(row, { policy_id: id, version_id: 'v1', document: policyText(n), created_at: now });
    store.attachments.attach({ account_id: ACCOUNT, policy_arn: arn, entity_type: 'user', entity_id: USER_ID, attached_at: now });
  }
  if (!withKey) return undefined;
  const { newAccessKeyId, newSecretAccessKey } = await import('../src/auth/access-key-id.js');
  const user = { accessKeyId: newAccessKeyId('AKIA', ACCOUNT), secretAccessKey: newSecretAccessKey() };
  store.credentials.accessKeys.insert({ id: user.accessKeyId, account_id: ACCOUNT, user_id: USER_ID, secret: user.secretAccessKey, status: 'Active', created_at: now });
  return user;
}

// ---- part 1: the engine, in process ----
async function engine(seconds: number) {
  const { Store } = await import('../src/store/store.js');
  const { parsePolicy, evaluate, makeContext } = await import('../src/policy/index.js');
  const { loadPrincipalPolicies, principalPolicies, forAction } = await import('../src/resolution/principal-policies.js');
  const { userPolicies } = await import('../src/resolution/principal-policies.js');
  const store = Store.open(':memory:');
  await seed(store, false);
  const principal = { type: 'user' as const, accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/bench`, userId: USER_ID, name: 'bench', entityId: USER_ID, accessKeyId: 'AKIA' };
  const statements = userPolicies(store, USER_ID).reduce((a, p) => a + p.parsed.statements.length, 0);
  if (statements !== 200) throw new Error(`expected 200 statements, got ${statements}`);
  const ctx = makeContext({
    'aws:SourceIp': '127.0.0.1',
    'aws:CurrentTime': '2026-11-29T12:00:00Z',
    'aws:EpochTime': '1795953600',
    'aws:SecureTransport': 'false',
    'aws:PrincipalTag/team': 'blue',
    'aws:PrincipalArn': principal.arn,
    'aws:PrincipalAccount': ACCOUNT,
    'aws:PrincipalType': 'User',
    'aws:userid': USER_ID,
    'aws:username': 'bench',
    'aws:RequestedRegion': 'us-east-1',
  });
  const req = { principal: { type: 'User' as const, arn: principal.arn, accountId: ACCOUNT }, action: 's3:PutObject', resource: 'arn:aws:s3:::bucket-3-4/key', context: ctx };
  const sanity = evaluate(req, principalPolicies(store, principal));
  if (sanity.decision !== 'implicitDeny') throw new Error(`unexpected decision ${sanity.decision}`);
  const allowed = evaluate({ ...req, action: 'iam:GetUser', resource: principal.arn }, principalPolicies(store, principal));
  if (allowed.decision !== 'allowed') throw new Error(`GetUser should be allowed: ${allowed.reason}`);

  const texts = () => [...store.inlinePolicies.list('user', USER_ID).map((p) => p.document), ...store.attachments.forEntity('user', USER_ID).map((arn) => store.policies.version(store.policies.getByArnAnyAccount(arn)!.id, 'v1')!.document)];
  const preParsed = principalPolicies(store, principal);
  const cases: [string, () => unknown][] = [
    ['cold: gather from the store + parse all 10 documents + evaluate', () => evaluate(req, { identity: texts().map((t, i) => ({ id: String(i), parsed: parsePolicy(t) })) })],
    ['parse-cached: gather from the store + evaluate', () => evaluate(req, loadPrincipalPolicies(store, principal))],
    ['cached policy set (generation check) + evaluate', () => evaluate(req, principalPolicies(store, principal))],
    ['evaluate only (pre-parsed, 200 statements)', () => evaluate(req, preParsed)],
    ['enforcement path: cached set, per-action view + evaluate', () => evaluate(req, forAction(principalPolicies(store, principal), req.action))],
  ];
  const out: { name: string; perSecond: number; usPerEval: number }[] = [];
  for (const [name, fn] of cases) {
    for (let i = 0; i < 200; i++) fn(); // warm-up
    let n = 0;
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    while (performance.now() < end) {
      for (let i = 0; i < 50; i++) fn();
      n += 50;
    }
    const ms = performance.now() - t0;
    out.push({ name, perSecond: Math.round((n / ms) * 1000), usPerEval: Number(((ms * 1000) / n).toFixed(2)) });
  }
  store.close();
  return out;
}

// ---- part 2: a signed request, enforcement on vs off ----
async function serve(mode: 'on' | 'off') {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send!({ cpu: u.user + u.system });
    }
  });
  const { loadConfig } = await import('../src/config.js');
  const { buildServer } = await import('../src/server.js');
  const server = await buildServer(loadConfig({}, { port: 0, host: '127.0.0.1', dbPath: ':memory:', logLevel: 'silent', enforce: mode }));
  const url = await server.listen();
  const user = await seed(server.services.store, true);
  process.send!({ url, user });
}

interface Server {
  url: string;
  user: { accessKeyId: string; secretAccessKey: string };
  cpu(): Promise<number>;
  stop(): void;
}

function start(mode: string): Promise<Server> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
    child.once('message', (m: any) => resolve({ url: m.url, user: m.user, cpu, stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
}

async function signBatch(url: string, creds: { accessKeyId: string; secretAccessKey: string }, n: number) {
  const { signQuery } = await import('../test/helpers/sigv4.js');
  const out: autocannon.Request[] = [];
  for (let i = 0; i < n; i++) {
    const s = await signQuery(url, { Action: 'GetUser', Version: '2010-05-08' }, { creds, service: 'iam', signingDate: new Date(Date.now() - i * 1000) });
    const { host: _host, ...headers } = s.headers;
    out.push({ method: 'POST', path: '/', headers, body: s.body });
  }
  return out;
}

async function http(duration: number, rounds: number, connections: number) {
  const on = await start('on');
  const off = await start('off');
  try {
    const cases = [
      { name: 'signed iam:GetUser, IAM_LOCAL_ENFORCE=off', server: off, requests: await signBatch(off.url, off.user, 200), runs: [] as { rps: number; p50: number; p99: number; cpu: number; total: number; bad: number }[] },
      { name: 'signed iam:GetUser, IAM_LOCAL_ENFORCE=on (200 statements)', server: on, requests: await signBatch(on.url, on.user, 200), runs: [] as { rps: number; p50: number; p99: number; cpu: number; total: number; bad: number }[] },
    ];
    for (const c of cases) await autocannon({ url: c.server.url, requests: c.requests, duration: 1, connections });
    const seconds = Math.max(1, Math.round(duration / rounds));
    for (let i = 0; i < rounds; i++)
      for (const c of cases) {
        const before = await c.server.cpu();
        const r = await autocannon({ url: c.server.url, requests: c.requests, duration: seconds, connections });
        const cpu = (await c.server.cpu()) - before;
        c.runs.push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpu, total: r.requests.total, bad: r.non2xx + r.errors });
      }
    return cases.map((c) => ({
      name: c.name,
      requestsPerSec: Math.round(median(c.runs.map((r) => r.rps))),
      p50ms: median(c.runs.map((r) => r.p50)),
      p99ms: median(c.runs.map((r) => r.p99)),
      cpuUsPerRequest: Math.round(c.runs.reduce((a, r) => a + r.cpu, 0) / Math.max(1, c.runs.reduce((a, r) => a + r.total, 0))),
      failed: c.runs.reduce((a, r) => a + r.bad, 0),
    }));
  } finally {
    on.stop();
    off.stop();
  }
}

async function main() {
  const engineRows = await engine(arg('seconds', 2));
  const httpRows = await http(arg('duration', 8), Math.max(1, arg('rounds', 4)), arg('connections', 16));
  const [off, on] = httpRows as [(typeof httpRows)[0], (typeof httpRows)[0]];
  const addedCpu = on.cpuUsPerRequest - off.cpuUsPerRequest;
  const rows: Row[] = [
    ...engineRows.map((r) => ({ figure: r.name, value: `${r.perSecond.toLocaleString('en-US')} eval/s (${r.usPerEval} µs)` })),
    ...httpRows.map((r) => ({ figure: r.name, value: `${r.requestsPerSec} req/s, p50 ${r.p50ms} ms, p99 ${r.p99ms} ms, ${r.cpuUsPerRequest} µs CPU/req` })),
    {
      figure: 'cost of enforcement per signed request',
      value: `${addedCpu} µs CPU/req; throughput on/off ${(on.requestsPerSec / off.requestsPerSec).toFixed(2)}`,
    },
  ];
  printTable(`Policy engine and enforcement — 1 user × 10 attached policies × 20 statements, Node ${process.version}`, rows);
  writeResult('policy', {
    principal: { attachedPolicies: 10, statementsPerPolicy: 20 },
    engine: engineRows,
    http: httpRows,
    enforcementCpuUsPerRequest: addedCpu,
    throughputOnOverOff: Number((on.requestsPerSec / off.requestsPerSec).toFixed(3)),
  });
  if (httpRows.some((r) => r.failed > 0)) {
    console.error('some requests failed (non-2xx or errors)');
    process.exitCode = 1;
  }
}

const serveAt = args.indexOf('--serve');
if (serveAt >= 0) void serve(args[serveAt + 1] as 'on' | 'off');
else await main();
