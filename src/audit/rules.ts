// The audit: the seed document's IAM pitfalls, found in the current state. Each finding names the
// entity, the rule, a severity and how to fix it. Pure over a snapshot read by
// src/store/audit-queries.ts, so `iam-local audit` and GET /_iam/audit give the same answer.
import type { Store } from '../store/store.js';
import { auditSnapshot, type AuditSnapshot, type AuditUser } from '../store/audit-queries.js';
import { awsPolicyDocument, isAwsPolicyArn } from '../aws-managed/catalog.js';
import { iamArn } from '../arn.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  fix: string;
}

/** Every rule, with the default severity and the remedy. */
export const RULES = {
  'user-direct-policy': {
    title: 'Managed policy attached directly to a user',
    severity: 'low',
    fix: 'Put the user in a group and attach the policy to the group (DetachUserPolicy, AttachGroupPolicy, AddUserToGroup).',
  },
  'inline-policy': {
    title: 'Inline policy',
    severity: 'low',
    fix: 'Turn it into a customer managed policy (CreatePolicy) and attach that instead, so it is versioned and reusable; then delete the inline policy.',
  },
  'wildcard-resource-write': {
    title: 'Write actions allowed on Resource "*"',
    severity: 'medium',
    fix: 'Scope the statement\'s Resource to the ARNs it needs (e.g. arn:aws:s3:::my-bucket/*), or split read-only actions from write actions.',
  },
  'access-key-old': {
    title: 'Access key older than 90 days',
    severity: 'medium',
    fix: 'Rotate it: CreateAccessKey, switch the application over, UpdateAccessKey --status Inactive on the old key, then DeleteAccessKey.',
  },
  'access-key-unused': {
    title: 'Access key unused for 45 days or more',
    severity: 'medium',
    fix: 'Deactivate (UpdateAccessKey Inactive) and delete keys nobody uses; prefer roles and temporary credentials.',
  },
  'root-access-key': {
    title: 'Root user has an access key',
    severity: 'critical',
    fix: 'Delete the root access key and use IAM users or roles for programmatic access.',
  },
  'user-without-mfa': {
    title: 'User without MFA',
    severity: 'medium',
    fix: 'Create a virtual MFA device (CreateVirtualMFADevice) and enable it for the user (EnableMFADevice); attach an MFA-enforcing policy.',
  },
  'user-idle-30': {
    title: 'User idle for 30 days or more',
    severity: 'low',
    fix: 'Confirm the user is still needed; remove unused credentials.',
  },
  'user-idle-90': {
    title: 'User idle for 90 days or more',
    severity: 'medium',
    fix: 'Disable the user\'s password and access keys, then delete the user if no one claims it.',
  },
  'role-trusts-anyone': {
    title: 'Role trust policy allows any principal ("*")',
    severity: 'critical',
    fix: 'Name the exact principals (account, role, service or federated provider) in the trust policy\'s Principal.',
  },
  'role-trusts-external-account': {
    title: 'Role trusts a whole other account without an ExternalId condition',
    severity: 'medium',
    fix: 'Trust a specific role of that account, or add a Condition {"StringEquals": {"sts:ExternalId": "…"}}.',
  },
  'admin-without-mfa': {
    title: 'Administrator access without an MFA condition',
    severity: 'high',
    fix: 'Require MFA: add Condition {"Bool": {"aws:MultiFactorAuthPresent": "true"}} to the admin statement (or trust policy), or attach an MFA-enforcing Deny policy.',
  },
} satisfies Record<string, Omit<RuleInfo, 'id'>>;

export type RuleId = keyof typeof RULES;

export interface Finding {
  ruleId: RuleId;
  rule: string;
  severity: Severity;
  accountId: string;
  entityType: 'account' | 'user' | 'group' | 'role' | 'policy' | 'access-key';
  entity: string;
  entityArn?: string;
  detail: string;
  fix: string;
}

export interface AuditReport {
  generatedAt: string;
  accounts: string[];
  summary: Record<Severity, number> & { total: number };
  findings: Finding[];
}

export interface AuditOptions {
  now: Date;
  accountId?: string;
  minSeverity?: Severity;
}

// ---- policy document helpers ----

interface Statement {
  Effect?: string;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const arr = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function statements(doc: string | undefined): Statement[] {
  if (!doc) return [];
  try {
    const parsed = JSON.parse(doc) as { Statement?: unknown };
    const s = parsed.Statement;
    return (Array.isArray(s) ? s : s ? [s] : []).filter((x): x is Statement => typeof x === 'object' && x !== null);
  } catch {
    return [];
  }
}

const READ_VERBS = /^(Get|List|Describe|Head|View|Read|Search|Lookup|Query|Scan|Select|BatchGet|Check|Preview|Estimate|Simulate|Generate(Credential|ServiceLastAccessed)Report)/;

/** Whether an action pattern can match a write (non read-only) action. */
function isWriteAction(action: string): boolean {
  if (action === '*') return true;
  const verb = action.split(':')[1] ?? '';
  if (verb === '' || verb.startsWith('*')) return true;
  return !READ_VERBS.test(verb);
}

const isAllow = (s: Statement) => s.Effect === 'Allow';
const allResources = (s: Statement) => arr(s.Resource).includes('*');

function isAdminStatement(s: Statement): boolean {
  return isAllow(s) && allResources(s) && arr(s.Action).some((a) => a === '*' || a === '*:*');
}

/** Whether the statement's conditions test MFA (aws:MultiFactorAuthPresent / aws:MultiFactorAuthAge). */
const testsMfa = (s: Statement) =>
  Object.values(s.Condition ?? {}).some((block) =>
    Object.keys(block ?? {}).some((k) => /^aws:MultiFactorAuth(Present|Age)$/i.test(k)),
  );

const enforcesMfaByDeny = (s: Statement) => s.Effect === 'Deny' && testsMfa(s);

// ---- the audit ----

const DAY = 86_400_000;

export function runAudit(store: Store, options: AuditOptions): AuditReport {
  const snap = auditSnapshot(store.db, options.accountId);
  const findings = auditSnapshotFindings(snap, options.now);
  const min = severityRank(options.minSeverity ?? 'low');
  const kept = findings
    .filter((f) => severityRank(f.severity) >= min)
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.accountId.localeCompare(b.accountId) || a.ruleId.localeCompare(b.ruleId) || a.entity.localeCompare(b.entity));
  const summary = { critical: 0, high: 0, medium: 0, low: 0, total: kept.length };
  for (const f of kept) summary[f.severity]++;
  return { generatedAt: options.now.toISOString(), accounts: snap.accounts, summary, findings: kept };
}

export function auditSnapshotFindings(snap: AuditSnapshot, now: Date): Finding[] {
  const out: Finding[] = [];
  const add = (ruleId: RuleId, accountId: string, entityType: Finding['entityType'], entity: string, detail: string, entityArn?: string, severity?: Severity) =>
    out.push({ ruleId, rule: RULES[ruleId].title, severity: severity ?? RULES[ruleId].severity, accountId, entityType, entity, ...(entityArn ? { entityArn } : {}), detail, fix: RULES[ruleId].fix });

  const usersById = new Map(snap.users.map((u) => [u.id, u]));
  const groupsById = new Map(snap.groups.map((g) => [g.id, g]));
  const rolesById = new Map(snap.roles.map((r) => [r.id, r]));
  const customerDocs = new Map(snap.customerPolicies.map((p) => [p.arn, p.document]));
  const managedDoc = (arn: string) => (isAwsPolicyArn(arn) ? awsPolicyDocument(arn) : customerDocs.get(arn));
  const entityName = (type: string, id: string) =>
    (type === 'user' ? usersById.get(id) : type === 'group' ? groupsById.get(id) : rolesById.get(id))?.name ?? id;
  const entityArnOf = (type: 'user' | 'group' | 'role', id: string) => {
    const e = type === 'user' ? usersById.get(id) : type === 'group' ? groupsById.get(id) : rolesById.get(id);
    return e ? iamArn(e.account_id, type, e.path, e.name) : undefined;
  };

  /** All policy documents of an entity's own: attached managed and inline. */
  const ownDocs = (type: 'user' | 'group' | 'role', id: string): string[] => [
    ...snap.attachments.filter((a) => a.entity_type === type && a.entity_id === id).map((a) => managedDoc(a.policy_arn) ?? ''),
    ...snap.inlinePolicies.filter((p) => p.entity_type === type && p.entity_id === id).map((p) => p.document),
  ];
  const groupIdsOf = (userId: string) => snap.memberships.filter((m) => m.user_id === userId).map((m) => m.group_id);

  // Policies attached directly to users.
  for (const a of snap.attachments)
    if (a.entity_type === 'user')
      add('user-direct-policy', a.account_id, 'user', entityName('user', a.entity_id), `${a.policy_arn} is attached directly to the user.`, entityArnOf('user', a.entity_id));

  // Inline policies.
  for (const p of snap.inlinePolicies)
    add('inline-policy', p.account_id, p.entity_type, entityName(p.entity_type, p.entity_id), `Inline policy "${p.name}".`, entityArnOf(p.entity_type, p.entity_id));

  // Resource "*" on write actions, in customer managed and inline policies (AWS managed policies are AWS's to scope).
  const wildcardCheck = (doc: string, accountId: string, type: Finding['entityType'], name: string, where: string, arn?: string) => {
    for (const s of statements(doc)) {
      if (!isAllow(s) || !allResources(s)) continue;
      if (isAdminStatement(s)) continue; // reported as admin access
      const writes = s.NotAction !== undefined ? ['NotAction ' + arr(s.NotAction).join(', ')] : arr(s.Action).filter(isWriteAction);
      if (writes.length) add('wildcard-resource-write', accountId, type, name, `${where} allows ${writes.join(', ')} on Resource "*".`, arn);
    }
  };
  for (const p of snap.customerPolicies) wildcardCheck(p.document, p.account_id, 'policy', p.name, `Policy ${p.name}`, p.arn);
  for (const p of snap.inlinePolicies)
    wildcardCheck(p.document, p.account_id, p.entity_type, entityName(p.entity_type, p.entity_id), `Inline policy "${p.name}"`, entityArnOf(p.entity_type, p.entity_id));

  // Access keys.
  for (const k of snap.accessKeys) {
    const owner = k.user_id ? usersById.get(k.user_id) : undefined;
    const ownerLabel = owner ? `user ${owner.name}` : 'the root user';
    if (k.user_id === null) add('root-access-key', k.account_id, 'access-key', k.id, `Access key ${k.id} belongs to the root user of ${k.account_id}.`, `arn:aws:iam::${k.account_id}:root`);
    if (k.status !== 'Active') continue;
    const ageDays = Math.floor((now.getTime() - Date.parse(k.created_at)) / DAY);
    if (ageDays >= 90) add('access-key-old', k.account_id, 'access-key', k.id, `Access key ${k.id} of ${ownerLabel} is ${ageDays} days old.`);
    const lastUsed = k.last_used_at ? Date.parse(k.last_used_at) : undefined;
    const unusedDays = Math.floor((now.getTime() - (lastUsed ?? Date.parse(k.created_at))) / DAY);
    if (unusedDays >= 45)
      add('access-key-unused', k.account_id, 'access-key', k.id, lastUsed === undefined ? `Access key ${k.id} of ${ownerLabel} has never been used (created ${unusedDays} days ago).` : `Access key ${k.id} of ${ownerLabel} was last used ${unusedDays} days ago.`);
  }

  // Users: MFA, idleness, admin without MFA.
  for (const u of snap.users) {
    const arn = iamArn(u.account_id, 'user', u.path, u.name);
    if (u.mfa_devices === 0)
      add('user-without-mfa', u.account_id, 'user', u.name, u.has_password ? 'The user has a console password and no MFA device.' : 'The user has no MFA device.', arn, u.has_password ? 'high' : 'medium');
    const idle = idleDays(u, snap, now);
    if (idle.days >= 90) add('user-idle-90', u.account_id, 'user', u.name, idle.text, arn);
    else if (idle.days >= 30) add('user-idle-30', u.account_id, 'user', u.name, idle.text, arn);
    const docs = [...ownDocs('user', u.id), ...groupIdsOf(u.id).flatMap((g) => ownDocs('group', g))];
    const st = docs.flatMap(statements);
    const admin = st.filter(isAdminStatement);
    if (admin.length && !admin.some(testsMfa) && !st.some(enforcesMfaByDeny))
      add('admin-without-mfa', u.account_id, 'user', u.name, 'The user has Action "*" on Resource "*" and nothing requires MFA for it.', arn);
  }
  for (const g of snap.groups) {
    const st = ownDocs('group', g.id).flatMap(statements);
    const admin = st.filter(isAdminStatement);
    if (admin.length && !admin.some(testsMfa) && !st.some(enforcesMfaByDeny))
      add('admin-without-mfa', g.account_id, 'group', g.name, 'The group grants Action "*" on Resource "*" and nothing requires MFA for it.', iamArn(g.account_id, 'group', g.path, g.name));
  }

  // Roles: trust policies, admin without MFA.
  for (const r of snap.roles) {
    const arn = iamArn(r.account_id, 'role', r.path, r.name);
    const trust = statements(r.trust_policy).filter(isAllow);
    let awsPrincipalWithoutMfa = false;
    for (const s of trust) {
      const principal = s.Principal;
      const aws = principal === '*' ? ['*'] : typeof principal === 'object' && principal !== null ? arr((principal as Record<string, unknown>).AWS) : [];
      if (aws.includes('*'))
        add('role-trusts-anyone', r.account_id, 'role', r.name, s.Condition ? 'The trust policy allows Principal "*" (limited only by its conditions).' : 'The trust policy allows Principal "*": anyone with an AWS account can assume it.', arn, s.Condition ? 'high' : 'critical');
      for (const p of aws) {
        const m = /^(?:arn:aws[\w-]*:iam::)?(\d{12})(?::root)?$/.exec(p);
        const hasExternalId = Object.values(s.Condition ?? {}).some((b) => Object.keys(b ?? {}).some((k) => k.toLowerCase() === 'sts:externalid'));
        if (m && m[1] !== r.account_id && !hasExternalId)
          add('role-trusts-external-account', r.account_id, 'role', r.name, `The trust policy allows every principal of account ${m[1]} without an ExternalId.`, arn);
      }
      if (aws.length && !testsMfa(s)) awsPrincipalWithoutMfa = true;
    }
    const st = ownDocs('role', r.id).flatMap(statements);
    const admin = st.filter(isAdminStatement);
    if (admin.length && awsPrincipalWithoutMfa && !admin.some(testsMfa) && !st.some(enforcesMfaByDeny))
      add('admin-without-mfa', r.account_id, 'role', r.name, 'The role has Action "*" on Resource "*" and its trust policy lets IAM principals assume it without MFA.', arn);
  }
  return out;
}

function idleDays(u: AuditUser, snap: AuditSnapshot, now: Date): { days: number; text: string } {
  const uses = [u.password_last_used, ...snap.accessKeys.filter((k) => k.user_id === u.id).map((k) => k.last_used_at)]
    .filter((x): x is string => !!x)
    .map((x) => Date.parse(x));
  const last = uses.length ? Math.max(...uses) : undefined;
  const since = last ?? Date.parse(u.created_at);
  const days = Math.floor((now.getTime() - since) / DAY);
  return { days, text: last === undefined ? `No sign-in or key use since it was created ${days} days ago.` : `Last activity ${days} days ago.` };
}
