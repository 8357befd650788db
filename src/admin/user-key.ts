// A user's long-term access key with its secret, for `iam-local creds user:NAME` and
// GET /_iam/creds/user/NAME: the user's first Active key, or a new one made by CreateAccessKey.
// (IAM never shows a secret twice; a local emulator may, because the caller is the operator.)
import { partitionOf } from '../partition.js';
import { randomUUID } from 'node:crypto';
import type { RequestContext, Services } from '../context.js';
import { iamHandlers } from '../iam/index.js';
import { rootPrincipal } from '../principal.js';

export interface UserKey {
  accountId: string;
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  created: boolean;
}

export function userAccessKey(services: Services, accountId: string, userName: string): UserKey {
  const now = services.clock.now();
  const ctx = (action: string): RequestContext => ({
    ...services,
    requestId: randomUUID(),
    service: 'iam',
    action,
    accountId,
    principal: rootPrincipal(accountId, 'iam-local-cli'),
    sourceIp: '127.0.0.1',
    region: services.config.region,
    partition: partitionOf(services.config.region).name,
    secureTransport: false,
    now: () => now,
  });
  return services.store.tx(() => {
    services.store.accounts.ensure(accountId, now.toISOString());
    const list = iamHandlers.ListAccessKeys!(ctx('ListAccessKeys'), { UserName: userName });
    if (list instanceof Promise) throw new Error('ListAccessKeys is asynchronous');
    const active = list.AccessKeyMetadata.find((k) => k.Status === 'Active');
    if (active?.AccessKeyId) {
      const row = services.store.credentials.accessKeys.get(active.AccessKeyId)!;
      return { accountId, userName, accessKeyId: row.id, secretAccessKey: row.secret, created: false };
    }
    const made = iamHandlers.CreateAccessKey!(ctx('CreateAccessKey'), { UserName: userName });
    if (made instanceof Promise) throw new Error('CreateAccessKey is asynchronous');
    return { accountId, userName, accessKeyId: made.AccessKey.AccessKeyId, secretAccessKey: made.AccessKey.SecretAccessKey, created: true };
  });
}
