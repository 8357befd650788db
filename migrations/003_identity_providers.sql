-- Identity providers (IAM OIDC and SAML providers), the signing keys iam-local keeps for its own
-- OIDC issuer / test SAML IdPs / outbound web identity tokens, and outbound federation state.

-- url is the provider URL without its https:// scheme, exactly as it appears in the ARN.
-- client_ids / thumbprints are JSON arrays in the order they were added.
CREATE TABLE oidc_providers (
  arn TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  url TEXT NOT NULL,
  client_ids TEXT NOT NULL,
  thumbprints TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (account_id, url)
);

-- metadata is the SAMLMetadataDocument as sent; private_keys a JSON array of
-- {KeyId, Timestamp} (the keys themselves are kept only as far as the API exposes them).
CREATE TABLE saml_providers (
  arn TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  uuid TEXT NOT NULL,
  metadata TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  assertion_encryption_mode TEXT,
  private_keys TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  UNIQUE (account_id, name)
);

-- purpose: 'oidc-issuer' (iam-local's own OIDC issuer), 'saml-idp:<provider arn>' (a test IdP whose
-- certificate iam-local put in a provider's metadata), 'outbound:<account id>' (GetWebIdentityToken).
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  purpose TEXT NOT NULL,
  algorithm TEXT NOT NULL,
  private_pem TEXT NOT NULL,
  public_pem TEXT NOT NULL,
  certificate_pem TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX signing_keys_purpose ON signing_keys(purpose);

CREATE TABLE outbound_federation (
  account_id TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL,
  issuer_identifier TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
