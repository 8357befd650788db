// IAM SAML providers: Create/Get/List/Update/Delete and tags. The metadata document is parsed
// (fast-xml-parser) and must describe an IdP with at least one signing certificate, since that
// certificate is what AssumeRoleWithSAML verifies assertions against.
import { randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { lazy } from '../lazy.js';
// Lazy: only SAML provider metadata is XML; start-up pays nothing for fast-xml-parser.
const fxp = lazy<typeof import('fast-xml-parser')>('fast-xml-parser');
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import { entityAlreadyExists, invalidInput, limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { SamlPrivateKey, SamlProviderRow } from '../store/identity-providers.js';
import { iso } from '../store/rows.js';
import { addTags, checkNewTags, listTagsPage } from './tagging.js';

export const SAML_PROVIDERS_PER_ACCOUNT = 100;
export const PRIVATE_KEYS_PER_PROVIDER = 2;
const TAG_TYPE = 'saml-provider';
/** Without a validUntil in the metadata, IAM's providers are valid for 100 years. */
const DEFAULT_VALIDITY_YEARS = 100;

export const samlProviderArn = (accountId: string, name: string) => `arn:aws:iam::${accountId}:saml-provider/${name}`;

export interface SamlMetadata {
  entityId: string;
  /** Base64 DER of each signing certificate of the IdP. */
  certificates: string[];
  validUntil?: Date;
}

let parserMemo: import('fast-xml-parser').XMLParser | undefined;
const parser = () => (parserMemo ??= new (fxp().XMLParser)({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false }));
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as { '#text': unknown })['#text']) : undefined;

export const invalidMetadata = () => invalidInput('Could not parse metadata');

/** Parses and checks an IdP metadata document; InvalidInput when it is not one IAM would take. */
export function parseSamlMetadata(xml: string): SamlMetadata {
  if (fxp().XMLValidator.validate(xml) !== true) throw invalidMetadata();
  const doc = parser().parse(xml) as Record<string, any>;
  const entity = doc.EntityDescriptor ?? asList(doc.EntitiesDescriptor?.EntityDescriptor)[0];
  if (!entity || typeof entity !== 'object') throw invalidMetadata();
  const idp = asList(entity.IDPSSODescriptor)[0];
  if (!idp) throw invalidMetadata();
  const certificates: string[] = [];
  for (const kd of asList<any>(idp.KeyDescriptor)) {
    if (kd['@use'] && kd['@use'] !== 'signing') continue;
    for (const x509 of asList<any>(kd.KeyInfo?.X509Data))
      for (const c of asList(x509.X509Certificate)) {
        const b64 = text(c)?.replace(/\s+/g, '');
        if (!b64) continue;
        try {
          new X509Certificate(Buffer.from(b64, 'base64'));
        } catch {
          throw invalidMetadata();
        }
        certificates.push(b64);
      }
  }
  if (!certificates.length) throw invalidMetadata();
  const entityId = entity['@entityID'];
  if (typeof entityId !== 'string' || !entityId) throw invalidMetadata();
  const vu = entity['@validUntil'] ?? idp['@validUntil'];
  const validUntil = typeof vu === 'string' && !Number.isNaN(Date.parse(vu)) ? new Date(vu) : undefined;
  return { entityId, certificates, validUntil };
}

export function requireSamlProvider(ctx: RequestContext, arn: string): SamlProviderRow {
  const row = ctx.store.identityProviders.getSaml(arn);
  if (!row || row.account_id !== ctx.accountId) throw noSuchEntity(`Manifest not found for arn ${arn}`);
  return row;
}

function validUntilOf(meta: SamlMetadata, now: Date): string {
  if (meta.validUntil) return iso(meta.validUntil);
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + DEFAULT_VALIDITY_YEARS);
  return iso(d);
}

function checkPrivateKey(pem: string) {
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(pem)) throw invalidInput('The private key is not a valid PEM-encoded private key.');
}

const newKeyId = () => randomBytes(16).toString('base64url').toUpperCase().replace(/[^A-Z0-9]/g, 'X').slice(0, 22);

export const samlProviderHandlers: IamHandlers = {
  CreateSAMLProvider(ctx, input) {
    const meta = parseSamlMetadata(input.SAMLMetadataDocument);
    const arn = samlProviderArn(ctx.accountId, input.Name);
    if (ctx.store.identityProviders.samlByName(ctx.accountId, input.Name))
      throw entityAlreadyExists(`SAMLProvider ${input.Name} already exists.`);
    checkNewTags(input.Tags);
    if (ctx.store.identityProviders.countSaml(ctx.accountId) >= SAML_PROVIDERS_PER_ACCOUNT)
      throw limitExceeded(`Cannot exceed quota for SamlProvidersPerAccount: ${SAML_PROVIDERS_PER_ACCOUNT}`);
    const now = ctx.now();
    const keys: SamlPrivateKey[] = [];
    if (input.AddPrivateKey !== undefined) {
      checkPrivateKey(input.AddPrivateKey);
      keys.push({ KeyId: newKeyId(), Timestamp: iso(now) });
    }
    ctx.store.identityProviders.insertSaml({
      arn,
      account_id: ctx.accountId,
      name: input.Name,
      uuid: randomUUID(),
      metadata: input.SAMLMetadataDocument,
      valid_until: validUntilOf(meta, now),
      assertion_encryption_mode: input.AssertionEncryptionMode ?? null,
      private_keys: keys,
      created_at: iso(now),
    });
    if (input.Tags?.length) ctx.store.tags.put(ctx.accountId, TAG_TYPE, arn, input.Tags);
    return { SAMLProviderArn: arn, Tags: input.Tags?.length ? input.Tags : undefined };
  },

  GetSAMLProvider(ctx, input) {
    const row = requireSamlProvider(ctx, input.SAMLProviderArn);
    const tags = ctx.store.tags.list(TAG_TYPE, row.arn);
    return {
      SAMLProviderUUID: row.uuid,
      SAMLMetadataDocument: row.metadata,
      CreateDate: new Date(row.created_at),
      ValidUntil: new Date(row.valid_until),
      // Tags, the encryption mode (`Allowed` unless set) and the private keys are always sent, the
      // lists empty when there are none (localstack test_iam_saml_providers.snapshot.json, 13-02-2026).
      Tags: tags,
      AssertionEncryptionMode: (row.assertion_encryption_mode as 'Required' | 'Allowed' | null) ?? 'Allowed',
      PrivateKeyList: row.private_keys.map((k) => ({ KeyId: k.KeyId, Timestamp: new Date(k.Timestamp) })),
    };
  },

  ListSAMLProviders(ctx) {
    return {
      SAMLProviderList: ctx.store.identityProviders.listSaml(ctx.accountId).map((r) => ({
        Arn: r.arn,
        ValidUntil: new Date(r.valid_until),
        CreateDate: new Date(r.created_at),
      })),
    };
  },

  UpdateSAMLProvider(ctx, input) {
    const row = requireSamlProvider(ctx, input.SAMLProviderArn);
    let validUntil = row.valid_until;
    let metadata = row.metadata;
    if (input.SAMLMetadataDocument !== undefined) {
      const meta = parseSamlMetadata(input.SAMLMetadataDocument);
      metadata = input.SAMLMetadataDocument;
      validUntil = meta.validUntil ? iso(meta.validUntil) : row.valid_until;
    }
    let keys = row.private_keys;
    if (input.RemovePrivateKey !== undefined) {
      if (!keys.some((k) => k.KeyId === input.RemovePrivateKey))
        throw invalidInput(`The private key ${input.RemovePrivateKey} does not exist for this SAML provider.`);
      keys = keys.filter((k) => k.KeyId !== input.RemovePrivateKey);
    }
    if (input.AddPrivateKey !== undefined) {
      checkPrivateKey(input.AddPrivateKey);
      if (keys.length >= PRIVATE_KEYS_PER_PROVIDER)
        throw limitExceeded(`Cannot exceed quota for PrivateKeysPerSamlProvider: ${PRIVATE_KEYS_PER_PROVIDER}`);
      keys = [...keys, { KeyId: newKeyId(), Timestamp: iso(ctx.now()) }];
    }
    ctx.store.identityProviders.updateSaml(row.arn, {
      metadata,
      valid_until: validUntil,
      assertion_encryption_mode: input.AssertionEncryptionMode ?? row.assertion_encryption_mode,
      private_keys: keys,
    });
    return { SAMLProviderArn: row.arn };
  },

  DeleteSAMLProvider(ctx, input) {
    const row = requireSamlProvider(ctx, input.SAMLProviderArn);
    ctx.store.tags.removeAll(TAG_TYPE, row.arn);
    ctx.store.identityProviders.deleteSaml(row.arn);
    ctx.store.signingKeys.deletePurpose(`saml-idp:${row.arn}`);
  },

  TagSAMLProvider(ctx, input) {
    const row = requireSamlProvider(ctx, input.SAMLProviderArn);
    addTags(ctx, TAG_TYPE, row.arn, input.Tags);
  },

  UntagSAMLProvider(ctx, input) {
    const row = requireSamlProvider(ctx, input.SAMLProviderArn);
    ctx.store.tags.remove(TAG_TYPE, row.arn, input.TagKeys);
  },

  ListSAMLProviderTags(ctx, input) {
    const row = requireSamlProvider(ctx, input.SAMLProviderArn);
    return listTagsPage(ctx, TAG_TYPE, row.arn, input.Marker, input.MaxItems);
  },
};
