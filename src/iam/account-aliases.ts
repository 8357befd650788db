// Account aliases: CreateAccountAlias, ListAccountAliases, DeleteAccountAlias. An account has at
// most one alias and creating another replaces it (as AWS does); aliases are unique across accounts.
import type { IamHandlers } from '../protocol/handlers.js';
import { entityAlreadyExists, noSuchEntity } from '../protocol/errors.js';

export const accountAliasHandlers: IamHandlers = {
  CreateAccountAlias(ctx, input) {
    const alias = input.AccountAlias;
    const holder = ctx.store.accounts.byAlias(alias);
    if (holder && holder.id !== ctx.accountId) throw entityAlreadyExists(`The account alias ${alias} already exists.`);
    ctx.store.accounts.ensure(ctx.accountId, ctx.now().toISOString());
    ctx.store.accounts.setAlias(ctx.accountId, alias);
  },

  ListAccountAliases(ctx) {
    const alias = ctx.store.accounts.get(ctx.accountId)?.alias;
    return { AccountAliases: alias ? [alias] : [], IsTruncated: false };
  },

  DeleteAccountAlias(ctx, input) {
    const current = ctx.store.accounts.get(ctx.accountId)?.alias;
    if (current !== input.AccountAlias) throw noSuchEntity(`The account alias ${input.AccountAlias} does not exist.`);
    ctx.store.accounts.setAlias(ctx.accountId, null);
  },
};
