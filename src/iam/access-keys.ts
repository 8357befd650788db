// Access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed.
// A key belongs to an IAM user or, created by the root with no UserName, to the account's root.
// Authentication (src/auth/authenticate.ts) refuses Inactive keys and records last-used.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { AccessKeyMetadata } from '../protocol/generated/iam-types.js';
import { accessDenied, invalidInput, limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { AccessKeyRow } from '../store/credentials.js';
import type { UserRow } from '../store/users.js';
import { iso } from '../store/rows.js';
import { newAccessKeyId, newSecretAccessKey } from '../auth/access-key-id.js';
import { userOrCaller } from './users.js';

export const ACCESS_KEYS_PER_USER = 2;


/** The owner's name as the API shows it: the user's name, or for the root the account id. */
const ownerName = (ctx: RequestContext, user: UserRow | undefined) => user?.name ?? ctx.accountId;

const notFound = (id: string) => noSuchEntity(`The Access Key with id ${id} cannot be found.`);

/** The key `id` of the named user (or the caller when no name is given). */
function requireOwnKey(ctx: RequestContext, id: string, userName: string | undefined): { key: AccessKeyRow; user?: UserRow } {
  const user = userOrCaller(ctx, userName);
  const key = ctx.store.credentials.accessKeys.get(id);
  if (!key || key.account_id !== ctx.accountId || key.user_id !== (user?.id ?? null)) throw notFound(id);
  return { key, user };
}

export const accessKeyHandlers: IamHandlers = {
  CreateAccessKey(ctx, input) {
    const user = userOrCaller(ctx, input.UserName);
    const keys = ctx.store.credentials.accessKeys;
    if (keys.count(ctx.accountId, user?.id ?? null) >= ACCESS_KEYS_PER_USER)
      throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
    const row = {
      id: newAccessKeyId('AKIA', ctx.accountId),
      account_id: ctx.accountId,
      user_id: user?.id ?? null,
      secret: newSecretAccessKey(),
      status: 'Active' as const,
      created_at: iso(ctx.now()),
    };
    keys.insert(row);
    return {
      AccessKey: {
        UserName: ownerName(ctx, user),
        AccessKeyId: row.id,
        Status: 'Active',
        SecretAccessKey: row.secret,
        CreateDate: new Date(row.created_at),
      },
    };
  },

  ListAccessKeys(ctx, input) {
    const user = userOrCaller(ctx, input.UserName);
    const page = ctx.store.credentials.accessKeys.list(ctx.accountId, user?.id ?? null, input.Marker, input.MaxItems ?? 100);
    return {
      AccessKeyMetadata: page.items.map(
        (k): AccessKeyMetadata => ({
          UserName: ownerName(ctx, user),
          AccessKeyId: k.id,
          Status: k.status as 'Active' | 'Inactive',
          CreateDate: new Date(k.created_at),
        }),
      ),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },

  UpdateAccessKey(ctx, input) {
    if (input.Status !== 'Active' && input.Status !== 'Inactive')
      throw invalidInput(`Invalid status ${input.Status}: an access key can only be made Active or Inactive.`);
    const { key } = requireOwnKey(ctx, input.AccessKeyId, input.UserName);
    ctx.store.credentials.accessKeys.setStatus(key.id, input.Status);
  },

  DeleteAccessKey(ctx, input) {
    const { key } = requireOwnKey(ctx, input.AccessKeyId, input.UserName);
    ctx.store.credentials.accessKeys.delete(key.id);
  },

  GetAccessKeyLastUsed(ctx, input) {
    const key = ctx.store.credentials.accessKeys.get(input.AccessKeyId);
    // A key IAM does not know (or another account's) is not "not found" but a refusal, as AWS answers it.
    if (!key || key.account_id !== ctx.accountId)
      throw accessDenied(
        `User: ${ctx.principal.arn} is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key ${input.AccessKeyId}`,
      );
    const user = key.user_id ? ctx.store.users.getById(key.user_id) : undefined;
    return {
      UserName: ownerName(ctx, user),
      AccessKeyLastUsed: key.last_used_at
        ? { LastUsedDate: new Date(key.last_used_at), ServiceName: key.last_used_service!, Region: key.last_used_region! }
        : { ServiceName: 'N/A', Region: 'N/A' },
    };
  },
};
