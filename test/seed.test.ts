// Seed files: validation errors that name the line, the starter template, idempotent application
// (through the API's handlers), IAM_LOCAL_SEED at start, and seeding a stopped store file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetGroupCommand,
  GetRoleCommand,
  GetUserCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  GetInstanceProfileCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListOpenIDConnectProvidersCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { sdkError, startServer, type TestServer } from './helpers/server.js';
import { parseSeed, SeedError } from '../src/seed/schema.js';
import { totpCode, totpStep } from '../src/iam/mfa-totp.js';
import { startCommand } from '../src/commands/start.js';
import { seedCommand } from '../src/commands/operate.js';
import { expandSeedText } from '../src/seed/apply.js';
import { loadConfig } from '../src/config.js';

const STARTER = readFileSync(new URL('../templates/starter.yaml', import.meta.url), 'utf8');

function problemsOf(text: string, file = 'bad.yaml'): string[] {
  try {
    parseSeed(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(SeedError);
    return (e as Error).message.split('\n');
  }
  throw new Error('expected the seed to be rejected');
}

async function postSeed(t: TestServer, text: string, name = 'test.yaml') {
  const res = await fetch(`${t.url}/_iam/seed?name=${name}`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text });
  return { status: res.status, json: (await res.json()) as any };
}

describe('seed validation', () => {
  it('names the file, line and column of an unknown key', () => {
    const text = ['users:', '  - name: alice', '    grups: [Admins]', ''].join('\n');
    expect(problemsOf(text)).toEqual([
      'bad.yaml:3:5: users[0]: unknown key "grups" in a user (allowed: name, path, tags, groups, policies, inlinePolicies, permissionsBoundary, accessKeys, mfaDevices, password)',
    ]);
  });

  it('reports every problem, each on its own line', () => {
    const text = [
      'users:',
      '  - name: "bad name!"',
      '    accessKeys:',
      '      - id: short',
      '        secret: s',
      'roles:',
      '  - name: NoTrust',
      'policies:',
      '  - name: P',
      '    document: [1, 2]',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'bad.yaml:2:11: users[0].name: must be letters, digits and +=,.@_-',
      'bad.yaml:4:13: users[0].accessKeys[0].id: must be 16-128 letters or digits (AKIA…)',
      'bad.yaml:7:5: roles[0]: a role needs "trustPolicy"',
      'bad.yaml:10:15: policies[0].document: policy document must be a mapping or JSON text, not a list',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('users:\n  - name: a\n    name: b\n')).toEqual(['bad.yaml:3:5: Map keys must be unique']);
    expect(problemsOf('users:\n  - name: a\n  tags: x\n   - b\n')).toEqual(['bad.yaml:3:1: All mapping items must start at the same column']);
  });

  it('accepts JSON and names its lines too', () => {
    const text = '{\n  "users": [\n    {"name": "a", "path": "no-slashes"}\n  ]\n}\n';
    expect(problemsOf(text, 'seed.json')).toEqual(['seed.json:3:27: users[0].path: must be a path that begins and ends with /']);
    expect(parseSeed('{"users": [{"name": "a"}]}', 'ok.json').seed.accounts[0]!.users[0]!.name).toBe('a');
  });

  it('refuses the same user twice and the same access key twice', () => {
    const text = [
      'users:',
      '  - name: a',
      '    accessKeys: [{id: AKIAAAAAAAAAAAAAAAAA, secret: x}]',
      '  - name: A',
      '    accessKeys: [{id: AKIAAAAAAAAAAAAAAAAA, secret: y}]',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'bad.yaml:4:5: users[1]: user A appears twice in this account',
      'bad.yaml:5:18: users[1].accessKeys[0]: access key AKIAAAAAAAAAAAAAAAAA appears twice',
    ]);
  });

  it('keeps account ids written as numbers exactly as written', () => {
    const { seed } = parseSeed('accounts:\n  - id: 000000000042\n    users: [{name: x}]\n');
    expect(seed.accounts[1]!.id).toBe('000000000042');
  });

  it('validates the starter template', () => {
    const { seed } = parseSeed(expandSeedText(STARTER, { config: loadConfig({}) }), 'starter.yaml');
    expect(seed.accounts[0]!.groups.map((g) => g.name)).toEqual(['Admins', 'Developers', 'ReadOnly', 'Billing']);
  });
});

describe('applying a seed through the API handlers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('an error found by the API names the seed line, and nothing of the seed is applied', async () => {
    const text = [
      'users:',
      '  - name: first-user',
      'roles:',
      '  - name: BrokenTrust',
      '    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "sts:AssumeRole"}]}',
    ].join('\n');
    const res = await postSeed(t, text, 'broken.yaml');
    expect(res.status).toBe(400);
    // (The place is the trust policy itself, checked before anything is applied.)
    expect(res.json.error).toBe('broken.yaml:5:18: roles[0].trustPolicy: MalformedPolicyDocument: Missing required field Principal');
    // One transaction: the user before the broken role was rolled back too.
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'first-user' })))).name).toBe('NoSuchEntityException');
  });

  it('applies the starter template: groups, roles, users with fixed keys and MFA seeds', async () => {
    const res = await postSeed(t, STARTER, 'starter.yaml');
    expect(res.status).toBe(200);
    expect(res.json.counts.created).toBeGreaterThan(20);

    const admins = await t.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Admins' }));
    expect(admins.AttachedPolicies!.map((p) => p.PolicyName).sort()).toEqual(['AdministratorAccess', 'RequireMFA']);
    const devs = await t.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Developers' }));
    expect(devs.AttachedPolicies!.map((p) => p.PolicyArn).sort()).toEqual([
      'arn:aws:iam::000000000000:policy/DenyIAM',
      'arn:aws:iam::aws:policy/PowerUserAccess',
    ]);
    const billing = await t.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Billing' }));
    expect(billing.AttachedPolicies!.map((p) => p.PolicyArn)).toEqual(['arn:aws:iam::aws:policy/job-function/Billing']);
    expect((await t.iam.send(new GetGroupCommand({ GroupName: 'ReadOnly' }))).Users!.map((u) => u.UserName)).toEqual(['carol']);

    const ec2 = (await t.iam.send(new GetRoleCommand({ RoleName: 'EC2-AppRole' }))).Role!;
    expect(JSON.parse(decodeURIComponent(ec2.AssumeRolePolicyDocument!)).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    const cicd = JSON.parse(decodeURIComponent((await t.iam.send(new GetRoleCommand({ RoleName: 'CICDRole' }))).Role!.AssumeRolePolicyDocument!));
    const federated: string = cicd.Statement[0].Principal.Federated;
    expect(federated).toMatch(/^arn:aws:iam::000000000000:oidc-provider\//);
    const providers = await t.iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(providers.OpenIDConnectProviderList!.map((p) => p.Arn)).toContain(federated);
    const host = federated.split('oidc-provider/')[1]!;
    expect(cicd.Statement[0].Condition.StringEquals).toEqual({ [`${host}:aud`]: 'sts.amazonaws.com' });
    expect(cicd.Statement[0].Action).toBe('sts:AssumeRoleWithWebIdentity');

    const bob = (await t.iam.send(new GetUserCommand({ UserName: 'bob' }))).User!;
    expect(bob.PermissionsBoundary?.PermissionsBoundaryArn).toBe('arn:aws:iam::000000000000:policy/boundaries/DevOnly');
    const profile = await t.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'EC2-AppRole' }));
    expect(profile.InstanceProfile!.Roles!.map((r) => r.RoleName)).toEqual(['EC2-AppRole']);

    // The fixed key signs requests as alice.
    const aliceSts = t.stsAs({ accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice/Secret/Key/For/Local/Tests/Only00' });
    const me = await aliceSts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:iam::000000000000:user/alice');

    // The fixed MFA seed is enabled and its current code works right away.
    const mfa = await t.iam.send(new ListMFADevicesCommand({ UserName: 'alice' }));
    expect(mfa.MFADevices!.map((d) => d.SerialNumber)).toEqual(['arn:aws:iam::000000000000:mfa/alice']);
    const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const step = totpStep(new Date((await t.admin('GET', '/_iam/clock')).json.now));
    const session = await aliceSts.send(
      new GetSessionTokenCommand({ SerialNumber: 'arn:aws:iam::000000000000:mfa/alice', TokenCode: totpCode(seed, step) }),
    );
    expect(session.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('CICDRole works as GitHub Actions uses it: a token from the built-in issuer → AssumeRoleWithWebIdentity', async () => {
    const mint = async (sub: string) =>
      (await t.admin('POST', '/_iam/oidc/token', { sub, aud: 'sts.amazonaws.com', expiresIn: 600 })).json.token as string;
    const roleArn = 'arn:aws:iam::000000000000:role/CICDRole';
    const ok = await t.sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'gha', WebIdentityToken: await mint('repo:my-org/my-app:ref:refs/heads/main') }),
    );
    expect(ok.AssumedRoleUser!.Arn).toBe('arn:aws:sts::000000000000:assumed-role/CICDRole/gha');
    // Another repository does not match the trust policy's sub condition.
    const denied = await sdkError(
      t.sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'gha', WebIdentityToken: await mint('repo:evil/fork:ref:refs/heads/main') })),
    );
    expect(denied.name).toBe('AccessDenied');
  });

  it('is idempotent: applying again changes nothing and duplicates nothing', async () => {
    const again = await postSeed(t, STARTER, 'starter.yaml');
    expect(again.status).toBe(200);
    expect(again.json.counts).toMatchObject({ created: 0, updated: 0 });
    expect((await t.iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect((await t.iam.send(new ListAccessKeysCommand({ UserName: 'bob' }))).AccessKeyMetadata).toHaveLength(1);
    expect((await t.iam.send(new ListGroupsForUserCommand({ UserName: 'bob' }))).Groups!.map((g) => g.GroupName)).toEqual(['Developers']);
  });

  it('updates what changed: a trust policy, a policy document (new default version), a membership', async () => {
    const text = [
      'policies:',
      '  - name: DenyIAM',
      '    document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "iam:Delete*", Resource: "*"}]}',
      'roles:',
      '  - name: Lambda-WorkerRole',
      '    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: [lambda.amazonaws.com, edgelambda.amazonaws.com]}, Action: "sts:AssumeRole"}]}',
      'users:',
      '  - name: bob',
      '    groups: [Developers, ReadOnly]',
    ].join('\n');
    const res = await postSeed(t, text);
    expect(res.status).toBe(200);
    expect(res.json.applied.map((i: any) => `${i.kind}:${i.name}:${i.outcome}`)).toEqual([
      'policy:DenyIAM:updated',
      'role:Lambda-WorkerRole:updated',
      'user:bob:updated',
    ]);
    const trust = JSON.parse(decodeURIComponent((await t.iam.send(new GetRoleCommand({ RoleName: 'Lambda-WorkerRole' }))).Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement[0].Principal.Service).toEqual(['lambda.amazonaws.com', 'edgelambda.amazonaws.com']);
    expect((await t.iam.send(new ListGroupsForUserCommand({ UserName: 'bob' }))).Groups!.map((g) => g.GroupName).sort()).toEqual(['Developers', 'ReadOnly']);
  });

  it('policy names resolve to this seed\'s policies, then the account\'s, then AWS managed ones', async () => {
    const res = await postSeed(t, 'users:\n  - name: carol\n    policies: [AppDataAccess, IAMReadOnlyAccess]\n');
    expect(res.status).toBe(200);
    const attached = await t.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'carol' }));
    expect(attached.AttachedPolicies!.map((p) => p.PolicyArn).sort()).toEqual([
      'arn:aws:iam::000000000000:policy/AppDataAccess',
      'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
    ]);
  });

  it('refuses a fixed access key id that already has a different secret', async () => {
    const res = await postSeed(t, 'users:\n  - name: bob\n    accessKeys: [{id: AKIABOB0000000000001, secret: other}]\n');
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('test.yaml:3:18: users[0].accessKeys[0]: access key AKIABOB0000000000001: access key AKIABOB0000000000001 already exists with a different secret');
  });

  it('creates simulated instances and tasks through the running server, with its errors', async () => {
    const text = [
      'roles:',
      '  - name: Task-Role',
      '    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: "sts:AssumeRole"}]}',
      'instances:',
      '  - instanceProfile: EC2-AppRole',
      '    httpTokens: required',
      '    hopLimit: 2',
      '    tags: {env: dev}',
      'tasks:',
      '  - role: Task-Role',
      '    taskId: app-task',
      '    authorizationToken: null',
    ].join('\n');
    const res = await postSeed(t, text, 'workloads.yaml');
    expect(res.json.error).toBeUndefined();
    expect(res.status).toBe(200);
    const [, inst, task] = res.json.applied;
    expect(inst).toMatchObject({ kind: 'instance', name: 'EC2-AppRole', outcome: 'created' });
    expect(inst.detail).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(task).toMatchObject({ kind: 'task', name: 'Task-Role', outcome: 'created' });
    const listed = (await t.admin('GET', '/_iam/instances')).json.instances;
    expect(listed.find((i: any) => i.instanceProfileName === 'EC2-AppRole')).toMatchObject({ httpTokens: 'required', hopLimit: 2 });
    const tasks = (await t.admin('GET', '/_iam/tasks')).json.tasks;
    expect(tasks.find((x: any) => x.taskId === 'app-task')).toMatchObject({ roleName: 'Task-Role', authorizationToken: null });

    // Applying again finds them running: nothing new is started.
    const again = await postSeed(t, text, 'workloads.yaml');
    expect(again.json.applied.map((i: any) => `${i.kind}:${i.outcome}`)).toEqual(['role:unchanged', 'instance:unchanged', 'task:unchanged']);
    expect((await t.admin('GET', '/_iam/instances')).json.instances).toHaveLength(listed.length);

    const missing = await postSeed(t, 'instances:\n  - instanceProfile: NoSuchProfile\n', 'workloads.yaml');
    expect(missing.status).toBe(400);
    // (Found before anything is applied, at the reference itself.)
    expect(missing.json.error).toBe('workloads.yaml:2:22: instances[0].instanceProfile: instance profile NoSuchProfile is defined neither in this file nor in account 000000000000');
  });

  it('seeds further accounts, isolated from the default one', async () => {
    const res = await postSeed(t, 'accounts:\n  - id: "111111111111"\n    users: [{name: other-user}]\n');
    expect(res.status).toBe(200);
    const other = t.iamAs({ accessKeyId: '111111111111', secretAccessKey: 'test' });
    expect((await other.send(new GetUserCommand({ UserName: 'other-user' }))).User!.Arn).toBe('arn:aws:iam::111111111111:user/other-user');
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'other-user' })))).name).toBe('NoSuchEntityException');
  });
});

describe('IAM_LOCAL_SEED and seeding a stopped store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'iam-local-seed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies the seed at start, and again at the next start without duplicating anything', async () => {
    const seedFile = join(dir, 'seed.yaml');
    writeFileSync(seedFile, 'users:\n  - name: seeded\n    accessKeys: [{id: AKIASEEDED0000000001, secret: seeded-secret}]\n');
    const dbPath = join(dir, 'start.db');
    for (let i = 0; i < 2; i++) {
      const { server, url } = await startCommand({ port: '0', db: dbPath, seed: seedFile, logLevel: 'silent' });
      try {
        const t = { url };
        const res = await fetch(`${t.url}/_iam/state`);
        const state = (await res.json()) as any;
        expect(state.tables.users.map((u: any) => u.name)).toEqual(['seeded']);
        expect(state.tables.access_keys.map((k: any) => k.id)).toEqual(['AKIASEEDED0000000001']);
      } finally {
        await server.close();
      }
    }
  });

  it('refuses to start when the seed file is invalid, naming the line', async () => {
    const seedFile = join(dir, 'invalid.yaml');
    writeFileSync(seedFile, 'users:\n  - nam: x\n');
    await expect(startCommand({ port: '0', db: ':memory:', seed: seedFile, logLevel: 'silent' })).rejects.toThrow(
      /^invalid\.yaml:2:5: users\[0\]: unknown key "nam"/,
    );
  });

  it('seeds a stopped store file with --db; the server then serves it', async () => {
    const dbPath = join(dir, 'offline.db');
    const out = await seedCommand(undefined, { template: 'starter', db: dbPath });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/seed applied: \d+ created, 0 updated, 0 unchanged, 0 skipped/);
    const t = await startServer({ dbPath });
    try {
      expect((await t.iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['alice', 'bob', 'carol', 'dave']);
    } finally {
      await t.close();
    }
  });
});
