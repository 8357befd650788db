-- Instance profiles and the (at most one) role in each. Names are unique per account
-- case-insensitively, as IAM's are. Simulated instances and container tasks live in memory with
-- their listeners (src/metadata/), not here: a listener does not outlive the process.
CREATE TABLE instance_profiles (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (account_id, name)
);
CREATE INDEX instance_profiles_path ON instance_profiles(account_id, path);

-- role_id is the role's unique id; a row goes away with its profile. The role side is checked
-- by DeleteRole (DeleteConflict), not by a foreign key, so the message is IAM's.
CREATE TABLE instance_profile_roles (
  profile_id TEXT NOT NULL REFERENCES instance_profiles(id) ON DELETE CASCADE,
  role_id TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, role_id)
);
CREATE INDEX instance_profile_roles_role ON instance_profile_roles(role_id);
