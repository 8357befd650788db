// Enforcement modes and unknown keys: `off` lets unknown keys act as the default account's root
// (and 12-digit key ids as that account's root); `audit` and `on` refuse them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { sdkError, startServer, userWithKey, type TestServer } from './helpers/server.js';

const INVALID = { name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 };

describe('IAM_LOCAL_ENFORCE=off (default)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('an unknown key acts as the root of the default account, whatever its secret', async () => {
    const id = await t.stsAs({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'whatever' }).send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
  });

  it('the bootstrap key `test` must still sign with secret `test`', async () => {
    const err = await sdkError(t.stsAs({ accessKeyId: 'test', secretAccessKey: 'TEST' }).send(new GetCallerIdentityCommand({})));
    expect(err).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
  });
});

for (const mode of ['audit', 'on'] as const) {
  describe(`IAM_LOCAL_ENFORCE=${mode}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startServer({ enforce: mode });
    });
    afterAll(() => t.close());

    it('refuses unknown keys and 12-digit key ids with InvalidClientTokenId (403)', async () => {
      expect(await sdkError(t.stsAs({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})))).toEqual(INVALID);
      expect(await sdkError(t.iamAs({ accessKeyId: '111111111111', secretAccessKey: 'x' }).send(new ListUsersCommand({})))).toEqual(INVALID);
    });

    it('accepts test/test as the root and issued keys as their users', async () => {
      expect(await t.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: 'arn:aws:iam::000000000000:root' });
      const u = await userWithKey(t, `enforced-${mode}`);
      expect(await u.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: u.arn, UserId: u.userId });
    });
  });
}
