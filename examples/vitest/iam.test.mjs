// A test file using the iam-local that global-setup.mjs started: SDK clients pointed at it.
import { describe, expect, inject, it } from 'vitest';
import { IAMClient, CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';

const { endpoint, region, credentials, accountId } = inject('iamLocal');
const iam = new IAMClient({ endpoint, region, credentials });
const sts = new STSClient({ endpoint, region, credentials });

describe('my code against iam-local', () => {
  it('sees the seeded user and creates another', async () => {
    expect((await iam.send(new GetUserCommand({ UserName: 'alice' }))).User.Arn).toBe(`arn:aws:iam::${accountId}:user/alice`);
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
  });

  it('assumes the seeded role', async () => {
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/deployer`, RoleSessionName: 'ci' }),
    );
    const asRole = new STSClient({
      endpoint,
      region,
      credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken },
    });
    expect((await asRole.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/deployer/ci`);
  });
});
