-- Rows per account of the tables IAM's quotas count (users, groups, roles, instance profiles,
-- server certificates, customer managed policies), kept by triggers: a Create* checks its quota
-- by reading one row instead of counting the account's rows (linear in the store: 12 % of a
-- CreateUser's time with 5,000 users). Derived data: not part of a state export (src/store/state.ts).
CREATE TABLE entity_counts (
  account_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind)
) WITHOUT ROWID;

INSERT INTO entity_counts (account_id, kind, n) SELECT account_id, 'users', count(*) FROM users GROUP BY account_id;
CREATE TRIGGER users_counted_insert AFTER INSERT ON users BEGIN
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'users', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER users_counted_delete AFTER DELETE ON users BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'users';
END;
CREATE TRIGGER users_counted_move AFTER UPDATE OF account_id ON users WHEN NEW.account_id IS NOT OLD.account_id BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'users';
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'users', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;

INSERT INTO entity_counts (account_id, kind, n) SELECT account_id, 'groups', count(*) FROM groups GROUP BY account_id;
CREATE TRIGGER groups_counted_insert AFTER INSERT ON groups BEGIN
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'groups', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER groups_counted_delete AFTER DELETE ON groups BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'groups';
END;
CREATE TRIGGER groups_counted_move AFTER UPDATE OF account_id ON groups WHEN NEW.account_id IS NOT OLD.account_id BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'groups';
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'groups', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;

INSERT INTO entity_counts (account_id, kind, n) SELECT account_id, 'roles', count(*) FROM roles GROUP BY account_id;
CREATE TRIGGER roles_counted_insert AFTER INSERT ON roles BEGIN
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'roles', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER roles_counted_delete AFTER DELETE ON roles BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'roles';
END;
CREATE TRIGGER roles_counted_move AFTER UPDATE OF account_id ON roles WHEN NEW.account_id IS NOT OLD.account_id BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'roles';
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'roles', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;

INSERT INTO entity_counts (account_id, kind, n) SELECT account_id, 'instance_profiles', count(*) FROM instance_profiles GROUP BY account_id;
CREATE TRIGGER instance_profiles_counted_insert AFTER INSERT ON instance_profiles BEGIN
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'instance_profiles', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER instance_profiles_counted_delete AFTER DELETE ON instance_profiles BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'instance_profiles';
END;
CREATE TRIGGER instance_profiles_counted_move AFTER UPDATE OF account_id ON instance_profiles WHEN NEW.account_id IS NOT OLD.account_id BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'instance_profiles';
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'instance_profiles', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;

INSERT INTO entity_counts (account_id, kind, n) SELECT account_id, 'server_certificates', count(*) FROM server_certificates GROUP BY account_id;
CREATE TRIGGER server_certificates_counted_insert AFTER INSERT ON server_certificates BEGIN
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'server_certificates', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER server_certificates_counted_delete AFTER DELETE ON server_certificates BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'server_certificates';
END;
CREATE TRIGGER server_certificates_counted_move AFTER UPDATE OF account_id ON server_certificates WHEN NEW.account_id IS NOT OLD.account_id BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'server_certificates';
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'server_certificates', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;

INSERT INTO entity_counts (account_id, kind, n) SELECT account_id, 'policies', count(*) FROM policies GROUP BY account_id;
CREATE TRIGGER policies_counted_insert AFTER INSERT ON policies BEGIN
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'policies', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER policies_counted_delete AFTER DELETE ON policies BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'policies';
END;
CREATE TRIGGER policies_counted_move AFTER UPDATE OF account_id ON policies WHEN NEW.account_id IS NOT OLD.account_id BEGIN
  UPDATE entity_counts SET n = n - 1 WHERE account_id = OLD.account_id AND kind = 'policies';
  INSERT INTO entity_counts (account_id, kind, n) VALUES (NEW.account_id, 'policies', 1)
    ON CONFLICT (account_id, kind) DO UPDATE SET n = n + 1;
END;
