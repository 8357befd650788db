// Roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy,
// DeleteRole, and role tags.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { Role } from '../protocol/generated/iam-types.js';
import { deleteConflict, entityAlreadyExists, limitExceeded, noSuchEntity, unmodifiableEntity } from '../protocol/errors.js';
import type { RoleRow } from '../store/roles.js';
import { iso } from '../store/rows.js';
import { MESSAGES, trustPrincipalArns } from '../policy/validate.js';
import { policyError, requireValidPolicy } from '../resolution/policy-errors.js';
import { iamArn } from '../arn.js';
import { newUniqueId } from './ids.js';
import { encodePolicyDocument, policySize } from './policy-text.js';
import { boundaryShape } from './boundary-shape.js';
import { addTags, checkNewTags, listTagsPage } from './tagging.js';
import { deleteConflictFor } from './delete-conflicts.js';
import { setBoundaryOnCreate } from './boundaries.js';

export const ROLES_PER_ACCOUNT = 1000;
export const DEFAULT_MAX_SESSION_DURATION = 3600;
/** "Role trust policy length" quota; like every IAM size limit it does not count white space. */
export const TRUST_POLICY_MAX_SIZE = 2048;

export function requireRole(ctx: RequestContext, name: string): RoleRow {
  const row = ctx.store.roles.get(ctx.accountId, name);
  if (!row) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return row;
}

export const roleArn = (row: RoleRow) => iamArn(row.account_id, 'role', row.path, row.name);

/** Service-linked roles live under /aws-service-role/ and only their AWS service may change them. */
export const SERVICE_LINKED_ROLE_PATH = '/aws-service-role/';
export function isServiceLinkedRole(row: Pick<RoleRow, 'path'>): boolean {
  return row.path.startsWith(SERVICE_LINKED_ROLE_PATH);
}

/** A role the caller may change: service-linked roles answer UnmodifiableEntity (only their
 *  description may be edited, which UpdateRole/UpdateRoleDescription allow). */
export function requireModifiableRole(ctx: RequestContext, name: string): RoleRow {
  const row = requireRole(ctx, name);
  if (isServiceLinkedRole(row))
    throw unmodifiableEntity(`Cannot perform the operation on the protected role '${row.name}' - this role is only modifiable by AWS`);
  return row;
}

/**
 * The Role as each operation returns it, key for key as recorded against AWS (localstack
 * tests/aws/services/iam/test_iam_roles.snapshot.json, 11-02-2026; test_iam_instance_profiles, 12-02-2026):
 * - create: what CreateRole echoes — no Description, MaxSessionDuration or RoleLastUsed; the
 *   boundary and tags only when given.
 * - get: GetRole — everything, RoleLastUsed always (`{}` when never used), Tags only when any.
 * - list: ListRoles — Description and MaxSessionDuration, never Tags, PermissionsBoundary or RoleLastUsed.
 * - description: UpdateRoleDescription — the create view with the Description.
 * - profile: a role inside an instance profile — Arn, AssumeRolePolicyDocument, CreateDate, Path,
 *   RoleId, RoleName only.
 */
export type RoleView = 'create' | 'get' | 'list' | 'description' | 'profile';

export function roleShape(ctx: RequestContext, row: RoleRow, view: RoleView): Role {
  const base: Role = {
    Path: row.path,
    RoleName: row.name,
    RoleId: row.id,
    Arn: roleArn(row),
    CreateDate: new Date(row.created_at),
    AssumeRolePolicyDocument: encodePolicyDocument(row.trust_policy),
  };
  if (view === 'profile') return base;
  const tags = view === 'list' ? [] : ctx.store.tags.list('role', row.id);
  return {
    ...base,
    Description: view === 'create' ? undefined : (row.description ?? undefined),
    MaxSessionDuration: view === 'get' || view === 'list' ? row.max_session_duration : undefined,
    PermissionsBoundary: view !== 'list' ? boundaryShape(row.boundary_arn) : undefined,
    Tags: tags.length ? tags : undefined,
    RoleLastUsed:
      view === 'get'
        ? {
            LastUsedDate: row.last_used_at ? new Date(row.last_used_at) : undefined,
            Region: row.last_used_region ?? undefined,
          }
        : undefined,
  };
}

/** The refusal of a trust policy naming a principal this partition does not have: the finding the
 *  engine would make had it the store (a semantic one, in IAM's words). */
const unknownPrincipal = (arn: string) => policyError({ kind: 'semantic', message: MESSAGES.invalidPrincipal('AWS', arn) });

function checkTrustPolicy(ctx: RequestContext, text: string) {
  requireValidPolicy(text, 'trust');
  // IAM refuses a trust policy naming a user or role that does not exist (it stores the principal's
  // unique id). An account iam-local has never seen is taken on trust: it cannot know its entities.
  for (const p of trustPrincipalArns(text)) {
    // A principal of another partition is no principal of this one (a GovCloud account in a
    // commercial role's trust policy is refused the same way: AWS Knowledge Center iam-trust-policy-error).
    if (p.partition !== ctx.partition) throw unknownPrincipal(p.arn);
    if (!ctx.store.accounts.get(p.account)) continue;
    const row = p.type === 'user' ? ctx.store.users.get(p.account, p.name) : ctx.store.roles.get(p.account, p.name);
    if (!row || row.path !== p.path) throw unknownPrincipal(p.arn);
  }
  if (policySize(text) > TRUST_POLICY_MAX_SIZE)
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_MAX_SIZE}`);
}

export const roleHandlers: IamHandlers = {
  CreateRole(ctx, input) {
    if (ctx.store.roles.get(ctx.accountId, input.RoleName))
      throw entityAlreadyExists(`Role with name ${input.RoleName} already exists.`);
    checkNewTags(input.Tags);
    checkTrustPolicy(ctx, input.AssumeRolePolicyDocument);
    if (ctx.store.roles.count(ctx.accountId) >= ROLES_PER_ACCOUNT)
      throw limitExceeded(`Cannot exceed quota for RolesPerAccount: ${ROLES_PER_ACCOUNT}`);
    const row: RoleRow = {
      id: newUniqueId('AROA'),
      account_id: ctx.accountId,
      name: input.RoleName,
      path: input.Path ?? '/',
      created_at: iso(ctx.now()),
      trust_policy: input.AssumeRolePolicyDocument,
      description: input.Description || null,
      max_session_duration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      boundary_arn: null,
      last_used_at: null,
      last_used_region: null,
    };
    ctx.store.roles.insert(row);
    if (input.PermissionsBoundary) {
      setBoundaryOnCreate(ctx, 'role', row.id, input.PermissionsBoundary);
      row.boundary_arn = ctx.store.roles.getById(row.id)!.boundary_arn;
    }
    if (input.Tags?.length) ctx.store.tags.put(ctx.accountId, 'role', row.id, input.Tags);
    return { Role: roleShape(ctx, row, 'create') };
  },

  GetRole(ctx, input) {
    return { Role: roleShape(ctx, requireRole(ctx, input.RoleName), 'get') };
  },

  ListRoles(ctx, input) {
    const page = ctx.store.roles.list(ctx.accountId, input.PathPrefix ?? '/', input.Marker, input.MaxItems ?? 100);
    return {
      Roles: page.items.map((r) => roleShape(ctx, r, 'list')),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },

  UpdateRole(ctx, input) {
    const row = requireRole(ctx, input.RoleName);
    if (input.Description !== undefined) ctx.store.roles.setDescription(row.id, input.Description || null);
    if (input.MaxSessionDuration !== undefined) ctx.store.roles.setMaxSessionDuration(row.id, input.MaxSessionDuration);
    return {};
  },

  UpdateRoleDescription(ctx, input) {
    const row = requireRole(ctx, input.RoleName);
    ctx.store.roles.setDescription(row.id, input.Description || null);
    return { Role: roleShape(ctx, ctx.store.roles.getById(row.id)!, 'description') };
  },

  UpdateAssumeRolePolicy(ctx, input) {
    const row = requireModifiableRole(ctx, input.RoleName);
    checkTrustPolicy(ctx, input.PolicyDocument);
    ctx.store.roles.setTrustPolicy(row.id, input.PolicyDocument);
  },

  DeleteRole(ctx, input) {
    const row = requireModifiableRole(ctx, input.RoleName);
    const conflict = deleteConflictFor(ctx, 'role', row.id);
    if (conflict) throw deleteConflict(conflict);
    ctx.store.tags.removeAll('role', row.id);
    ctx.store.roles.delete(row.id);
  },

  TagRole(ctx, input) {
    const row = requireRole(ctx, input.RoleName);
    addTags(ctx, 'role', row.id, input.Tags);
  },

  UntagRole(ctx, input) {
    const row = requireRole(ctx, input.RoleName);
    ctx.store.tags.remove('role', row.id, input.TagKeys);
  },

  ListRoleTags(ctx, input) {
    const row = requireRole(ctx, input.RoleName);
    return listTagsPage(ctx, 'role', row.id, input.Marker, input.MaxItems);
  },
};
