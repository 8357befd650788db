import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IAMClient,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  DeleteLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { parse } from 'csv-parse/sync';
import { Secret, TOTP } from 'otpauth';
import { ROOT, sdkError, startServer, type TestServer } from './helpers/server.js';
import { verifyConsolePassword } from '../src/iam/login-profiles.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ACCOUNT = '000000000000';
const COLUMNS =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

/** Moves the server's clock and returns a client whose SigV4 clock moved with it. */
async function advance(seconds: number): Promise<IAMClient> {
  const { json } = await t.admin('POST', '/_iam/clock', { advanceSeconds: seconds });
  return new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1, systemClockOffset: json.offsetSeconds * 1000 });
}

async function getReport(iam = t.iam) {
  const res = await iam.send(new GetCredentialReportCommand({}));
  const text = Buffer.from(res.Content!).toString('utf8');
  return { res, text, rows: parse(text, { columns: true }) as Record<string, string>[] };
}

describe('credential report', () => {
  it('answers ReportNotPresent (410) before any report was generated', async () => {
    const err = await sdkError(t.iam.send(new GetCredentialReportCommand({})));
    expect(err.name).toBe('CredentialReportNotPresentException');
    expect(err.status).toBe(410);
  });

  it('is STARTED, then in progress, then COMPLETE, and lists every user with AWS columns and markers', async () => {
    // alice: password (used), MFA, two keys (one used, one inactive).
    await t.iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/' }));
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Alice-Pass-123' }));
    const k1 = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    const k2 = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    await t.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: k2.AccessKeyId!, Status: 'Inactive' }));
    const asAlice = t.iamAs({ accessKeyId: k1.AccessKeyId!, secretAccessKey: k1.SecretAccessKey! });
    await asAlice.send(new ListUsersCommand({}));
    const mfa = await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' }));
    const totp = new TOTP({ secret: Secret.fromBase32(Buffer.from(mfa.VirtualMFADevice!.Base32StringSeed!).toString('ascii')) });
    const now = Date.parse((await t.admin('GET', '/_iam/clock')).json.now);
    await t.iam.send(
      new EnableMFADeviceCommand({
        UserName: 'alice',
        SerialNumber: mfa.VirtualMFADevice!.SerialNumber!,
        AuthenticationCode1: totp.generate({ timestamp: now - 30_000 }),
        AuthenticationCode2: totp.generate({ timestamp: now }),
      }),
    );
    // carl: a password used once to sign in to the console.
    await t.iam.send(new CreateUserCommand({ UserName: 'carl' }));
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'carl', Password: 'Carl-Pass-123' }));
    const store = t.server.services.store;
    const signIn = t.server.services.clock.now();
    expect(store.tx(() => verifyConsolePassword(store, ACCOUNT, 'carl', 'Carl-Pass-123', signIn)).ok).toBe(true);
    // bob: nothing at all.
    await t.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    // A password policy with rotation gives password_next_rotation.
    await t.iam.send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 30 }));

    const gen = await t.iam.send(new GenerateCredentialReportCommand({}));
    expect(gen).toMatchObject({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' });
    const inProgress = await sdkError(t.iam.send(new GetCredentialReportCommand({})));
    expect(inProgress).toMatchObject({ name: 'CredentialReportNotReadyException', status: 404 });
    expect((await t.iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');

    const { res, text, rows } = await getReport();
    expect(res.ReportFormat).toBe('text/csv');
    expect(res.GeneratedTime).toBeInstanceOf(Date);
    expect(text.split('\n')[0]).toBe(COLUMNS);
    expect(rows.map((r) => r.user)).toEqual(['<root_account>', 'alice', 'bob', 'carl']);

    const [root, alice, bob, carl] = rows as Record<string, string>[] as [Record<string, string>, Record<string, string>, Record<string, string>, Record<string, string>];
    expect(root).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      password_enabled: 'not_supported',
      password_last_changed: 'not_supported',
      password_next_rotation: 'not_supported',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
      cert_1_active: 'false',
      cert_1_last_rotated: 'N/A',
    });
    expect(root.user_creation_time).toMatch(TS);

    expect(alice).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT}:user/eng/alice`,
      password_enabled: 'true',
      password_last_used: 'no_information',
      mfa_active: 'true',
      access_key_1_active: 'true',
      access_key_1_last_used_region: 'us-east-1',
      access_key_1_last_used_service: 'iam',
      access_key_2_active: 'false',
      access_key_2_last_used_date: 'N/A',
      access_key_2_last_used_region: 'N/A',
      access_key_2_last_used_service: 'N/A',
      cert_1_active: 'false',
      cert_2_last_rotated: 'N/A',
    });
    expect(alice.password_last_changed).toMatch(TS);
    expect(alice.access_key_1_last_rotated).toMatch(TS);
    expect(alice.access_key_1_last_used_date).toMatch(TS);
    expect(alice.access_key_2_last_rotated).toMatch(TS);
    expect(Date.parse(alice.password_next_rotation!) - Date.parse(alice.password_last_changed!)).toBe(30 * 86400_000);

    expect(carl.password_last_used).toBe(signIn.toISOString().replace(/\.\d{3}Z$/, '+00:00'));
    expect(carl.password_enabled).toBe('true');
    expect(bob).toMatchObject({
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      password_next_rotation: 'N/A',
      mfa_active: 'false',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
      access_key_1_last_used_date: 'N/A',
      access_key_2_active: 'false',
    });
  });

  it('keeps serving the same report for four hours, then answers ReportExpired until regenerated', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'carol' }));
    // Within four hours, GenerateCredentialReport does not make a new one.
    expect((await t.iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    expect((await getReport()).rows.map((r) => r.user)).not.toContain('carol');

    await t.iam.send(new DeleteLoginProfileCommand({ UserName: 'carl' }));
    let later = await advance(4 * 3600 + 1);
    const expired = await sdkError(later.send(new GetCredentialReportCommand({})));
    expect(expired).toMatchObject({ name: 'CredentialReportExpiredException', status: 410 });

    expect((await later.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    later = await advance(10);
    const fresh = (await getReport(later)).rows;
    expect(fresh.map((r) => r.user)).toContain('carol');
    // A removed password keeps its last sign-in date; a user who never had one shows N/A.
    expect(fresh.find((r) => r.user === 'carl')).toMatchObject({ password_enabled: 'false', password_last_changed: 'N/A' });
    expect(fresh.find((r) => r.user === 'carl')!.password_last_used).toMatch(TS);
    expect(fresh.find((r) => r.user === 'carol')!.password_last_used).toBe('N/A');
    await t.admin('POST', '/_iam/clock', { reset: true });
  });
});
