// AssumeRoleWithWebIdentity with IAM_LOCAL_ENFORCE=on and in audit mode: the unsigned call is
// decided by the trust policy alone; IdP session tags (https://aws.amazon.com/tags) need
// sts:TagSession and become principal tags; the amr claim is a multi-valued condition key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, ListUsersCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

const ACCOUNT = '000000000000';
const doc = (Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

async function setup(enforce: 'on' | 'audit') {
  const t = await startServer({ enforce });
  const issuer = (await t.admin('GET', '/.well-known/openid-configuration')).json.issuer as string;
  const url = issuer.replace('https://', '');
  const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/${url}`;
  await t.iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: ['my-app'] }));
  const anon = new STSClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
  const mint = async (claims: object) => (await t.admin('POST', '/_iam/oidc/token', claims)).json.token as string;
  return { t, url, provider, anon, mint };
}

describe('IAM_LOCAL_ENFORCE=on', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup('on');
    const { t, url, provider } = s;
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'App',
        AssumeRolePolicyDocument: doc([
          {
            Effect: 'Allow',
            Principal: { Federated: provider },
            Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
            Condition: { StringEquals: { [`${url}:aud`]: 'my-app' }, 'ForAnyValue:StringEquals': { [`${url}:amr`]: 'authenticated' } },
          },
        ]),
      }),
    );
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'NoTags',
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
      }),
    );
    await t.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'App',
        PolicyName: 'team-only',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }]),
      }),
    );
  });
  afterAll(() => s.t.close());

  const tags = (team: string) => ({ 'https://aws.amazon.com/tags': { principal_tags: { team: [team] }, transitive_tag_keys: ['team'] } });

  it('the unsigned call is decided by the trust policy; IdP tags become principal tags', async () => {
    const token = await s.mint({ sub: 'u-1', aud: 'my-app', amr: ['authenticated', 'pwd'], ...tags('blue') });
    const r = await s.anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/App`, RoleSessionName: 'web-1', WebIdentityToken: token }));
    expect(r.PackedPolicySize).toBeGreaterThan(0);
    const iam = s.t.iamAs({ accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! });
    await iam.send(new ListUsersCommand({}));

    const red = await s.mint({ sub: 'u-2', aud: 'my-app', amr: 'authenticated', ...tags('red') });
    const r2 = await s.anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/App`, RoleSessionName: 'web-2', WebIdentityToken: red }));
    const iam2 = s.t.iamAs({ accessKeyId: r2.Credentials!.AccessKeyId!, secretAccessKey: r2.Credentials!.SecretAccessKey!, sessionToken: r2.Credentials!.SessionToken! });
    expect((await sdkError(iam2.send(new ListUsersCommand({})))).name).toBe('AccessDenied');
  });

  it('an amr the condition does not accept is refused', async () => {
    const token = await s.mint({ sub: 'u-3', aud: 'my-app', amr: ['unauthenticated'] });
    const e = await sdkError(s.anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/App`, RoleSessionName: 'web-3', WebIdentityToken: token })));
    expect(e).toEqual({ name: 'AccessDenied', status: 403, message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' });
  });

  it('IdP session tags need sts:TagSession in the trust policy', async () => {
    const token = await s.mint({ sub: 'u-4', aud: 'my-app', ...tags('blue') });
    const e = await sdkError(s.anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/NoTags`, RoleSessionName: 'web-4', WebIdentityToken: token })));
    expect(e.name).toBe('AccessDenied');
    const plain = await s.mint({ sub: 'u-4', aud: 'my-app' });
    await s.anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/NoTags`, RoleSessionName: 'web-4', WebIdentityToken: plain }));
  });
});

describe('IAM_LOCAL_ENFORCE=audit', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup('audit');
  });
  afterAll(() => s.t.close());

  it('the trust policy still decides AssumeRole; identity policies are only audited', async () => {
    const { t } = s;
    await t.iam.send(
      new CreateRoleCommand({ RoleName: 'Acct', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }]) }),
    );
    await t.iam.send(
      new CreateRoleCommand({ RoleName: 'Elsewhere', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'sts:AssumeRole' }]) }),
    );
    // Root has no identity policy to speak of, and in audit mode root is not refused: the trust policy allows.
    await t.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Acct`, RoleSessionName: 'audited' }));
    const e = await sdkError(t.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Elsewhere`, RoleSessionName: 'audited' })));
    expect(e.name).toBe('AccessDenied');
  });
});
