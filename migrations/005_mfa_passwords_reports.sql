-- MFA devices, console passwords, the account password policy, credential reports, access
-- tracking for service-last-accessed, service-linked role deletion tasks, STS preferences.

-- Virtual MFA devices. serial is the device ARN (arn:aws:iam::ACCOUNT:mfa/PATH/NAME). user_id is
-- set while the device is assigned (enabled) to a user. last_step is the TOTP time step of the
-- last code accepted, so a code is never accepted twice.
CREATE TABLE mfa_devices (
  serial TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  seed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  user_id TEXT,
  enabled_at TEXT,
  last_step INTEGER,
  UNIQUE (account_id, name)
);
CREATE INDEX mfa_devices_user ON mfa_devices(user_id);

-- Console passwords: salted scrypt hashes only ('scrypt$N$r$p$salt$hash', base64 parts).
CREATE TABLE login_profiles (
  user_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  reset_required INTEGER NOT NULL DEFAULT 0
);

-- Earlier password hashes of a user, for PasswordReusePrevention.
CREATE TABLE password_history (
  user_id TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  set_at TEXT NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id, set_at);

CREATE TABLE password_policies (
  account_id TEXT PRIMARY KEY,
  minimum_length INTEGER NOT NULL,
  require_symbols INTEGER NOT NULL,
  require_numbers INTEGER NOT NULL,
  require_uppercase INTEGER NOT NULL,
  require_lowercase INTEGER NOT NULL,
  allow_users_to_change INTEGER NOT NULL,
  max_age INTEGER,
  reuse_prevention INTEGER,
  hard_expiry INTEGER
);

-- One credential report per account: the CSV as generated, when, and when a caller saw it done.
CREATE TABLE credential_reports (
  account_id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  completed_at TEXT,
  content TEXT NOT NULL
);

-- Last authenticated use of a service (and action) by an IAM entity: entity_id is the unique id of
-- the user (AIDA…) or role (AROA…) whose credentials made the call; principal_arn who exactly
-- (the user, or the role session).
CREATE TABLE service_access (
  account_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  service TEXT NOT NULL,
  action TEXT NOT NULL,
  principal_arn TEXT NOT NULL,
  region TEXT NOT NULL,
  last_at TEXT NOT NULL,
  PRIMARY KEY (entity_id, service, action)
);
CREATE INDEX service_access_account ON service_access(account_id, service);

-- Jobs of GenerateServiceLastAccessedDetails / GenerateOrganizationsAccessReport.
CREATE TABLE access_report_jobs (
  job_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  arn TEXT NOT NULL,
  granularity TEXT NOT NULL,
  created_at TEXT NOT NULL,
  snapshot TEXT NOT NULL
);

-- DeleteServiceLinkedRole tasks: task_id is AWS's 'task/aws-service-role/SERVICE/ROLE/UUID'.
CREATE TABLE slr_deletion_tasks (
  task_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  role_name TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Per-account STS preferences (SetSecurityTokenServicePreferences).
CREATE TABLE sts_preferences (
  account_id TEXT PRIMARY KEY,
  global_endpoint_token_version TEXT NOT NULL
);
