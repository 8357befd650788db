import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, DeleteRoleCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromContainerMetadata, fromHttp, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { startServer, type TestServer } from './helpers/server.js';
import { ECS_TRUST, raw, withAwsEnv } from './helpers/metadata.js';

const ACCOUNT = '000000000000';
let t: TestServer;
let tmp: string;

interface Task {
  taskId: string;
  credentialsUri: string;
  relativeUri: string;
  eksCredentialsUri: string;
  authorizationToken: string | null;
}

async function task(body: Record<string, unknown>): Promise<Task> {
  const res = await t.admin('POST', '/_iam/tasks', body);
  expect(res.status).toBe(201);
  return res.json;
}

const callerArn = async (creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  (await t.stsAs(creds).send(new GetCallerIdentityCommand({}))).Arn;

beforeAll(async () => {
  t = await startServer();
  tmp = mkdtempSync(join(tmpdir(), 'iam-local-cc-'));
  await t.iam.send(new CreateRoleCommand({ RoleName: 'task-role', AssumeRolePolicyDocument: ECS_TRUST }));
  await t.iam.send(new CreateRoleCommand({ RoleName: 'pod-role', AssumeRolePolicyDocument: ECS_TRUST }));
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await t.close();
});

describe('ECS task role credentials', () => {
  it('serves the ECS shape at the credentials URI to fromContainerMetadata with AWS_CONTAINER_AUTHORIZATION_TOKEN', async () => {
    const tk = await task({ roleName: 'task-role' });
    expect(tk.credentialsUri).toBe(`${t.url}/v2/credentials/${tk.taskId}`);
    expect(tk.authorizationToken).toEqual(expect.any(String));
    const creds = await withAwsEnv(
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: tk.credentialsUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: tk.authorizationToken! },
      () => fromContainerMetadata()(),
    );
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/task-role/${tk.taskId}`);

    const r = await raw(tk.credentialsUri, { headers: { authorization: tk.authorizationToken! } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    const body = JSON.parse(r.body);
    expect(Object.keys(body)).toEqual(['RoleArn', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
    expect(body.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/task-role`);
    expect(body.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Handed out again until renewal is due.
    expect(body.AccessKeyId).toBe(creds.accessKeyId);
  });

  it('works through the default chain (fromHttp) with a token file', async () => {
    const tk = await task({ roleName: 'task-role', authorizationToken: 'file-token-123' });
    const file = join(tmp, 'token');
    writeFileSync(file, 'file-token-123');
    const creds = await withAwsEnv(
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: tk.credentialsUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file },
      () => fromNodeProviderChain()(),
    );
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/task-role/${tk.taskId}`);
  });

  it('refuses a missing or wrong Authorization header', async () => {
    const tk = await task({ roleName: 'task-role' });
    const attempts: Record<string, string>[] = [{}, { authorization: 'wrong' }, { authorization: `${tk.authorizationToken}x` }];
    for (const headers of attempts) {
      const r = await raw(tk.credentialsUri, { headers });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body).Code).toBe('AccessDenied');
    }
    const err = await withAwsEnv(
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: tk.credentialsUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong' },
      () => fromHttp({ maxRetries: 0 })().then(() => undefined, (e) => e),
    );
    expect(String(err)).toMatch(/401/);
  });

  it('serves a task without a token to any caller, and answers 400 for an unknown id', async () => {
    const tk = await task({ roleName: 'task-role', authorizationToken: null });
    expect(tk.authorizationToken).toBeNull();
    const creds = await withAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: tk.credentialsUri }, () => fromContainerMetadata()());
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/task-role/${tk.taskId}`);
    const unknown = await raw(`${t.url}/v2/credentials/00000000-no-such-task`);
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).code).toBe('InvalidIdInRequest');
  });

  it('lists and removes tasks; refuses tasks for roles that do not exist', async () => {
    const tk = await task({ roleName: 'task-role', taskId: 'named-task' });
    expect(tk.credentialsUri).toBe(`${t.url}/v2/credentials/named-task`);
    const dup = await t.admin('POST', '/_iam/tasks', { roleName: 'task-role', taskId: 'named-task' });
    expect(dup.status).toBe(409);
    const list = await t.admin('GET', '/_iam/tasks');
    expect(list.json.tasks.map((x: Task) => x.taskId)).toContain('named-task');
    expect((await t.admin('DELETE', '/_iam/tasks/named-task')).status).toBe(200);
    expect((await raw(tk.credentialsUri, { headers: { authorization: tk.authorizationToken! } })).status).toBe(400);
    expect((await t.admin('DELETE', '/_iam/tasks/named-task')).status).toBe(404);
    expect((await t.admin('POST', '/_iam/tasks', { roleName: 'ghost' })).status).toBe(404);
    expect((await t.admin('POST', '/_iam/tasks', {})).status).toBe(400);
  });

  it('stops answering with credentials when the role is deleted', async () => {
    await t.iam.send(new CreateRoleCommand({ RoleName: 'short-lived', AssumeRolePolicyDocument: ECS_TRUST }));
    const tk = await task({ roleName: 'short-lived', authorizationToken: null });
    expect((await raw(tk.credentialsUri)).status).toBe(200);
    await t.iam.send(new DeleteRoleCommand({ RoleName: 'short-lived' }));
    const r = await raw(tk.credentialsUri);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).Code).toBe('NoSuchEntity');
  });
});

describe('the role must trust the service that assumes it', () => {
  it('refuses a task whose role trusts neither ECS tasks nor EKS pods, as RunTask does', async () => {
    const lambda = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    await t.iam.send(new CreateRoleCommand({ RoleName: 'lambda-role', AssumeRolePolicyDocument: lambda }));
    const res = await t.admin('POST', '/_iam/tasks', { roleName: 'lambda-role' });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe(
      `ECS was unable to assume the role 'arn:aws:iam::${ACCOUNT}:role/lambda-role' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`,
    );
  });

  it('serves the ECS path to a role trusting ecs-tasks only, but not the EKS path', async () => {
    const ecsOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    await t.iam.send(new CreateRoleCommand({ RoleName: 'ecs-only', AssumeRolePolicyDocument: ecsOnly }));
    const tk = await task({ roleName: 'ecs-only' });
    const auth = { authorization: tk.authorizationToken! };
    expect((await raw(tk.credentialsUri, { headers: auth })).status).toBe(200);
    const eks = await raw(tk.eksCredentialsUri, { headers: auth });
    expect(eks.status).toBe(403);
    expect(JSON.parse(eks.body).Code).toBe('AccessDenied');
  });
});

describe('EKS Pod Identity credentials', () => {
  it('serves the EKS shape at /v1/credentials to the token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', async () => {
    const tk = await task({ roleName: 'pod-role' });
    expect(tk.eksCredentialsUri).toBe(`${t.url}/v1/credentials`);
    const file = join(tmp, 'eks-pod-identity-token');
    writeFileSync(file, tk.authorizationToken!);
    const creds = await withAwsEnv(
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: tk.eksCredentialsUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file },
      () => fromNodeProviderChain()(),
    );
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/pod-role/${tk.taskId}`);

    const r = await raw(tk.eksCredentialsUri, { headers: { authorization: tk.authorizationToken! } });
    const body = JSON.parse(r.body);
    expect(Object.keys(body)).toEqual(['AccessKeyId', 'SecretAccessKey', 'Token', 'AccountId', 'Expiration']);
    expect(body.AccountId).toBe(ACCOUNT);
    expect((await raw(tk.eksCredentialsUri, { headers: { authorization: 'not-a-pod-token' } })).status).toBe(401);
  });
});

describe('address-based binding (stand-ins for docker-compose containers)', () => {
  it('answers the ECS relative path by the client address, each container its own role', async () => {
    const one = await task({ roleName: 'task-role', authorizationToken: null, clientAddresses: ['127.0.0.2'] });
    const two = await task({ roleName: 'pod-role', authorizationToken: null, clientAddresses: ['127.0.0.3'] });
    // The relative URI a compose file sets for every container alike.
    const fetchFrom = async (localAddress: string) => {
      const r = await raw(`${t.url}/v2/credentials/compose`, { localAddress });
      expect(r.status).toBe(200);
      return JSON.parse(r.body);
    };
    const c1 = await fetchFrom('127.0.0.2');
    const c2 = await fetchFrom('127.0.0.3');
    expect(c1.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/task-role`);
    expect(c2.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/pod-role`);
    expect(await callerArn({ accessKeyId: c1.AccessKeyId, secretAccessKey: c1.SecretAccessKey, sessionToken: c1.Token })).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/task-role/${one.taskId}`,
    );
    expect(await callerArn({ accessKeyId: c2.AccessKeyId, secretAccessKey: c2.SecretAccessKey, sessionToken: c2.Token })).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/pod-role/${two.taskId}`,
    );
    expect((await raw(`${t.url}/v2/credentials/compose`, { localAddress: '127.0.0.4' })).status).toBe(400);
  });
});

// Last: moves the server clock.
describe('renewal', () => {
  it('hands out new credentials once the clock nears the old ones\' expiry', async () => {
    const tk = await task({ roleName: 'task-role', authorizationToken: null });
    const first = JSON.parse((await raw(tk.credentialsUri)).body);
    const lifetime = (Date.parse(first.Expiration) - Date.now()) / 1000;
    await t.admin('POST', '/_iam/clock', { advanceSeconds: Math.ceil(lifetime) + 1 });
    const creds = await withAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: tk.credentialsUri }, () => fromContainerMetadata()());
    expect(creds.accessKeyId).not.toBe(first.AccessKeyId);
    expect(creds.expiration!.getTime()).toBeGreaterThan(Date.parse(first.Expiration));
    const offsetMs = (await t.admin('GET', '/_iam/clock')).json.offsetSeconds * 1000;
    const sts = new STSClient({ endpoint: t.url, region: 'us-east-1', credentials: creds, maxAttempts: 1, systemClockOffset: offsetMs });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/task-role/${tk.taskId}`);
  });
});
