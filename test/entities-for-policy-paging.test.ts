// ListEntitiesForPolicy reads only its page from the attachments' name index: pages of any size
// put together are the one-call list (groups, users, roles; of each kind the attached ones by
// name, then those with the policy only as boundary), a rename moves an entity to its new place,
// offset markers handed out before still work, and the index's names survive a migration from a
// store made before them and a state export → import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DetachUserPolicyCommand,
  ListEntitiesForPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutUserPermissionsBoundaryCommand,
  UpdateUserCommand,
  type ListEntitiesForPolicyCommandInput,
  type ListEntitiesForPolicyCommandOutput,
} from '@aws-sdk/client-iam';
import { startServer, type TestServer } from './helpers/server.js';
import { migrate, readMigrations } from '../src/store/database.js';
import { encodeOffset } from '../src/store/rows.js';

let t: TestServer;
const ACCOUNT = '000000000000';
const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const ARN = `arn:aws:iam::${ACCOUNT}:policy/shared`;
const NAMES = ['b', 'A_c', 'a-b', 'Zed', 'c.d', 'm', 'B2', 'x'];

const flat = (r: ListEntitiesForPolicyCommandOutput) => [
  ...r.PolicyGroups!.map((g) => `group:${g.GroupName}`),
  ...r.PolicyUsers!.map((u) => `user:${u.UserName}`),
  ...r.PolicyRoles!.map((x) => `role:${x.RoleName}`),
];

async function pages(input: Omit<ListEntitiesForPolicyCommandInput, 'PolicyArn'>, maxItems: number, marker?: string) {
  const out: string[] = [];
  for (let n = 0; n < 200; n++) {
    const r = await t.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: ARN, ...input, MaxItems: maxItems, Marker: marker }));
    out.push(...flat(r));
    if (!r.IsTruncated) return out;
    marker = r.Marker;
  }
  throw new Error('never ended');
}

beforeAll(async () => {
  t = await startServer();
  await t.iam.send(new CreatePolicyCommand({ PolicyName: 'shared', PolicyDocument: doc }));
  for (const [i, n] of NAMES.entries()) {
    await t.iam.send(new CreateUserCommand({ UserName: n, Path: i % 2 ? '/p/' : '/' }));
    await t.iam.send(new CreateGroupCommand({ GroupName: n }));
    await t.iam.send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: trust }));
    if (i % 3 !== 2) await t.iam.send(new AttachUserPolicyCommand({ UserName: n, PolicyArn: ARN }));
    if (i % 2 === 0) await t.iam.send(new AttachGroupPolicyCommand({ GroupName: n, PolicyArn: ARN }));
    if (i % 3 === 0) await t.iam.send(new AttachRolePolicyCommand({ RoleName: n, PolicyArn: ARN }));
    // Boundaries: some of the attached entities too, some only.
    if (i % 2 === 1) await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: n, PermissionsBoundary: ARN }));
    if (i % 4 === 1) await t.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: n, PermissionsBoundary: ARN }));
  }
});
afterAll(() => t.close());

/** The list as IAM orders it here, worked out from the fixtures above. */
function expected(usage?: 'PermissionsPolicy' | 'PermissionsBoundary', kind?: 'group' | 'user' | 'role') {
  const byName = (xs: string[]) => [...xs].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  const pick = (f: (i: number) => boolean) => NAMES.filter((_, i) => f(i));
  const attached = { group: pick((i) => i % 2 === 0), user: pick((i) => i % 3 !== 2), role: pick((i) => i % 3 === 0) };
  const boundary = { group: [] as string[], user: pick((i) => i % 2 === 1), role: pick((i) => i % 4 === 1) };
  const out: string[] = [];
  for (const k of ['group', 'user', 'role'] as const) {
    if (kind && kind !== k) continue;
    const a = usage === 'PermissionsBoundary' ? [] : byName(attached[k]);
    const b = usage === 'PermissionsPolicy' ? [] : byName(boundary[k].filter((n) => !a.includes(n)));
    out.push(...[...a, ...b].map((n) => `${k}:${n}`));
  }
  return out;
}

describe('ListEntitiesForPolicy paging', () => {
  const cases = [
    ['everything', {}, expected()],
    ['PermissionsPolicy', { PolicyUsageFilter: 'PermissionsPolicy' }, expected('PermissionsPolicy')],
    ['PermissionsBoundary', { PolicyUsageFilter: 'PermissionsBoundary' }, expected('PermissionsBoundary')],
    ['users', { EntityFilter: 'User' }, expected(undefined, 'user')],
    ['roles, boundary', { EntityFilter: 'Role', PolicyUsageFilter: 'PermissionsBoundary' }, expected('PermissionsBoundary', 'role')],
  ] as const;
  it.each(cases)('%s: pages of 1, 2 and 5 put together are the list, in order', async (_n, input, want) => {
    expect(want.length).toBeGreaterThan(0);
    for (const size of [1, 2, 5, 100]) expect(await pages(input, size)).toEqual(want);
  });

  it('a PathPrefix keeps filtering by the entity path', async () => {
    const got = await pages({ PathPrefix: '/p/' }, 2);
    const inP = new Set(NAMES.filter((_, i) => i % 2));
    expect(got).toEqual(expected().filter((x) => x.startsWith('user:') && inP.has(x.slice(5))));
  });

  it('accepts an offset marker as handed out before', async () => {
    expect(await pages({}, 3, encodeOffset(4))).toEqual(expected().slice(4));
  });

  it('a renamed user moves to its new name\'s place; a detached one leaves', async () => {
    await t.iam.send(new UpdateUserCommand({ UserName: 'Zed', NewUserName: '0renamed' }));
    const users = (await pages({ EntityFilter: 'User', PolicyUsageFilter: 'PermissionsPolicy' }, 2)).map((x) => x.slice(5));
    expect(users[0]).toBe('0renamed');
    expect(users).not.toContain('Zed');
    await t.iam.send(new DetachUserPolicyCommand({ UserName: '0renamed', PolicyArn: ARN }));
    expect(await pages({ EntityFilter: 'User', PolicyUsageFilter: 'PermissionsPolicy' }, 2)).not.toContain('user:0renamed');
    await t.iam.send(new UpdateUserCommand({ UserName: '0renamed', NewUserName: 'Zed' }));
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'Zed', PolicyArn: ARN }));
    expect(await pages({}, 3)).toEqual(expected());
  });

  it('keeps the list through a state export → reset → import', async () => {
    const state = (await t.admin('GET', '/_iam/state')).json;
    expect((await t.admin('POST', '/_iam/reset')).status).toBe(200);
    expect((await t.admin('PUT', '/_iam/state', state)).status).toBe(200);
    expect(await pages({}, 4)).toEqual(expected());
  });
});

describe('a store made before the attachments carried names', () => {
  it('is migrated with the names filled in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-local-ents-'));
    try {
      const dbPath = join(dir, 'old.db');
      const old = new Database(dbPath);
      migrate(old, readMigrations().filter((m) => m.version <= 10));
      const at = '2020-01-01T00:00:00.000Z';
      old.prepare('INSERT INTO accounts (id, created_at) VALUES (?, ?)').run(ACCOUNT, at);
      old.prepare("INSERT INTO policies (id, account_id, name, path, arn, default_version, next_version, created_at, updated_at) VALUES ('ANPAOLD0000000000001', ?, 'shared', '/', ?, 'v1', 2, ?, ?)").run(ACCOUNT, ARN, at, at);
      old.prepare("INSERT INTO policy_versions (policy_id, version_id, document, created_at) VALUES ('ANPAOLD0000000000001', 'v1', ?, ?)").run(doc, at);
      for (const [id, name] of [['AIDAOLD0000000000002', 'zoe'], ['AIDAOLD0000000000001', 'Anna']]) {
        old.prepare("INSERT INTO users (id, account_id, name, path, created_at) VALUES (?, ?, ?, '/', ?)").run(id, ACCOUNT, name, at);
        old.prepare("INSERT INTO policy_attachments (account_id, policy_arn, entity_type, entity_id, attached_at) VALUES (?, ?, 'user', ?, ?)").run(ACCOUNT, ARN, id, at);
      }
      old.close();
      const s = await startServer({ dbPath });
      try {
        const r = await s.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: ARN, MaxItems: 1 }));
        expect(r.PolicyUsers!.map((u) => u.UserName)).toEqual(['Anna']);
        const r2 = await s.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: ARN, Marker: r.Marker }));
        expect(r2.PolicyUsers!.map((u) => u.UserName)).toEqual(['zoe']);
      } finally {
        await s.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
