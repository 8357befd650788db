-- Access Analyzer policy generation jobs (StartPolicyGeneration … GetGeneratedPolicy): the principal,
-- the activity window, the job's status, and the actions/resources found in the decision log when
-- it completed (the policy is rendered from them on each GetGeneratedPolicy, with its options).
CREATE TABLE policy_generations (
  job_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  principal_arn TEXT NOT NULL,
  status TEXT NOT NULL,
  started_on TEXT NOT NULL,
  completed_on TEXT,
  window_start TEXT,
  window_end TEXT,
  trails TEXT,
  client_token TEXT,
  usage TEXT,
  is_complete INTEGER,
  error_code TEXT,
  error_message TEXT
);
CREATE INDEX policy_generations_account ON policy_generations (account_id, started_on);
