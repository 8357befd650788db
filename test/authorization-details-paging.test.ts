// GetAccountAuthorizationDetails reads only its page: whatever the page size, the pages put together
// are the one-call list (users, groups, roles, customer managed policies, attached AWS managed
// ones, in that order), with the same counts; an offset marker as handed out before still works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  PutRolePermissionsBoundaryCommand,
  type EntityType,
  type GetAccountAuthorizationDetailsCommandOutput,
} from '@aws-sdk/client-iam';
import { startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const NAMES = ['b', 'A_c', 'a-b', 'Zed', 'c.d', 'm', 'B2'];

beforeAll(async () => {
  t = await startServer();
  for (const [i, n] of NAMES.entries()) {
    await t.iam.send(new CreateUserCommand({ UserName: n }));
    if (i < 4) await t.iam.send(new CreateGroupCommand({ GroupName: n }));
    if (i < 5) await t.iam.send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: trust }));
    if (i < 6) await t.iam.send(new CreatePolicyCommand({ PolicyName: n, PolicyDocument: doc }));
  }
  const mine = 'arn:aws:iam::000000000000:policy/m';
  await t.iam.send(new AttachUserPolicyCommand({ UserName: 'b', PolicyArn: mine }));
  await t.iam.send(new AttachUserPolicyCommand({ UserName: 'b', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
  await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'Zed', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'Zed', PolicyArn: mine }));
  await t.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'c.d', PermissionsBoundary: mine }));
});
afterAll(() => t.close());

type Out = GetAccountAuthorizationDetailsCommandOutput;
const flat = (r: Out) => [
  ...r.UserDetailList!.map((u) => `user:${u.UserName}`),
  ...r.GroupDetailList!.map((g) => `group:${g.GroupName}`),
  ...r.RoleDetailList!.map((x) => `role:${x.RoleName}`),
  ...r.Policies!.map((p) => `policy:${p.Arn}:${p.AttachmentCount}:${p.PermissionsBoundaryUsageCount}`),
];

async function allPages(filter: EntityType[] | undefined, maxItems: number, marker?: string) {
  const out: string[] = [];
  for (let n = 0; n < 200; n++) {
    const r = await t.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: filter, MaxItems: maxItems, Marker: marker }));
    const items = flat(r);
    out.push(...items);
    if (!r.IsTruncated) return out;
    expect(items).toHaveLength(maxItems);
    marker = r.Marker;
  }
  throw new Error('never ended');
}

describe('GetAccountAuthorizationDetails paging', () => {
  const filters: (EntityType[] | undefined)[] = [undefined, ['User', 'Role'], ['Group', 'LocalManagedPolicy'], ['AWSManagedPolicy'], ['Role', 'AWSManagedPolicy']];
  it.each(filters.map((f) => [f ? f.join(',') : 'no filter', f] as const))('%s: pages of 1, 3 and 4 put together are the one-call list', async (_n, filter) => {
    const one = flat(await t.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: filter, MaxItems: 1000 })));
    expect(one.length).toBeGreaterThan(0);
    for (const size of [1, 3, 4]) expect(await allPages(filter, size)).toEqual(one);
  });

  it('lists each kind by name, policies with their counts, AWS managed ones only where attached', async () => {
    const one = flat(await t.iam.send(new GetAccountAuthorizationDetailsCommand({})));
    const byName = [...NAMES].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    expect(one.filter((x) => x.startsWith('user:'))).toEqual(byName.map((n) => `user:${n}`));
    expect(one.filter((x) => x.startsWith('role:'))).toEqual(byName.filter((n) => NAMES.indexOf(n) < 5).map((n) => `role:${n}`));
    expect(one.filter((x) => x.startsWith('policy:arn:aws:iam::aws:'))).toEqual([
      'policy:arn:aws:iam::aws:policy/AdministratorAccess:1:0',
      'policy:arn:aws:iam::aws:policy/ReadOnlyAccess:1:0',
    ]);
    expect(one).toContain('policy:arn:aws:iam::000000000000:policy/m:2:1');
  });

  it('accepts an offset marker in the format handed out before', async () => {
    const one = flat(await t.iam.send(new GetAccountAuthorizationDetailsCommand({})));
    const old = Buffer.from('9', 'utf8').toString('base64url');
    expect(await allPages(undefined, 5, old)).toEqual(one.slice(9));
  });
});
