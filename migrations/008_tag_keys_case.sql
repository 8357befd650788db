-- Tag keys keep their case: IAM treats them case-insensitively on most resources (the code folds
-- case there) but case-sensitively on managed policies, where `a` and `A` are two tags (recorded
-- against AWS: localstack/localstack test_iam_policies.snapshot.json TestPolicyTags, 10-02-2026).
CREATE TABLE tags_021 (
  account_id TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (resource_type, resource_id, key)
);
INSERT INTO tags_021 (account_id, resource_type, resource_id, key, value, position)
  SELECT account_id, resource_type, resource_id, key, value, position FROM tags;
DROP TABLE tags;
ALTER TABLE tags_021 RENAME TO tags;
