// The console at /_iam/console, driven end to end in headless Chromium: root sign-in, create a
// user, write a policy in the editor (validation with line/column), attach it, simulate allowed
// and denied actions with the matched statement highlighted, the other pages; then, with
// IAM_LOCAL_ENFORCE=on, an IAM user signs in with password + MFA and meets AWS's AccessDenied.
// Screenshots: test-output/console/*.png (paths printed and in the test's meta).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetPolicyCommand,
  GetUserCommand,
  ListAttachedUserPoliciesCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { Secret, TOTP } from 'otpauth';
import { startServer, sdkError, type TestServer } from './helpers/server.js';
import { CHROMIUM, launchBrowser, screenshot, type TestBrowser } from './helpers/browser.js';
import { existsSync } from 'node:fs';

const ACCOUNT = '000000000000';
let browser: TestBrowser;
// .ci/run installs Debian's chromium; elsewhere these tests say why they are skipped.
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`console e2e tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

beforeAll(async () => {
  if (hasChromium) browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function signInAsRoot(page: Page, url: string) {
  await page.goto(`${url}/_iam/console`);
  await page.waitForSelector('#signin-root');
  await page.fill('#akid', 'test');
  await page.fill('#secret', 'test');
  await page.click('#signin-root button[type=submit]');
  await page.waitForSelector('text=IAM dashboard');
}

/** Chromium keeps (and pre-opens) connections the server would wait for on close: end them first. */
async function closeServer(t: TestServer | undefined) {
  t?.server.http.closeAllConnections();
  await t?.close();
}

/** The text of the AWS error box shown on the page. */
const errorText = (page: Page) => page.locator('.error').first().textContent();

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadObjects",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    },
    {
      "Sid": "NoDeletes",
      "Effect": "Deny",
      "Action": "s3:DeleteObject",
      "Resource": "*"
    }
  ]
}`;

describe.skipIf(!hasChromium)('console as the root user', { timeout: 60_000 }, () => {
  let t: TestServer;
  let page: Page;
  /** Script errors and Content-Security-Policy refusals seen while the pages ran. */
  const problems: string[] = [];
  beforeAll(async () => {
    t = await startServer();
    page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
  });
  afterAll(async () => {
    await page?.close();
    await closeServer(t);
  });

  it('signs in with the bootstrap key and shows the account summary', async ({ task }) => {
    await page.goto(`${t.url}/_iam/console`);
    await page.waitForSelector('#signin-root');
    await page.fill('#akid', 'test');
    await page.fill('#secret', 'wrong');
    await page.click('#signin-root button[type=submit]');
    expect(await errorText(page)).toContain('InvalidClientTokenId');
    expect(await page.locator('#signout').isVisible()).toBe(false);
    expect(await page.locator('nav#nav').isVisible()).toBe(false);
    await screenshot(page, '01-signin', task.meta);

    await signInAsRoot(page, t.url);
    await page.waitForSelector('.card');
    expect(await page.locator('#who').textContent()).toBe(`Root user @ ${ACCOUNT}`);
    expect(await page.locator('.card', { hasText: 'Users' }).first().textContent()).toMatch(/^0Users/);
    await screenshot(page, '02-dashboard', task.meta);
  });

  it('creates a user from the Users page, and shows AWS errors in plain words', async ({ task }) => {
    await page.click('nav >> text=Users');
    await page.fill('[data-test=new-user-name]', 'alice');
    await page.click('text=Create user >> nth=-1');
    await page.waitForSelector('h1:text-is("alice")');
    await page.waitForSelector('text=arn:aws:iam::000000000000:user/alice');
    const user = await t.iam.send(new GetUserCommand({ UserName: 'alice' }));
    expect(user.User?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);

    // The same name again: the API's own EntityAlreadyExists, code and message.
    await page.click('nav >> text=Users');
    await page.fill('[data-test=new-user-name]', 'alice');
    await page.click('text=Create user >> nth=-1');
    await page.waitForSelector('.error');
    expect(await errorText(page)).toBe('EntityAlreadyExists: User with name alice already exists.');
    // And IAM's validation, exactly as the Query endpoint answers it (IAM checks a name's characters
    // with its own message: hashicorp/terraform#16187, kubecost/docs#36).
    await page.fill('[data-test=new-user-name]', 'bad name!');
    await page.click('text=Create user >> nth=-1');
    await page.waitForSelector('.error:has-text("ValidationError")');
    expect(await errorText(page)).toBe(
      'ValidationError: The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    );
    await screenshot(page, '03-users', task.meta);
  });

  it('the policy editor validates as you type, with the line and column of the problem', async ({ task }) => {
    await page.click('nav >> text=Policies');
    await page.click('button:text("Create policy")');
    const editor = page.locator('textarea[aria-label="Policy document"]');
    const status = page.locator('[data-test=validation]');
    await page.waitForSelector('[data-test=validation] >> text=Policy is valid.');

    // A JSON syntax error: a missing comma after "Effect": "Allow" on line 5.
    await editor.fill('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow"\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}');
    await page.waitForSelector('[data-test=validation] .error');
    // A managed policy that is not JSON: "Syntax errors in policy." (recorded: localstack/localstack
    // tests/aws/services/iam/test_iam_policies.snapshot.json test_create_policy_invalid_document[invalid-0], 18-02-2026).
    expect(await status.textContent()).toBe('Line 6, column 7: MalformedPolicyDocument: Syntax errors in policy.');

    // A grammar error in the second statement: the position of the offending value itself.
    await editor.fill('{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" },\n    { "Effect": "Allow", "Action": "GetObject", "Resource": "*" }\n  ]\n}');
    await page.waitForSelector('[data-test=validation] >> text=Line 5, column 36');
    expect(await status.textContent()).toBe(
      'Line 5, column 36: MalformedPolicyDocument: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    );
    await screenshot(page, '04-policy-editor-error', task.meta);

    // Saving an invalid document shows the API's own answer.
    await page.fill('[data-test=policy-name]', 'S3ReadNoDelete');
    await page.click('button:text("Save")');
    await page.waitForSelector('form .error:has-text("MalformedPolicyDocument")');

    await editor.fill(POLICY);
    await page.waitForSelector('[data-test=validation] >> text=Policy is valid.');
    await page.click('button:text("Save")');
    await page.waitForSelector('h1:text-is("S3ReadNoDelete")');
    await page.waitForSelector('pre.code >> text=NoDeletes');
    const p = await t.iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/S3ReadNoDelete` }));
    expect(p.Policy?.DefaultVersionId).toBe('v1');

    // A new version (it becomes the default), then v1 made the default again.
    await page.click('button:text("Edit policy (new version)")');
    await editor.fill(POLICY.replace('"s3:GetObject"', '["s3:GetObject", "s3:ListBucket"]'));
    await page.waitForSelector('[data-test=validation] >> text=Policy is valid.');
    await page.click('button:text("Save")');
    await page.waitForSelector('pre.code >> text=s3:ListBucket');
    expect(await page.locator('main p.muted', { hasText: 'Version v2' }).textContent()).toBe('Version v2 (default)');
    await page.click('button.link:text("v1")');
    await page.waitForSelector('main p.muted:text("Version v1")');
    await page.click('tr:has(button.link:text("v1")) >> button:text("Set as default")');
    await page.waitForSelector('tr:has(button.link:text("v2")) >> button:text("Set as default")');
    const after = await t.iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/S3ReadNoDelete` }));
    expect(after.Policy?.DefaultVersionId).toBe('v1');
    await screenshot(page, '05-policy-detail', task.meta);
  });

  it('attaches the policy to the user from the user page', async ({ task }) => {
    await page.goto(`${t.url}/_iam/console#/users/alice`);
    await page.click('[data-test=add-permissions]');
    await page.fill('[data-test=policy-search]', 'S3ReadNo');
    await page.check(`tr[data-arn="arn:aws:iam::${ACCOUNT}:policy/S3ReadNoDelete"] input`);
    await page.click('[data-test=attach-selected]');
    await page.waitForSelector('td >> text=S3ReadNoDelete');
    const attached = await t.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }));
    expect(attached.AttachedPolicies?.map((a) => a.PolicyName)).toEqual(['S3ReadNoDelete']);

    // Attaching a policy that does not exist, typed as an ARN: the API's NoSuchEntity.
    await page.click('[data-test=add-permissions]');
    await page.fill('[data-test=policy-search]', `arn:aws:iam::${ACCOUNT}:policy/Nope`);
    await page.click('[data-test=attach-selected]');
    await page.waitForSelector('.error:has-text("NoSuchEntity")');
    expect(await errorText(page)).toBe(`NoSuchEntity: Policy arn:aws:iam::${ACCOUNT}:policy/Nope does not exist or is not attachable.`);

    // An access key: the secret is shown once.
    await page.click('[data-test=create-key]');
    const secret = await page.locator('[data-test=secret]').textContent();
    expect(secret).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(await page.locator('section:has(h2:text("Access keys")) tbody tr').count()).toBe(1);

    // A virtual MFA device: QR code and seed shown, enabled with two consecutive codes.
    await page.click('button:text("Assign virtual MFA device")');
    const seed = (await page.locator('[data-test=mfa-seed]').textContent())!;
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);
    expect(await page.locator('[data-test=mfa-qr]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(page, '06-user-mfa-setup', task.meta);
    const totp = new TOTP({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, period: 30 });
    const step = Math.floor(Date.now() / 30_000);
    await page.fill('input[placeholder="MFA code 1"]', totp.generate({ timestamp: (step - 1) * 30_000 }));
    await page.fill('input[placeholder="MFA code 2"]', totp.generate({ timestamp: step * 30_000 }));
    await page.click('button:text("Assign MFA")');
    await page.waitForSelector('section:has(h2:text("MFA devices")) td >> text=arn:aws:iam::000000000000:mfa/alice-');
    await screenshot(page, '06-user-detail', task.meta);
  });

  it('simulates an allowed and a denied action and highlights the matched statements', async ({ task }) => {
    await page.click('nav >> text=Policy simulator');
    await page.waitForSelector('[data-test=sim-principal] option[value$="user/alice"]', { state: 'attached' });
    await page.selectOption('[data-test=sim-principal]', `arn:aws:iam::${ACCOUNT}:user/alice`);
    await page.fill('[data-test=action-search]', 's3:GetObj');
    await page.check('[data-test=action-results] input[value="s3:GetObject"]');
    await page.fill('[data-test=action-search]', 's3:DeleteObj');
    await page.check('[data-test=action-results] input[value="s3:DeleteObject"]');
    await page.fill('[data-test=action-search]', 's3:PutObj');
    await page.check('[data-test=action-results] input[value="s3:PutObject"]');
    expect(await page.locator('[data-test=chosen-actions]').textContent()).toBe('s3:GetObject×s3:DeleteObject×s3:PutObject×');
    await page.click('[data-test=sim-run]');
    await page.waitForSelector('.result');

    const result = (action: string) => page.locator(`.result[data-action="${action}"]`);
    expect(await result('s3:GetObject').locator('[data-test=decision]').textContent()).toBe('allowed');
    expect(await result('s3:DeleteObject').locator('[data-test=decision]').textContent()).toBe('denied (explicit deny)');
    expect(await result('s3:PutObject').locator('[data-test=decision]').textContent()).toBe('denied (implicit deny)');

    // A summary row per action; opening a match shows the policy with exactly the statement that decided highlighted.
    const view = page.locator('[data-test=sim-policy-view]');
    expect(await result('s3:GetObject').locator('[data-test=match]').textContent()).toBe('S3ReadNoDelete, line 4');
    await result('s3:GetObject').locator('[data-test=match]').click();
    const allowMark = await view.locator('mark').textContent();
    expect(JSON.parse(allowMark!)).toEqual({ Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    expect(await view.locator('h2').textContent()).toBe('S3ReadNoDelete (user-managed): the statement that decided s3:GetObject');
    await result('s3:DeleteObject').locator('[data-test=match]').click();
    const denyMark = view.locator('mark.deny');
    expect(JSON.parse((await denyMark.textContent())!)).toEqual({ Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' });
    expect(await result('s3:PutObject').locator('td').nth(3).textContent()).toBe('None: denied by default');
    await screenshot(page, '07-simulator-principal', task.meta);

    // Pasted policies (SimulateCustomPolicy) with a context key.
    await page.selectOption('[data-test=sim-mode]', 'custom');
    await page.fill(
      '[data-test=sim-custom]',
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:*",\n      "Resource": "*",\n      "Condition": { "IpAddress": { "aws:SourceIp": "10.0.0.0/8" } }\n    }\n  ]\n}',
    );
    await page.click('button:text("Add another policy")');
    await page.locator('[data-test=sim-custom]').nth(1).fill(
      '{"Version":"2012-10-17","Statement":[{"Sid":"KeepObjects","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}',
    );
    // The context keys the pasted policies use (GetContextKeysForCustomPolicy), then a value.
    await page.click('button:text("Keys used by the policies")');
    await page.waitForSelector('.ctx');
    expect(await page.locator('input[aria-label="Context key"]').inputValue()).toBe('aws:SourceIp');
    await page.selectOption('.ctx select', 'ip');
    await page.fill('input[aria-label="Context value"]', '10.1.2.3');
    await page.click('[data-test=sim-run]');
    await page.waitForSelector('.result[data-action="s3:PutObject"] [data-test=match]');
    expect(await result('s3:PutObject').locator('[data-test=decision]').textContent()).toBe('allowed');
    await result('s3:PutObject').locator('[data-test=match]').click();
    expect(await view.locator('mark').textContent()).toContain('"aws:SourceIp": "10.0.0.0/8"');
    expect(await result('s3:DeleteObject').locator('[data-test=decision]').textContent()).toBe('denied (explicit deny)');
    expect(await result('s3:DeleteObject').locator('[data-test=match]').textContent()).toBe('PolicyInputList.2, line 1');
    await result('s3:DeleteObject').locator('[data-test=match]').click();
    expect(await view.locator('mark.deny').textContent()).toBe(
      '{"Sid":"KeepObjects","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}',
    );
    await screenshot(page, '08-simulator-custom', task.meta);
  });

  it('the other pages: groups, roles, policies, instance profiles, credential report, audit', async ({ task }) => {
    // Groups: create and add alice.
    await page.click('nav >> text=User groups');
    await page.fill('input[placeholder="Group name"]', 'Developers');
    await page.click('button:text("Create group")');
    await page.waitForSelector('h1:text-is("Developers")');
    await page.fill('input[aria-label="User to add"]', 'alice');
    await page.click('button:text("Add user")');
    await page.waitForSelector('td >> text=alice');
    await screenshot(page, '09-group', task.meta);

    // Roles: created from the Roles page (the trust policy in the editor), put in an instance
    // profile created from the Instance profiles page.
    await page.click('nav >> text=Roles');
    await page.click('[data-test=create-role]');
    await page.fill('[data-test=role-name]', 'app-server');
    await page.waitForSelector('[data-test=validation] >> text=Policy is valid.');
    await page.click('[data-test=create-role-submit]');
    await page.waitForSelector('h1:text-is("app-server")');
    await page.click('nav >> text=Instance profiles');
    await page.fill('input[placeholder="Instance profile name"]', 'app-server');
    await page.click('button:text("Create instance profile")');
    await page.waitForSelector('td >> text=app-server');
    await page.fill('input[placeholder="Role name"]', 'app-server');
    await page.click('button.small:text("Add")');
    await page.waitForSelector('td >> a:text-is("app-server")');
    await page.click('td >> a:text-is("app-server")');
    await page.waitForSelector('pre.code >> text=ec2.amazonaws.com');
    await page.waitForSelector('text=Last used');
    await page.waitForSelector('section:has(h2:text("Instance profiles")) td >> text=app-server');
    await screenshot(page, '10-role', task.meta);

    // AWS managed policies, searched by name.
    await page.click('nav >> text=Policies');
    await page.selectOption('select[aria-label="Type"]', 'AWS');
    await page.waitForSelector('td >> text=AdministratorAccess');
    await page.fill('input[aria-label="Filter policies"]', 'ReadOnlyAccess');
    await page.waitForSelector('td >> a:text-is("ReadOnlyAccess")');
    await screenshot(page, '11-policies-aws', task.meta);

    await page.click('nav >> text=Instance profiles');
    await page.waitForSelector('td >> text=app-server');
    await page.waitForSelector('text=Simulated instances');
    await screenshot(page, '12-instance-profiles', task.meta);

    await page.click('nav >> text=Credential report');
    await page.click('[data-test=gen-report]');
    await page.waitForSelector('[data-test=report] th >> text=Console password');
    expect(await page.locator('[data-test=report] tbody tr').count()).toBe(2); // the root account and alice
    expect(await page.locator('[data-test=report] tbody tr td:first-child b').allTextContents()).toEqual(['<root_account>', 'alice']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=download-csv]')]);
    expect(download.suggestedFilename()).toBe('credential-report.csv');
    await screenshot(page, '13-credential-report', task.meta);

    await page.click('nav >> text=Audit findings');
    await page.waitForSelector('main .panel, main .error');
    await screenshot(page, '14-audit', task.meta);
  });

  it('deleting a user lists what goes with it in one confirmation; Cancel deletes nothing', async () => {
    await page.goto(`${t.url}/_iam/console#/users/alice`);
    await page.click('[data-test=delete-entity]');
    const items = await page.waitForSelector('[data-test=confirm-items] li').then(() => page.locator('[data-test=confirm-items] li').allTextContents());
    expect(items.some((i) => /^Access key AKIA[A-Z0-9]{16} \(Active\)$/.test(i))).toBe(true);
    expect(items).toContain('Attached policy S3ReadNoDelete (detached, not deleted)');
    expect(items).toContain('Membership of group Developers');
    expect(items.at(-1)).toBe('The user alice itself');
    await page.click('[data-test=cancel]');
    expect(await page.locator('dialog').count()).toBe(0);
    expect((await t.iam.send(new GetUserCommand({ UserName: 'alice' }))).User?.UserName).toBe('alice');
  });

  it('signs out; no script error or CSP refusal happened on any page', async () => {
    expect(problems).toEqual([]);
    await page.click('#signout');
    await page.waitForSelector('#signin-root');
    const me = await page.evaluate(async () => (await fetch('/_iam/console/api/me')).status);
    expect(me).toBe(401);
  });
});

describe.skipIf(!hasChromium)('console as an IAM user with MFA, enforcement on', { timeout: 60_000 }, () => {
  let t: TestServer;
  let page: Page;
  let seed: string;
  let usedCode = '';
  beforeAll(async () => {
    t = await startServer({ enforce: 'on' });
    page = await browser.newPage();
    await t.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Correct-Horse-9' }));
    // bob may list and read users, but only in a session signed in with MFA.
    await t.iam.send(
      new PutUserPolicyCommand({
        UserName: 'bob',
        PolicyName: 'ReadUsersWithMfa',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:ListUsers', 'iam:GetUser'],
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        }),
      }),
    );
    const mfa = await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-phone' }));
    seed = new TextDecoder().decode(mfa.VirtualMFADevice!.Base32StringSeed!);
    const totp = new TOTP({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, period: 30 });
    const step = Math.floor(Date.now() / 30_000);
    await t.iam.send(
      new EnableMFADeviceCommand({
        UserName: 'bob',
        SerialNumber: mfa.VirtualMFADevice!.SerialNumber!,
        AuthenticationCode1: totp.generate({ timestamp: (step - 2) * 30_000 }),
        AuthenticationCode2: totp.generate({ timestamp: (step - 1) * 30_000 }),
      }),
    );
  });
  afterAll(async () => {
    await page?.close();
    await closeServer(t);
  });

  const fillUser = async (password: string, code: string) => {
    await page.goto(`${t.url}/_iam/console#/signin`);
    await page.click('#tab-user');
    await page.fill('#acct', ACCOUNT);
    await page.fill('#uname', 'bob');
    await page.fill('#pw', password);
    await page.fill('#mfa', code);
    await page.click('#signin-user button[type=submit]');
  };

  it('refuses a wrong password and a missing MFA code', async ({ task }) => {
    await fillUser('wrong-password', '');
    await page.waitForSelector('.error');
    expect(await errorText(page)).toBe('AuthenticationFailed: Your authentication information is incorrect. Please try again.');
    await fillUser('Correct-Horse-9', '');
    await page.waitForSelector('.error:has-text("MfaRequired")');
    await screenshot(page, '15-signin-mfa-required', task.meta);
  });

  it('signs in with password and MFA, acts with the user permissions, and shows AWS AccessDenied', async ({ task }) => {
    const code = new TOTP({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
    usedCode = code;
    await fillUser('Correct-Horse-9', code);
    await page.waitForSelector('text=IAM dashboard');
    expect(await page.locator('#who').textContent()).toBe(`IAM user bob (MFA) @ ${ACCOUNT}`);
    // The dashboard's GetAccountSummary is not allowed to bob.
    await page.waitForSelector('.error:has-text("GetAccountSummary")');
    expect(await errorText(page)).toBe(
      `AccessDenied: User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: iam:GetAccountSummary on resource: * because no identity-based policy allows the iam:GetAccountSummary action`,
    );
    await screenshot(page, '16-dashboard-as-bob', task.meta);

    // ListUsers is allowed (its MFA condition holds in this session) …
    await page.click('nav >> text=Users');
    await page.waitForSelector('td >> a:text-is("bob")');
    // … CreateUser is not: AWS's denial, and nothing is created.
    await page.fill('[data-test=new-user-name]', 'mallory');
    await page.click('text=Create user >> nth=-1');
    await page.waitForSelector('.error:has-text("AccessDenied")');
    expect(await errorText(page)).toBe(
      `AccessDenied: User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT}:user/mallory because no identity-based policy allows the iam:CreateUser action`,
    );
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'mallory' })))).name).toBe('NoSuchEntityException');
    await screenshot(page, '17-access-denied', task.meta);

    // The sign-in recorded PasswordLastUsed, as the console sign-in does on AWS.
    const bob = await t.iam.send(new GetUserCommand({ UserName: 'bob' }));
    expect(bob.User?.PasswordLastUsed).toBeInstanceOf(Date);
  });

  it('an MFA code is accepted once', async () => {
    await page.click('#signout');
    await page.waitForSelector('#signin-root');
    // The code of the sign-in above, again: refused (whether or not its 30 seconds are over).
    await fillUser('Correct-Horse-9', usedCode);
    await page.waitForSelector('.error');
    expect(await errorText(page)).toContain('InvalidMfaCode');
  });
});
