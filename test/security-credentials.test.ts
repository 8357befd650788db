// Issue #22, item 7: credentials die with their source, and the well-known keys prove nothing
// beyond loopback.
//  - A console session signed in with a root access key ends when that key is deleted or
//    deactivated; a user's console session ends when the user is deleted.
//  - STS temporary credentials cannot be revoked on AWS ("valid through the expiration period");
//    a deleted user's GetSessionToken credentials keep authenticating there and here, but carry
//    none of the user's permissions any more (enforcement on): asserted below as AWS documents it.
//  - `test`/`test`, 12-digit key ids (any secret) and unknown keys (IAM_LOCAL_ENFORCE=off) are
//    accepted only while the server listens on loopback, unless IAM_LOCAL_BOOTSTRAP_KEYS=on
//    (or never: =off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  ListAccessKeysCommand,
  CreateRoleCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import type { ConfigOverrides } from '../src/config.js';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

const PASSWORD = 'Correct-Horse-9-Battery';

function consoleOf(t: TestServer) {
  const post = async (path: string, body: unknown, cookie?: string) => {
    const res = await fetch(`${t.url}/_iam/console/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: await res.json(), cookie: res.headers.get('set-cookie')?.split(';')[0] };
  };
  const me = async (cookie: string) => (await fetch(`${t.url}/_iam/console/api/me`, { headers: { cookie } })).status;
  return { post, me };
}

describe('console sessions end with their source', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('a root access key deactivated, then deleted: its console session ends', async () => {
    const c = consoleOf(t);
    const key = (await t.iam.send(new CreateAccessKeyCommand({}))).AccessKey!;
    const s1 = await c.post('/signin', { kind: 'root', accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey });
    expect(s1.status).toBe(200);
    expect(await c.me(s1.cookie!)).toBe(200);
    await t.iam.send(new UpdateAccessKeyCommand({ AccessKeyId: key.AccessKeyId, Status: 'Inactive' }));
    expect(await c.me(s1.cookie!)).toBe(401);
    // Active again: the ended session stays ended (sign in anew).
    await t.iam.send(new UpdateAccessKeyCommand({ AccessKeyId: key.AccessKeyId, Status: 'Active' }));
    expect(await c.me(s1.cookie!)).toBe(401);
    const s2 = await c.post('/signin', { kind: 'root', accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey });
    expect(await c.me(s2.cookie!)).toBe(200);
    await t.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: key.AccessKeyId }));
    const call = await c.post('/call', { service: 'iam', action: 'ListUsers', params: {} }, s2.cookie);
    expect(call.status).toBe(401);
  });

  it('a deleted user: the console session ends, and a new user of the same name does not inherit it', async () => {
    const c = consoleOf(t);
    await t.iam.send(new CreateUserCommand({ UserName: 'leaver' }));
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'leaver', Password: PASSWORD }));
    const s = await c.post('/signin', { kind: 'user', accountId: '000000000000', userName: 'leaver', password: PASSWORD });
    expect(s.status, JSON.stringify(s.json)).toBe(200);
    expect(await c.me(s.cookie!)).toBe(200);
    await t.iam.send(new DeleteLoginProfileCommand({ UserName: 'leaver' }));
    await t.iam.send(new DeleteUserCommand({ UserName: 'leaver' }));
    expect(await c.me(s.cookie!)).toBe(401);
    await t.iam.send(new CreateUserCommand({ UserName: 'leaver' }));
    expect(await c.me(s.cookie!)).toBe(401);
  });
});

describe("a deleted user's STS session (AWS cannot revoke temporary credentials)", () => {
  it('keeps authenticating until it expires, with none of the permissions the user had', async () => {
    const t = await startServer({ enforce: 'on' });
    try {
      await t.iam.send(new CreateUserCommand({ UserName: 'temp' }));
      await t.iam.send(new AttachUserPolicyCommand({ UserName: 'temp', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      await t.iam.send(
        new CreateRoleCommand({
          RoleName: 'target',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }],
          }),
        }),
      );
      const k = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'temp' }))).AccessKey!;
      const user = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
      const st = (await t.stsAs(user).send(new GetSessionTokenCommand({}))).Credentials!;
      const session = { accessKeyId: st.AccessKeyId!, secretAccessKey: st.SecretAccessKey!, sessionToken: st.SessionToken! };
      const assume = () => t.stsAs(session).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/target', RoleSessionName: 'after-delete' }));
      await expect(assume()).resolves.toBeTruthy();
      await t.iam.send(new DetachUserPolicyCommand({ UserName: 'temp', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      await t.iam.send(new DeleteAccessKeyCommand({ UserName: 'temp', AccessKeyId: k.AccessKeyId }));
      await t.iam.send(new DeleteUserCommand({ UserName: 'temp' }));
      // The long-term key is gone…
      expect((await sdkError(t.iamAs(user).send(new ListAccessKeysCommand({})))).name).toBe('InvalidClientTokenId');
      // …the session still authenticates (AWS: valid through its expiration) but may do nothing.
      expect((await t.stsAs(session).send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::000000000000:user/temp');
      expect((await sdkError(assume())).name).toBe('AccessDenied');
    } finally {
      await t.close();
    }
  });
});

describe('the well-known keys', () => {
  const attempt = async (overrides: ConfigOverrides, creds: { accessKeyId: string; secretAccessKey: string }) => {
    const t = await startServer(overrides);
    try {
      const r = await t.stsAs(creds).send(new GetCallerIdentityCommand({})).then(
        (o) => o.Arn,
        (e) => e.name as string,
      );
      const consoleSignIn = await consoleOf(t).post('/signin', { kind: 'root', ...creds });
      return { r, console: consoleSignIn.status };
    } finally {
      await t.close();
    }
  };
  const TEST = { accessKeyId: 'test', secretAccessKey: 'test' };
  const TWELVE = { accessKeyId: '123456789012', secretAccessKey: 'anything' };
  const UNKNOWN = { accessKeyId: 'AKIAUNKNOWNKEY000001', secretAccessKey: 'anything' };

  it('on loopback (the default): accepted as documented', async () => {
    expect((await attempt({}, TEST)).r).toBe('arn:aws:iam::000000000000:root');
    expect((await attempt({}, TEST)).console).toBe(200);
    expect((await attempt({}, TWELVE)).r).toBe('arn:aws:iam::123456789012:root');
    expect((await attempt({}, UNKNOWN)).r).toBe('arn:aws:iam::000000000000:root');
  });

  it('beyond loopback (HOST=0.0.0.0): refused, API and console, unless IAM_LOCAL_BOOTSTRAP_KEYS=on', async () => {
    for (const creds of [TEST, TWELVE, UNKNOWN]) expect((await attempt({ host: '0.0.0.0' }, creds)).r, creds.accessKeyId).toBe('InvalidClientTokenId');
    expect((await attempt({ host: '0.0.0.0' }, TEST)).console).toBe(401);
    expect((await attempt({ host: '0.0.0.0', bootstrapKeys: 'on' }, TEST)).r).toBe('arn:aws:iam::000000000000:root');
    expect((await attempt({ host: '0.0.0.0', bootstrapKeys: 'on' }, TWELVE)).r).toBe('arn:aws:iam::123456789012:root');
  });

  it('IAM_LOCAL_BOOTSTRAP_KEYS=off: refused even on loopback; 12-digit keys never in enforce=on', async () => {
    expect((await attempt({ bootstrapKeys: 'off' }, TEST)).r).toBe('InvalidClientTokenId');
    expect((await attempt({ enforce: 'on' }, TWELVE)).r).toBe('InvalidClientTokenId');
  });
});
