// Read-only queries for the audit (src/audit/): the whole account's identities, keys, MFA,
// passwords, attachments and policies, each in one query rather than one per entity.
import type { Db } from './database.js';

export interface AuditUser {
  id: string;
  account_id: string;
  name: string;
  path: string;
  created_at: string;
  password_last_used: string | null;
  has_password: number;
  mfa_devices: number;
}

export interface AuditAccessKey {
  id: string;
  account_id: string;
  user_id: string | null;
  status: string;
  created_at: string;
  last_used_at: string | null;
}

export interface AuditRole {
  id: string;
  account_id: string;
  name: string;
  path: string;
  trust_policy: string;
}

export interface AuditGroup {
  id: string;
  account_id: string;
  name: string;
  path: string;
}

export interface AuditAttachment {
  account_id: string;
  entity_type: 'user' | 'group' | 'role';
  entity_id: string;
  policy_arn: string;
}

export interface AuditInlinePolicy {
  account_id: string;
  entity_type: 'user' | 'group' | 'role';
  entity_id: string;
  name: string;
  document: string;
}

export interface AuditManagedPolicy {
  arn: string;
  account_id: string;
  name: string;
  document: string;
}

export interface AuditSnapshot {
  accounts: string[];
  users: AuditUser[];
  accessKeys: AuditAccessKey[];
  roles: AuditRole[];
  groups: AuditGroup[];
  memberships: { group_id: string; user_id: string }[];
  attachments: AuditAttachment[];
  inlinePolicies: AuditInlinePolicy[];
  customerPolicies: AuditManagedPolicy[];
}

const hasTable = (db: Db, name: string) =>
  !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);

/** Everything the audit rules look at, for one account or all (accountId undefined), in one read transaction. */
export function auditSnapshot(db: Db, accountId?: string): AuditSnapshot {
  const where = (col = 'account_id') => (accountId === undefined ? '1 = 1' : `${col} = @accountId`);
  const params = accountId === undefined ? {} : { accountId };
  const all = <T>(sql: string) => db.prepare(sql).all(params) as T[];
  return db.transaction(() => {
    const withPasswords = hasTable(db, 'login_profiles');
    const withMfa = hasTable(db, 'mfa_devices');
    return {
      accounts: all<{ id: string }>(`SELECT id FROM accounts WHERE ${where('id')} ORDER BY id`).map((r) => r.id),
      users: all<AuditUser>(
        `SELECT u.id, u.account_id, u.name, u.path, u.created_at, u.password_last_used,
           ${withPasswords ? '(SELECT count(*) FROM login_profiles l WHERE l.user_id = u.id)' : '0'} AS has_password,
           ${withMfa ? '(SELECT count(*) FROM mfa_devices m WHERE m.user_id = u.id)' : '0'} AS mfa_devices
         FROM users u WHERE ${where('u.account_id')} ORDER BY u.account_id, u.name`,
      ),
      accessKeys: hasTable(db, 'access_keys')
        ? all<AuditAccessKey>(
            `SELECT id, account_id, user_id, status, created_at, last_used_at FROM access_keys
             WHERE ${where()} AND status != 'Deleted' ORDER BY account_id, created_at, id`,
          )
        : [],
      roles: all<AuditRole>(`SELECT id, account_id, name, path, trust_policy FROM roles WHERE ${where()} ORDER BY account_id, name`),
      groups: all<AuditGroup>(`SELECT id, account_id, name, path FROM groups WHERE ${where()} ORDER BY account_id, name`),
      memberships: all<{ group_id: string; user_id: string }>(
        `SELECT gm.group_id, gm.user_id FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE ${where('g.account_id')}`,
      ),
      attachments: all<AuditAttachment>(
        `SELECT account_id, entity_type, entity_id, policy_arn FROM policy_attachments WHERE ${where()}
         ORDER BY account_id, entity_type, entity_id, policy_arn`,
      ),
      inlinePolicies: all<AuditInlinePolicy>(
        `SELECT account_id, entity_type, entity_id, name, document FROM inline_policies WHERE ${where()}
         ORDER BY account_id, entity_type, entity_id, name`,
      ),
      customerPolicies: all<AuditManagedPolicy>(
        `SELECT p.arn, p.account_id, p.name, v.document FROM policies p
           JOIN policy_versions v ON v.policy_id = p.id AND v.version_id = p.default_version
         WHERE ${where('p.account_id')} ORDER BY p.account_id, p.name`,
      ),
    };
  })();
}
