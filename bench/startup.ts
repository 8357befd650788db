// Start-up and memory (not a test), every figure beside a bare node:http server started the same
// way in the same run: process start → first served signed request (sts:GetCallerIdentity, as a
// test suite's first SDK call), median of 10, for iam-local through its `bin` entry (what `npx
// iam-local start` and the Docker image run) on a fresh store file, and as `npm start` runs it
// (npm itself included); CPU time to that response; idle RSS; RSS after AWS's default quotas of
// data (5,000 users, 5,000 roles, 1,500 customer managed policies) created through the API; the
// first call of each lazily loaded family on a fresh server (SimulatePrincipalPolicy, the console,
// GetAccountAuthorizationDetails), which pays its load.
//   node --import tsx bench/startup.ts [--runs 10] [--skip-load]
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, GetAccountAuthorizationDetailsCommand, IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { ROOT, median, printTable, rssMb, stop, timeToFirstResponse, writeResult, type Row } from './lib.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 10) || 10;
const skipLoad = args.includes('--skip-load');

execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const env = { IAM_LOCAL_LOG_LEVEL: 'silent', HOST: '127.0.0.1' };
const BIN = [join(ROOT, 'bin', 'iam-local.js'), 'start'];

interface Series {
  medianMs: number;
  times: number[];
  medianCpuMs: number;
  idleRss: number;
}

/** Start-up of each target, one run of each in turn (so a change in the machine's load falls on
 *  all alike): time and CPU to the first served signed request; idle RSS after the last run. */
async function startupTimes(targets: { argv: string[]; fresh: () => Record<string, string>; command?: string }[]): Promise<Series[]> {
  const times = targets.map(() => [] as number[]);
  const cpu = targets.map(() => [] as number[]);
  const idleRss = targets.map(() => 0);
  for (let i = 0; i < runs; i++)
    for (const [t, { argv, fresh, command }] of targets.entries()) {
      const { ms, cpuMs, child } = await timeToFirstResponse(argv, { ...env, ...fresh() }, undefined, command);
      times[t]!.push(ms);
      cpu[t]!.push(cpuMs);
      if (i === runs - 1 && !command) {
        await new Promise((r) => setTimeout(r, 1000));
        idleRss[t] = rssMb(child.pid!);
      }
      await stop(child);
    }
  return targets.map((_, t) => ({ medianMs: Math.round(median(times[t]!)), times: times[t]!.map(Math.round), medianCpuMs: median(cpu[t]!), idleRss: idleRss[t]! }));
}

const freshDb = () => ({ IAM_LOCAL_DB: join(mkdtempSync(join(tmpdir(), 'iam-local-bench-')), 'iam.db') });
const [bin, bare, npmStart] = (await startupTimes([
  { argv: BIN, fresh: freshDb },
  { argv: [join(ROOT, 'bench', 'fixtures', 'bare-server.mjs')], fresh: () => ({}) },
  { argv: ['start', '--silent'], fresh: freshDb, command: process.platform === 'win32' ? 'npm.cmd' : 'npm' },
])) as [Series, Series, Series];

const client = (port: number, accessKeyId = 'test', secretAccessKey = 'test') =>
  new IAMClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } });

// ---- first call of each lazily loaded family, each on a server just started ----
async function firstCall(run: (port: number) => Promise<unknown>, setup?: (port: number) => Promise<unknown>): Promise<number> {
  const { child, port } = await timeToFirstResponse(BIN, { ...env, ...freshDb() });
  try {
    await setup?.(port);
    const t0 = performance.now();
    await run(port);
    return Math.round((performance.now() - t0) * 10) / 10;
  } finally {
    await stop(child);
  }
}
const getStatus = (port: number, path: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(200) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
const simulate = await firstCall(
  (port) => client(port).send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::000000000000:user/simulated', ActionNames: ['s3:GetObject'] })),
  (port) => client(port).send(new CreateUserCommand({ UserName: 'simulated' })),
);
const consolePage = await firstCall((port) => getStatus(port, '/_iam/console'));
const authDetails = await firstCall((port) => client(port).send(new GetAccountAuthorizationDetailsCommand({})));

let loadedRss: number | undefined;
let loadSeconds: number | undefined;
if (!skipLoad) {
  const { child, port } = await timeToFirstResponse(BIN, { ...env, ...freshDb() });
  const root = client(port);
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  const jobs: (() => Promise<unknown>)[] = [];
  for (let i = 0; i < 5000; i++) jobs.push(() => root.send(new CreateUserCommand({ UserName: `user-${i}` })));
  // IAM's RolesPerAccount quota is 1,000 (as AWS's default): the 5,000 roles go to five accounts,
  // each called by its root (a 12-digit access key id is that account's root with enforcement off).
  const accountClients = Array.from({ length: 5 }, (_, a) => client(port, `10000000000${a}`, 'x'));
  for (let i = 0; i < 5000; i++)
    jobs.push(() => accountClients[i % 5]!.send(new CreateRoleCommand({ RoleName: `role-${i}`, AssumeRolePolicyDocument: trust })));
  for (let i = 0; i < 1500; i++) jobs.push(() => root.send(new CreatePolicyCommand({ PolicyName: `policy-${i}`, PolicyDocument: doc })));
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
  loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
  await new Promise((r) => setTimeout(r, 1000));
  loadedRss = rssMb(child.pid!);
  await stop(child);
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const startRatio = ratio(bin.medianMs, bare.medianMs);
const rssRatio = ratio(bin.idleRss, bare.idleRss);
const rows: Row[] = [
  {
    figure: 'start-up via bin/iam-local.js → first signed request (median ms)',
    value: `${bin.medianMs} (${startRatio}× bare)`,
    reference: `${bare.medianMs} (bare node:http)`,
    target: '≤ 150 and ≤ 1.6× bare',
    ok: bin.medianMs <= 150 && startRatio <= 1.6,
  },
  { figure: 'start-up CPU time, user + system (median ms)', value: `${bin.medianCpuMs} (${ratio(bin.medianCpuMs, bare.medianCpuMs)}× bare)`, reference: `${bare.medianCpuMs} (bare node:http)`, target: '' },
  { figure: 'start-up via `npm start` (npm included; median ms)', value: String(npmStart.medianMs), reference: `${bare.medianMs} (bare node:http, no npm)`, target: '' },
  { figure: 'idle RSS (MiB)', value: `${bin.idleRss} (${rssRatio}× bare)`, reference: `${bare.idleRss} (bare node:http)`, target: '≤ 55 and ≤ 1.25× bare', ok: bin.idleRss <= 55 && rssRatio <= 1.25 },
  { figure: 'first SimulatePrincipalPolicy on a fresh server (ms)', value: String(simulate), reference: '', target: '< 150', ok: simulate < 150 },
  { figure: 'first GET /_iam/console on a fresh server (ms)', value: String(consolePage), reference: '', target: '< 150', ok: consolePage < 150 },
  { figure: 'first GetAccountAuthorizationDetails on a fresh server (ms)', value: String(authDetails), reference: '', target: '< 150', ok: authDetails < 150 },
];
if (loadedRss !== undefined)
  rows.push({ figure: 'RSS after 5,000 users + 5,000 roles + 1,500 policies (MiB)', value: String(loadedRss), reference: `created in ${loadSeconds} s`, target: '' });
printTable('Start-up and memory', rows);
writeResult('startup', { runs, bin, bare, npmStart, firstCallMs: { simulatePrincipalPolicy: simulate, console: consolePage, getAccountAuthorizationDetails: authDetails }, loadedRss, loadSeconds, rows });
