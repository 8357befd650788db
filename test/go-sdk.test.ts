// The fourth client family: the AWS SDK for Go v2 (Terraform's AWS provider is built on it), as
// Debian packages it. test/e2e/go/main.go is built in GOPATH mode and run against a live server:
// IAM and STS calls, typed errors, pagination, and the SDK's default credential chain through an
// instance's IMDSv2 endpoint and a task's container-credentials endpoint. (The same program runs
// with no AWS variables at all inside the network-namespace test, test/compose-netns.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateInstanceProfileCommand, AddRoleToInstanceProfileCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { startServer, type TestServer } from './helpers/server.js';
import { EC2_TRUST, ECS_TRUST } from './helpers/metadata.js';
import { buildGoE2e, goUnavailableReason } from './e2e/go-build.js';

const reason = goUnavailableReason();
if (reason) console.warn(`go-sdk.test: SKIPPED: ${reason}`);

function run(bin: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(bin, args, { env, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe.skipIf(reason !== undefined)('AWS SDK for Go v2 (Debian golang-github-aws-aws-sdk-go-v2-dev)', () => {
  let t: TestServer;
  let bin: string;
  let home: string;
  beforeAll(async () => {
    [t, bin] = await Promise.all([startServer(), buildGoE2e()]);
    home = mkdtempSync(join(tmpdir(), 'iam-local-go-home-'));
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  // Nothing from this machine's environment: an empty HOME, no AWS variable except the one given.
  const env = (vars: Record<string, string> = {}) => ({ PATH: '/usr/bin:/bin', HOME: home, ...vars });

  it('IAM and STS calls, typed errors (NoSuchEntityException, EntityAlreadyExistsException, smithy.APIError), pagination, AssumeRole', async () => {
    const r = await run(bin, ['api', t.url], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('OK (5 users in 3 pages, typed errors, AssumeRole)');
  });

  it('the default credential chain finds IMDSv2 (an instance that requires tokens) and gets the instance role', async () => {
    await t.iam.send(new CreateRoleCommand({ RoleName: 'go-instance-role', AssumeRolePolicyDocument: EC2_TRUST }));
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'go-profile' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'go-profile', RoleName: 'go-instance-role' }));
    // Bound to this machine's loopback address: the Go program calls the instance's own listener from it.
    const launched = await t.admin('POST', '/_iam/instances', { instanceProfileName: 'go-profile', httpTokens: 'required', clientAddresses: ['127.0.0.1'] });
    expect(launched.status).toBe(201);
    const r = await run(bin, ['chain', t.url], env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: launched.json.endpoint }));
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      arn: `arn:aws:sts::000000000000:assumed-role/go-instance-role/${launched.json.instanceId}`,
      source: 'EC2RoleProvider',
    });
    expect(out.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
  });

  it('the default credential chain uses the container endpoint (full URI + authorization token) and gets the task role', async () => {
    await t.iam.send(new CreateRoleCommand({ RoleName: 'go-task-role', AssumeRolePolicyDocument: ECS_TRUST }));
    const task = await t.admin('POST', '/_iam/tasks', { roleName: 'go-task-role', taskId: 'go-task' });
    expect(task.status).toBe(201);
    const vars = { AWS_CONTAINER_CREDENTIALS_FULL_URI: task.json.credentialsUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: task.json.authorizationToken };
    const r = await run(bin, ['chain', t.url], env(vars));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ arn: 'arn:aws:sts::000000000000:assumed-role/go-task-role/go-task', source: 'CredentialsEndpointProvider' });
    // Without the token the endpoint refuses, and the chain has nothing else to fall back on.
    const denied = await run(bin, ['chain', t.url], env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: task.json.credentialsUri }));
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/go e2e FAILED: default credential chain: .*AccessDenied/s);
  });
});
