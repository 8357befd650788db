// Inline policies embedded in users, groups and roles: Put/Get/Delete/List{User,Group,Role}Policy.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import { limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { InlineEntityType } from '../store/inline-policies.js';
import { requireValidPolicy } from '../resolution/policy-errors.js';
import { encodePolicyDocument, policySize } from './policy-text.js';
import { requireUser } from './users.js';
import { requireGroup } from './groups.js';
import { requireModifiableRole, requireRole } from './roles.js';

/** Aggregate size of all inline policies of one entity (IAM quota, white space not counted). */
export const INLINE_POLICY_MAX_SIZE: Record<InlineEntityType, number> = { user: 2048, group: 5120, role: 10240 };

interface Entity {
  id: string;
  name: string;
}

function requireEntity(type: InlineEntityType, ctx: RequestContext, name: string, forChange = false): Entity {
  if (type === 'user') return requireUser(ctx, name);
  if (type === 'group') return requireGroup(ctx, name);
  // A service-linked role's policies are its service's: they can be read but not changed.
  return forChange ? requireModifiableRole(ctx, name) : requireRole(ctx, name);
}

function put(ctx: RequestContext, type: InlineEntityType, entityName: string, policyName: string, document: string) {
  const entity = requireEntity(type, ctx, entityName, true);
  // Grammar only: the size quota of an inline policy is the entity's total, checked below (the
  // managed-policy limit of 6,144 would wrongly refuse a 7,000-character role policy).
  requireValidPolicy(document, 'identity', { skipSize: true, inline: { entityType: type, entityName: entity.name } });
  // The new document replaces one of the same name, so that one no longer counts.
  const others = ctx.store.inlinePolicies
    .list(type, entity.id)
    .filter((p) => p.name !== policyName)
    .reduce((n, p) => n + policySize(p.document), 0);
  const max = INLINE_POLICY_MAX_SIZE[type];
  if (others + policySize(document) > max)
    throw limitExceeded(`Maximum policy size of ${max} bytes exceeded for ${type} ${entity.name}`);
  ctx.store.inlinePolicies.put(ctx.accountId, type, entity.id, policyName, document);
}

function get(ctx: RequestContext, type: InlineEntityType, entityName: string, policyName: string) {
  const entity = requireEntity(type, ctx, entityName);
  const policy = ctx.store.inlinePolicies.get(type, entity.id, policyName);
  if (!policy) throw noSuchEntity(`The ${type} policy with name ${policyName} cannot be found.`);
  return { entity, policyName: policy.name, document: encodePolicyDocument(policy.document) };
}

function remove(ctx: RequestContext, type: InlineEntityType, entityName: string, policyName: string) {
  const entity = requireEntity(type, ctx, entityName, true);
  if (!ctx.store.inlinePolicies.delete(type, entity.id, policyName))
    throw noSuchEntity(`The ${type} policy with name ${policyName} cannot be found.`);
}

function list(ctx: RequestContext, type: InlineEntityType, entityName: string, marker?: string, maxItems?: number) {
  const entity = requireEntity(type, ctx, entityName);
  const page = ctx.store.inlinePolicies.names(type, entity.id, marker, maxItems ?? 100);
  return { PolicyNames: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
}

export const inlinePolicyHandlers: IamHandlers = {
  PutUserPolicy(ctx, i) {
    put(ctx, 'user', i.UserName, i.PolicyName, i.PolicyDocument);
  },
  GetUserPolicy(ctx, i) {
    const p = get(ctx, 'user', i.UserName, i.PolicyName);
    return { UserName: p.entity.name, PolicyName: p.policyName, PolicyDocument: p.document };
  },
  DeleteUserPolicy(ctx, i) {
    remove(ctx, 'user', i.UserName, i.PolicyName);
  },
  ListUserPolicies(ctx, i) {
    return list(ctx, 'user', i.UserName, i.Marker, i.MaxItems);
  },

  PutGroupPolicy(ctx, i) {
    put(ctx, 'group', i.GroupName, i.PolicyName, i.PolicyDocument);
  },
  GetGroupPolicy(ctx, i) {
    const p = get(ctx, 'group', i.GroupName, i.PolicyName);
    return { GroupName: p.entity.name, PolicyName: p.policyName, PolicyDocument: p.document };
  },
  DeleteGroupPolicy(ctx, i) {
    remove(ctx, 'group', i.GroupName, i.PolicyName);
  },
  ListGroupPolicies(ctx, i) {
    return list(ctx, 'group', i.GroupName, i.Marker, i.MaxItems);
  },

  PutRolePolicy(ctx, i) {
    put(ctx, 'role', i.RoleName, i.PolicyName, i.PolicyDocument);
  },
  GetRolePolicy(ctx, i) {
    const p = get(ctx, 'role', i.RoleName, i.PolicyName);
    return { RoleName: p.entity.name, PolicyName: p.policyName, PolicyDocument: p.document };
  },
  DeleteRolePolicy(ctx, i) {
    remove(ctx, 'role', i.RoleName, i.PolicyName);
  },
  ListRolePolicies(ctx, i) {
    return list(ctx, 'role', i.RoleName, i.Marker, i.MaxItems);
  },
};
