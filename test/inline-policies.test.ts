import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteRolePolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetGroupPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListGroupPoliciesCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const send = (c: any) => t.iam.send(c) as Promise<any>;

const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const doc = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }, null, 2);

/** A policy whose size as IAM counts it (no white space) is exactly `size`. */
function policyOfSize(size: number): string {
  const base = (pad: string) => `{"Version":"2012-10-17","Statement":[{"Sid":"${pad}","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`;
  const pad = 'P'.repeat(size - base('').length);
  const text = base(pad);
  expect(text.length).toBe(size);
  return text;
}

// The same operations exist for users, groups and roles; each family is driven through all of them.
const families = [
  {
    type: 'user',
    limit: 2048,
    create: (name: string) => new CreateUserCommand({ UserName: name }),
    put: (e: string, p: string, d: string) => new PutUserPolicyCommand({ UserName: e, PolicyName: p, PolicyDocument: d }),
    get: (e: string, p: string) => new GetUserPolicyCommand({ UserName: e, PolicyName: p }),
    del: (e: string, p: string) => new DeleteUserPolicyCommand({ UserName: e, PolicyName: p }),
    list: (e: string, m?: string, n?: number) => new ListUserPoliciesCommand({ UserName: e, Marker: m, MaxItems: n }),
    entityKey: 'UserName',
  },
  {
    type: 'group',
    limit: 5120,
    create: (name: string) => new CreateGroupCommand({ GroupName: name }),
    put: (e: string, p: string, d: string) => new PutGroupPolicyCommand({ GroupName: e, PolicyName: p, PolicyDocument: d }),
    get: (e: string, p: string) => new GetGroupPolicyCommand({ GroupName: e, PolicyName: p }),
    del: (e: string, p: string) => new DeleteGroupPolicyCommand({ GroupName: e, PolicyName: p }),
    list: (e: string, m?: string, n?: number) => new ListGroupPoliciesCommand({ GroupName: e, Marker: m, MaxItems: n }),
    entityKey: 'GroupName',
  },
  {
    type: 'role',
    limit: 10240,
    create: (name: string) => new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }),
    put: (e: string, p: string, d: string) => new PutRolePolicyCommand({ RoleName: e, PolicyName: p, PolicyDocument: d }),
    get: (e: string, p: string) => new GetRolePolicyCommand({ RoleName: e, PolicyName: p }),
    del: (e: string, p: string) => new DeleteRolePolicyCommand({ RoleName: e, PolicyName: p }),
    list: (e: string, m?: string, n?: number) => new ListRolePoliciesCommand({ RoleName: e, Marker: m, MaxItems: n }),
    entityKey: 'RoleName',
  },
] as const;

for (const f of families) {
  describe(`${f.type} inline policies`, () => {
    it('puts, gets (URL-encoded), replaces and deletes a policy', async () => {
      await send(f.create(`${f.type}-a`));
      const d1 = doc('s3:GetObject');
      await send(f.put(`${f.type.toUpperCase()}-A`, 'read', d1));
      const got = await send(f.get(`${f.type}-a`, 'read'));
      expect(got[f.entityKey]).toBe(`${f.type}-a`);
      expect(got.PolicyName).toBe('read');
      expect(got.PolicyDocument).toBe(encodeURIComponent(d1));
      expect(decodeURIComponent(got.PolicyDocument)).toBe(d1);

      const d2 = doc('s3:*');
      await send(f.put(`${f.type}-a`, 'read', d2));
      expect(decodeURIComponent((await send(f.get(`${f.type}-a`, 'read'))).PolicyDocument)).toBe(d2);
      expect((await send(f.list(`${f.type}-a`))).PolicyNames).toEqual(['read']);

      await send(f.del(`${f.type}-a`, 'read'));
      const err = await sdkError(send(f.get(`${f.type}-a`, 'read')));
      expect(err).toEqual({ name: 'NoSuchEntityException', message: `The ${f.type} policy with name read cannot be found.`, status: 404 });
      const del = await sdkError(send(f.del(`${f.type}-a`, 'read')));
      expect(del).toEqual({ name: 'NoSuchEntityException', message: `The ${f.type} policy with name read cannot be found.`, status: 404 });
      expect((await send(f.list(`${f.type}-a`))).PolicyNames).toEqual([]);
    });

    it('answers a missing entity with NoSuchEntity', async () => {
      const msg = `The ${f.type} with name nobody cannot be found.`;
      for (const cmd of [f.put('nobody', 'p', doc('s3:*')), f.get('nobody', 'p'), f.del('nobody', 'p'), f.list('nobody')])
        expect(await sdkError(send(cmd))).toEqual({ name: 'NoSuchEntityException', message: msg, status: 404 });
    });

    it('lists policy names with Marker/MaxItems pagination', async () => {
      await send(f.create(`${f.type}-pag`));
      for (const p of ['p3', 'p1', 'p4', 'p2', 'p5']) await send(f.put(`${f.type}-pag`, p, doc('s3:GetObject')));
      const seen: string[] = [];
      let marker: string | undefined;
      let pages = 0;
      do {
        const page = await send(f.list(`${f.type}-pag`, marker, 2));
        seen.push(...page.PolicyNames);
        marker = page.IsTruncated ? page.Marker : undefined;
        pages++;
      } while (marker);
      expect(seen).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
      expect(pages).toBe(3);
    });

    it('refuses a malformed document', async () => {
      await send(f.create(`${f.type}-bad`));
      const err = await sdkError(send(f.put(`${f.type}-bad`, 'p', '{not json')));
      expect(err).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
      expect((await send(f.list(`${f.type}-bad`))).PolicyNames).toEqual([]);
    });

    it(`limits the aggregate size of its inline policies to ${f.limit} characters, white space not counted`, async () => {
      const name = `${f.type}-big`;
      await send(f.create(name));
      const half = Math.floor(f.limit / 2);
      await send(f.put(name, 'one', policyOfSize(half)));
      // Pretty-printed, the second one is longer than what is left, but white space does not count.
      const second = JSON.stringify(JSON.parse(policyOfSize(f.limit - half)), null, 4);
      expect(second.length).toBeGreaterThan(f.limit - half);
      await send(f.put(name, 'two', second));
      const err = await sdkError(send(f.put(name, 'three', policyOfSize(200))));
      expect(err).toEqual({
        name: 'LimitExceededException',
        message: `Maximum policy size of ${f.limit} bytes exceeded for ${f.type} ${name}`,
        status: 409,
      });
      // Replacing a policy counts only the new document, not the old one as well.
      await send(f.put(name, 'two', policyOfSize(f.limit - half)));
      const grow = await sdkError(send(f.put(name, 'two', policyOfSize(f.limit - half + 1))));
      expect(grow.name).toBe('LimitExceededException');
      expect((await send(f.list(name))).PolicyNames).toEqual(['one', 'two']);
    });
  });
}

describe('inline policies and deletion', () => {
  it('refuses to delete a user, group or role that still has inline policies', async () => {
    const conflict = { name: 'DeleteConflictException', message: 'Cannot delete entity, must delete policies first.', status: 409 };
    await send(new CreateUserCommand({ UserName: 'holder' }));
    await send(new PutUserPolicyCommand({ UserName: 'holder', PolicyName: 'p', PolicyDocument: doc('s3:*') }));
    expect(await sdkError(send(new DeleteUserCommand({ UserName: 'holder' })))).toEqual(conflict);
    await send(new DeleteUserPolicyCommand({ UserName: 'holder', PolicyName: 'p' }));
    await send(new DeleteUserCommand({ UserName: 'holder' }));

    await send(new CreateGroupCommand({ GroupName: 'holders' }));
    await send(new PutGroupPolicyCommand({ GroupName: 'holders', PolicyName: 'p', PolicyDocument: doc('s3:*') }));
    expect(await sdkError(send(new DeleteGroupCommand({ GroupName: 'holders' })))).toEqual(conflict);
    await send(new DeleteGroupPolicyCommand({ GroupName: 'holders', PolicyName: 'p' }));
    await send(new DeleteGroupCommand({ GroupName: 'holders' }));
  });

  it('names inline policies before group memberships when a user has both, in AWS’s order', async () => {
    await send(new CreateUserCommand({ UserName: 'both' }));
    await send(new CreateGroupCommand({ GroupName: 'bothgroup' }));
    await send(new AddUserToGroupCommand({ GroupName: 'bothgroup', UserName: 'both' }));
    await send(new PutUserPolicyCommand({ UserName: 'both', PolicyName: 'p', PolicyDocument: doc('s3:*') }));
    expect((await sdkError(send(new DeleteUserCommand({ UserName: 'both' })))).message).toBe('Cannot delete entity, must delete policies first.');
    await send(new DeleteUserPolicyCommand({ UserName: 'both', PolicyName: 'p' }));
    expect((await sdkError(send(new DeleteUserCommand({ UserName: 'both' })))).message).toBe(
      'Cannot delete entity, must remove users from group first.',
    );
  });

  it('a new entity of a deleted one’s name does not inherit its policies', async () => {
    await send(new CreateUserCommand({ UserName: 'phoenix' }));
    await send(new PutUserPolicyCommand({ UserName: 'phoenix', PolicyName: 'p', PolicyDocument: doc('s3:*') }));
    await send(new DeleteUserPolicyCommand({ UserName: 'phoenix', PolicyName: 'p' }));
    await send(new DeleteUserCommand({ UserName: 'phoenix' }));
    await send(new CreateUserCommand({ UserName: 'phoenix' }));
    expect((await send(new ListUserPoliciesCommand({ UserName: 'phoenix' }))).PolicyNames).toEqual([]);
  });

  it('exposes every inline policy of an entity to the policy engine, as sent', async () => {
    await send(new CreateRoleCommand({ RoleName: 'engine', AssumeRolePolicyDocument: TRUST }));
    await send(new PutRolePolicyCommand({ RoleName: 'engine', PolicyName: 'b', PolicyDocument: doc('s3:*') }));
    await send(new PutRolePolicyCommand({ RoleName: 'engine', PolicyName: 'a', PolicyDocument: doc('ec2:*') }));
    const store = t.server.services.store;
    const role = store.roles.get('000000000000', 'engine')!;
    expect(store.inlinePolicies.list('role', role.id)).toEqual([
      { name: 'a', document: doc('ec2:*') },
      { name: 'b', document: doc('s3:*') },
    ]);
  });
});

describe('inline policy size', () => {
  it('a role takes one inline policy larger than a managed policy may be (7,000 of its 10,240)', async () => {
    await t.iam.send(new CreateRoleCommand({ RoleName: 'big-inline', AssumeRolePolicyDocument: TRUST }));
    const statements = Array.from({ length: 70 }, (_, i) => ({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::bucket-${String(i).padStart(3, '0')}/${'k'.repeat(50)}`,
    }));
    const big = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    expect(big.length).toBeGreaterThan(6144);
    expect(big.length).toBeLessThan(10240);
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'big-inline', PolicyName: 'big', PolicyDocument: big }));
  });
});
