// The console's JSON API (/_iam/console/api/*) without a browser: sign-in kinds, the session
// cookie, calls through execute() with AWS's codes and statuses, the validator's positions, the
// action search, and the guards (no session, not JSON).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetLoginProfileCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t?.close();
});

interface Answer {
  status: number;
  json: any;
  cookie?: string;
  setCookie?: string | null;
}

async function post(path: string, body: unknown, cookie?: string, contentType = 'application/json'): Promise<Answer> {
  const res = await fetch(`${t.url}/_iam/console/api${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, json: await res.json(), setCookie, cookie: setCookie?.split(';')[0] };
}
const get = async (path: string, cookie?: string) => {
  const res = await fetch(`${t.url}/_iam/console/api${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, json: await res.json() };
};
const rootSession = async () => (await post('/signin', { kind: 'root', accessKeyId: 'test', secretAccessKey: 'test' })).cookie!;

describe('sign-in', () => {
  it('root with the bootstrap key: an HttpOnly SameSite=Strict session cookie', async () => {
    const r = await post('/signin', { kind: 'root', accessKeyId: 'test', secretAccessKey: 'test' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ kind: 'root', accountId: '000000000000', arn: 'arn:aws:iam::000000000000:root', mfa: false });
    expect(r.setCookie).toMatch(/^iam_local_console=[A-Za-z0-9_-]{43}; Path=\/_iam\/console; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect((await get('/me', r.cookie)).json.arn).toBe('arn:aws:iam::000000000000:root');
  });

  it('root with a stored root access key of another account; not once the key is inactive', async () => {
    const other = t.iamAs({ accessKeyId: '111111111111', secretAccessKey: 'any' });
    const key = (await other.send(new CreateAccessKeyCommand({}))).AccessKey!;
    const ok = await post('/signin', { kind: 'root', accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey });
    expect(ok.json).toMatchObject({ kind: 'root', accountId: '111111111111', arn: 'arn:aws:iam::111111111111:root' });
    const who = await post('/call', { service: 'sts', action: 'GetCallerIdentity', params: {} }, ok.cookie);
    expect(who.json.output).toEqual({ UserId: '111111111111', Account: '111111111111', Arn: 'arn:aws:iam::111111111111:root' });

    const wrong = await post('/signin', { kind: 'root', accessKeyId: key.AccessKeyId, secretAccessKey: 'x'.repeat(40) });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('InvalidClientTokenId');
    await other.send(new UpdateAccessKeyCommand({ AccessKeyId: key.AccessKeyId, Status: 'Inactive' }));
    const inactive = await post('/signin', { kind: 'root', accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey });
    expect(inactive.status).toBe(401);
  });

  it('an IAM user by account alias and password; a required reset is reported and ChangePassword clears it', async () => {
    await t.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-dev' }));
    await t.iam.send(new CreateUserCommand({ UserName: 'carol' }));
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'First-Pass-1', PasswordResetRequired: true }));
    const bad = await post('/signin', { kind: 'user', accountId: 'acme-dev', userName: 'carol', password: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.json.error).toEqual({ code: 'AuthenticationFailed', message: 'Your authentication information is incorrect. Please try again.', status: 401 });

    const r = await post('/signin', { kind: 'user', accountId: 'acme-dev', userName: 'carol', password: 'First-Pass-1' });
    expect(r.json).toMatchObject({ kind: 'user', accountId: '000000000000', userName: 'carol', mfa: false, passwordResetRequired: true });
    const changed = await post('/call', { action: 'ChangePassword', params: { OldPassword: 'First-Pass-1', NewPassword: 'Second-Pass-2' } }, r.cookie);
    expect(changed.status).toBe(200);
    expect((await get('/me', r.cookie)).json.passwordResetRequired).toBe(false);
    const profile = await t.iam.send(new GetLoginProfileCommand({ UserName: 'carol' }));
    expect(profile.LoginProfile?.PasswordResetRequired).toBe(false);
  });

  it('sign-out ends the session', async () => {
    const cookie = await rootSession();
    expect((await post('/signout', {}, cookie)).setCookie).toContain('Max-Age=0');
    expect((await get('/me', cookie)).status).toBe(401);
  });
});

describe('API guards', () => {
  it('no session: 401 NotSignedIn, and nothing runs', async () => {
    const r = await post('/call', { action: 'CreateUser', params: { UserName: 'sneaky' } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('NotSignedIn');
    const cookie = await rootSession();
    expect((await post('/call', { action: 'GetUser', params: { UserName: 'sneaky' } }, cookie)).json.error.code).toBe('NoSuchEntity');
  });

  it('a POST that is not JSON (what a cross-site form could send) is refused', async () => {
    const cookie = await rootSession();
    const r = await post('/call', 'action=CreateUser', cookie, 'application/x-www-form-urlencoded');
    expect(r.status).toBe(415);
  });
});

describe('calls through execute()', () => {
  it('flat Query params, the model validation, AWS codes and HTTP statuses, dates as ISO strings', async () => {
    const cookie = await rootSession();
    const made = await post('/call', { service: 'iam', action: 'CreateUser', params: { UserName: 'dave', 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'blue' } }, cookie);
    expect(made.status).toBe(200);
    expect(made.json.output.User).toMatchObject({ UserName: 'dave', Arn: 'arn:aws:iam::000000000000:user/dave', Tags: [{ Key: 'team', Value: 'blue' }] });
    expect(made.json.output.User.CreateDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const again = await post('/call', { action: 'CreateUser', params: { UserName: 'dave' } }, cookie);
    expect(again.status).toBe(409);
    expect(again.json.error).toEqual({ code: 'EntityAlreadyExists', message: 'User with name dave already exists.', status: 409 });

    const invalid = await post('/call', { action: 'CreateUser', params: { UserName: '' } }, cookie);
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('ValidationError');

    const unknown = await post('/call', { action: 'MakeCoffee', params: {} }, cookie);
    expect(unknown.json.error).toEqual({ code: 'InvalidAction', message: 'Could not find operation MakeCoffee for version 2010-05-08', status: 400 });
  });

  it('the credential report content arrives as CSV text', async () => {
    const cookie = await rootSession();
    for (let i = 0; i < 20; i++) {
      const s = await post('/call', { action: 'GenerateCredentialReport', params: {} }, cookie);
      if (s.json.output.State === 'COMPLETE') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const rep = await post('/call', { action: 'GetCredentialReport', params: {} }, cookie);
    expect(rep.json.output.ReportFormat).toBe('text/csv');
    expect(rep.json.output.Content.split('\n')[0]).toMatch(/^user,arn,user_creation_time,password_enabled,/);
  });
});

describe('policy validation for the editor', () => {
  const validate = async (document: string, kind = 'identity') => (await post('/validate', { document, kind }, await rootSession())).json;

  it('valid, and a JSON syntax error with its line and column', async () => {
    expect(await validate('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}')).toEqual({ ok: true });
    expect(await validate('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",, }\n  ]\n}')).toEqual({
      ok: false,
      code: 'MalformedPolicyDocument',
      // A managed policy that is not JSON: "Syntax errors in policy." (recorded: localstack/localstack
      // tests/aws/services/iam/test_iam_policies.snapshot.json test_create_policy_invalid_document[invalid-0], 18-02-2026).
      message: 'Syntax errors in policy.',
      line: 4,
      column: 24,
    });
  });

  it('a grammar error: the position of the offending statement, and the kind decides', async () => {
    const doc = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},\n    {"Effect": "Allow", "Action": "s3:*"}\n  ]\n}';
    expect(await validate(doc)).toEqual({
      ok: false,
      code: 'MalformedPolicyDocument',
      message: 'Policy statement must contain resources.',
      line: 5,
      column: 5,
      endLine: 5,
      endColumn: 42,
      statement: 1,
    });
    const trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    expect(await validate(trust, 'trust')).toMatchObject({ ok: false, code: 'MalformedPolicyDocument', line: 1, column: 38, statement: 0 });
  });

  it('an unsupported Version points at the Version key', async () => {
    expect(await validate('{\n  "Version": "2020-01-01",\n  "Statement": []\n}')).toEqual({
      ok: false,
      code: 'MalformedPolicyDocument',
      // An unknown Version is a syntax error (recorded: the same file, invalid-3 "2013-10-17").
      message: 'Syntax errors in policy.',
      line: 2,
      column: 3,
    });
  });
});

describe('action search (simulator)', () => {
  it('by service prefix, with IAM wildcards, and across services', async () => {
    const cookie = await rootSession();
    const s3 = (await get('/actions?q=s3:GetObjectT', cookie)).json;
    expect(s3.actions.map((a: { action: string }) => a.action)).toContain('s3:GetObjectTagging');
    expect(s3.actions.find((a: { action: string }) => a.action === 's3:GetObjectTagging').accessLevel).toBe('Read');
    const wild = (await get('/actions?q=iam:*AccessKey', cookie)).json;
    expect(wild.actions.map((a: { action: string }) => a.action).sort()).toEqual(['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:UpdateAccessKey']);
    const any = (await get('/actions?q=AssumeRoleWithSAML', cookie)).json;
    expect(any.actions.map((a: { action: string }) => a.action)).toEqual(['sts:AssumeRoleWithSAML']);
  });
});
