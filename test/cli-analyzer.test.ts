// `iam-local validate` (offline ValidatePolicy for CI: exit codes, text, JSON, SARIF) and
// `iam-local generate-policy` (policy generation from a running server's decision log).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand, CreateAccessKeyCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { generatePolicyCommand, parseDuration, validateCommand } from '../src/commands/analyzer.js';
import { CliError } from '../src/commands/target.js';
import { startServer, type TestServer } from './helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'iam-local-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, doc: object | string) => {
  const p = join(dir, name);
  writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return p;
};
const good = file('good.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const passRole = file('pass-role.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] });
const missingVersion = file('no-version.json', { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const bucket = file('bucket.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });

describe('iam-local validate', () => {
  it('exit 0 when clean, 2 at or above --fail-on (default: security warnings and errors)', async () => {
    expect((await validateCommand([good], {})).exitCode).toBe(0);
    const r = await validateCommand([good, passRole, missingVersion], {});
    expect(r.exitCode).toBe(2);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${passRole}:7:19: SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE: Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.`,
      `${missingVersion}:1:1: WARNING MISSING_VERSION: We recommend that you specify the Version element to help you with debugging permission issues.`,
    ]);
    expect(r.stderr).toBe('3 files, 2 findings, 1 at or above --fail-on security-warning\n');
    expect((await validateCommand([missingVersion], {})).exitCode).toBe(0);
    expect((await validateCommand([missingVersion], { failOn: 'warning' })).exitCode).toBe(2);
    expect((await validateCommand([passRole], { failOn: 'none' })).exitCode).toBe(0);
  });

  it('a Principal makes it a resource policy unless --policy-type says otherwise', async () => {
    const asResource = JSON.parse((await validateCommand([bucket], { format: 'json' })).stdout);
    expect(asResource[0].policyType).toBe('RESOURCE_POLICY');
    expect(asResource[0].findings.map((f: { issueCode: string }) => f.issueCode)).toEqual(['UNSUPPORTED_WILDCARD_IN_PRINCIPAL']);
    const asIdentity = JSON.parse((await validateCommand([bucket], { format: 'json', policyType: 'identity' })).stdout);
    expect(asIdentity[0].findings.map((f: { issueCode: string }) => f.issueCode)).toEqual(['UNSUPPORTED_PRINCIPAL']);
  });

  it('SARIF 2.1.0: one rule per issue code with its help link, results at the file region', async () => {
    const r = await validateCommand([passRole], { format: 'sarif' });
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string; helpUri: string }) => [x.id, x.helpUri])).toEqual([
      ['PASS_ROLE_WITH_STAR_IN_RESOURCE', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-security-warning-pass-role-with-star-in-resource'],
    ]);
    expect(run.results[0]).toMatchObject({
      ruleId: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
      ruleIndex: 0,
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: passRole }, region: { startLine: 7, startColumn: 19, endLine: 7, endColumn: 22 } }, logicalLocations: [{ fullyQualifiedName: 'Statement[0].Resource' }] }],
    });
  });

  it('bad input is a one-line error (exit 1)', async () => {
    await expect(validateCommand([join(dir, 'missing.json')], {})).rejects.toThrow(CliError);
    await expect(validateCommand([good], { format: 'xml' })).rejects.toThrow('--format must be text, json or sarif');
    await expect(validateCommand([good], { policyType: 'user' })).rejects.toThrow('--policy-type must be one of');
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(() => parseDuration('an hour')).toThrow('--since takes a duration');
  });
});

describe('iam-local generate-policy', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer({ enforce: 'audit' });
  });
  afterAll(() => t.close());

  it('prints the policy for what the user did, ready to attach; exit 1 when nothing was recorded', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'carol' }));
    const k = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!;
    const carol = t.iamAs({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
    await carol.send(new GetUserCommand({ UserName: 'carol' }));
    await carol.send(new ListUsersCommand({}));
    const r = await generatePolicyCommand('user:carol', { url: t.url, since: '5m' });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.Version).toBe('2012-10-17');
    expect(doc.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()).sort()).toEqual(['iam:GetUser', 'iam:ListUsers']);
    expect(r.stderr).toMatch(/^job [0-9a-f-]{36}: 1 policy for arn:aws:iam::000000000000:user\/carol from the last 5m\n$/);

    const none = await generatePolicyCommand('user:carol', { url: t.url, since: '5m', json: true });
    expect(none.exitCode).toBe(0);
    await t.iam.send(new CreateUserCommand({ UserName: 'idle' }));
    const idle = await generatePolicyCommand('user:idle', { url: t.url });
    expect([idle.exitCode, idle.stdout]).toEqual([1, '']);
    expect(idle.stderr).toContain('no recorded activity');
    await expect(generatePolicyCommand('group:x', { url: t.url })).rejects.toThrow('user:NAME, role:NAME');
  });
});
