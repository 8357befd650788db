// The console for the tasks people do every day (issue #20), end to end in headless Chromium, one
// test per item, with the axe-core accessibility check (zero serious or critical violations) on
// every page visited. One browser and one server (IAM_LOCAL_ENFORCE=on) for the whole file.
// Screenshots: test-output/console/daily-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetRoleCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListVirtualMFADevicesCommand,
  PutUserPolicyCommand,
  PutUserPermissionsBoundaryCommand,
} from '@aws-sdk/client-iam';
import { Secret, TOTP } from 'otpauth';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer, sdkError, type TestServer } from './helpers/server.js';
import { CHROMIUM, launchBrowser, screenshot, type TestBrowser } from './helpers/browser.js';
import { signer } from './helpers/sigv4.js';

const ACCOUNT = '000000000000';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`console e2e tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: TestBrowser;
let t: TestServer;
let page: Page;
const problems: string[] = [];
const a11yChecked: string[] = [];
let axeMs = 0;

beforeAll(async () => {
  if (!hasChromium) return;
  [browser, t] = await Promise.all([launchBrowser(), startServer({ enforce: 'on' })]);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  t?.server.http.closeAllConnections();
  await t?.close();
});

/** axe-core in the page (evaluated over the DevTools protocol, so the console's CSP stays as it is). */
async function axeCheck(name: string) {
  const started = Date.now();
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE}\n;0`);
  const violations = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
  });
  a11yChecked.push(name);
  axeMs += Date.now() - started;
  const minor = violations.filter((v: any) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length) console.log(`axe (${name}), minor/moderate: ${minor.map((v: any) => `${v.id} (${v.impact})`).join(', ')}`);
  expect(violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical'), `axe on ${name}`).toEqual([]);
}

async function signInAsRoot() {
  await page.goto(`${t.url}/_iam/console#/signin`);
  await page.click('#tab-root');
  await page.fill('#akid', 'test');
  await page.fill('#secret', 'test');
  await page.click('#signin-root button[type=submit]');
  await page.waitForSelector('text=IAM dashboard');
}
async function signInAsUser(userName: string, password: string) {
  await page.goto(`${t.url}/_iam/console#/signin`);
  await page.click('#tab-user');
  await page.fill('#uname', userName);
  await page.fill('#pw', password);
  await page.click('#signin-user button[type=submit]');
  await page.waitForSelector('text=IAM dashboard');
}
const go = async (hash: string, selector: string) => {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForSelector(selector);
};
const attachedTo = async (user: string) => (await t.iam.send(new ListAttachedUserPoliciesCommand({ UserName: user }))).AttachedPolicies!.map((p) => p.PolicyName).sort();

describe.skipIf(!hasChromium)('the console for the tasks people do every day', { timeout: 90_000 }, () => {
  it('1. attach permissions: one search over customer and AWS managed policies, exact and prefix first, several at once, from the policy too', async ({ task }) => {
    await Promise.all([
      t.iam.send(new CreateUserCommand({ UserName: 'erin' })),
      t.iam.send(new CreateGroupCommand({ GroupName: 'Auditors' })),
      t.iam.send(new CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},"Action":"sts:AssumeRole"}]}' })),
      t.iam.send(new CreatePolicyCommand({ PolicyName: 'ReadOnlyAccessToLogs', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:Get*","Resource":"*"}]}' })),
    ]);
    await signInAsRoot();
    await go('#/users/erin', '[data-test=add-permissions]');
    await page.click('[data-test=add-permissions]');
    await page.fill('[data-test=policy-search]', 'readonlyaccess');
    await page.waitForSelector('tr[data-arn="arn:aws:iam::aws:policy/ReadOnlyAccess"]');
    const rows = page.locator('.picker tbody tr');
    // The exact name first, then the names that start with it (customer managed before AWS managed), then the rest.
    const names = await rows.locator('td:nth-child(2)').allTextContents();
    expect(names[0]).toBe('ReadOnlyAccess');
    expect(names[1]).toBe('ReadOnlyAccessToLogs');
    const rest = names.slice(2).map((n) => n.toLowerCase());
    expect(rest.length).toBeGreaterThan(3);
    expect(rest.every((n) => n.includes('readonlyaccess') && !n.startsWith('readonlyaccess'))).toBe(true);
    expect(await rows.nth(0).locator('td').nth(2).textContent()).toBe('AWS managed');
    expect(await rows.nth(1).locator('td').nth(2).textContent()).toBe('Customer managed');
    // Several at once.
    await rows.nth(0).locator('input').check();
    await rows.nth(1).locator('input').check();
    await axeCheck('user page with the policy picker');
    await screenshot(page, 'daily-01-attach-picker', task.meta);
    await page.click('[data-test=attach-selected]');
    await page.waitForSelector('td >> text=ReadOnlyAccessToLogs');
    expect(await attachedTo('erin')).toEqual(['ReadOnlyAccess', 'ReadOnlyAccessToLogs']);

    // A bare name typed and Enter: the policy of that name, never a length ValidationError.
    await page.click('[data-test=add-permissions]');
    await page.fill('[data-test=policy-search]', 'IAMReadOnlyAccess');
    await page.press('[data-test=policy-search]', 'Enter');
    await page.waitForSelector('td >> a:text-is("IAMReadOnlyAccess")');
    expect(await attachedTo('erin')).toEqual(['IAMReadOnlyAccess', 'ReadOnlyAccess', 'ReadOnlyAccessToLogs']);
    await page.click('[data-test=add-permissions]');
    await page.fill('[data-test=policy-search]', 'NoSuchPolicyAnywhere');
    await page.click('[data-test=attach-selected]');
    await page.waitForSelector('.error');
    expect(await page.locator('.error').first().textContent()).toBe('NothingChosen: No policy is named NoSuchPolicyAnywhere: choose one from the list.');

    // The permissions boundary from the same list (one policy).
    await page.click('button:text("Set boundary")');
    await page.locator('[data-test=policy-search]').last().fill('PowerUserAccess');
    await page.locator('tr[data-arn="arn:aws:iam::aws:policy/PowerUserAccess"] input').check();
    await page.click('[data-test=set-boundary]');
    await page.waitForSelector('a:text-is("arn:aws:iam::aws:policy/PowerUserAccess")');
    expect((await t.iam.send(new GetUserCommand({ UserName: 'erin' }))).User?.PermissionsBoundary?.PermissionsBoundaryArn).toBe('arn:aws:iam::aws:policy/PowerUserAccess');

    // The group page has the same picker.
    await go('#/groups/Auditors', '[data-test=add-permissions]');
    await page.click('[data-test=add-permissions]');
    await page.fill('[data-test=policy-search]', 'SecurityAudit');
    await page.locator('tr[data-arn="arn:aws:iam::aws:policy/SecurityAudit"] input').check();
    await page.click('[data-test=attach-selected]');
    await page.waitForSelector('td >> a:text-is("SecurityAudit")');
    expect((await t.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Auditors' }))).AttachedPolicies!.map((p) => p.PolicyName)).toEqual(['SecurityAudit']);

    // "Attach to …" on a policy's own page: a role and a group at once.
    await go(`#/policies/${encodeURIComponent(`arn:aws:iam::${ACCOUNT}:policy/ReadOnlyAccessToLogs`)}`, '[data-test=attach-to]');
    await page.click('[data-test=attach-to]');
    await page.waitForSelector('.picker label:text-is("ci")');
    await page.check('.picker tr:has(label:text-is("ci")) input');
    await page.check('.picker tr:has(label:text-is("Auditors")) input');
    await axeCheck('policy page with attach-to');
    await screenshot(page, 'daily-01-attach-to', task.meta);
    await page.click('[data-test=attach-entities]');
    await page.waitForSelector('section:has(h2:text("Entities attached")) a:text-is("ci")');
    expect((await t.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'ci' }))).AttachedPolicies!.map((p) => p.PolicyName)).toEqual(['ReadOnlyAccessToLogs']);
    expect((await t.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Auditors' }))).AttachedPolicies!.map((p) => p.PolicyName).sort()).toEqual(['ReadOnlyAccessToLogs', 'SecurityAudit']);
  });

  it('2. simulator: a summary table for 50 actions × large policies, a match opens its policy at the statement; keyboard search', async ({ task }) => {
    await t.iam.send(new CreateUserCommand({ UserName: 'big' }));
    for (const arn of ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/SecurityAudit', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'])
      await t.iam.send(new AttachUserPolicyCommand({ UserName: 'big', PolicyArn: arn }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'big', PolicyName: 'NoDeletes', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Sid":"NoDeletes","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}' }));
    await go('#/simulator', '[data-test=action-search]');
    await page.waitForSelector('[data-test=sim-principal] option[value$="user/big"]', { state: 'attached' });
    await page.selectOption('[data-test=sim-principal]', `arn:aws:iam::${ACCOUNT}:user/big`);

    // Keyboard: the exact action is highlighted first, arrows move, Enter picks the highlighted one.
    const search = page.locator('[data-test=action-search]');
    await search.fill('s3:GetObject');
    await page.waitForSelector('[data-test=action-results] label.active');
    expect(await page.locator('[data-test=action-results] label.active').getAttribute('data-action')).toBe('s3:GetObject');
    await search.press('ArrowDown');
    const second = await page.locator('[data-test=action-results] label.active').getAttribute('data-action');
    expect(second).not.toBe('s3:GetObject');
    expect(await page.locator('[data-test=action-active]').textContent()).toMatch(new RegExp(`^${second}, 2 of \\d+$`));
    await search.press('ArrowUp');
    await search.press('Enter');
    expect(await page.locator('[data-test=chosen-actions]').textContent()).toBe('s3:GetObject×');
    // An unknown action is never added; clearing the search clears the list.
    await search.fill('s3:NoSuchActionAtAll');
    await page.waitForSelector('[data-test=action-results] >> text=No action matches.');
    await search.press('Enter');
    expect(await page.locator('[data-test=chosen-actions]').textContent()).toBe('s3:GetObject×');
    await search.fill('');
    expect(await page.locator('[data-test=action-results]').innerHTML()).toBe('');

    // 50 actions: the first 50 s3 actions, then the remove of one chosen twice is a no-op.
    await search.fill('s3:');
    await page.waitForSelector('[data-test=add-all-shown]');
    await page.click('[data-test=add-all-shown]');
    const chosen = await page.locator('[data-test=chosen-actions] > span').count();
    expect(chosen).toBeGreaterThanOrEqual(50);
    const started = Date.now();
    await page.click('[data-test=sim-run]');
    await page.waitForSelector('[data-test=sim-summary] tbody tr');
    const clickToTable = Date.now() - started;
    const results = page.locator('[data-test=sim-results]');
    const [totalMs, renderMs] = [Number(await results.getAttribute('data-total-ms')), Number(await results.getAttribute('data-render-ms'))];
    console.log(`simulator, ${chosen} actions × 5 policies (ReadOnlyAccess ~2,950 lines): run→table ${totalMs} ms in the page (drawing ${renderMs} ms), click→table ${clickToTable} ms seen by the test`);
    // Structure, not wall-clock: one summary row per action, and no policy document printed.
    expect(await page.locator('[data-test=sim-summary] tbody tr').count()).toBe(chosen);
    expect(await page.locator('[data-test=sim-summary] thead th').allTextContents()).toEqual(['Action', 'Resource', 'Decision', 'Matched statement']);
    expect(await results.locator('pre').count()).toBe(0);
    const row = (a: string) => page.locator(`[data-test=sim-summary] tr[data-action="${a}"]`);
    expect(await row('s3:GetObject').locator('[data-test=decision]').textContent()).toBe('allowed');
    expect(await row('s3:DeleteBucket').locator('[data-test=decision]').textContent()).toBe('denied (explicit deny)');
    await axeCheck('simulator with 50 results');
    await screenshot(page, 'daily-02-simulator-summary', task.meta, false);

    // A match in ReadOnlyAccess: that policy opens scrolled to the highlighted statement.
    const match = row('s3:GetObject').locator('[data-test=match]', { hasText: 'ReadOnlyAccess,' });
    const line = Number(/line (\d+)$/.exec((await match.textContent())!)![1]);
    expect(line).toBeGreaterThan(100);
    await match.click();
    const view = page.locator('[data-test=sim-policy-view]');
    await view.locator('mark').waitFor();
    expect(await view.locator('h2').textContent()).toBe('ReadOnlyAccess (aws-managed): the statement that decided s3:GetObject');
    const stmt = JSON.parse((await view.locator('mark').textContent())!);
    expect(stmt.Effect).toBe('Allow');
    expect(stmt.Action).toEqual(expect.arrayContaining(['s3:Get*']));
    const scrolled = await view.locator('pre').evaluate((pre) => {
      const m = pre.querySelector('mark')!;
      const a = pre.getBoundingClientRect(), b = m.getBoundingClientRect();
      return { scrollTop: pre.scrollTop, visible: b.top >= a.top - 1 && b.top < a.bottom, lines: pre.textContent!.split('\n').length };
    });
    expect(scrolled.lines).toBeGreaterThan(2900);
    expect(scrolled.scrollTop).toBeGreaterThan(0);
    expect(scrolled.visible).toBe(true);
    await screenshot(page, 'daily-02-simulator-match', task.meta, false);
    // The explicit deny opens the inline policy with the Deny highlighted.
    await row('s3:DeleteBucket').locator('[data-test=match]', { hasText: 'NoDeletes' }).click();
    expect(JSON.parse((await view.locator('mark.deny').textContent())!)).toEqual({ Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' });
  });

  it('3. the policy editor says what Access Analyzer would, at the key or value itself', async ({ task }) => {
    await go('#/policies', 'button:text("Create policy")');
    await page.click('button:text("Create policy")');
    const editor = page.locator('textarea[aria-label="Policy document"]');
    const status = page.locator('[data-test=validation]');
    const findings = page.locator('[data-test=findings] li');
    await page.waitForSelector('[data-test=validation] >> text=Policy is valid.');
    const doc = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [{',
      '    "Effect": "Alow",',
      '    "Action": ["s3:GetObjectt", "s4:ListBucket"],',
      '    "Resourse": "*",',
      '    "Condition": { "StringEquals": { "aws:SourceIpp": "10.0.0.1", "s3:prefixx": "home/" } }',
      '  }]',
      '}',
    ].join('\n');
    await editor.fill(doc);
    await page.waitForSelector('[data-test=findings] li[data-issue=INVALID_POLICY_ELEMENT]');
    // IAM's own refusal, pointed at the misspelt element rather than at the statement.
    expect(await status.textContent()).toBe('Line 6, column 5: MalformedPolicyDocument: Syntax errors in policy.');
    const issues = await findings.evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-issue')} ${li.querySelector('button')!.textContent}`));
    expect(issues).toEqual([
      'MISSING_RESOURCE Line 3, column 17',
      'INVALID_EFFECT Line 4, column 15',
      'INVALID_ACTION Line 5, column 16',
      'INVALID_SERVICE_IN_ACTION Line 5, column 33',
      'INVALID_POLICY_ELEMENT Line 6, column 5',
      'INVALID_GLOBAL_CONDITION_KEY Line 7, column 38',
      'INVALID_SERVICE_CONDITION_KEY Line 7, column 67',
    ]);
    const text = async (code: string) => page.locator(`[data-test=findings] li[data-issue=${code}]`).first().textContent();
    expect(await text('INVALID_POLICY_ELEMENT')).toContain('The policy element Resourse is not valid.');
    expect(await text('INVALID_POLICY_ELEMENT')).toContain('Hint: Did you mean "Resource"?');
    expect(await text('INVALID_EFFECT')).toContain('Hint: Did you mean "Allow"?');
    expect(await text('INVALID_ACTION')).toContain('Did you mean s3:GetObject?');
    expect(await text('INVALID_SERVICE_IN_ACTION')).toContain('The service s4 specified in the action does not exist.');
    // Each finding links to its entry in AWS's check reference.
    expect(await page.locator('[data-test=findings] li[data-issue=INVALID_ACTION] a').getAttribute('href')).toBe('https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-action');
    expect(await text('INVALID_GLOBAL_CONDITION_KEY')).toContain('Did you mean aws:SourceIp?');
    expect(await text('INVALID_SERVICE_CONDITION_KEY')).toContain('Did you mean s3:prefix?');
    // A finding's position selects exactly the key or value in the editor.
    await page.locator('[data-test=findings] li[data-issue=INVALID_ACTION] button').click();
    expect(await editor.evaluate((ta: HTMLTextAreaElement) => ta.value.slice(ta.selectionStart, ta.selectionEnd))).toBe('"s3:GetObjectt"');
    await axeCheck('policy editor with findings');
    await screenshot(page, 'daily-03-editor-findings', task.meta);

    // IAM would accept an unknown action; the editor still does not say "valid".
    await editor.fill('{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObjectt", "Resource": "*" }]\n}');
    await page.waitForSelector('[data-test=validation] .warn');
    expect(await status.textContent()).toBe('IAM accepts this policy, but Access Analyzer would report 1 finding:');
    expect(await findings.count()).toBe(1);
    await editor.fill('{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }]\n}');
    await page.waitForSelector('[data-test=validation] >> text=Policy is valid.');
    expect(await findings.count()).toBe(0);
  });

  it('4. audit findings only for callers who may read the IAM configuration; users manage their own credentials', async ({ task }) => {
    await t.iam.send(new CreateUserCommand({ UserName: 'dave' }));
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'dave', Password: 'Dave-Pass-123' }));
    await t.iam.send(new CreateUserCommand({ UserName: 'carol' }));
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'Carol-Pass-123' }));
    // AWS's documented self-service policy shape: own password, access keys and MFA.
    await t.iam.send(new PutUserPolicyCommand({
      UserName: 'carol',
      PolicyName: 'ManageOwnCredentials',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'OwnUser', Effect: 'Allow', Action: ['iam:GetUser', 'iam:ChangePassword', 'iam:GetLoginProfile', 'iam:*AccessKey*', 'iam:ListMFADevices', 'iam:EnableMFADevice', 'iam:DeactivateMFADevice', 'iam:ResyncMFADevice'], Resource: 'arn:aws:iam::*:user/${aws:username}' },
          { Sid: 'OwnMfa', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice', 'iam:DeleteVirtualMFADevice'], Resource: 'arn:aws:iam::*:mfa/*' },
          { Sid: 'Summary', Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], Resource: '*' },
        ],
      }),
    }));
    const daveKey = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'dave' }))).AccessKey!;

    // dave may do nothing: the audit page answers with AWS's AccessDenied, as every other page does.
    await signInAsUser('dave', 'Dave-Pass-123');
    await go('#/audit', 'main .error');
    expect(await page.locator('main .error').first().textContent()).toBe(
      `AccessDenied: User: arn:aws:iam::${ACCOUNT}:user/dave is not authorized to perform: iam:GetAccountAuthorizationDetails on resource: * because no identity-based policy allows the iam:GetAccountAuthorizationDetails action`,
    );
    expect(await page.evaluate(async () => (await fetch('/_iam/console/api/audit')).status)).toBe(403);
    // The admin route too, signed with dave's key; the operator's unsigned loopback call still answers.
    const signedAudit = async (creds: { accessKeyId: string; secretAccessKey: string }) => {
      const u = new URL(`${t.url}/_iam/audit`);
      const req = await signer(creds, 'iam').sign({ method: 'GET', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: u.pathname, headers: { host: u.host } });
      return fetch(u, { headers: req.headers as Record<string, string> });
    };
    const denied = await signedAudit({ accessKeyId: daveKey.AccessKeyId!, secretAccessKey: daveKey.SecretAccessKey! });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('AccessDenied');
    expect((await t.admin('GET', '/_iam/audit')).status).toBe(200);
    await screenshot(page, 'daily-04-audit-denied', task.meta);

    // With IAMReadOnlyAccess (which grants iam:GetAccountAuthorizationDetails) both answer.
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'dave', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const allowed = await signedAudit({ accessKeyId: daveKey.AccessKeyId!, secretAccessKey: daveKey.SecretAccessKey! });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { accounts: string[] }).accounts).toEqual([ACCOUNT]);
    await page.reload();
    await page.waitForSelector('main table');
    expect(await page.locator('main tbody tr').count()).toBeGreaterThan(0);

    // carol: My security credentials, under her own permissions.
    await signInAsUser('carol', 'Carol-Pass-123');
    await page.click('#mycreds');
    await page.waitForSelector('h1:text-is("My security credentials")');
    await page.waitForSelector('[data-test=create-key]');
    await page.click('[data-test=create-key]');
    const secret = await page.locator('[data-test=secret]').textContent();
    expect(secret).toMatch(/^[A-Za-z0-9/+]{40}$/);
    const keys = (await t.iam.send(new ListAccessKeysCommand({ UserName: 'carol' }))).AccessKeyMetadata!;
    expect(keys.map((k) => k.AccessKeyId)).toEqual([await page.locator('[data-test=new-key-id]').textContent()]);
    await page.waitForSelector('button:text("Assign virtual MFA device")');
    await axeCheck('my security credentials');
    await screenshot(page, 'daily-04-my-credentials', task.meta);
    // Her own MFA device: created and enabled with two codes.
    await page.click('button:text("Assign virtual MFA device")');
    const seed = (await page.locator('[data-test=mfa-seed]').textContent())!;
    const totp = new TOTP({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, period: 30 });
    const step = Math.floor(Date.now() / 30_000);
    await page.fill('input[aria-label="MFA code 1"]', totp.generate({ timestamp: (step - 1) * 30_000 }));
    await page.fill('input[aria-label="MFA code 2"]', totp.generate({ timestamp: step * 30_000 }));
    await page.click('button:text("Assign MFA")');
    await page.waitForSelector('section:has(h2:text("MFA devices")) td >> text=arn:aws:iam::000000000000:mfa/carol-');
    // And her password.
    await page.goto(`${t.url}/_iam/console#/change-password`);
    await page.fill('#oldpw', 'Carol-Pass-123');
    await page.fill('#newpw', 'Carol-Pass-456');
    await page.click('button:text("Change password")');
    await page.waitForSelector('.ok:text("Password changed.")');
  });

  it('5. flows: role wizard with permissions, delete with one confirmation listing what goes, confirmations, key copy and CSV', async ({ task }) => {
    await signInAsRoot();
    await go('#/roles', '[data-test=create-role]');
    await page.click('[data-test=create-role]');
    await page.waitForSelector('[data-test=trusted-entity]');
    const trust = page.locator('textarea[aria-label="Trust policy"]');
    // Another account, with an external ID and MFA.
    await page.check('[data-test=trusted-entity] input[value=account]');
    await page.fill('[data-test=trusted-account]', '111122223333');
    await page.fill('[data-test=external-id]', 'partner-42');
    await page.check('[data-test=require-mfa]');
    await page.waitForSelector('[data-test=validation] >> text=Policy is valid.');
    const expectedTrust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'partner-42' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
    };
    expect(JSON.parse(await trust.inputValue())).toEqual(expectedTrust);
    // Permissions in the same flow.
    await page.fill('[data-test=policy-search]', 'ReadOnlyAccess');
    await page.locator('tr[data-arn="arn:aws:iam::aws:policy/ReadOnlyAccess"] input').check();
    await page.fill('[data-test=role-name]', 'partner-audit');
    await axeCheck('create role wizard');
    await screenshot(page, 'daily-05-create-role', task.meta);
    await page.click('[data-test=create-role-submit]');
    await page.waitForSelector('h1:text-is("partner-audit")');
    const role = (await t.iam.send(new GetRoleCommand({ RoleName: 'partner-audit' }))).Role!;
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual(expectedTrust);
    expect((await t.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'partner-audit' }))).AttachedPolicies!.map((p) => p.PolicyArn)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    // Web identity builds AssumeRoleWithWebIdentity with the provider's aud key.
    await go('#/create-role', '[data-test=trusted-entity]');
    await page.check('[data-test=trusted-entity] input[value=web]');
    await page.selectOption('[data-test=web-idp]', 'accounts.google.com');
    await page.fill('[data-test=audience]', 'my-client-id');
    expect(JSON.parse(await trust.inputValue()).Statement[0]).toEqual({ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'accounts.google.com:aud': 'my-client-id' } } });
    await page.check('[data-test=trusted-entity] input[value=service]');
    expect(JSON.parse(await trust.inputValue()).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });

    // A user with everything AWS's console removes on delete.
    await t.iam.send(new CreateUserCommand({ UserName: 'frank' }));
    await t.iam.send(new CreateGroupCommand({ GroupName: 'Temps' }));
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'Temps', UserName: 'frank' }));
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'frank', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'frank', PolicyName: 'Extra', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}' }));
    await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'frank', PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' }));
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'frank', Password: 'Frank-Pass-123' }));
    const mfa = (await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'frank-phone' }))).VirtualMFADevice!;
    const totp = new TOTP({ secret: Secret.fromBase32(new TextDecoder().decode(mfa.Base32StringSeed!)), algorithm: 'SHA1', digits: 6, period: 30 });
    const step = Math.floor(Date.now() / 30_000);
    await t.iam.send(new EnableMFADeviceCommand({ UserName: 'frank', SerialNumber: mfa.SerialNumber!, AuthenticationCode1: totp.generate({ timestamp: (step - 2) * 30_000 }), AuthenticationCode2: totp.generate({ timestamp: (step - 1) * 30_000 }) }));

    await go('#/users/frank', '[data-test=create-key]');
    // A new access key: copy (clipboard) and download as CSV.
    await page.click('[data-test=create-key]');
    const keyId = (await page.locator('[data-test=new-key-id]').textContent())!;
    const secret = (await page.locator('[data-test=secret]').textContent())!;
    await page.click('button[aria-label="Copy secret access key"]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=download-key-csv]')]);
    expect(download.suggestedFilename()).toBe('frank_accessKeys.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(`Access key ID,Secret access key\n${keyId},${secret}\n`);
    await screenshot(page, 'daily-05-new-key', task.meta);

    // Detach asks first; Cancel keeps the policy.
    await page.click('button[aria-label="Detach ReadOnlyAccess"]');
    await page.waitForSelector('[data-test=confirm-dialog]');
    await axeCheck('confirmation dialog');
    await page.click('[data-test=cancel]');
    expect(await attachedTo('frank')).toEqual(['ReadOnlyAccess']);

    // Delete user: one confirmation listing everything, then all of it goes.
    await page.click('[data-test=delete-entity]');
    const items = await page.waitForSelector('[data-test=confirm-items] li').then(() => page.locator('[data-test=confirm-items] li').allTextContents());
    expect(items).toEqual([
      'Console password (login profile)',
      `Access key ${keyId} (Active)`,
      `MFA device ${mfa.SerialNumber}`,
      'Membership of group Temps',
      'Attached policy ReadOnlyAccess (detached, not deleted)',
      'Inline policy Extra',
      'The user frank itself',
    ]);
    await screenshot(page, 'daily-05-delete-user', task.meta);
    await page.click('[data-test=confirm]');
    await page.waitForSelector('h1:text-is("Users")');
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'frank' })))).name).toBe('NoSuchEntityException');
    const virtual = (await t.iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices!.map((d) => d.SerialNumber);
    expect(virtual).not.toContain(mfa.SerialNumber);

    // Delete group with a member (the user stays) and role in an instance profile.
    await t.iam.send(new CreateUserCommand({ UserName: 'gina' }));
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'Temps', UserName: 'gina' }));
    await t.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Temps', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await go('#/groups/Temps', '[data-test=delete-entity]');
    await page.click('[data-test=delete-entity]');
    expect(await page.waitForSelector('[data-test=confirm-items] li').then(() => page.locator('[data-test=confirm-items] li').allTextContents())).toEqual(['Member gina (removed from the group; the user is kept)', 'Attached policy ReadOnlyAccess (detached, not deleted)', 'The group Temps itself']);
    await page.click('[data-test=confirm]');
    await page.waitForSelector('h1:text-is("User groups")');
    expect((await t.iam.send(new GetUserCommand({ UserName: 'gina' }))).User?.UserName).toBe('gina');
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'partner-audit' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'partner-audit', RoleName: 'partner-audit' }));
    await go('#/roles/partner-audit', '[data-test=delete-entity]');
    await page.click('[data-test=delete-entity]');
    expect(await page.waitForSelector('[data-test=confirm-items] li').then(() => page.locator('[data-test=confirm-items] li').allTextContents())).toEqual(['Instance profile partner-audit (the role is removed from it)', 'Attached policy ReadOnlyAccess (detached, not deleted)', 'The role partner-audit itself']);
    await page.click('[data-test=confirm]');
    await page.waitForSelector('h1:text-is("Roles")');
    expect((await sdkError(t.iam.send(new GetRoleCommand({ RoleName: 'partner-audit' })))).name).toBe('NoSuchEntityException');
  });

  it('6. readable pages: credential report table, dashboard in words, audit links and fixes, sign-in pre-fill, 760 px', async ({ task }) => {
    await Promise.all(Array.from({ length: 14 }, (_, i) => t.iam.send(new CreateUserCommand({ UserName: `bulk-user-with-a-long-name-${i}` }))));
    await go('#/credential-report', '[data-test=gen-report]');
    await page.click('[data-test=gen-report]');
    await page.waitForSelector('[data-test=report]');
    expect(await page.locator('[data-test=report] th').allTextContents()).toEqual(['User', 'Created', 'Console password', 'MFA', 'Access key 1', 'Access key 2', 'Signing certificates']);
    const box = page.locator('.report-box');
    const fit = await box.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
    expect(fit.sw).toBeLessThanOrEqual(fit.cw); // nothing cut off to the right
    // The header stays in view while the rows scroll.
    const sticky = await box.evaluate(async (el) => {
      el.scrollTop = 400;
      await new Promise((r) => requestAnimationFrame(r));
      const th = el.querySelector('th')!.getBoundingClientRect().top, top = el.getBoundingClientRect().top;
      return { moved: el.scrollTop, offset: Math.round(th - top) };
    });
    expect(sticky.moved).toBeGreaterThan(0);
    expect(Math.abs(sticky.offset)).toBeLessThanOrEqual(2);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=download-csv]')]);
    expect(readFileSync((await csv.path())!, 'utf8').split('\n')[0]).toMatch(/^user,arn,user_creation_time,password_enabled,/);
    await axeCheck('credential report');
    await screenshot(page, 'daily-06-credential-report', task.meta);

    await go('#/', '.card');
    const cards = await page.locator('.card').allTextContents();
    expect(cards.some((c) => c.endsWith('MFA devices in use'))).toBe(true);
    expect(cards.some((c) => /^(Enabled|Not enabled)Root user MFA$/.test(c))).toBe(true);
    // No GetAccountSummary key (MFADevicesInUse, AccountMFAEnabled, …) shown as such.
    expect(cards.filter((c) => /MFADevices|AccountMFAEnabled|AccountAccessKeysPresent|InstanceProfiles/.test(c))).toEqual([]);
    await axeCheck('dashboard');

    await go('#/audit', 'main table');
    const userFinding = page.locator('main tbody tr', { hasText: 'User without MFA' }).first();
    const href = await userFinding.locator('td').nth(2).locator('a').getAttribute('href');
    expect(href).toMatch(/^#\/users\//);
    expect(await userFinding.locator('[data-test=console-fix] a').textContent()).toMatch(/^Users › .+ › MFA devices: Assign virtual MFA device$/);
    await axeCheck('audit findings');
    await screenshot(page, 'daily-06-audit', task.meta);

    // The IAM user sign-in knows the account when there is only one.
    await page.click('#signout');
    await page.waitForSelector('#signin-root');
    await page.click('#tab-user');
    await page.waitForFunction(() => (document.getElementById('acct') as HTMLInputElement).value !== '');
    expect(await page.inputValue('#acct')).toBe(ACCOUNT);
    await axeCheck('sign-in');

    // 760 px wide: no page needs a horizontal scroll.
    await signInAsRoot();
    await page.setViewportSize({ width: 760, height: 900 });
    try {
      for (const [hash, sel] of [['#/', '.card'], ['#/users', 'td a'], ['#/users/erin', '[data-test=add-permissions]'], ['#/simulator', '[data-test=action-search]'], ['#/create-role', '[data-test=trusted-entity]'], ['#/policies', 'td a'], ['#/credential-report', '[data-test=gen-report]']] as const) {
        await go(hash, sel);
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(w, `${hash} at 760 px`).toBeLessThanOrEqual(760);
      }
      await go('#/users/erin', '[data-test=add-permissions]');
      await page.waitForSelector('text=Permissions policies');
      await screenshot(page, 'daily-06-narrow-760', task.meta);
    } finally {
      await page.setViewportSize({ width: 1366, height: 800 });
    }
  });

  it('7. keyboard and accessibility: Tab leaves the editor, indent only with a selection or Ctrl+], focus order, axe on every page', async ({ task }) => {
    await go('#/policies', 'button:text("Create policy")');
    await page.click('button:text("Create policy")');
    const editor = page.locator('textarea[aria-label="Policy document"]');
    await editor.focus();
    const before = await editor.inputValue();
    await page.keyboard.press('Tab');
    expect(await editor.evaluate((ta) => document.activeElement === ta)).toBe(false);
    expect(await editor.inputValue()).toBe(before);
    // Lines selected: Tab indents them, Shift+Tab outdents; focus stays.
    await editor.focus();
    await editor.evaluate((ta: HTMLTextAreaElement) => ta.setSelectionRange(ta.value.indexOf('"Version"'), ta.value.indexOf('"Statement"') + 3));
    await page.keyboard.press('Tab');
    expect(await editor.inputValue()).toBe(before.replace('  "Version"', '    "Version"').replace('  "Statement"', '    "Statement"'));
    expect(await editor.evaluate((ta) => document.activeElement === ta)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await editor.inputValue()).toBe(before);
    // Ctrl+] indents the line the caret is on.
    await editor.evaluate((ta: HTMLTextAreaElement) => ta.setSelectionRange(ta.value.indexOf('"Version"'), ta.value.indexOf('"Version"')));
    await page.keyboard.press('Control+BracketRight');
    expect(await editor.inputValue()).toBe(before.replace('  "Version"', '    "Version"'));
    await page.keyboard.press('Control+BracketLeft');
    expect(await editor.inputValue()).toBe(before);

    // Focus order follows the page: no positive tabindex, and Tab walks forward through the document.
    await go('#/users', '[data-test=new-user-name]');
    await page.waitForSelector('td a');
    expect(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count()).toBe(0);
    await page.locator('.brand').focus();
    const order: boolean[] = [];
    for (let i = 0; i < 20; i++) {
      const prev = await page.evaluateHandle(() => document.activeElement);
      await page.keyboard.press('Tab');
      order.push(await page.evaluate((p) => !!(p && document.activeElement && (p as Node).compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING), prev));
    }
    expect(order.every(Boolean)).toBe(true);

    // axe on the pages not yet checked by the other items.
    for (const [hash, sel, name] of [['#/users', 'td a', 'users'], ['#/users/erin', 'text=Permissions boundary', 'user detail'], ['#/groups', 'td a', 'groups'], ['#/groups/Auditors', 'text=Members', 'group detail'],
      ['#/roles', 'td a', 'roles'], ['#/roles/ci', 'text=Trust policy', 'role detail'], ['#/policies', 'td a', 'policies'], ['#/instance-profiles', 'text=Simulated instances', 'instance profiles'],
      ['#/simulator', '[data-test=action-search]', 'simulator (empty)'], ['#/security-credentials', '[data-test=create-key]', 'my security credentials (root)']] as const) {
      await go(hash, sel);
      await page.waitForFunction(() => !document.querySelector('main p.muted')?.textContent?.startsWith('Loading'));
      await axeCheck(name);
    }
    console.log(`axe-core: zero serious/critical violations on ${a11yChecked.length} pages (${axeMs} ms of axe in all): ${a11yChecked.join('; ')}`);
    await screenshot(page, 'daily-07-policies', task.meta);
  });

  it('no script error or CSP refusal happened on any page', () => {
    expect(problems).toEqual([]);
  });
});
