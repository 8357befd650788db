// Managed-policy attachments (to users, groups and roles) and permissions boundaries (of users and
// roles), and the counts IAM reports from them: AttachmentCount, PermissionsBoundaryUsageCount.
import { Repo } from './repo.js';

export type EntityType = 'user' | 'group' | 'role';

export interface AttachmentRow {
  account_id: string;
  policy_arn: string;
  entity_type: EntityType;
  entity_id: string;
  attached_at: string;
}

/** The name-bearing part of a user, group or role. */
export interface EntityRef {
  type: EntityType;
  id: string;
  name: string;
  path: string;
}

const TABLE: Record<EntityType, string> = { user: 'users', group: 'groups', role: 'roles' };

/** A boundary entity `e` the policy @p is not also attached to (a primary-key probe). */
const NOT_ATTACHED = (type: EntityType) =>
  ` AND NOT EXISTS (SELECT 1 FROM policy_attachments x WHERE x.entity_type = '${type}' AND x.entity_id = e.id AND x.policy_arn = @p)`;

/** The least string greater than every string starting with `prefix` (its last character + 1). */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

export class AttachmentRepo extends Repo {
  /** A user, group or role by name (case-insensitively, as IAM names are). */
  entity(accountId: string, type: EntityType, name: string): EntityRef | undefined {
    const row = this.q<[string, string], { id: string; name: string; path: string }>(
      `SELECT id, name, path FROM ${TABLE[type]} WHERE account_id = ? AND name = ?`,
    ).get(accountId, name);
    return row && { type, ...row };
  }

  attach(row: AttachmentRow) {
    this.q(
      `INSERT OR IGNORE INTO policy_attachments (account_id, policy_arn, entity_type, entity_id, attached_at)
       VALUES (@account_id, @policy_arn, @entity_type, @entity_id, @attached_at)`,
    ).run(row);
  }

  /** Returns whether there was such an attachment. */
  detach(entityType: EntityType, entityId: string, policyArn: string): boolean {
    return (
      this.q('DELETE FROM policy_attachments WHERE entity_type = ? AND entity_id = ? AND policy_arn = ?').run(
        entityType,
        entityId,
        policyArn,
      ).changes > 0
    );
  }

  isAttached(entityType: EntityType, entityId: string, policyArn: string): boolean {
    return !!this.q<[string, string, string], { x: number }>(
      'SELECT 1 AS x FROM policy_attachments WHERE entity_type = ? AND entity_id = ? AND policy_arn = ?',
    ).get(entityType, entityId, policyArn);
  }

  /** The ARNs attached to one entity, in the order they were attached. */
  forEntity(entityType: EntityType, entityId: string): string[] {
    return this.q<[string, string], { policy_arn: string }>(
      'SELECT policy_arn FROM policy_attachments WHERE entity_type = ? AND entity_id = ? ORDER BY attached_at, rowid',
    )
      .all(entityType, entityId)
      .map((r) => r.policy_arn);
  }

  countForEntity(entityType: EntityType, entityId: string): number {
    return this.q<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM policy_attachments WHERE entity_type = ? AND entity_id = ?',
    ).get(entityType, entityId)!.n;
  }

  countForPolicy(accountId: string, policyArn: string): number {
    return this.q<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM policy_attachments WHERE account_id = ? AND policy_arn = ?',
    ).get(accountId, policyArn)!.n;
  }

  /** AttachmentCount of each of `arns` attached anywhere in an account (absent: 0). One index
   *  range per ARN (policy_attachments_arn): the cost of a page, not of the account. */
  countsFor(accountId: string, arns: readonly string[]): Map<string, number> {
    if (!arns.length) return new Map();
    const rows = this.q<{ a: string; arns: string }, { arn: string; n: number }>(
      `SELECT policy_arn AS arn, count(*) AS n FROM policy_attachments
        WHERE account_id = @a AND policy_arn IN (SELECT value FROM json_each(@arns)) GROUP BY policy_arn`,
    ).all({ a: accountId, arns: JSON.stringify(arns) });
    return new Map(rows.map((r) => [r.arn, r.n]));
  }

  /** The distinct ARNs starting with `prefix` in use in an account, in ARN order: attached
   *  anywhere, or some user's or role's boundary. A loose index scan (one index seek per distinct
   *  ARN), so the cost follows how many policies are in use, not how many attachments or entities
   *  there are. */
  usedArns(accountId: string, usage: 'attached' | 'boundary', prefix: string): string[] {
    const scan = (table: string, column: string) =>
      this.q<{ a: string; lo: string; hi: string }, { arn: string }>(
        `WITH RECURSIVE used(arn) AS (
           SELECT (SELECT min(${column}) FROM ${table} WHERE account_id = @a AND ${column} >= @lo AND ${column} < @hi)
           UNION ALL
           SELECT (SELECT min(${column}) FROM ${table} WHERE account_id = @a AND ${column} > used.arn AND ${column} < @hi)
             FROM used WHERE used.arn IS NOT NULL)
         SELECT arn FROM used WHERE arn IS NOT NULL`,
      )
        .all({ a: accountId, lo: prefix, hi: prefixEnd(prefix) })
        .map((r) => r.arn);
    if (usage === 'attached') return scan('policy_attachments', 'policy_arn');
    return [...new Set([...scan('users', 'boundary_arn'), ...scan('roles', 'boundary_arn')])].sort();
  }

  /** The users, groups and roles a policy is attached to, each with its name and path (by name,
   *  then in attachment order). Each attachment finds its entity by primary key: joining a union
   *  of all the account's users, groups and roles built that union, and an index on it, per call. */
  entitiesForPolicy(accountId: string, policyArn: string): EntityRef[] {
    return this.q<{ a: string; p: string }, EntityRef>(
      `SELECT type, id, name, path FROM (
         SELECT a.rowid AS r, a.entity_type AS type, e.id, e.name, e.path FROM policy_attachments a JOIN users e ON e.id = a.entity_id
          WHERE a.account_id = @a AND a.policy_arn = @p AND a.entity_type = 'user' AND e.account_id = @a
         UNION ALL
         SELECT a.rowid, a.entity_type, e.id, e.name, e.path FROM policy_attachments a JOIN groups e ON e.id = a.entity_id
          WHERE a.account_id = @a AND a.policy_arn = @p AND a.entity_type = 'group' AND e.account_id = @a
         UNION ALL
         SELECT a.rowid, a.entity_type, e.id, e.name, e.path FROM policy_attachments a JOIN roles e ON e.id = a.entity_id
          WHERE a.account_id = @a AND a.policy_arn = @p AND a.entity_type = 'role' AND e.account_id = @a)
        ORDER BY name COLLATE NOCASE, r`,
    ).all({ a: accountId, p: policyArn });
  }

  /** How many existing users, groups or roles (one kind) a policy is attached to: a range of the
   *  policy_attachments_entities index (migrations/011_list_indexes.sql). */
  attachedCount(accountId: string, policyArn: string, type: EntityType): number {
    return this.q<{}, { n: number }>(
      `SELECT count(*) AS n FROM policy_attachments
        WHERE account_id = @a AND policy_arn = @p AND entity_type = @t AND entity_name IS NOT NULL`,
    ).get({ a: accountId, p: policyArn, t: type })!.n;
  }

  /** `n` of them from the `offset`-th, by name: the slice is taken from the index first, so only
   *  its rows are joined to their entities. */
  attachedEntitiesPage(accountId: string, policyArn: string, type: EntityType, offset: number, n: number): EntityRef[] {
    return this.q<{}, { id: string; name: string; path: string }>(
      `SELECT e.id, e.name, e.path FROM (
         SELECT entity_id, entity_name FROM policy_attachments
          WHERE account_id = @a AND policy_arn = @p AND entity_type = @t AND entity_name IS NOT NULL
          ORDER BY entity_name LIMIT @n OFFSET @o) a
       JOIN ${TABLE[type]} e ON e.id = a.entity_id ORDER BY a.entity_name`,
    )
      .all({ a: accountId, p: policyArn, t: type, n, o: offset })
      .map((r) => ({ type, ...r }));
  }

  /** How many users or roles have this policy as their boundary; `notAttached`: only those the
   *  policy is not also attached to. By the boundary index (migrations/011_list_indexes.sql). */
  boundaryEntityCount(accountId: string, policyArn: string, type: 'user' | 'role', notAttached: boolean): number {
    return this.q<{}, { n: number }>(
      `SELECT count(*) AS n FROM ${TABLE[type]} e WHERE account_id = @a AND boundary_arn = @p${notAttached ? NOT_ATTACHED(type) : ''}`,
    ).get({ a: accountId, p: policyArn })!.n;
  }

  /** `n` of them from the `offset`-th, by name. */
  boundaryEntitiesPage(accountId: string, policyArn: string, type: 'user' | 'role', notAttached: boolean, offset: number, n: number): EntityRef[] {
    return this.q<{}, { id: string; name: string; path: string }>(
      `SELECT id, name, path FROM ${TABLE[type]} e WHERE account_id = @a AND boundary_arn = @p${notAttached ? NOT_ATTACHED(type) : ''}
        ORDER BY name LIMIT @n OFFSET @o`,
    )
      .all({ a: accountId, p: policyArn, n, o: offset })
      .map((r) => ({ type, ...r }));
  }

  // Permissions boundaries live on the users and roles rows (boundary_arn).

  setBoundary(type: 'user' | 'role', id: string, arn: string | null) {
    this.q(`UPDATE ${TABLE[type]} SET boundary_arn = ? WHERE id = ?`).run(arn, id);
  }

  boundaryOf(type: 'user' | 'role', id: string): string | null {
    return (
      this.q<[string], { b: string | null }>(`SELECT boundary_arn AS b FROM ${TABLE[type]} WHERE id = ?`).get(id)?.b ?? null
    );
  }

  /** The users and roles whose permissions boundary is this policy. */
  boundaryEntities(accountId: string, policyArn: string): EntityRef[] {
    // Sorted outside the union: ordered inside it, SQLite merges the two by walking every user's
    // and role's name index instead of finding the few by their boundary index
    // (migrations/011_list_indexes.sql).
    return this.q<{ a: string; p: string }, EntityRef>(
      `SELECT type, id, name, path FROM (
         SELECT 'user' AS type, id, name, path FROM users WHERE account_id = @a AND boundary_arn = @p
         UNION ALL SELECT 'role', id, name, path FROM roles WHERE account_id = @a AND boundary_arn = @p)
       ORDER BY name COLLATE NOCASE, type DESC`,
    ).all({ a: accountId, p: policyArn });
  }

  boundaryCount(accountId: string, policyArn: string): number {
    return this.q<{ a: string; p: string }, { n: number }>(
      `SELECT (SELECT count(*) FROM users WHERE account_id = @a AND boundary_arn = @p)
            + (SELECT count(*) FROM roles WHERE account_id = @a AND boundary_arn = @p) AS n`,
    ).get({ a: accountId, p: policyArn })!.n;
  }

  /** PermissionsBoundaryUsageCount of each of `arns` in an account (absent: 0), by the boundary
   *  indexes of migrations/011_list_indexes.sql. */
  boundaryCountsFor(accountId: string, arns: readonly string[]): Map<string, number> {
    if (!arns.length) return new Map();
    const rows = this.q<{ a: string; arns: string }, { arn: string; n: number }>(
      `SELECT arn, count(*) AS n FROM (
         SELECT boundary_arn AS arn FROM users WHERE account_id = @a AND boundary_arn IN (SELECT value FROM json_each(@arns))
         UNION ALL SELECT boundary_arn FROM roles WHERE account_id = @a AND boundary_arn IN (SELECT value FROM json_each(@arns)))
       GROUP BY arn`,
    ).all({ a: accountId, arns: JSON.stringify(arns) });
    return new Map(rows.map((r) => [r.arn, r.n]));
  }
}
