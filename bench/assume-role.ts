// Benchmark (not a test): sts:AssumeRole per second with trust evaluation on.
//  1. Through the whole server (SigV4 verification, parsing, trust policy + identity policies with
//     IAM_LOCAL_ENFORCE=on, session issue and store write, XML), driven by the real SDK from this
//     process against a server in its own child process: sequential (latency) and concurrent.
//  2. The trust decision alone (decideAssume: trust policy with conditions + the caller's identity
//     policies), in process, on a pre-parsed policy set.
// Prints a table and writes bench/results/assume-role.json.
//   node --import tsx bench/assume-role.ts [--seconds 4] [--concurrency 16]
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { median, printTable, rssMb, stop, timeToFirstResponse, writeResult, type Row } from './lib.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 4);
const CONCURRENCY = arg('concurrency', 16);
const ACCOUNT = '000000000000';

const doc = (Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
// A realistic trust policy: several statements, conditions on ExternalId, source IP and tags.
const TRUST = doc([
  { Sid: 'Ci', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'bench-ext' }, IpAddress: { 'aws:SourceIp': ['127.0.0.0/8', '10.0.0.0/8'] } } },
  { Sid: 'Other', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
  { Sid: 'NoProd', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/env': 'prod' } } },
]);
const IDENTITY = doc([
  { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT}:role/bench-*` },
  { Effect: 'Allow', Action: ['s3:*', 'ec2:Describe*'], Resource: '*' },
  { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
]);

async function throughServer() {
  const { child, port, ms } = await timeToFirstResponse(['--import', 'tsx', 'src/cli.ts', 'start'], {
    IAM_LOCAL_DB: ':memory:',
    IAM_LOCAL_ENFORCE: 'on',
    IAM_LOCAL_LOG_LEVEL: 'silent',
    LOG_LEVEL: 'silent',
  });
  try {
    const endpoint = `http://127.0.0.1:${port}`;
    const root = { accessKeyId: 'test', secretAccessKey: 'test' };
    const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: root });
    await iam.send(new CreateUserCommand({ UserName: 'bench' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'bench', PolicyName: 'p', PolicyDocument: IDENTITY }));
    await iam.send(new CreateRoleCommand({ RoleName: 'bench-role', AssumeRolePolicyDocument: TRUST }));
    const k = await iam.send(new CreateAccessKeyCommand({ UserName: 'bench' }));
    const sts = new STSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! },
      maxAttempts: 1,
    });
    const input = { RoleArn: `arn:aws:iam::${ACCOUNT}:role/bench-role`, RoleSessionName: 'bench', ExternalId: 'bench-ext' };
    const once = () => sts.send(new AssumeRoleCommand(input));
    for (let i = 0; i < 50; i++) await once(); // warm-up

    const latencies: number[] = [];
    let end = performance.now() + (SECONDS * 1000) / 2;
    while (performance.now() < end) {
      const t0 = performance.now();
      await once();
      latencies.push(performance.now() - t0);
    }
    const seqPerSec = latencies.length / ((SECONDS * 1000) / 2 / 1000);

    let done = 0;
    let errors = 0;
    end = performance.now() + SECONDS * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          try {
            await once();
            done++;
          } catch {
            errors++;
          }
        }
      }),
    );
    const concPerSec = done / ((performance.now() - t0) / 1000);
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      startupMs: Math.round(ms),
      sequentialPerSec: Math.round(seqPerSec),
      p50Ms: Math.round(median(latencies) * 100) / 100,
      p99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)]! * 100) / 100,
      concurrentPerSec: Math.round(concPerSec),
      concurrency: CONCURRENCY,
      errors,
      serverRssMb: rssMb(child.pid!),
    };
  } finally {
    await stop(child);
  }
}

async function decisionOnly() {
  const { loadConfig } = await import('../src/config.js');
  const { buildServer } = await import('../src/server.js');
  const { decideAssume } = await import('../src/authz/trust.js');
  const built = await buildServer(loadConfig({}, { port: 0, dbPath: ':memory:', logLevel: 'silent', enforce: 'on' }));
  const { store } = built.services;
  const now = new Date().toISOString();
  store.users.insert({ id: 'AIDABENCHASSUMEROLE01', account_id: ACCOUNT, name: 'bench', path: '/', created_at: now });
  store.inlinePolicies.put(ACCOUNT, 'user', 'AIDABENCHASSUMEROLE01', 'p', IDENTITY);
  store.roles.insert({ id: 'AROABENCHASSUMEROLE01', account_id: ACCOUNT, name: 'bench-role', path: '/', created_at: now, trust_policy: TRUST, description: null, max_session_duration: 3600 });
  const role = store.roles.get(ACCOUNT, 'bench-role')!;
  const principal = { type: 'user' as const, accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/bench`, userId: 'AIDABENCHASSUMEROLE01', name: 'bench', entityId: 'AIDABENCHASSUMEROLE01', accessKeyId: 'AKIA' };
  const at = new Date();
  const ctx = { ...built.services, requestId: 'bench', service: 'sts' as const, action: 'AssumeRole', accountId: ACCOUNT, principal, sourceIp: '127.0.0.1', region: 'us-east-1', partition: 'aws', secureTransport: false, now: () => at };
  const req = { caller: { kind: 'aws' as const, principal }, role, actions: ['sts:AssumeRole'], context: { 'sts:ExternalId': 'bench-ext', 'sts:RoleSessionName': 'bench' }, mfaPresent: false };
  if (!decideAssume(ctx, req).allowed) throw new Error('bench decision should allow');
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) decideAssume(ctx, req);
    n += 100;
  }
  const perSec = n / ((performance.now() - t0) / 1000);
  await built.close();
  return { decisionsPerSec: Math.round(perSec) };
}

const server = await throughServer();
const decision = await decisionOnly().catch((e: Error) => ({ decisionsPerSec: NaN, error: e.message }));
const rows: Row[] = [
  { figure: 'AssumeRole/s, sequential (SDK → server, enforce=on)', value: String(server.sequentialPerSec) },
  { figure: 'latency p50 / p99 (ms)', value: `${server.p50Ms} / ${server.p99Ms}` },
  { figure: `AssumeRole/s, ${server.concurrency} concurrent`, value: String(server.concurrentPerSec), reference: `${server.errors} errors` },
  { figure: 'trust decision alone (trust + identity policies) /s', value: String(decision.decisionsPerSec) },
  { figure: 'server RSS after the run (MB)', value: String(server.serverRssMb) },
];
printTable('sts:AssumeRole with trust evaluation (IAM_LOCAL_ENFORCE=on)', rows);
writeResult('assume-role', { seconds: SECONDS, server, decision });
