// Trust decisions with IAM_LOCAL_ENFORCE=on: trust policy and identity policies together, as AWS
// combines them; session-policy intersection of role and federation sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { sdkError, startServer, type Credentials, type TestServer } from './helpers/server.js';

const ACCOUNT = '000000000000';
const OTHER = '111111111111';
let t: TestServer;

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const arnOf = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;

async function user(name: string, policy?: object[]): Promise<Credentials & { arn: string }> {
  const u = await t.iam.send(new CreateUserCommand({ UserName: name }));
  if (policy) await t.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc(policy) }));
  const k = await t.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey!, arn: u.User!.Arn! };
}
const credsOf = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});
const assume = (c: Credentials, input: AssumeRoleCommandInput) => t.stsAs(c).send(new AssumeRoleCommand(input));

let withPerm: Awaited<ReturnType<typeof user>>;
let without: Awaited<ReturnType<typeof user>>;
let named: Awaited<ReturnType<typeof user>>;

beforeAll(async () => {
  t = await startServer({ enforce: 'on' });
  withPerm = await user('with-perm', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]);
  without = await user('without-perm');
  named = await user('named');
  await t.iam.send(new CreateRoleCommand({ RoleName: 'AccountTrust', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }]) }));
  await t.iam.send(new CreateRoleCommand({ RoleName: 'NamesUser', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: named.arn }, Action: 'sts:AssumeRole' }]) }));
  await t.iam.send(new PutRolePolicyCommand({ RoleName: 'AccountTrust', PolicyName: 'read', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }]) }));
});
afterAll(() => t.close());

describe('same account', () => {
  it('a trust policy naming only the account needs an identity-based allow', async () => {
    await assume(withPerm, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'ok-session' });
    const e = await sdkError(assume(without, { RoleArn: arnOf('AccountTrust'), RoleSessionName: 'no-session' }));
    expect(e).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${without.arn} is not authorized to perform: sts:AssumeRole on resource: ${arnOf('AccountTrust')}`,
    });
  });

  it('a trust policy naming the user itself suffices without identity permission', async () => {
    const r = await assume(named, { RoleArn: arnOf('NamesUser'), RoleSessionName: 'named-session' });
    expect(r.AssumedRoleUser!.Arn).toContain('assumed-role/NamesUser/named-session');
  });

  it('an explicit Deny in the identity policy wins over the trust policy', async () => {
    const denied = await user('denied', [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }]);
    await t.iam.send(new CreateRoleCommand({ RoleName: 'NamesDenied', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: denied.arn }, Action: 'sts:AssumeRole' }]) }));
    expect((await sdkError(assume(denied, { RoleArn: arnOf('NamesDenied'), RoleSessionName: 'dd-session' }))).name).toBe('AccessDenied');
  });

  it('root may not assume roles when enforcing', async () => {
    const e = await sdkError(t.sts.send(new AssumeRoleCommand({ RoleArn: arnOf('AccountTrust'), RoleSessionName: 'root-session' })));
    expect(e).toEqual({ name: 'AccessDenied', status: 403, message: 'Roles may not be assumed by root accounts.' });
  });
});

describe('cross account', () => {
  beforeAll(async () => {
    // The other account's root has a real key only in `off`; here its roles are created directly in the store.
    const now = new Date().toISOString();
    const store = t.server.services.store;
    store.accounts.ensure(OTHER, now);
    store.roles.insert({
      id: 'AROAOTHERACCOUNTROLE1',
      account_id: OTHER,
      name: 'Partner',
      path: '/',
      created_at: now,
      trust_policy: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]),
      description: null,
      max_session_duration: 3600,
    });
  });

  it('needs both: the trust policy of the other account and the identity policy here', async () => {
    const r = await assume(withPerm, { RoleArn: arnOf('Partner', OTHER), RoleSessionName: 'x-session' });
    expect(r.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${OTHER}:assumed-role/Partner/x-session`);
    const e = await sdkError(assume(without, { RoleArn: arnOf('Partner', OTHER), RoleSessionName: 'x-session' }));
    expect(e.message).toBe(`User: ${without.arn} is not authorized to perform: sts:AssumeRole on resource: ${arnOf('Partner', OTHER)}`);
  });
});

describe('session policies intersect (role sessions)', () => {
  it("a role session can do only what both the role's policy and the session policy allow", async () => {
    const r = await assume(withPerm, {
      RoleArn: arnOf('AccountTrust'),
      RoleSessionName: 'narrow',
      Policy: doc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }]),
    });
    const iam = t.iamAs(credsOf(r.Credentials!));
    await iam.send(new ListUsersCommand({}));
    const e = await sdkError(iam.send(new ListRolesCommand({})));
    expect(e.name).toBe('AccessDenied');
    expect(e.status).toBe(403);
  });
});
