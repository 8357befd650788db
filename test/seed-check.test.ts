// `iam-local seed --check` finds everything `apply` would refuse, in one pass, each problem with its
// file:line:column; `apply` applies nothing when any problem exists. And seeds agree with the
// server's own instance (--instance-profile) and report task URIs at the port it listens on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateGroupCommand, CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'iam-local.js');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, IAM_LOCAL_URL: '', PORT: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ALLOW = '{Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}';
const EC2_TRUST = '{Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}';

// Every kind of problem apply would meet, one per line, and one valid user (must not be applied).
const BAD = [
  /* 1 */ 'policies:',
  /* 2 */ '  - name: NoResource',
  /* 3 */ '    document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject"}]}',
  /* 4 */ 'groups:',
  /* 5 */ '  - name: Devs',
  /* 6 */ '    policies: [PowerUserAccess, NoSuchManaged, "arn:aws:iam::aws:policy/NotAnAwsPolicy"]',
  /* 7 */ 'roles:',
  /* 8 */ '  - name: NoPrincipal',
  /* 9 */ '    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "sts:AssumeRole"}]}',
  /* 10 */ '  - name: Fed',
  /* 11 */ '    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Federated: "arn:aws:iam::000000000000:oidc-provider/nowhere.example"}, Action: "sts:AssumeRoleWithWebIdentity"}]}',
  /* 12 */ '    permissionsBoundary: MissingBoundary',
  /* 13 */ `  - name: ${'R'.repeat(65)}`,
  /* 14 */ `    trustPolicy: ${EC2_TRUST}`,
  /* 15 */ 'users:',
  /* 16 */ '  - name: fine-user',
  /* 17 */ '  - name: joiner',
  /* 18 */ '    groups: [Devs, Admins]',
  /* 19 */ 'instanceProfiles:',
  /* 20 */ '  - {name: prof, role: NoSuchRole}',
  /* 21 */ 'instances:',
  /* 22 */ '  - {instanceProfile: nope}',
  /* 23 */ 'tasks:',
  /* 24 */ '  - {role: Fed}',
].join('\n');

const EXPECTED = [
  'bad.yaml:3:15: policies[0].document: MalformedPolicyDocument: Policy statement must contain resources.',
  'bad.yaml:6:33: groups[0].policies[1]: policy NoSuchManaged is neither a customer managed policy of this file or of account 000000000000, nor an AWS managed policy (give AWS managed ones by name with their path, e.g. job-function/Billing)',
  'bad.yaml:6:48: groups[0].policies[2]: no AWS managed policy has the ARN arn:aws:iam::aws:policy/NotAnAwsPolicy',
  'bad.yaml:9:18: roles[0].trustPolicy: MalformedPolicyDocument: Missing required field Principal',
  'bad.yaml:11:18: roles[1].trustPolicy: trust policy names arn:aws:iam::000000000000:oidc-provider/nowhere.example, an identity provider defined neither in this file nor in account 000000000000',
  'bad.yaml:12:26: roles[1].permissionsBoundary: policy MissingBoundary is neither a customer managed policy of this file or of account 000000000000, nor an AWS managed policy (give AWS managed ones by name with their path, e.g. job-function/Billing)',
  `bad.yaml:13:5: roles[2]: role ${'R'.repeat(65)}: ValidationError: 1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`,
  'bad.yaml:18:20: users[1].groups[1]: group Admins is defined neither in this file nor in account 000000000000',
  'bad.yaml:20:24: instanceProfiles[0].role: role NoSuchRole is defined neither in this file nor in account 000000000000',
  'bad.yaml:22:23: instances[0].instanceProfile: instance profile nope is defined neither in this file nor in account 000000000000',
  "bad.yaml:24:5: tasks[0]: task Fed: ECS was unable to assume the role 'arn:aws:iam::000000000000:role/Fed' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.",
];

let dir: string;
let t: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iam-local-seed-check-'));
  t = await startServer();
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const postSeed = async (text: string, name: string, query = '') => {
  const res = await fetch(`${t.url}/_iam/seed?name=${name}${query}`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text });
  return { status: res.status, json: (await res.json()) as any };
};

describe('seed --check: every problem apply would meet, in one pass', { timeout: 120_000 }, () => {
  it('reports each problem at its file:line:column (references, documents, AWS names, trust of tasks)', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, BAD);
    const r = await cli(['seed', file, '--check']);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual(EXPECTED);
  });

  it('shape problems (formats such as TOTP seeds and key ids) and reference problems come in the same pass', async () => {
    const file = join(dir, 'mixed.yaml');
    writeFileSync(
      file,
      ['users:', '  - name: alice', '    groups: [Devs, Missing]', '    accessKeys: [{id: short, secret: x}]', '    mfaDevices: [{name: alice, seed: JBSWY3DPEHPK3PX1JBSWY3DP}]', 'groups:', '  - name: Devs', '    policies: [NoSuchPolicy]'].join('\n'),
    );
    const r = await cli(['seed', file, '--check']);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'mixed.yaml:3:20: users[0].groups[1]: group Missing is defined neither in this file nor in account 000000000000',
      'mixed.yaml:4:23: users[0].accessKeys[0].id: must be 16-128 letters or digits (AKIA…)',
      'mixed.yaml:5:38: users[0].mfaDevices[0].seed: must be a base32 TOTP seed (A-Z, 2-7)',
      'mixed.yaml:8:16: groups[0].policies[0]: policy NoSuchPolicy is neither a customer managed policy of this file or of account 000000000000, nor an AWS managed policy (give AWS managed ones by name with their path, e.g. job-function/Billing)',
    ]);
  });

  it('apply refuses the same document with the same list, and applies nothing', async () => {
    const res = await postSeed(BAD, 'bad.yaml');
    expect(res.status).toBe(400);
    expect(res.json.error.split('\n')).toEqual(EXPECTED);
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'fine-user' })))).name).toBe('NoSuchEntityException');
    expect((await t.admin('GET', '/_iam/instances')).json.instances).toEqual([]);
    expect((await t.admin('GET', '/_iam/tasks')).json.tasks).toEqual([]);
  });

  it('checks references against the store of --url (a group the server has) and --db', async () => {
    const file = join(dir, 'joins.yaml');
    writeFileSync(file, 'users:\n  - name: member\n    groups: [Existing]\n');
    const missing = await cli(['seed', file, '--check', '--url', t.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('joins.yaml:3:14: users[0].groups[0]: group Existing is defined neither in this file nor in account 000000000000\n');

    await t.iam.send(new CreateGroupCommand({ GroupName: 'Existing' }));
    const ok = await cli(['seed', file, '--check', '--url', t.url]);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe(`joins.yaml: valid (1 account(s), 1 entities; checked against the server at ${t.url})\n`);
    expect(ok.code).toBe(0);
    // Checking applied nothing.
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'member' })))).name).toBe('NoSuchEntityException');

    const db = join(dir, 'store.db');
    const created = await cli(['seed', file, '--check', '--db', db]);
    expect(created.code).toBe(1);
    expect(created.stderr).toContain('group Existing is defined neither in this file nor in account 000000000000');
  });

  it('finds what only applying shows (a fixed key that exists with another secret), without applying', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'keyed' }));
    const first = await postSeed('users:\n  - name: keyed\n    accessKeys: [{id: AKIAKEYED00000000001, secret: one}]\n', 'k.yaml');
    expect(first.status).toBe(200);
    const file = join(dir, 'k2.yaml');
    writeFileSync(file, 'users:\n  - name: keyed\n    accessKeys: [{id: AKIAKEYED00000000001, secret: two}]\n  - name: not-yet\n');
    const r = await cli(['seed', file, '--check', '--url', t.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('k2.yaml:3:18: users[0].accessKeys[0]: access key AKIAKEYED00000000001: access key AKIAKEYED00000000001 already exists with a different secret\n');
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'not-yet' })))).name).toBe('NoSuchEntityException');
  });

  it('the starter template is valid against an empty store and against a server that already has it', async () => {
    const empty = await cli(['seed', '--template', 'starter', '--check']);
    expect(empty.stdout).toMatch(/^starter\.yaml: valid \(1 account\(s\), 18 entities; checked against an empty store/);
    expect(empty.code).toBe(0);
    const s = await startServer();
    try {
      expect((await cli(['seed', '--template', 'starter', '--url', s.url])).code).toBe(0);
      expect((await cli(['seed', '--template', 'starter', '--check', '--url', s.url])).code).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('a valid document with a policy given as JSON text and an own policy by name applies', async () => {
    const res = await postSeed(`policies:\n  - name: Mine\n    document: '${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })}'\ngroups:\n  - {name: G, policies: [Mine, ReadOnlyAccess]}\n`, 'ok.yaml');
    expect(res.json.error).toBeUndefined();
    expect(res.json.counts).toMatchObject({ created: 2 });
  });
});

describe('seeds and the server agree on instances and tasks', { timeout: 120_000 }, () => {
  it("an instances: entry for the --instance-profile instance applies its settings (httpTokens: required)", async () => {
    // (IAM_LOCAL_INSTANCE_CLIENTS: the default instance exists only for the clients it answers.)
    const s = await startServer({ instanceProfile: 'app', instanceClients: ['127.0.0.1'] });
    try {
      const text = [
        'roles:',
        `  - {name: app, trustPolicy: ${EC2_TRUST}}`,
        'instanceProfiles:',
        '  - {name: app, role: app}',
        'instances:',
        '  - {instanceProfile: app, httpTokens: required, hopLimit: 2}',
      ].join('\n');
      const res = await fetch(`${s.url}/_iam/seed?name=app.yaml`, { method: 'POST', body: text, headers: { 'content-type': 'application/yaml' } }).then((r) => r.json());
      const inst = res.applied.find((i: any) => i.kind === 'instance');
      expect(inst).toMatchObject({ outcome: 'updated', detail: `${s.url}; httpTokens: required; hopLimit: 2` });
      const listed = (await s.admin('GET', '/_iam/instances')).json.instances;
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ default: true, httpTokens: 'required', hopLimit: 2 });
      // IMDSv1 is refused now, on the main port's /latest/.
      expect((await fetch(`${s.url}/latest/meta-data/instance-id`)).status).toBe(401);
      // Applying again: nothing to change.
      const again = await fetch(`${s.url}/_iam/seed?name=app.yaml`, { method: 'POST', body: text, headers: { 'content-type': 'application/yaml' } }).then((r) => r.json());
      expect(again.applied.find((i: any) => i.kind === 'instance')).toMatchObject({ outcome: 'unchanged' });
    } finally {
      await s.close();
    }
  });

  it('task URIs in the seed report use the port the server listens on', async () => {
    const file = join(dir, 'task.yaml');
    writeFileSync(
      file,
      [
        'roles:',
        '  - name: TaskRole',
        '    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: "sts:AssumeRole"}]}',
        'tasks:',
        '  - {role: TaskRole, taskId: report-task}',
      ].join('\n'),
    );
    const r = await cli(['seed', file, '--url', t.url]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`created   000000000000 task TaskRole (${t.url}/v2/credentials/report-task)\n`);
  });
});
