// SDK clients with no options: AWS_ENDPOINT_URL and the root keys come from global-setup.cjs.
const { IAMClient, GetUserCommand } = require('@aws-sdk/client-iam');
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');

const accountId = process.env.IAM_LOCAL_ACCOUNT_ID;

test('sees the seeded user', async () => {
  const { User } = await new IAMClient({}).send(new GetUserCommand({ UserName: 'alice' }));
  expect(User.Arn).toBe(`arn:aws:iam::${accountId}:user/alice`);
});

test('signs as the account root', async () => {
  const me = await new STSClient({}).send(new GetCallerIdentityCommand({}));
  expect(me.Arn).toBe(`arn:aws:iam::${accountId}:root`);
});
