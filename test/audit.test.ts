// The audit (GET /_iam/audit, `iam-local audit`): each pitfall is found, with entity, rule,
// severity and fix; a clean design (the starter template) has none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutGroupPolicyCommand,
  CreateGroupCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startServer, type TestServer } from './helpers/server.js';
import { auditCommand } from '../src/commands/operate.js';

const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const trust = (principal: unknown, condition?: object) =>
  doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });

interface Finding {
  ruleId: string;
  severity: string;
  entityType: string;
  entity: string;
  detail: string;
  fix: string;
  accountId: string;
}

async function audit(t: TestServer, query = ''): Promise<{ findings: Finding[]; summary: Record<string, number> }> {
  const res = await t.admin('GET', `/_iam/audit${query}`);
  expect(res.status).toBe(200);
  return res.json;
}

const keyed = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.entityType}:${f.entity} ${f.severity}`).sort();

describe('audit', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('finds nothing in an empty account', async () => {
    const r = await audit(t);
    expect(r.findings).toEqual([]);
    expect(r.summary.total).toBe(0);
  });

  it('finds each pitfall with its entity, severity and a fix', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'direct' }));
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'direct', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await t.iam.send(new CreateUserCommand({ UserName: 'boss' }));
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'boss', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await t.iam.send(new CreateLoginProfileCommand({ UserName: 'boss', Password: 'Correct-Horse-9-Battery' }));
    await t.iam.send(new CreateGroupCommand({ GroupName: 'Writers' }));
    await t.iam.send(new PutGroupPolicyCommand({ GroupName: 'Writers', PolicyName: 'inline-writes', PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: '*' }) }));
    await t.iam.send(new CreatePolicyCommand({ PolicyName: 'ReadAnything', PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:Get*', 'ec2:Describe*'], Resource: '*' }) }));
    await t.iam.send(new CreatePolicyCommand({ PolicyName: 'WriteAnything', PolicyDocument: doc({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }) }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'Open', AssumeRolePolicyDocument: trust({ AWS: '*' }) }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'Partner', AssumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::222222222222:root' }) }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'PartnerSafe', AssumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::222222222222:root' }, { StringEquals: { 'sts:ExternalId': 'x-123' } }) }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'Service', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) }));
    await t.iam.send(new CreateAccessKeyCommand({})); // the root's own key

    const r = await audit(t);
    expect(keyed(r.findings)).toEqual(
      [
        'admin-without-mfa user:boss high',
        'inline-policy group:Writers low',
        'role-trusts-anyone role:Open critical',
        'role-trusts-external-account role:Partner medium',
        'root-access-key access-key:' + r.findings.find((f) => f.ruleId === 'root-access-key')!.entity + ' critical',
        'user-direct-policy user:boss low',
        'user-direct-policy user:direct low',
        'user-without-mfa user:boss high',
        'user-without-mfa user:direct medium',
        'wildcard-resource-write group:Writers medium',
        'wildcard-resource-write policy:WriteAnything medium',
      ].sort(),
    );
    // Most severe first, each with its remedy.
    expect(r.findings[0]!.severity).toBe('critical');
    const wild = r.findings.find((f) => f.ruleId === 'wildcard-resource-write' && f.entity === 'Writers')!;
    expect(wild.detail).toBe('Inline policy "inline-writes" allows s3:PutObject on Resource "*".');
    expect(wild.fix).toMatch(/Scope the statement's Resource/);
    expect(r.summary).toMatchObject({ critical: 2, high: 2, medium: 4, low: 3, total: 11 });

    const high = await audit(t, '?minSeverity=high');
    expect(high.findings.every((f) => f.severity === 'high' || f.severity === 'critical')).toBe(true);
    expect(high.findings).toHaveLength(4);
  });

  it('follows the clock: old and unused keys, idle users', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'worker' }));
    const key = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'worker' }))).AccessKey!;
    await t.iam.send(new CreateUserCommand({ UserName: 'sleeper' }));
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 31 * 86400 });
    // worker uses its key now (day 31): not idle.
    const sts = new STSClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
      systemClockOffset: 31 * 86400 * 1000, // sign at the server's (moved) time
      maxAttempts: 1,
    });
    await sts.send(new GetCallerIdentityCommand({}));
    let r = await audit(t);
    expect(keyed(r.findings.filter((f) => f.ruleId.startsWith('user-idle') && ['worker', 'sleeper'].includes(f.entity)))).toEqual(['user-idle-30 user:sleeper low']);

    await t.admin('POST', '/_iam/clock', { advanceSeconds: 60 * 86400 }); // day 91
    r = await audit(t);
    const about = (name: string) => r.findings.filter((f) => f.entity === name || f.detail.includes(`user ${name}`));
    expect(keyed(about('sleeper').filter((f) => f.ruleId.startsWith('user-idle')))).toEqual(['user-idle-90 user:sleeper medium']);
    expect(keyed(about('worker').filter((f) => f.ruleId.startsWith('user-idle')))).toEqual(['user-idle-30 user:worker low']);
    const keyFindings = r.findings.filter((f) => f.entity === key.AccessKeyId).map((f) => f.ruleId).sort();
    expect(keyFindings).toEqual(['access-key-old', 'access-key-unused']);
    expect(r.findings.find((f) => f.ruleId === 'access-key-unused' && f.entity === key.AccessKeyId)!.detail).toBe(
      `Access key ${key.AccessKeyId} of user worker was last used 60 days ago.`,
    );
    await t.admin('POST', '/_iam/clock', { reset: true });
  });

  it('auditCommand exits non-zero at or above --fail-on, zero below it', async () => {
    const high = await auditCommand({ url: t.url, failOn: 'critical' });
    expect(high.exitCode).toBe(2);
    expect(high.stderr).toBe('audit: 2 finding(s) at or above critical\n');
    expect(high.stdout).toMatch(/^CRITICAL /);
    expect(high.stdout).toMatch(/fix: /);
    const none = await auditCommand({ url: t.url, failOn: 'none' });
    expect(none.exitCode).toBe(0);
  });
});

describe('audit of a stopped store file (--db)', () => {
  it('reads the file directly and reports the same findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-local-audit-'));
    try {
      const dbPath = join(dir, 'store.db');
      const t = await startServer({ dbPath });
      await t.iam.send(new CreateRoleCommand({ RoleName: 'Open', AssumeRolePolicyDocument: trust('*') }));
      const live = await audit(t);
      await t.close();
      const out = await auditCommand({ db: dbPath, json: true, failOn: 'critical' });
      expect(out.exitCode).toBe(2);
      const report = JSON.parse(out.stdout);
      expect(keyed(report.findings)).toEqual(keyed(live.findings));
      expect(keyed(report.findings)).toEqual(['role-trusts-anyone role:Open critical']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('audit of the starter template', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('the recommended design has no findings', async () => {
    const text = readFileSync(new URL('../templates/starter.yaml', import.meta.url), 'utf8');
    const res = await fetch(`${t.url}/_iam/seed`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text });
    expect(res.status).toBe(200);
    const r = await audit(t);
    expect(r.findings).toEqual([]);
  });
});
