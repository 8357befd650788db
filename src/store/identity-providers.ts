// IAM identity providers: OpenID Connect providers and SAML providers, and the per-account state of
// outbound web identity federation (GetWebIdentityToken).
import { Repo } from './repo.js';

export interface OidcProviderRow {
  arn: string;
  account_id: string;
  /** Without the https:// scheme, as in the ARN. */
  url: string;
  client_ids: string[];
  thumbprints: string[];
  created_at: string;
}

interface OidcRaw extends Omit<OidcProviderRow, 'client_ids' | 'thumbprints'> {
  client_ids: string;
  thumbprints: string;
}

const oidc = (r: OidcRaw | undefined): OidcProviderRow | undefined =>
  r && { ...r, client_ids: JSON.parse(r.client_ids) as string[], thumbprints: JSON.parse(r.thumbprints) as string[] };

export interface SamlPrivateKey {
  KeyId: string;
  Timestamp: string;
}

export interface SamlProviderRow {
  arn: string;
  account_id: string;
  name: string;
  uuid: string;
  metadata: string;
  valid_until: string;
  assertion_encryption_mode: string | null;
  private_keys: SamlPrivateKey[];
  created_at: string;
}

interface SamlRaw extends Omit<SamlProviderRow, 'private_keys'> {
  private_keys: string;
}

const saml = (r: SamlRaw | undefined): SamlProviderRow | undefined =>
  r && { ...r, private_keys: JSON.parse(r.private_keys) as SamlPrivateKey[] };

export interface OutboundFederationRow {
  account_id: string;
  enabled: boolean;
  issuer_identifier: string;
  updated_at: string;
}

export class IdentityProviderRepo extends Repo {
  // --- OpenID Connect ---
  getOidc(arn: string): OidcProviderRow | undefined {
    return oidc(this.q<[string], OidcRaw>('SELECT * FROM oidc_providers WHERE arn = ?').get(arn));
  }

  /** The provider of an account registered for an issuer URL (without scheme). */
  oidcByUrl(accountId: string, url: string): OidcProviderRow | undefined {
    return oidc(this.q<[string, string], OidcRaw>('SELECT * FROM oidc_providers WHERE account_id = ? AND url = ?').get(accountId, url));
  }

  listOidc(accountId: string): OidcProviderRow[] {
    return this.q<[string], OidcRaw>('SELECT * FROM oidc_providers WHERE account_id = ? ORDER BY arn')
      .all(accountId)
      .map((r) => oidc(r)!);
  }

  countOidc(accountId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM oidc_providers WHERE account_id = ?').get(accountId)!.n;
  }

  insertOidc(row: OidcProviderRow) {
    this.q(
      `INSERT INTO oidc_providers (arn, account_id, url, client_ids, thumbprints, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(row.arn, row.account_id, row.url, JSON.stringify(row.client_ids), JSON.stringify(row.thumbprints), row.created_at);
  }

  setOidcClientIds(arn: string, clientIds: string[]) {
    this.q('UPDATE oidc_providers SET client_ids = ? WHERE arn = ?').run(JSON.stringify(clientIds), arn);
  }

  setOidcThumbprints(arn: string, thumbprints: string[]) {
    this.q('UPDATE oidc_providers SET thumbprints = ? WHERE arn = ?').run(JSON.stringify(thumbprints), arn);
  }

  deleteOidc(arn: string) {
    this.q('DELETE FROM oidc_providers WHERE arn = ?').run(arn);
  }

  // --- SAML ---
  getSaml(arn: string): SamlProviderRow | undefined {
    return saml(this.q<[string], SamlRaw>('SELECT * FROM saml_providers WHERE arn = ?').get(arn));
  }

  samlByName(accountId: string, name: string): SamlProviderRow | undefined {
    return saml(this.q<[string, string], SamlRaw>('SELECT * FROM saml_providers WHERE account_id = ? AND name = ?').get(accountId, name));
  }

  listSaml(accountId: string): SamlProviderRow[] {
    return this.q<[string], SamlRaw>('SELECT * FROM saml_providers WHERE account_id = ? ORDER BY arn')
      .all(accountId)
      .map((r) => saml(r)!);
  }

  countSaml(accountId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM saml_providers WHERE account_id = ?').get(accountId)!.n;
  }

  insertSaml(row: SamlProviderRow) {
    this.q(
      `INSERT INTO saml_providers (arn, account_id, name, uuid, metadata, valid_until, assertion_encryption_mode, private_keys, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.arn,
      row.account_id,
      row.name,
      row.uuid,
      row.metadata,
      row.valid_until,
      row.assertion_encryption_mode,
      JSON.stringify(row.private_keys),
      row.created_at,
    );
  }

  updateSaml(arn: string, fields: { metadata: string; valid_until: string; assertion_encryption_mode: string | null; private_keys: SamlPrivateKey[] }) {
    this.q('UPDATE saml_providers SET metadata = ?, valid_until = ?, assertion_encryption_mode = ?, private_keys = ? WHERE arn = ?').run(
      fields.metadata,
      fields.valid_until,
      fields.assertion_encryption_mode,
      JSON.stringify(fields.private_keys),
      arn,
    );
  }

  deleteSaml(arn: string) {
    this.q('DELETE FROM saml_providers WHERE arn = ?').run(arn);
  }

  // --- outbound web identity federation ---
  getOutbound(accountId: string): OutboundFederationRow | undefined {
    const r = this.q<[string], Omit<OutboundFederationRow, 'enabled'> & { enabled: number }>(
      'SELECT * FROM outbound_federation WHERE account_id = ?',
    ).get(accountId);
    return r && { ...r, enabled: r.enabled === 1 };
  }

  setOutbound(row: OutboundFederationRow) {
    this.q(
      `INSERT INTO outbound_federation (account_id, enabled, issuer_identifier, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
    ).run(row.account_id, row.enabled ? 1 : 0, row.issuer_identifier, row.updated_at);
  }
}
