-- Credentials: long-term access keys (IAM users and account roots) and STS temporary credentials.
-- Secrets are stored as issued: iam-local is a local emulator, and SigV4 needs the secret itself.

-- user_id NULL = the account's root. status: 'Active' | 'Inactive' | 'Deleted' (a tombstone: a deleted
-- key stays refused instead of becoming an "unknown key" that IAM_LOCAL_ENFORCE=off lets act as root).
CREATE TABLE access_keys (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  user_id TEXT,
  secret TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'Active',
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  last_used_service TEXT,
  last_used_region TEXT
);
CREATE INDEX access_keys_owner ON access_keys(account_id, user_id);

-- STS sessions: access_key_id 'ASIA…'; principal_json is the JSON of src/auth/principal.ts Principal
-- (including its SessionInfo, dates as ISO strings).
CREATE TABLE sessions (
  access_key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  secret TEXT NOT NULL,
  session_token TEXT NOT NULL UNIQUE,
  principal_json TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  last_used_service TEXT,
  last_used_region TEXT
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Account aliases are globally unique across accounts (accounts.alias holds at most one per account).
CREATE UNIQUE INDEX accounts_alias ON accounts(alias) WHERE alias IS NOT NULL;
