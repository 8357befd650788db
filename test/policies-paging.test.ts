// ListPolicies paged by key: with any page size, the pages put together are the whole list, in
// IAM's order (name case-insensitively, then name, then ARN), for every Scope and filter; and a
// marker handed out before the keyset store still continues where it left off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  ListPoliciesCommand,
  PutUserPermissionsBoundaryCommand,
  type ListPoliciesCommandInput,
  type Policy,
} from '@aws-sdk/client-iam';
import { listAwsPolicies } from '../src/aws-managed/catalog.js';
import { encodeMarker } from '../src/store/rows.js';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
const ACCOUNT = '000000000000';
const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

interface Known {
  name: string;
  arn: string;
  path: string;
  attached: number;
  boundary: number;
}
const local: Known[] = [];

// Names that sort differently case-sensitively and case-insensitively ('_' lies between 'Z' and
// 'a'), names of AWS managed policies (ties on the name, broken by the ARN), and several paths.
const NAMES = [
  'ReadOnlyAccess', 'AdministratorAccess', 'alpha', 'Alpha_2', 'alpha-3', 'ALPHA.4', 'Beta', 'beta_', 'beta+x', 'b=c,d@e',
  'Zeta', 'zeta_', 'Z_', 'z0', '_under', 'Team-07', 'amazons3readonlyaccess2', 'AmazonS3ReadOnlyAccess',
];
const PATHS = ['/', '/team/', '/team/a/', '/other/'];

beforeAll(async () => {
  t = await startServer();
  const names = [...NAMES];
  for (let i = 0; i < 40; i++) names.push(`${i % 3 === 0 ? 'P' : 'p'}olicy-${String(i).padStart(3, '0')}`);
  for (const [i, name] of names.entries()) {
    const path = name === 'Team-07' ? '/team/' : PATHS[i % PATHS.length]!;
    const p = (await t.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc, Path: path }))).Policy!;
    local.push({ name, arn: p.Arn!, path, attached: 0, boundary: 0 });
  }
  await t.iam.send(new CreateUserCommand({ UserName: 'u1' }));
  await t.iam.send(new CreateUserCommand({ UserName: 'u2' }));
  await t.iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: trust }));
  const attach = [local[2]!, local[7]!, local[20]!];
  for (const p of attach) {
    await t.iam.send(new AttachUserPolicyCommand({ UserName: 'u1', PolicyArn: p.arn }));
    p.attached++;
  }
  await t.iam.send(new AttachUserPolicyCommand({ UserName: 'u2', PolicyArn: local[2]!.arn }));
  local[2]!.attached++;
  for (const arn of ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'arn:aws:iam::aws:policy/service-role/AWSLambdaRole'])
    await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'r1', PolicyArn: arn }));
  await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'u1', PermissionsBoundary: local[5]!.arn }));
  await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'u2', PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' }));
  local[5]!.boundary++;
});
afterAll(() => t.close());

/** IAM's order of ListPolicies, written out independently of the server's. */
const order = (a: { name: string; arn: string }, b: { name: string; arn: string }) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
};

const AWS_ATTACHED = new Set(['ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AWSLambdaRole']);
const AWS_BOUNDARY = new Set(['PowerUserAccess']);

function expected(input: ListPoliciesCommandInput) {
  const scope = input.Scope ?? 'All';
  const prefix = input.PathPrefix ?? '/';
  const usage = input.PolicyUsageFilter === 'PermissionsBoundary' ? 'boundary' : input.OnlyAttached || input.PolicyUsageFilter ? 'attached' : undefined;
  const all = [
    ...(scope !== 'AWS' ? local.map((p) => ({ ...p, used: usage === 'boundary' ? p.boundary > 0 : p.attached > 0 })) : []),
    ...(scope !== 'Local'
      ? listAwsPolicies().map((p) => ({ name: p.name, arn: p.arn, path: p.path, used: (usage === 'boundary' ? AWS_BOUNDARY : AWS_ATTACHED).has(p.name) }))
      : []),
  ];
  return all
    .filter((p) => p.path.startsWith(prefix) && (!usage || p.used))
    .sort(order)
    .map((p) => p.arn);
}

/** Every page of a listing, checked page by page. */
async function pages(input: ListPoliciesCommandInput, maxItems: number): Promise<Policy[]> {
  const out: Policy[] = [];
  let marker: string | undefined;
  for (let n = 0; n < 5000; n++) {
    const r = await t.iam.send(new ListPoliciesCommand({ ...input, MaxItems: maxItems, Marker: marker }));
    const got = r.Policies ?? [];
    out.push(...got);
    if (!r.IsTruncated) {
      expect(r.Marker).toBeUndefined();
      expect(got.length).toBeLessThanOrEqual(maxItems);
      return out;
    }
    expect(got.length).toBe(maxItems);
    marker = r.Marker;
    expect(marker).toBeTruthy();
  }
  throw new Error('the listing never ended');
}

describe('ListPolicies, paged by key', () => {
  const cases: [string, ListPoliciesCommandInput, number][] = [
    ['Scope=Local', { Scope: 'Local' }, 7],
    ['Scope=Local, PathPrefix=/team/', { Scope: 'Local', PathPrefix: '/team/' }, 2],
    ['Scope=All', { Scope: 'All' }, 97],
    ['no Scope, PathPrefix=/team/', { PathPrefix: '/team/' }, 3],
    ['Scope=AWS', { Scope: 'AWS' }, 250],
    ['Scope=AWS, PathPrefix=/service-role/', { Scope: 'AWS', PathPrefix: '/service-role/' }, 9],
    ['Scope=All, OnlyAttached', { Scope: 'All', OnlyAttached: true }, 2],
    ['Scope=Local, OnlyAttached', { Scope: 'Local', OnlyAttached: true }, 1],
    ['Scope=AWS, OnlyAttached, PathPrefix=/service-role/', { Scope: 'AWS', OnlyAttached: true, PathPrefix: '/service-role/' }, 1],
    ['Scope=All, PolicyUsageFilter=PermissionsPolicy', { Scope: 'All', PolicyUsageFilter: 'PermissionsPolicy' }, 2],
    ['Scope=All, PolicyUsageFilter=PermissionsBoundary', { Scope: 'All', PolicyUsageFilter: 'PermissionsBoundary' }, 1],
  ];
  it.each(cases)('%s: the pages together are the whole list, in order, with the right counts', async (_name, input, maxItems) => {
    const want = expected(input);
    expect(want.length).toBeGreaterThan(0);
    const paged = await pages(input, maxItems);
    expect(paged.map((p) => p.Arn)).toEqual(want);
    // The same list whatever the page size.
    const big = await pages(input, 1000);
    expect(big.map((p) => p.Arn)).toEqual(want);
    expect(paged).toEqual(big);
    for (const p of paged) {
      const known = local.find((k) => k.arn === p.Arn);
      const attached = known ? known.attached : AWS_ATTACHED.has(p.PolicyName!) ? 1 : 0;
      const boundary = known ? known.boundary : AWS_BOUNDARY.has(p.PolicyName!) ? 1 : 0;
      expect([p.PolicyName, p.AttachmentCount, p.PermissionsBoundaryUsageCount]).toEqual([p.PolicyName, attached, boundary]);
    }
  });

  it('a customer policy named as an AWS managed one comes first (its ARN sorts first), and a page boundary between them loses neither', async () => {
    const want = expected({ Scope: 'All' });
    const mine = `arn:aws:iam::${ACCOUNT}:policy/ReadOnlyAccess`;
    const at = want.indexOf(mine);
    expect(want[at + 1]).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    // The key of the policy before it, as the server writes a marker (MaxItems stops at 1000).
    const prev = want[at - 1]!;
    const marker = encodeMarker(JSON.stringify([prev.split('/').pop(), prev]));
    const first = await t.iam.send(new ListPoliciesCommand({ MaxItems: 1, Marker: marker }));
    expect(first.Policies!.map((p) => p.Arn)).toEqual([mine]);
    const next = await t.iam.send(new ListPoliciesCommand({ MaxItems: 2, Marker: first.Marker }));
    expect(next.Policies!.map((p) => p.Arn)).toEqual(want.slice(at + 1, at + 3));
  });

  it('accepts a marker in the format issued before keyset paging, and continues after its key', async () => {
    // Issued by the earlier implementation for the key ["Team-07", its ARN] (a checked, base64url
    // JSON [name, arn]); written out so that a change of format fails here.
    const old = 'b05LRVRiYzVbIlRlYW0tMDciLCJhcm46YXdzOmlhbTo6MDAwMDAwMDAwMDAwOnBvbGljeS90ZWFtL1RlYW0tMDciXQ';
    const want = expected({ Scope: 'Local' });
    const at = want.indexOf(`arn:aws:iam::${ACCOUNT}:policy/team/Team-07`);
    const r = await t.iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker: old, MaxItems: 5 }));
    expect(r.Policies!.map((p) => p.Arn)).toEqual(want.slice(at + 1, at + 6));
    // An AWS managed policy's key continues a Local listing at the same place in the order.
    const awsKey = 'VWhHc1poOFFbIkFtYXpvblMzUmVhZE9ubHlBY2Nlc3MiLCJhcm46YXdzOmlhbTo6YXdzOnBvbGljeS9BbWF6b25TM1JlYWRPbmx5QWNjZXNzIl0';
    const r2 = await t.iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker: awsKey, MaxItems: 3 }));
    const key = { name: 'AmazonS3ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' };
    const rest = local.filter((p) => order(p, key) > 0).sort(order).map((p) => p.arn);
    expect(r2.Policies!.map((p) => p.Arn)).toEqual(rest.slice(0, 3));
    // A marker not handed out by the server is refused as before.
    const bad = await sdkError(t.iam.send(new ListPoliciesCommand({ Marker: 'bm90LWEtbWFya2Vy' })));
    expect(bad).toMatchObject({ name: 'ValidationError', message: 'Invalid Marker.' });
  });

  it('a marker whose policy was deleted meanwhile continues after where it stood', async () => {
    const name = 'Mid-deleted';
    const victim = (await t.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc }))).Policy!;
    const before = (await pages({ Scope: 'Local' }, 1000)).map((p) => p.Arn);
    const at = before.indexOf(victim.Arn);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(before.length - 5);
    const marker = (await t.iam.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: at + 1 }))).Marker!;
    await t.iam.send(new DeletePolicyCommand({ PolicyArn: victim.Arn }));
    const next = await t.iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker: marker, MaxItems: 1000 }));
    expect(next.Policies!.map((p) => p.Arn)).toEqual(before.slice(at + 1));
  });
});
