// Read-only queries across families for the account reports (summary, credential report,
// authorization details, service last accessed), plus the small tables those reports own:
// credential reports, service-access records and report jobs, service-linked role deletion tasks
// and STS preferences. Tables of other families that may be absent are guarded by tableExists.
import { Repo, type PathedTable } from './repo.js';
import { replacementsOf } from './accounts.js';

export interface CredentialReportRow {
  account_id: string;
  started_at: string;
  completed_at: string | null;
  content: string;
}

export interface ServiceAccessRow {
  account_id: string;
  entity_id: string;
  service: string;
  action: string;
  principal_arn: string;
  region: string;
  last_at: string;
}

export interface ReportJobRow {
  job_id: string;
  account_id: string;
  kind: 'service-last-accessed' | 'organizations';
  arn: string;
  granularity: string;
  created_at: string;
  snapshot: string;
}

export interface SlrDeletionTaskRow {
  task_id: string;
  account_id: string;
  role_name: string;
  status: 'NOT_STARTED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  created_at: string;
}

export interface KeyFacts {
  id: string;
  user_id: string | null;
  status: string;
  created_at: string;
  last_used_at: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface CertFacts {
  user_id: string | null;
  status: string;
  uploaded_at: string;
}

/** Tables counted by GetAccountSummary, by the column that scopes them to an account. */
const COUNTABLE = new Set([
  'users',
  'groups',
  'roles',
  'policies',
  'instance_profiles',
  'server_certificates',
  'oidc_providers',
  'saml_providers',
]);

const COUNTED = new Set(['users', 'groups', 'roles', 'policies', 'instance_profiles', 'server_certificates']);

export class ReportRepo extends Repo {
  tableExists(name: string): boolean {
    return !!this.q<[string], { x: number }>("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
  }

  count(table: string, accountId: string): number {
    if (!COUNTABLE.has(table)) return 0;
    // The tables whose rows the triggers of migrations/010 count: one row read, not the account's.
    if (COUNTED.has(table)) return this.countIn(table as PathedTable | 'policies', accountId);
    if (!this.tableExists(table)) return 0;
    return this.q<[string], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE account_id = ?`).get(accountId)!.n;
  }

  /** Versions of the account's customer managed policies (PolicyVersionsInUse). */
  policyVersionCount(accountId: string): number {
    return this.q<[string], { n: number }>(
      'SELECT count(*) AS n FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE p.account_id = ?',
    ).get(accountId)!.n;
  }

  /** Access keys of the account (user_id NULL = root's), oldest first; deleted keys left out. */
  accessKeys(accountId: string): KeyFacts[] {
    return this.q<[string], KeyFacts>(
      `SELECT id, user_id, status, created_at, last_used_at, last_used_service, last_used_region
         FROM access_keys WHERE account_id = ? AND status != 'Deleted' ORDER BY created_at, rowid`,
    ).all(accountId);
  }

  /** Whether the account's root user has an access key (not deleted): one index probe
   *  (access_keys_owner), not the account's keys read. */
  rootHasAccessKey(accountId: string): boolean {
    return !!this.q<[string], { x: number }>(
      "SELECT 1 AS x FROM access_keys WHERE account_id = ? AND user_id IS NULL AND status != 'Deleted' LIMIT 1",
    ).get(accountId);
  }

  /** Whether the account's root user has a signing certificate (signing_certificates_user). */
  rootHasSigningCertificate(accountId: string): boolean {
    if (!this.tableExists('signing_certificates')) return false;
    return !!this.q<[string], { x: number }>('SELECT 1 AS x FROM signing_certificates WHERE account_id = ? AND user_id IS NULL LIMIT 1').get(
      accountId,
    );
  }

  signingCertificates(accountId: string): CertFacts[] {
    if (!this.tableExists('signing_certificates')) return [];
    return this.q<[string], CertFacts>(
      'SELECT user_id, status, uploaded_at FROM signing_certificates WHERE account_id = ? ORDER BY uploaded_at, rowid',
    ).all(accountId);
  }

  /** Users of an account, by name, for the credential report. */
  usersByName(accountId: string) {
    return this.q<[string], { id: string; name: string; path: string; created_at: string; password_last_used: string | null }>(
      'SELECT id, name, path, created_at, password_last_used FROM users WHERE account_id = ? ORDER BY name COLLATE NOCASE',
    ).all(accountId);
  }

  /** Every group of an account with its members' ids, for authorization details. */
  groupMemberIds(groupId: string): string[] {
    return this.q<[string], { user_id: string }>('SELECT user_id FROM group_members WHERE group_id = ? ORDER BY added_at, rowid')
      .all(groupId)
      .map((r) => r.user_id);
  }

  groupIdsOfUser(userId: string): string[] {
    return this.q<[string], { group_id: string }>(
      `SELECT m.group_id FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ?
        ORDER BY g.name COLLATE NOCASE`,
    )
      .all(userId)
      .map((r) => r.group_id);
  }

  /** Ids of `n` users / groups / roles of an account from the `offset`-th, by name: the index is
   *  walked to the offset, no row before it read. */
  entityIdsPage(accountId: string, table: 'users' | 'groups' | 'roles', offset: number, n: number): string[] {
    return this.q<[string, number, number], { id: string }>(
      `SELECT id FROM ${table} WHERE account_id = ? ORDER BY name COLLATE NOCASE LIMIT ? OFFSET ?`,
    )
      .all(accountId, n, offset)
      .map((r) => r.id);
  }

  /** Entities a managed policy is attached to, directly. */
  attachedEntities(accountId: string, policyArn: string): { entity_type: 'user' | 'group' | 'role'; entity_id: string }[] {
    return this.q<[string, string], { entity_type: 'user' | 'group' | 'role'; entity_id: string }>(
      'SELECT entity_type, entity_id FROM policy_attachments WHERE account_id = ? AND policy_arn = ? ORDER BY attached_at, rowid',
    ).all(accountId, policyArn);
  }

  /** Instance profiles containing a role: [{id, name, path, created_at}]. */
  instanceProfilesOfRole(roleId: string) {
    if (!this.tableExists('instance_profile_roles')) return [];
    return this.q<[string], { id: string; name: string; path: string; created_at: string; account_id: string }>(
      `SELECT p.id, p.name, p.path, p.created_at, p.account_id FROM instance_profiles p
         JOIN instance_profile_roles r ON r.profile_id = p.id WHERE r.role_id = ? ORDER BY p.name COLLATE NOCASE`,
    ).all(roleId);
  }

  // Credential reports.
  credentialReport(accountId: string): CredentialReportRow | undefined {
    return this.q<[string], CredentialReportRow>('SELECT * FROM credential_reports WHERE account_id = ?').get(accountId);
  }

  putCredentialReport(row: CredentialReportRow) {
    this.q(
      `INSERT OR REPLACE INTO credential_reports (account_id, started_at, completed_at, content)
       VALUES (@account_id, @started_at, @completed_at, @content)`,
    ).run(row);
  }

  // Service access records.
  /** What was last written per (entity, service, action), to the second: see recordAccess. */
  private readonly accessWritten = new Map<string, string>();
  private accessWrittenAt = 0;

  /**
   * Last-accessed times are shown to the second, so an entity calling the same action again within
   * the same second (same principal and region) needs no new write: without this, every request of
   * a busy caller cost one write transaction.
   */
  recordAccess(row: ServiceAccessRow) {
    const key = `${row.entity_id} ${row.service} ${row.action}`;
    const value = `${row.last_at.slice(0, 19)} ${row.account_id} ${row.principal_arn} ${row.region}`;
    if (this.accessWrittenAt !== replacementsOf(this.db)) {
      this.accessWritten.clear();
      this.accessWrittenAt = replacementsOf(this.db);
    }
    if (this.accessWritten.get(key) === value) return;
    if (this.accessWritten.size >= 10_000) this.accessWritten.clear();
    this.accessWritten.set(key, value);
    this.q(
      `INSERT INTO service_access (account_id, entity_id, service, action, principal_arn, region, last_at)
       VALUES (@account_id, @entity_id, @service, @action, @principal_arn, @region, @last_at)
       ON CONFLICT (entity_id, service, action) DO UPDATE SET
         principal_arn = excluded.principal_arn, region = excluded.region, last_at = excluded.last_at`,
    ).run(row);
  }

  accessOf(entityId: string): ServiceAccessRow[] {
    return this.q<[string], ServiceAccessRow>('SELECT * FROM service_access WHERE entity_id = ? ORDER BY last_at DESC').all(entityId);
  }

  // Report jobs.
  insertJob(row: ReportJobRow) {
    this.q(
      `INSERT INTO access_report_jobs (job_id, account_id, kind, arn, granularity, created_at, snapshot)
       VALUES (@job_id, @account_id, @kind, @arn, @granularity, @created_at, @snapshot)`,
    ).run(row);
  }

  job(accountId: string, jobId: string): ReportJobRow | undefined {
    return this.q<[string, string], ReportJobRow>('SELECT * FROM access_report_jobs WHERE account_id = ? AND job_id = ?').get(
      accountId,
      jobId,
    );
  }

  // Service-linked role deletion tasks.
  insertDeletionTask(row: SlrDeletionTaskRow) {
    this.q(
      `INSERT INTO slr_deletion_tasks (task_id, account_id, role_name, status, created_at)
       VALUES (@task_id, @account_id, @role_name, @status, @created_at)`,
    ).run(row);
  }

  deletionTask(accountId: string, taskId: string): SlrDeletionTaskRow | undefined {
    return this.q<[string, string], SlrDeletionTaskRow>('SELECT * FROM slr_deletion_tasks WHERE account_id = ? AND task_id = ?').get(
      accountId,
      taskId,
    );
  }

  setDeletionStatus(taskId: string, status: SlrDeletionTaskRow['status']) {
    this.q('UPDATE slr_deletion_tasks SET status = ? WHERE task_id = ?').run(status, taskId);
  }

  /** Attaches a managed policy to a role (service-linked roles get their AWS managed policy). */
  attachToRole(accountId: string, roleId: string, policyArn: string, at: string) {
    this.q(
      `INSERT OR IGNORE INTO policy_attachments (account_id, policy_arn, entity_type, entity_id, attached_at)
       VALUES (?, ?, 'role', ?, ?)`,
    ).run(accountId, policyArn, roleId, at);
  }

  detachAllFromRole(roleId: string) {
    this.q("DELETE FROM policy_attachments WHERE entity_type = 'role' AND entity_id = ?").run(roleId);
    this.q("DELETE FROM inline_policies WHERE entity_type = 'role' AND entity_id = ?").run(roleId);
  }

  // STS preferences.
  globalEndpointTokenVersion(accountId: string): string | undefined {
    return this.q<[string], { v: string }>('SELECT global_endpoint_token_version AS v FROM sts_preferences WHERE account_id = ?').get(
      accountId,
    )?.v;
  }

  setGlobalEndpointTokenVersion(accountId: string, version: string) {
    this.q('INSERT OR REPLACE INTO sts_preferences (account_id, global_endpoint_token_version) VALUES (?, ?)').run(accountId, version);
  }
}
