// Starts a real iam-local on an ephemeral port for a test file, with SDK clients pointed at it.
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { loadConfig, type ConfigOverrides } from '../../src/config.js';
import { buildServer, type BuiltServer } from '../../src/server.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface TestServer {
  url: string;
  server: BuiltServer;
  iam: IAMClient;
  sts: STSClient;
  iamAs(creds: Credentials): IAMClient;
  stsAs(creds: Credentials): STSClient;
  /** POSTs raw Query parameters (unsigned unless headers say otherwise). */
  query(params: Record<string, string>, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  admin<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
  close(): Promise<void>;
}

export const ROOT: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export async function startServer(overrides: ConfigOverrides = {}): Promise<TestServer> {
  const config = loadConfig({}, { port: 0, dbPath: ':memory:', logLevel: 'silent', ...overrides });
  const server = await buildServer(config);
  const url = await server.listen();
  const iamAs = (creds: Credentials) =>
    new IAMClient({ endpoint: url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  const stsAs = (creds: Credentials) =>
    new STSClient({ endpoint: url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  return {
    url,
    server,
    iam: iamAs(ROOT),
    sts: stsAs(ROOT),
    iamAs,
    stsAs,
    async query(params, headers = {}) {
      const res = await fetch(url + '/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(params).toString(),
      });
      return { status: res.status, body: await res.text() };
    },
    async admin(method, path, body) {
      const res = await fetch(url + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
    close: () => server.close(),
  };
}

/** Runs fn and returns the SDK error it throws (fails the test if it does not throw). */
export async function sdkError(p: Promise<unknown>): Promise<{ name: string; message: string; status: number }> {
  try {
    await p;
  } catch (e: any) {
    return { name: e.name ?? e.Code, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Creates an IAM user (in the account `as` signs for; root `test` by default) with an access key,
 * and returns its credentials and SDK clients signed as that user.
 */
export async function userWithKey(
  t: TestServer,
  userName: string,
  options: { path?: string; as?: Credentials } = {},
): Promise<{ creds: Credentials; iam: IAMClient; sts: STSClient; userId: string; arn: string }> {
  const { CreateUserCommand, CreateAccessKeyCommand } = await import('@aws-sdk/client-iam');
  const admin = options.as ? t.iamAs(options.as) : t.iam;
  const user = await admin.send(new CreateUserCommand({ UserName: userName, Path: options.path }));
  const key = await admin.send(new CreateAccessKeyCommand({ UserName: userName }));
  const creds = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  return { creds, iam: t.iamAs(creds), sts: t.stsAs(creds), userId: user.User!.UserId!, arn: user.User!.Arn! };
}
