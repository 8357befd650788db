// No request reads a whole account's table unless it answers for the whole account: every SQL
// statement the server prepares while a broad set of requests runs is planned (EXPLAIN QUERY
// PLAN), and a plan that scans a table, or reads an account's rows of an entity table by account
// alone, fails here unless it is one of the whole-account reports listed below with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as I from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startServer, type TestServer } from './helpers/server.js';

const prepared = new Set<string>();
const prepare = Database.prototype.prepare;

let t: TestServer;
beforeAll(async () => {
  Database.prototype.prepare = function (this: Database.Database, sql: string) {
    prepared.add(sql);
    return prepare.call(this, sql);
  } as typeof prepare;
  t = await startServer();
});
afterAll(async () => {
  Database.prototype.prepare = prepare;
  await t.close();
});

/** Whole-account answers, which read the account by nature (or, for a page of an offset-paged
 *  list, walk the index to the offset). Matched as substrings of the statement. */
const WHOLE_ACCOUNT: [string, string][] = [
  ['FROM access_keys WHERE account_id = ? AND status != \'Deleted\' ORDER BY created_at', 'the credential report: every key'],
  ['FROM signing_certificates WHERE account_id = ? ORDER BY uploaded_at', 'the credential report: every certificate'],
  ['FROM users WHERE account_id = ? ORDER BY name COLLATE NOCASE', 'the credential report: every user'],
  ['count(user_id) AS assigned FROM mfa_devices', 'GetAccountSummary: MFADevices and MFADevicesInUse'],
  ['FROM policy_versions v JOIN policies p', 'GetAccountSummary: PolicyVersionsInUse'],
  ['LIMIT ? OFFSET ?', 'GetAccountAuthorizationDetails: an offset page walks the name index to its offset'],
  ['FROM policies WHERE account_id = @accountId AND substr(path', 'GetAccountAuthorizationDetails: customer policies in collation order, once a page reaches them'],
];

const ENTITY_TABLES = 'users|groups|roles|policies|policy_attachments|access_keys|instance_profiles|server_certificates|mfa_devices|signing_certificates|tags|inline_policies|group_members';
const SCAN_TABLE = new RegExp(`^SCAN (${ENTITY_TABLES})\\b`);
const BY_ACCOUNT_ONLY = new RegExp(`^SEARCH (${ENTITY_TABLES})\\b.*\\(account_id=\\?\\)$`);

function plan(db: Database.Database, sql: string): string[] {
  const named = [...new Set([...sql.matchAll(/@([A-Za-z_]\w*)/g)].map((m) => m[1]!))];
  const st = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (named.length ? st.all(Object.fromEntries(named.map((k) => [k, null]))) : st.all(...Array((sql.match(/\?/g) ?? []).length).fill(null))) as { detail: string }[];
  return rows.map((r) => r.detail);
}

describe('query plans of requests', () => {
  it('no request scans an account\'s table, except the whole-account reports', async () => {
    const iam = t.iam;
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }] });
    const P = 'arn:aws:iam::000000000000:policy/p1';
    for (let i = 0; i < 3; i++) {
      await iam.send(new I.CreateUserCommand({ UserName: `u${i}`, Tags: [{ Key: 'k', Value: 'v' }] }));
      await iam.send(new I.CreateRoleCommand({ RoleName: `r${i}`, AssumeRolePolicyDocument: trust }));
      await iam.send(new I.CreatePolicyCommand({ PolicyName: `p${i}`, PolicyDocument: doc }));
      await iam.send(new I.CreateGroupCommand({ GroupName: `g${i}` }));
    }
    await iam.send(new I.AttachUserPolicyCommand({ UserName: 'u1', PolicyArn: P }));
    await iam.send(new I.AttachRolePolicyCommand({ RoleName: 'r1', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new I.AttachGroupPolicyCommand({ GroupName: 'g1', PolicyArn: P }));
    await iam.send(new I.PutUserPermissionsBoundaryCommand({ UserName: 'u2', PermissionsBoundary: P }));
    await iam.send(new I.PutRolePermissionsBoundaryCommand({ RoleName: 'r2', PermissionsBoundary: P }));
    await iam.send(new I.AddUserToGroupCommand({ UserName: 'u1', GroupName: 'g1' }));
    await iam.send(new I.PutUserPolicyCommand({ UserName: 'u1', PolicyName: 'in', PolicyDocument: doc }));
    const key = (await iam.send(new I.CreateAccessKeyCommand({ UserName: 'u1' }))).AccessKey!;
    await iam.send(new I.CreateInstanceProfileCommand({ InstanceProfileName: 'ip1' }));
    await iam.send(new I.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip1', RoleName: 'r1' }));
    await iam.send(new I.CreatePolicyVersionCommand({ PolicyArn: P, PolicyDocument: doc }));
    await iam.send(new I.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa1' }));
    const calls: object[] = [
      new I.ListUsersCommand({ MaxItems: 2 }), new I.GetUserCommand({ UserName: 'u1' }), new I.ListRolesCommand({}), new I.GetRoleCommand({ RoleName: 'r1' }),
      new I.ListGroupsCommand({}), new I.GetGroupCommand({ GroupName: 'g1' }), new I.ListGroupsForUserCommand({ UserName: 'u1' }),
      new I.ListPoliciesCommand({ MaxItems: 5 }), new I.ListPoliciesCommand({ Scope: 'All', OnlyAttached: true }),
      new I.ListPoliciesCommand({ PolicyUsageFilter: 'PermissionsBoundary' }), new I.GetPolicyCommand({ PolicyArn: P }),
      new I.ListPolicyVersionsCommand({ PolicyArn: P }), new I.ListAttachedUserPoliciesCommand({ UserName: 'u1' }),
      new I.ListAttachedRolePoliciesCommand({ RoleName: 'r1' }), new I.ListEntitiesForPolicyCommand({ PolicyArn: P, MaxItems: 1 }),
      new I.ListEntitiesForPolicyCommand({ PolicyArn: P, PolicyUsageFilter: 'PermissionsBoundary' }),
      new I.ListUserPoliciesCommand({ UserName: 'u1' }), new I.ListAccessKeysCommand({ UserName: 'u1' }), new I.ListAccessKeysCommand({}),
      new I.ListInstanceProfilesCommand({}), new I.ListInstanceProfilesForRoleCommand({ RoleName: 'r1' }), new I.ListUserTagsCommand({ UserName: 'u1' }),
      new I.GetAccountAuthorizationDetailsCommand({ MaxItems: 3 }), new I.GetAccountSummaryCommand({}), new I.ListMFADevicesCommand({ UserName: 'u1' }),
      new I.ListVirtualMFADevicesCommand({}), new I.GenerateCredentialReportCommand({}),
      new I.DetachUserPolicyCommand({ UserName: 'u1', PolicyArn: P }), new I.DeletePolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:policy/p0' }),
      new I.UpdateUserCommand({ UserName: 'u0', NewUserName: 'u0b' }), new I.DeleteUserCommand({ UserName: 'u0b' }), new I.DeleteRoleCommand({ RoleName: 'r0' }),
    ];
    for (const c of calls) await iam.send(c as any);
    const asUser = t.iamAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    await asUser.send(new I.GetUserCommand({}));
    await t.stsAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).send(new GetCallerIdentityCommand({}));

    const db = t.server.services.store.db;
    const offending: string[] = [];
    for (const sql of prepared) {
      if (!/^\s*(SELECT|WITH|UPDATE|DELETE)/i.test(sql)) continue;
      const bad = plan(db, sql).filter((d) => SCAN_TABLE.test(d) || BY_ACCOUNT_ONLY.test(d));
      if (bad.length && !WHOLE_ACCOUNT.some(([s]) => sql.includes(s))) offending.push(`${sql.replace(/\s+/g, ' ')}\n  -> ${bad.join(' | ')}`);
    }
    expect(prepared.size).toBeGreaterThan(50);
    expect(offending).toEqual([]);
  });
});
