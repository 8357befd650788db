// IAM OpenID Connect providers: Create/Get/List/Delete, client ids, thumbprints, tags.
// The provider's URL is kept without its https:// scheme, as IAM returns it and as the ARN and the
// trust-policy condition keys (<url>:aud, <url>:sub) spell it.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import { entityAlreadyExists, invalidInput, limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { OidcProviderRow } from '../store/identity-providers.js';
import { iso } from '../store/rows.js';
import { addTags, checkNewTags, listTagsPage } from './tagging.js';

export const OIDC_PROVIDERS_PER_ACCOUNT = 100;
export const CLIENT_IDS_PER_PROVIDER = 100;
export const THUMBPRINTS_PER_PROVIDER = 5;
const TAG_TYPE = 'oidc-provider';

export const oidcProviderArn = (accountId: string, url: string) => `arn:aws:iam::${accountId}:oidc-provider/${url}`;

/** https://host/path → host/path (IAM's stored form); InvalidInput for anything but an https URL. */
export function normalizeOidcUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalidInput('Invalid Openid Connect Provider URL.');
  }
  if (u.protocol !== 'https:' || !u.hostname || u.search || u.hash || u.username)
    throw invalidInput('Invalid Openid Connect Provider URL.');
  return url.slice('https://'.length).replace(/\/$/, '');
}

export function requireOidcProvider(ctx: RequestContext, arn: string): OidcProviderRow {
  const row = ctx.store.identityProviders.getOidc(arn);
  if (!row || row.account_id !== ctx.accountId) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
  return row;
}

function checkThumbprints(list: string[]) {
  if (list.length > THUMBPRINTS_PER_PROVIDER)
    throw invalidInput(`Thumbprint list must contain fewer than ${THUMBPRINTS_PER_PROVIDER + 1} entries.`);
  for (const t of list) if (!/^[0-9a-fA-F]{40}$/.test(t)) throw invalidInput(`Thumbprint ${t} is not a 40-character hex SHA-1 fingerprint.`);
}

const dedupe = (xs: string[]) => [...new Set(xs)];

export const oidcProviderHandlers: IamHandlers = {
  CreateOpenIDConnectProvider(ctx, input) {
    const url = normalizeOidcUrl(input.Url);
    const arn = oidcProviderArn(ctx.accountId, url);
    if (ctx.store.identityProviders.oidcByUrl(ctx.accountId, url))
      throw entityAlreadyExists(`Provider with url ${input.Url} already exists.`);
    const clientIds = dedupe(input.ClientIDList ?? []);
    if (clientIds.length > CLIENT_IDS_PER_PROVIDER)
      throw limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${CLIENT_IDS_PER_PROVIDER}`);
    const thumbprints = dedupe(input.ThumbprintList ?? []);
    checkThumbprints(thumbprints);
    checkNewTags(input.Tags);
    if (ctx.store.identityProviders.countOidc(ctx.accountId) >= OIDC_PROVIDERS_PER_ACCOUNT)
      throw limitExceeded(`Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${OIDC_PROVIDERS_PER_ACCOUNT}`);
    ctx.store.identityProviders.insertOidc({
      arn,
      account_id: ctx.accountId,
      url,
      client_ids: clientIds,
      thumbprints,
      created_at: iso(ctx.now()),
    });
    if (input.Tags?.length) ctx.store.tags.put(ctx.accountId, TAG_TYPE, arn, input.Tags);
    return { OpenIDConnectProviderArn: arn, Tags: input.Tags?.length ? input.Tags : undefined };
  },

  GetOpenIDConnectProvider(ctx, input) {
    const row = requireOidcProvider(ctx, input.OpenIDConnectProviderArn);
    const tags = ctx.store.tags.list(TAG_TYPE, row.arn);
    return {
      Url: row.url,
      ClientIDList: row.client_ids,
      ThumbprintList: row.thumbprints,
      CreateDate: new Date(row.created_at),
      // Always sent, `[]` when none (localstack test_iam_oidc.snapshot.json, test_get_open_id_connect_provider, 17-02-2026).
      Tags: tags,
    };
  },

  ListOpenIDConnectProviders(ctx) {
    return { OpenIDConnectProviderList: ctx.store.identityProviders.listOidc(ctx.accountId).map((r) => ({ Arn: r.arn })) };
  },

  // Idempotent as AWS documents it: deleting a provider that does not exist succeeds.
  DeleteOpenIDConnectProvider(ctx, input) {
    const row = ctx.store.identityProviders.getOidc(input.OpenIDConnectProviderArn);
    if (!row || row.account_id !== ctx.accountId) return;
    ctx.store.tags.removeAll(TAG_TYPE, row.arn);
    ctx.store.identityProviders.deleteOidc(row.arn);
  },

  AddClientIDToOpenIDConnectProvider(ctx, input) {
    const row = requireOidcProvider(ctx, input.OpenIDConnectProviderArn);
    if (row.client_ids.includes(input.ClientID)) return;
    if (row.client_ids.length >= CLIENT_IDS_PER_PROVIDER)
      throw limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${CLIENT_IDS_PER_PROVIDER}`);
    ctx.store.identityProviders.setOidcClientIds(row.arn, [...row.client_ids, input.ClientID]);
  },

  // Idempotent: removing a client id the provider does not have succeeds.
  RemoveClientIDFromOpenIDConnectProvider(ctx, input) {
    const row = requireOidcProvider(ctx, input.OpenIDConnectProviderArn);
    ctx.store.identityProviders.setOidcClientIds(
      row.arn,
      row.client_ids.filter((c) => c !== input.ClientID),
    );
  },

  UpdateOpenIDConnectProviderThumbprint(ctx, input) {
    const row = requireOidcProvider(ctx, input.OpenIDConnectProviderArn);
    const thumbprints = dedupe(input.ThumbprintList);
    checkThumbprints(thumbprints);
    ctx.store.identityProviders.setOidcThumbprints(row.arn, thumbprints);
  },

  TagOpenIDConnectProvider(ctx, input) {
    const row = requireOidcProvider(ctx, input.OpenIDConnectProviderArn);
    addTags(ctx, TAG_TYPE, row.arn, input.Tags);
  },

  UntagOpenIDConnectProvider(ctx, input) {
    const row = requireOidcProvider(ctx, input.OpenIDConnectProviderArn);
    ctx.store.tags.remove(TAG_TYPE, row.arn, input.TagKeys);
  },

  ListOpenIDConnectProviderTags(ctx, input) {
    const row = requireOidcProvider(ctx, input.OpenIDConnectProviderArn);
    return listTagsPage(ctx, TAG_TYPE, row.arn, input.Marker, input.MaxItems);
  },
};
