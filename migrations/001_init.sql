-- Core identities of IAM. Every row is scoped by account id; names are unique per account
-- case-insensitively, as IAM's are.
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  alias TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  password_last_used TEXT,
  boundary_arn TEXT,
  UNIQUE (account_id, name)
);

CREATE TABLE groups (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (account_id, name)
);

CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  added_at TEXT NOT NULL,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members(user_id);

CREATE TABLE roles (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  trust_policy TEXT NOT NULL,
  description TEXT,
  max_session_duration INTEGER NOT NULL DEFAULT 3600,
  boundary_arn TEXT,
  last_used_at TEXT,
  last_used_region TEXT,
  UNIQUE (account_id, name)
);

-- Customer managed policies. AWS managed policies live in the catalog (src/iam/aws-managed/),
-- not here; attachments of both kinds are in policy_attachments.
CREATE TABLE policies (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  arn TEXT NOT NULL UNIQUE,
  description TEXT,
  default_version TEXT NOT NULL,
  next_version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (account_id, name)
);

CREATE TABLE policy_versions (
  policy_id TEXT NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
  version_id TEXT NOT NULL,
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (policy_id, version_id)
);

-- entity_type: 'user' | 'group' | 'role'; entity_id is the entity's unique id.
CREATE TABLE policy_attachments (
  account_id TEXT NOT NULL,
  policy_arn TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  attached_at TEXT NOT NULL,
  PRIMARY KEY (entity_type, entity_id, policy_arn)
);
CREATE INDEX policy_attachments_arn ON policy_attachments(account_id, policy_arn);

CREATE TABLE inline_policies (
  account_id TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (entity_type, entity_id, name)
);

-- Tags of any taggable resource; resource_type names the family ('user', 'role', 'policy', …),
-- resource_id its unique id (or ARN where the resource has no id). position keeps insertion order.
CREATE TABLE tags (
  account_id TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  key TEXT NOT NULL COLLATE NOCASE,
  value TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (resource_type, resource_id, key)
);
