// Customer managed policies and their versions. AWS managed policies are not stored: they come
// from the catalog in src/aws-managed/.
import { Repo } from './repo.js';

export interface PolicyRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  arn: string;
  description: string | null;
  default_version: string;
  next_version: number;
  created_at: string;
  updated_at: string;
}

export interface PolicyVersionRow {
  policy_id: string;
  version_id: string;
  document: string;
  created_at: string;
}

/** Which use of a policy ListPolicies' OnlyAttached / PolicyUsageFilter asks for. */
export type PolicyUsage = 'attached' | 'boundary';

/** A policies row in that use in its account: each an index lookup (policy_attachments_arn, and
 *  the boundary indexes of migrations/011_list_indexes.sql). */
const USED: Record<PolicyUsage, string> = {
  attached: 'EXISTS (SELECT 1 FROM policy_attachments x WHERE x.account_id = @a AND x.policy_arn = policies.arn)',
  boundary:
    '(EXISTS (SELECT 1 FROM users x WHERE x.account_id = @a AND x.boundary_arn = policies.arn)' +
    ' OR EXISTS (SELECT 1 FROM roles x WHERE x.account_id = @a AND x.boundary_arn = policies.arn))',
};

export class PolicyRepo extends Repo {
  get(accountId: string, name: string): PolicyRow | undefined {
    return this.q<[string, string], PolicyRow>('SELECT * FROM policies WHERE account_id = ? AND name = ?').get(accountId, name);
  }

  getById(id: string): PolicyRow | undefined {
    return this.q<[string], PolicyRow>('SELECT * FROM policies WHERE id = ?').get(id);
  }

  getByArn(accountId: string, arn: string): PolicyRow | undefined {
    return this.q<[string, string], PolicyRow>('SELECT * FROM policies WHERE account_id = ? AND arn = ?').get(accountId, arn);
  }

  /** By ARN in whichever account owns it (the policy engine resolves ARNs it is handed). */
  getByArnAnyAccount(arn: string): PolicyRow | undefined {
    return this.q<[string], PolicyRow>('SELECT * FROM policies WHERE arn = ?').get(arn);
  }

  insert(row: PolicyRow) {
    this.q(
      `INSERT INTO policies (id, account_id, name, path, arn, description, default_version, next_version, created_at, updated_at)
       VALUES (@id, @account_id, @name, @path, @arn, @description, @default_version, @next_version, @created_at, @updated_at)`,
    ).run(row);
  }

  delete(id: string) {
    this.q('DELETE FROM policy_versions WHERE policy_id = ?').run(id);
    this.q('DELETE FROM policies WHERE id = ?').run(id);
  }

  /** Every customer managed policy of an account under a path prefix, in no particular order. */
  listAll(accountId: string, pathPrefix: string): PolicyRow[] {
    return this.q<{}, PolicyRow>(
      'SELECT * FROM policies WHERE account_id = @accountId AND substr(path, 1, length(@prefix)) = @prefix',
    ).all({ accountId, prefix: pathPrefix });
  }

  /**
   * Up to `limit` customer managed policies of an account under a path prefix, in ListPolicies'
   * order — name case-insensitively, then name, then ARN (the name column is COLLATE NOCASE, which
   * folds A-Z to lower case as the handler's comparison does; names are ASCII) — strictly after the
   * key `after`, straight from the (account_id, name) index: the cost is the page's, not the
   * account's. `usage` keeps only the policies attached somewhere or used as a boundary.
   */
  pageAfter(
    accountId: string,
    pathPrefix: string,
    after: { name: string; arn: string } | undefined,
    usage: PolicyUsage | undefined,
    limit: number,
  ): PolicyRow[] {
    return this.q<{}, PolicyRow>(
      `SELECT * FROM policies WHERE account_id = @a AND name >= @name
         AND NOT (name = @name AND (name COLLATE BINARY < @name OR (name COLLATE BINARY = @name AND arn <= @arn)))
         AND substr(path, 1, length(@prefix)) = @prefix${usage ? ` AND ${USED[usage]}` : ''}
       ORDER BY name LIMIT @limit`,
    ).all({ a: accountId, name: after?.name ?? '', arn: after?.arn ?? '', prefix: pathPrefix, limit });
  }

  count(accountId: string): number {
    return this.countIn('policies', accountId);
  }

  setDefaultVersion(id: string, versionId: string) {
    this.q('UPDATE policies SET default_version = ? WHERE id = ?').run(versionId, id);
  }

  /** Records a new version: bumps the counter and the policy's UpdateDate. */
  addVersion(policy: PolicyRow, version: PolicyVersionRow) {
    this.q(
      'INSERT INTO policy_versions (policy_id, version_id, document, created_at) VALUES (@policy_id, @version_id, @document, @created_at)',
    ).run(version);
    this.q('UPDATE policies SET next_version = next_version + 1, updated_at = ? WHERE id = ?').run(version.created_at, policy.id);
  }

  versions(policyId: string): PolicyVersionRow[] {
    return this.q<[string], PolicyVersionRow>(
      "SELECT * FROM policy_versions WHERE policy_id = ? ORDER BY CAST(substr(version_id, 2) AS INTEGER) DESC",
    ).all(policyId);
  }

  version(policyId: string, versionId: string): PolicyVersionRow | undefined {
    return this.q<[string, string], PolicyVersionRow>(
      'SELECT * FROM policy_versions WHERE policy_id = ? AND version_id = ?',
    ).get(policyId, versionId);
  }

  versionCount(policyId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM policy_versions WHERE policy_id = ?').get(policyId)!.n;
  }

  deleteVersion(policyId: string, versionId: string) {
    this.q('DELETE FROM policy_versions WHERE policy_id = ? AND version_id = ?').run(policyId, versionId);
  }
}
