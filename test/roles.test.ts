import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  DeleteRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';
import { isServiceLinkedRole } from '../src/iam/roles.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const send = (c: any) => t.iam.send(c) as Promise<any>;

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

describe('roles', () => {
  it('creates a role and answers it as AWS does on create, get and list', async () => {
    const created = await send(
      new CreateRoleCommand({
        RoleName: 'app',
        Path: '/svc/',
        AssumeRolePolicyDocument: TRUST,
        Description: 'the app',
        Tags: [{ Key: 'team', Value: 'a' }],
      }),
    );
    const r = created.Role;
    expect(r).toMatchObject({ RoleName: 'app', Path: '/svc/', Arn: 'arn:aws:iam::000000000000:role/svc/app' });
    // CreateRole does not echo the Description, nor MaxSessionDuration (localstack test_iam_roles.snapshot.json,
    // TestRolePagination::test_list_roles_pagination and TestRoleLifecycle::test_create_role_defaults, 11-02-2026).
    expect(r.Description).toBeUndefined();
    expect(r.MaxSessionDuration).toBeUndefined();
    expect(r.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(r.CreateDate).toBeInstanceOf(Date);
    // IAM returns policy documents URL-encoded; the SDK hands them over as they came.
    expect(r.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST));
    expect(r.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    expect(r.RoleLastUsed).toBeUndefined();

    const got = (await send(new GetRoleCommand({ RoleName: 'APP' }))).Role;
    expect(got).toMatchObject({ RoleName: 'app', RoleId: r.RoleId, MaxSessionDuration: 3600, Description: 'the app' });
    expect(decodeURIComponent(got.AssumeRolePolicyDocument)).toBe(TRUST);
    expect(got.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    expect(got.RoleLastUsed).toEqual({});
    expect(got.PermissionsBoundary).toBeUndefined();

    const listed = (await send(new ListRolesCommand({ PathPrefix: '/svc/' }))).Roles;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ RoleName: 'app', MaxSessionDuration: 3600, Description: 'the app' });
    expect(listed[0].AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST));
    expect(listed[0].Tags).toBeUndefined();
    expect(listed[0].RoleLastUsed).toBeUndefined();
  });

  it('shows last use and the permissions boundary on GetRole only', async () => {
    await send(new CreateRoleCommand({ RoleName: 'used', AssumeRolePolicyDocument: TRUST, Path: '/used/' }));
    const store = t.server.services.store;
    const row = store.roles.get('000000000000', 'used')!;
    store.roles.setLastUsed(row.id, '2026-01-02T03:04:05.000Z', 'eu-west-1');
    store.roles.setBoundary(row.id, 'arn:aws:iam::aws:policy/PowerUserAccess');
    const got = (await send(new GetRoleCommand({ RoleName: 'used' }))).Role;
    expect(got.RoleLastUsed).toEqual({ LastUsedDate: new Date('2026-01-02T03:04:05Z'), Region: 'eu-west-1' });
    // `Policy`, as AWS answers (localstack test_iam_roles.snapshot.json, test_role_permissions_boundary_lifecycle, 11-02-2026).
    expect(got.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    });
    const listed = (await send(new ListRolesCommand({ PathPrefix: '/used/' }))).Roles[0];
    expect(listed.PermissionsBoundary).toBeUndefined();
    expect(listed.RoleLastUsed).toBeUndefined();
  });

  it('refuses a duplicate name case-insensitively and answers a missing role with NoSuchEntity', async () => {
    await send(new CreateRoleCommand({ RoleName: 'dup', AssumeRolePolicyDocument: TRUST }));
    const dup = await sdkError(send(new CreateRoleCommand({ RoleName: 'DUP', AssumeRolePolicyDocument: TRUST })));
    expect(dup).toEqual({ name: 'EntityAlreadyExistsException', message: 'Role with name DUP already exists.', status: 409 });
    for (const cmd of [
      new GetRoleCommand({ RoleName: 'ghost' }),
      new UpdateRoleCommand({ RoleName: 'ghost', Description: 'x' }),
      new UpdateRoleDescriptionCommand({ RoleName: 'ghost', Description: 'x' }),
      new UpdateAssumeRolePolicyCommand({ RoleName: 'ghost', PolicyDocument: TRUST }),
      new DeleteRoleCommand({ RoleName: 'ghost' }),
      new TagRoleCommand({ RoleName: 'ghost', Tags: [{ Key: 'k', Value: 'v' }] }),
      new ListRoleTagsCommand({ RoleName: 'ghost' }),
    ]) {
      expect(await sdkError(send(cmd))).toEqual({ name: 'NoSuchEntityException', message: 'The role with name ghost cannot be found.', status: 404 });
    }
  });

  it('validates MaxSessionDuration, the trust policy and its size', async () => {
    const low = await sdkError(send(new CreateRoleCommand({ RoleName: 'short', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 100 })));
    expect(low).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
      status: 400,
    });
    const high = await sdkError(send(new CreateRoleCommand({ RoleName: 'long', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 43201 })));
    expect(high.message).toBe(
      "1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
    const ok = await send(new CreateRoleCommand({ RoleName: 'long', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 43200 }));
    expect(ok.Role.RoleName).toBe('long');
    expect((await send(new GetRoleCommand({ RoleName: 'long' }))).Role.MaxSessionDuration).toBe(43200);

    const bad = await sdkError(send(new CreateRoleCommand({ RoleName: 'badtrust', AssumeRolePolicyDocument: '{"Version":' })));
    expect(bad).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });

    // 2048 characters not counting white space is the most a trust policy may have.
    const big = (n: number) =>
      JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: Array.from({ length: n }, (_, i) => `arn:aws:iam::${100000000000 + i}:root`) },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        null,
        2,
      );
    const size = (s: string) => s.replace(/\s/g, '').length;
    let n = 1;
    while (size(big(n + 1)) <= 2048) n++;
    const fits = big(n);
    expect(fits.length).toBeGreaterThan(2048);
    await send(new CreateRoleCommand({ RoleName: 'wide', AssumeRolePolicyDocument: fits }));
    const tooBig = big(n + 1);
    const err = await sdkError(send(new UpdateAssumeRolePolicyCommand({ RoleName: 'wide', PolicyDocument: tooBig })));
    expect(err).toEqual({ name: 'LimitExceededException', message: 'Cannot exceed quota for ACLSizePerRole: 2048', status: 409 });
    const err2 = await sdkError(send(new CreateRoleCommand({ RoleName: 'wider', AssumeRolePolicyDocument: tooBig })));
    expect(err2.message).toBe('Cannot exceed quota for ACLSizePerRole: 2048');
  });

  it('updates the description, session duration and trust policy', async () => {
    await send(new CreateRoleCommand({ RoleName: 'upd', AssumeRolePolicyDocument: TRUST, Description: 'before' }));
    await send(new UpdateRoleCommand({ RoleName: 'upd', MaxSessionDuration: 7200 }));
    let got = (await send(new GetRoleCommand({ RoleName: 'upd' }))).Role;
    expect(got).toMatchObject({ MaxSessionDuration: 7200, Description: 'before' });

    await send(new UpdateRoleCommand({ RoleName: 'upd', Description: 'after' }));
    got = (await send(new GetRoleCommand({ RoleName: 'upd' }))).Role;
    expect(got).toMatchObject({ MaxSessionDuration: 7200, Description: 'after' });

    const bad = await sdkError(send(new UpdateRoleCommand({ RoleName: 'upd', MaxSessionDuration: 50000 })));
    expect(bad).toMatchObject({ name: 'ValidationError', status: 400 });

    const described = await send(new UpdateRoleDescriptionCommand({ RoleName: 'upd', Description: 'third' }));
    // UpdateRoleDescription answers without MaxSessionDuration and RoleLastUsed (localstack
    // test_iam_roles.snapshot.json, TestRoleLifecycle::test_update_role, 11-02-2026).
    expect(described.Role).toMatchObject({ RoleName: 'upd', Description: 'third' });
    expect(described.Role!.MaxSessionDuration).toBeUndefined();
    expect(described.Role!.RoleLastUsed).toBeUndefined();

    const trust2 = TRUST.replace('ec2.amazonaws.com', 'lambda.amazonaws.com');
    await send(new UpdateAssumeRolePolicyCommand({ RoleName: 'upd', PolicyDocument: trust2 }));
    got = (await send(new GetRoleCommand({ RoleName: 'upd' }))).Role;
    expect(decodeURIComponent(got.AssumeRolePolicyDocument)).toBe(trust2);
    const malformed = await sdkError(send(new UpdateAssumeRolePolicyCommand({ RoleName: 'upd', PolicyDocument: 'nope' })));
    expect(malformed).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
  });

  it('lists roles with PathPrefix and Marker/MaxItems pagination', async () => {
    for (const n of ['r3', 'R1', 'r2', 'r5', 'r4']) await send(new CreateRoleCommand({ RoleName: n, Path: '/pag/', AssumeRolePolicyDocument: TRUST }));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await send(new ListRolesCommand({ PathPrefix: '/pag/', MaxItems: 2, Marker: marker }));
      seen.push(...page.Roles.map((r: any) => r.RoleName));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(seen).toEqual(['R1', 'r2', 'r3', 'r4', 'r5']);
    expect(pages).toBe(3);
  });

  it('tags, untags and lists role tags', async () => {
    await send(new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: TRUST }));
    await send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'A', Value: '3' }] }));
    await send(new UntagRoleCommand({ RoleName: 'tagged', TagKeys: ['b'] }));
    expect((await send(new ListRoleTagsCommand({ RoleName: 'tagged' }))).Tags).toEqual([{ Key: 'A', Value: '3' }]);
    expect((await send(new GetRoleCommand({ RoleName: 'tagged' }))).Role.Tags).toEqual([{ Key: 'A', Value: '3' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const err = await sdkError(send(new TagRoleCommand({ RoleName: 'tagged', Tags: many })));
    expect(err).toMatchObject({ name: 'LimitExceededException', status: 409 });
  });

  it('deletes a role, refusing while it has inline policies', async () => {
    await send(new CreateRoleCommand({ RoleName: 'doomed', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'x', Value: 'y' }] }));
    await send(new PutRolePolicyCommand({ RoleName: 'doomed', PolicyName: 'p', PolicyDocument: ALLOW_ALL }));
    const err = await sdkError(send(new DeleteRoleCommand({ RoleName: 'doomed' })));
    expect(err).toEqual({ name: 'DeleteConflictException', message: 'Cannot delete entity, must delete policies first.', status: 409 });
    await send(new DeleteRolePolicyCommand({ RoleName: 'doomed', PolicyName: 'p' }));
    await send(new DeleteRoleCommand({ RoleName: 'doomed' }));
    expect(await sdkError(send(new GetRoleCommand({ RoleName: 'doomed' })))).toMatchObject({ status: 404 });
    // A new role of the same name starts with none of the old one's tags.
    const again = await send(new CreateRoleCommand({ RoleName: 'doomed', AssumeRolePolicyDocument: TRUST }));
    expect(again.Role.Tags).toBeUndefined();
    expect((await send(new ListRoleTagsCommand({ RoleName: 'doomed' }))).Tags).toEqual([]);
  });

  it('protects service-linked roles from change, except their description', async () => {
    const store = t.server.services.store;
    store.roles.insert({
      id: 'AROASERVICELINKED0001',
      account_id: '000000000000',
      name: 'AWSServiceRoleForSupport',
      path: '/aws-service-role/support.amazonaws.com/',
      created_at: new Date().toISOString(),
      trust_policy: TRUST,
      description: null,
      max_session_duration: 3600,
    });
    const name = 'AWSServiceRoleForSupport';
    const protectedErr = {
      name: 'UnmodifiableEntityException',
      message: "Cannot perform the operation on the protected role 'AWSServiceRoleForSupport' - this role is only modifiable by AWS",
      status: 400,
    };
    for (const cmd of [
      new DeleteRoleCommand({ RoleName: name }),
      new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: TRUST }),
      new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: ALLOW_ALL }),
      new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'p' }),
    ])
      expect(await sdkError(send(cmd))).toEqual(protectedErr);
    const described = await send(new UpdateRoleDescriptionCommand({ RoleName: name, Description: 'support' }));
    expect(described.Role).toMatchObject({ Description: 'support', Path: '/aws-service-role/support.amazonaws.com/' });
    expect((await send(new GetRoleCommand({ RoleName: name }))).Role.Arn).toBe(
      'arn:aws:iam::000000000000:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport',
    );
  });

  it('knows service-linked roles by their path', () => {
    expect(isServiceLinkedRole({ path: '/aws-service-role/elasticbeanstalk.amazonaws.com/' })).toBe(true);
    expect(isServiceLinkedRole({ path: '/service-role/' })).toBe(false);
  });
});

describe('role quota', () => {
  it('limits an account to 1000 roles with LimitExceeded', async () => {
    const store = t.server.services.store;
    const have = store.roles.count('000000000000');
    store.tx(() => {
      for (let i = have; i < 1000; i++)
        store.roles.insert({
          id: `AROAFILLER${String(i).padStart(11, '0')}`,
          account_id: '000000000000',
          name: `filler${i}`,
          path: '/fill/',
          created_at: new Date().toISOString(),
          trust_policy: TRUST,
          description: null,
          max_session_duration: 3600,
        });
    });
    const err = await sdkError(send(new CreateRoleCommand({ RoleName: 'onetoomany', AssumeRolePolicyDocument: TRUST })));
    expect(err).toEqual({ name: 'LimitExceededException', message: 'Cannot exceed quota for RolesPerAccount: 1000', status: 409 });
    await send(new DeleteRoleCommand({ RoleName: 'filler999' }));
    await send(new CreateRoleCommand({ RoleName: 'onetoomany', AssumeRolePolicyDocument: TRUST }));
  });
});
