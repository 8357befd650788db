// The clients people use, against a live server: the AWS SDK v3 for JavaScript configured only by
// the standard AWS_ENDPOINT_URL* variables, and the boto3 / AWS CLI end-to-end scripts in test/e2e/
// (Debian's python3-boto3 and awscli; .ci/run installs them, and these tests say so when skipped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IAMClient, CreateUserCommand, DeleteUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startServer, type TestServer } from './helpers/server.js';

const E2E = fileURLToPath(new URL('./e2e/', import.meta.url));
// Debian's python3 (where python3-boto3 lives) may not be first on PATH (pyenv): call it by path.
const PYTHON = '/usr/bin/python3';
const hasBoto3 = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import boto3'], { cwd: '/' }).status === 0;
const AWS_CLI = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const hasAwsCli = spawnSync(AWS_CLI, ['--version'], { stdio: 'ignore' }).status === 0;

if (!hasBoto3) console.warn('clients.test: boto3 e2e SKIPPED: /usr/bin/python3 cannot import boto3 (apt-get install python3-boto3; .ci/run does this)');
if (!hasAwsCli) console.warn('clients.test: AWS CLI e2e SKIPPED: no aws command (apt-get install awscli; .ci/run does this)');

/** Runs a script without blocking this process's event loop (the server lives in it). */
function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd: '/' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('clients', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('AWS SDK v3 for JavaScript: AWS_ENDPOINT_URL_IAM / _STS and the default credential chain are all it needs', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_IAM: t.url,
      AWS_ENDPOINT_URL_STS: t.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
    });
    delete process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_SESSION_TOKEN;
    try {
      const iam = new IAMClient({});
      const sts = new STSClient({});
      await iam.send(new CreateUserCommand({ UserName: 'sdk-v3-user' }));
      expect((await iam.send(new GetUserCommand({ UserName: 'sdk-v3-user' }))).User!.Arn).toBe('arn:aws:iam::000000000000:user/sdk-v3-user');
      expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::000000000000:root');
      await iam.send(new DeleteUserCommand({ UserName: 'sdk-v3-user' }));

      // The one variable for every service works too.
      delete process.env.AWS_ENDPOINT_URL_IAM;
      delete process.env.AWS_ENDPOINT_URL_STS;
      process.env.AWS_ENDPOINT_URL = t.url;
      expect((await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it.skipIf(!hasBoto3)('boto3: test/e2e/boto3.py (users, groups, roles, policies, keys, AssumeRole, errors, cleanup)', async () => {
    const r = await run(PYTHON, [E2E + 'boto3.py'], { IAM_LOCAL_URL: t.url });
    expect(r.stderr.replace(/.*Warning.*\n?/g, '')).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^boto3 [\d.]+ e2e against http:\/\/127\.0\.0\.1:\d+: OK\n$/);
  }, 120_000);

  it.skipIf(!hasAwsCli)('AWS CLI: test/e2e/awscli.sh (the same flow with `aws iam` / `aws sts`)', async () => {
    const r = await run('bash', [E2E + 'awscli.sh'], { IAM_LOCAL_URL: t.url, AWS_CLI });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^aws-cli\/[\d.]+ e2e against http:\/\/127\.0\.0\.1:\d+: OK\n$/);
  }, 300_000);

  it.skipIf(!hasBoto3)('the e2e scripts fail loudly when iam-local does not answer as AWS would', async () => {
    // Pointed at a port where nothing listens, the script must fail, not pass vacuously.
    const r = await run(PYTHON, [E2E + 'boto3.py'], { IAM_LOCAL_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^boto3 e2e FAILED: /);
  }, 60_000);
});
