// Start-up and memory (not a test): process start → first served request, median of 10, for
// iam-local (`npm start`'s compiled entry on a fresh SQLite file) beside a bare fastify server;
// idle RSS of both; RSS after AWS's default quotas of data (5,000 users, 5,000 roles, 1,500
// customer managed policies) were created through the API. CPU time to the first response too: a
// figure the machine's other load barely moves.
//   node --import tsx bench/startup.ts [--runs 10] [--skip-load]
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { ROOT, median, printTable, rssMb, stop, timeToFirstResponse, writeResult, type Row } from './lib.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 10) || 10;
const skipLoad = args.includes('--skip-load');

execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const env = { IAM_LOCAL_LOG_LEVEL: 'silent', HOST: '127.0.0.1' };

async function startupTimes(argv: string[], fresh: () => Record<string, string>) {
  const times: number[] = [];
  const cpu: number[] = [];
  let idleRss = 0;
  for (let i = 0; i < runs; i++) {
    const { ms, cpuMs, child } = await timeToFirstResponse(argv, { ...env, ...fresh() });
    times.push(ms);
    cpu.push(cpuMs);
    if (i === runs - 1) {
      await new Promise((r) => setTimeout(r, 1000));
      idleRss = rssMb(child.pid!);
    }
    await stop(child);
  }
  return { medianMs: Math.round(median(times)), times: times.map(Math.round), medianCpuMs: median(cpu), idleRss };
}

const freshDb = () => ({ IAM_LOCAL_DB: join(mkdtempSync(join(tmpdir(), 'iam-local-bench-')), 'iam.db') });
const iam = await startupTimes([join(ROOT, 'dist', 'cli.js'), 'start'], freshDb);
const bare = await startupTimes([join(ROOT, 'bench', 'fixtures', 'bare-server.mjs')], () => ({}));

let loadedRss: number | undefined;
let loadSeconds: number | undefined;
if (!skipLoad) {
  const { child, port } = await timeToFirstResponse([join(ROOT, 'dist', 'cli.js'), 'start'], { ...env, ...freshDb() });
  const client = new IAMClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  const jobs: (() => Promise<unknown>)[] = [];
  for (let i = 0; i < 5000; i++) jobs.push(() => client.send(new CreateUserCommand({ UserName: `user-${i}` })));
  // IAM's RolesPerAccount quota is 1,000 (as AWS's default): the 5,000 roles go to five accounts,
  // each called by its root (a 12-digit access key id is that account's root with enforcement off).
  const accountClients = Array.from({ length: 5 }, (_, a) =>
    new IAMClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: `10000000000${a}`, secretAccessKey: 'x' } }),
  );
  for (let i = 0; i < 5000; i++)
    jobs.push(() => accountClients[i % 5]!.send(new CreateRoleCommand({ RoleName: `role-${i}`, AssumeRolePolicyDocument: trust })));
  for (let i = 0; i < 1500; i++)
    jobs.push(() => client.send(new CreatePolicyCommand({ PolicyName: `policy-${i}`, PolicyDocument: doc })));
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

const rows: Row[] = [
  { figure: 'start-up, process start → first response (median ms)', value: String(iam.medianMs), reference: `${bare.medianMs} (bare fastify)`, target: '< 300', ok: iam.medianMs < 300 },
  { figure: 'start-up CPU time, user + system (median ms)', value: String(iam.medianCpuMs), reference: `${bare.medianCpuMs} (bare fastify)`, target: '' },
  { figure: 'idle RSS (MB)', value: String(iam.idleRss), reference: `${bare.idleRss} (bare fastify)`, target: '< 100', ok: iam.idleRss < 100 },
];
if (loadedRss !== undefined)
  rows.push({ figure: 'RSS after 5,000 users + 5,000 roles + 1,500 policies (MB)', value: String(loadedRss), reference: `created in ${loadSeconds} s`, target: '' });
printTable('Start-up and memory', rows);
writeResult('startup', { runs, iam, bare, loadedRss, loadSeconds, rows });
