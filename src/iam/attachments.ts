// Managed-policy attachments: Attach/Detach{User,Group,Role}Policy, ListAttached*Policies and
// ListEntitiesForPolicy. Attachments are kept by ARN, so AWS managed policies attach the same way.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { AttachedPolicy, PolicyGroup, PolicyRole, PolicyUser } from '../protocol/generated/iam-types.js';
import { AwsError, limitExceeded, noSuchEntity, unmodifiableEntity } from '../protocol/errors.js';
import type { EntityRef, EntityType } from '../store/attachments.js';
import { decodeOffset, encodeOffset, iso } from '../store/rows.js';
import { checkPolicyArn, findManagedPolicy, offsetPage } from './policies.js';
import { pageOfSections, type Section } from './section-paging.js';

/** Managed policies per user, group or role (AWS's default quotas). */
export const MANAGED_POLICIES_PER_ENTITY = 10;
const QUOTA_NAME: Record<EntityType, string> = { user: 'PoliciesPerUser', group: 'PoliciesPerGroup', role: 'PoliciesPerRole' };
const SERVICE_ROLE_POLICY_PATH = '/aws-service-role/';

export function requireEntity(ctx: RequestContext, type: EntityType, name: string): EntityRef {
  const e = ctx.store.attachments.entity(ctx.accountId, type, name);
  if (!e) throw noSuchEntity(`The ${type} with name ${name} cannot be found.`);
  return e;
}

/** Service-linked roles are changed only by their AWS service. */
export function checkRoleModifiable(e: EntityRef) {
  if (e.type === 'role' && e.path.startsWith('/aws-service-role/'))
    throw unmodifiableEntity(`Cannot perform the operation on the protected role '${e.name}' - this role is only modifiable by AWS`);
}

/** Name and path of a policy from its ARN (arn:aws:iam::ACCOUNT:policy/PATH/NAME). */
export function policyNameAndPath(arn: string): { name: string; path: string } {
  const resource = arn.slice(arn.indexOf(':policy/') + ':policy'.length);
  const cut = resource.lastIndexOf('/');
  return { path: resource.slice(0, cut + 1), name: resource.slice(cut + 1) };
}

function attach(ctx: RequestContext, type: EntityType, name: string, arn: string) {
  const e = requireEntity(ctx, type, name);
  checkRoleModifiable(e);
  checkPolicyArn(arn, 'ValidationError');
  const policy = findManagedPolicy(ctx, arn);
  if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  if (policy.aws && policy.path === SERVICE_ROLE_POLICY_PATH)
    throw new AwsError('PolicyNotAttachable', 'Cannot attach a Service Role Policy to a Customer Role.', 400);
  if (ctx.store.attachments.isAttached(type, e.id, arn)) return;
  if (ctx.store.attachments.countForEntity(type, e.id) >= MANAGED_POLICIES_PER_ENTITY)
    throw limitExceeded(`Cannot exceed quota for ${QUOTA_NAME[type]}: ${MANAGED_POLICIES_PER_ENTITY}`);
  ctx.store.attachments.attach({ account_id: ctx.accountId, policy_arn: arn, entity_type: type, entity_id: e.id, attached_at: iso(ctx.now()) });
}

function detach(ctx: RequestContext, type: EntityType, name: string, arn: string) {
  const e = requireEntity(ctx, type, name);
  checkRoleModifiable(e);
  checkPolicyArn(arn);
  if (!ctx.store.attachments.detach(type, e.id, arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
}

function listAttached(ctx: RequestContext, type: EntityType, name: string, pathPrefix: string | undefined, marker: string | undefined, maxItems: number | undefined) {
  const e = requireEntity(ctx, type, name);
  const prefix = pathPrefix ?? '/';
  const all: AttachedPolicy[] = ctx.store.attachments
    .forEntity(type, e.id)
    .map((arn) => ({ arn, ...policyNameAndPath(arn) }))
    .filter((p) => p.path.startsWith(prefix))
    .map((p) => ({ PolicyName: p.name, PolicyArn: p.arn }));
  return offsetPage(all, marker, maxItems, (items, IsTruncated, Marker) => ({ AttachedPolicies: items, IsTruncated, Marker }));
}


const TYPE_ORDER: Record<EntityType, number> = { group: 0, user: 1, role: 2 };
const TYPES: EntityType[] = ['group', 'user', 'role'];

/**
 * ListEntitiesForPolicy's list, by kind (groups, users, roles): of each kind the entities the
 * policy is attached to, by name, then those that have it only as their boundary, by name. Each
 * run is an index range (migrations/011_list_indexes.sql) read only where a page falls.
 */
function entitySections(ctx: RequestContext, arn: string, usage: string | undefined, wanted: string | undefined): Section<EntityRef>[] {
  const { attachments: a } = ctx.store;
  const acct = ctx.accountId;
  const attached = usage !== 'PermissionsBoundary';
  const out: Section<EntityRef>[] = [];
  for (const type of TYPES) {
    if (wanted !== undefined && wanted !== type) continue;
    if (attached)
      out.push({
        size: a.attachedCount(acct, arn, type),
        slice: (offset, n) => a.attachedEntitiesPage(acct, arn, type, offset, n),
      });
    if (usage !== 'PermissionsPolicy' && type !== 'group')
      out.push({
        size: a.boundaryEntityCount(acct, arn, type, attached),
        slice: (offset, n) => a.boundaryEntitiesPage(acct, arn, type, attached, offset, n),
      });
  }
  return out;
}

/** The same list under a path prefix other than `/` (the path is not in the indexes): read whole
 *  and filtered, as one page of it. */
function entitiesUnderPath(
  ctx: RequestContext,
  arn: string,
  usage: string | undefined,
  wanted: string | undefined,
  prefix: string,
  start: number,
  limit: number,
): { items: EntityRef[]; total: number } {
  const found = new Map<string, EntityRef>();
  if (usage !== 'PermissionsBoundary')
    for (const e of ctx.store.attachments.entitiesForPolicy(ctx.accountId, arn)) found.set(`${e.type}:${e.id}`, e);
  if (usage !== 'PermissionsPolicy')
    for (const e of ctx.store.attachments.boundaryEntities(ctx.accountId, arn)) found.set(`${e.type}:${e.id}`, e);
  const all = [...found.values()]
    .filter((e) => (wanted === undefined || e.type === wanted) && e.path.startsWith(prefix))
    .sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type]);
  return { items: all.slice(start, start + limit), total: all.length };
}

export const attachmentHandlers: IamHandlers = {
  AttachUserPolicy: (ctx, input) => attach(ctx, 'user', input.UserName, input.PolicyArn),
  AttachGroupPolicy: (ctx, input) => attach(ctx, 'group', input.GroupName, input.PolicyArn),
  AttachRolePolicy: (ctx, input) => attach(ctx, 'role', input.RoleName, input.PolicyArn),
  DetachUserPolicy: (ctx, input) => detach(ctx, 'user', input.UserName, input.PolicyArn),
  DetachGroupPolicy: (ctx, input) => detach(ctx, 'group', input.GroupName, input.PolicyArn),
  DetachRolePolicy: (ctx, input) => detach(ctx, 'role', input.RoleName, input.PolicyArn),

  ListAttachedUserPolicies: (ctx, input) => listAttached(ctx, 'user', input.UserName, input.PathPrefix, input.Marker, input.MaxItems),
  ListAttachedGroupPolicies: (ctx, input) => listAttached(ctx, 'group', input.GroupName, input.PathPrefix, input.Marker, input.MaxItems),
  ListAttachedRolePolicies: (ctx, input) => listAttached(ctx, 'role', input.RoleName, input.PathPrefix, input.Marker, input.MaxItems),

  ListEntitiesForPolicy(ctx, input) {
    checkPolicyArn(input.PolicyArn);
    // test_iam_policies.snapshot.json test_list_entities_for_policy_errors (recorded 17-02-2026)
    const policy = findManagedPolicy(ctx, input.PolicyArn);
    if (!policy) throw noSuchEntity(`Policy ${input.PolicyArn} does not exist or is not attachable.`);
    const usage = input.PolicyUsageFilter;
    const wanted = input.EntityFilter ? input.EntityFilter.toLowerCase() : undefined;
    const prefix = input.PathPrefix ?? '/';
    const start = decodeOffset(input.Marker);
    const limit = input.MaxItems ?? 100;
    const { items, total } =
      prefix === '/'
        ? pageOfSections(entitySections(ctx, policy.arn, usage, wanted), start, limit)
        : entitiesUnderPath(ctx, policy.arn, usage, wanted, prefix, start, limit);
    const IsTruncated = start + limit < total;
    const PolicyGroups: PolicyGroup[] = [];
    const PolicyUsers: PolicyUser[] = [];
    const PolicyRoles: PolicyRole[] = [];
    for (const e of items) {
      if (e.type === 'group') PolicyGroups.push({ GroupName: e.name, GroupId: e.id });
      else if (e.type === 'user') PolicyUsers.push({ UserName: e.name, UserId: e.id });
      else PolicyRoles.push({ RoleName: e.name, RoleId: e.id });
    }
    return { PolicyGroups, PolicyUsers, PolicyRoles, IsTruncated, Marker: IsTruncated ? encodeOffset(start + limit) : undefined };
  },
};
