-- Server certificates, signing certificates, SSH public keys, service-specific credentials and
-- delegation requests.
CREATE TABLE server_certificates (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  body TEXT NOT NULL,
  chain TEXT,
  uploaded_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  UNIQUE (account_id, name)
);

-- user_id NULL: the account's root.
CREATE TABLE signing_certificates (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  user_id TEXT,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX signing_certificates_user ON signing_certificates(account_id, user_id);

CREATE TABLE ssh_public_keys (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  body TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX ssh_public_keys_user ON ssh_public_keys(user_id);

-- The password is shown once, at creation or reset; only its hash is kept.
CREATE TABLE service_credentials (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  service_name TEXT NOT NULL,
  service_user_name TEXT,
  alias TEXT,
  secret_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE INDEX service_credentials_user ON service_credentials(user_id);

CREATE TABLE delegation_requests (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  owner_account_id TEXT,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL
);
