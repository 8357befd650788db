-- Indexes (and one derived column) so that a page of a list reads that page, not the account.

-- The users and roles whose permissions boundary is a given policy, by name: ListPolicies'
-- PermissionsBoundaryUsageCount of the policies on its page and its PolicyUsageFilter,
-- ListEntitiesForPolicy and DeletePolicy's conflict check. Partial: most have no boundary.
CREATE INDEX users_boundary ON users(account_id, boundary_arn, name) WHERE boundary_arn IS NOT NULL;
CREATE INDEX roles_boundary ON roles(account_id, boundary_arn, name) WHERE boundary_arn IS NOT NULL;

-- ListVirtualMFADevices pages an account's devices by serial: from an index, not by sorting them all.
CREATE INDEX mfa_devices_account ON mfa_devices(account_id, serial);

-- ListEntitiesForPolicy lists a policy's users, groups and roles by name: the attachment carries
-- its entity's name (NULL once the entity is gone), copied when the attachment is made and kept
-- by triggers, so a page is an index range. A state import inserts these rows after the entities'
-- (src/store/state.ts).
ALTER TABLE policy_attachments ADD COLUMN entity_name TEXT COLLATE NOCASE;
UPDATE policy_attachments SET entity_name = CASE entity_type
  WHEN 'user' THEN (SELECT name FROM users WHERE id = entity_id)
  WHEN 'group' THEN (SELECT name FROM groups WHERE id = entity_id)
  WHEN 'role' THEN (SELECT name FROM roles WHERE id = entity_id) END;
CREATE INDEX policy_attachments_entities ON policy_attachments(account_id, policy_arn, entity_type, entity_name, entity_id);
CREATE TRIGGER policy_attachments_named AFTER INSERT ON policy_attachments BEGIN
  UPDATE policy_attachments SET entity_name = CASE NEW.entity_type
    WHEN 'user' THEN (SELECT name FROM users WHERE id = NEW.entity_id)
    WHEN 'group' THEN (SELECT name FROM groups WHERE id = NEW.entity_id)
    WHEN 'role' THEN (SELECT name FROM roles WHERE id = NEW.entity_id) END
  WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER users_attachments_renamed AFTER UPDATE OF name ON users BEGIN
  UPDATE policy_attachments SET entity_name = NEW.name WHERE entity_type = 'user' AND entity_id = NEW.id;
END;
CREATE TRIGGER users_attachments_unnamed AFTER DELETE ON users BEGIN
  UPDATE policy_attachments SET entity_name = NULL WHERE entity_type = 'user' AND entity_id = OLD.id;
END;
CREATE TRIGGER groups_attachments_renamed AFTER UPDATE OF name ON groups BEGIN
  UPDATE policy_attachments SET entity_name = NEW.name WHERE entity_type = 'group' AND entity_id = NEW.id;
END;
CREATE TRIGGER groups_attachments_unnamed AFTER DELETE ON groups BEGIN
  UPDATE policy_attachments SET entity_name = NULL WHERE entity_type = 'group' AND entity_id = OLD.id;
END;
CREATE TRIGGER roles_attachments_renamed AFTER UPDATE OF name ON roles BEGIN
  UPDATE policy_attachments SET entity_name = NEW.name WHERE entity_type = 'role' AND entity_id = NEW.id;
END;
CREATE TRIGGER roles_attachments_unnamed AFTER DELETE ON roles BEGIN
  UPDATE policy_attachments SET entity_name = NULL WHERE entity_type = 'role' AND entity_id = OLD.id;
END;

-- GetGroup pages a group's members by user name: the membership carries its user's name, kept the
-- same way, in an index by group and name (the user's deletion deletes the membership).
ALTER TABLE group_members ADD COLUMN user_name TEXT COLLATE NOCASE;
UPDATE group_members SET user_name = (SELECT name FROM users WHERE id = user_id);
CREATE INDEX group_members_by_name ON group_members(group_id, user_name, user_id);
CREATE TRIGGER group_members_named AFTER INSERT ON group_members BEGIN
  UPDATE group_members SET user_name = (SELECT name FROM users WHERE id = NEW.user_id)
  WHERE group_id = NEW.group_id AND user_id = NEW.user_id;
END;
CREATE TRIGGER users_memberships_renamed AFTER UPDATE OF name ON users BEGIN
  UPDATE group_members SET user_name = NEW.name WHERE user_id = NEW.id;
END;
