// sts:GetAccessKeyInfo — the account that owns an access key id, for any key (even another
// account's): keys this server issued are looked up; other AKIA…/ASIA… ids carry their account
// in their bits, as AWS's do; `test` is the default account's root and a 12-digit id that account's.
import type { StsHandlers } from '../protocol/handlers.js';
import { accountOfAccessKeyId } from '../auth/access-key-id.js';
import { ROOT_ACCESS_KEY } from '../auth/authenticate.js';

export const accessKeyInfoHandlers: StsHandlers = {
  GetAccessKeyInfo(ctx, input) {
    const id = input.AccessKeyId;
    if (id === ROOT_ACCESS_KEY) return { Account: ctx.config.accountId };
    if (/^\d{12}$/.test(id)) return { Account: id };
    const { accessKeys, sessions } = ctx.store.credentials;
    const owner = accessKeys.get(id)?.account_id ?? sessions.get(id)?.accountId ?? accountOfAccessKeyId(id);
    return { Account: owner ?? ctx.config.accountId };
  },
};
