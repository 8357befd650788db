// Instance profiles: Create/Get/List/Delete, Add/RemoveRoleToInstanceProfile,
// ListInstanceProfilesForRole, and instance profile tags. A profile holds at most one role.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { InstanceProfile } from '../protocol/generated/iam-types.js';
import { AwsError, deleteConflict, entityAlreadyExists, limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { InstanceProfileRow } from '../store/instance-profiles.js';
import { iso } from '../store/rows.js';
import { iamArn } from '../arn.js';
import { newUniqueId } from './ids.js';
import { addTags, checkNewTags, listTagsPage } from './tagging.js';
import { deleteConflictFor } from './delete-conflicts.js';
import { isServiceLinkedRole, requireRole, roleShape } from './roles.js';

export const INSTANCE_PROFILES_PER_ACCOUNT = 1000;
export const ROLES_PER_INSTANCE_PROFILE = 1;
const TAG_TYPE = 'instance-profile';

export function requireInstanceProfile(ctx: RequestContext, name: string): InstanceProfileRow {
  const row = ctx.store.instanceProfiles.get(ctx.accountId, name);
  if (!row) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  return row;
}

export const instanceProfileArn = (row: InstanceProfileRow) =>
  iamArn(row.account_id, 'instance-profile', row.path, row.name);

/**
 * The InstanceProfile shape, as recorded against AWS (localstack test_iam_instance_profiles.snapshot.json,
 * 12-02-2026): its roles in AWS's role subset; `tags`: 'always' (GetInstanceProfile: `Tags: []` when
 * none), 'given' (CreateInstanceProfile: only when any) or 'never' (the List* operations).
 */
export function instanceProfileShape(ctx: RequestContext, row: InstanceProfileRow, tagView: 'always' | 'given' | 'never'): InstanceProfile {
  const tags = tagView === 'never' ? [] : ctx.store.tags.list(TAG_TYPE, row.id);
  return {
    Path: row.path,
    InstanceProfileName: row.name,
    InstanceProfileId: row.id,
    Arn: instanceProfileArn(row),
    CreateDate: new Date(row.created_at),
    Roles: ctx.store.instanceProfiles.roles(row.id).map((r) => roleShape(ctx, r, 'profile')),
    Tags: tagView === 'always' || tags.length ? tags : undefined,
  };
}

const protectedRole = (name: string) =>
  new AwsError(
    'UnmodifiableEntity',
    `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`,
    400,
  );

export const instanceProfileHandlers: IamHandlers = {
  CreateInstanceProfile(ctx, input) {
    if (ctx.store.instanceProfiles.get(ctx.accountId, input.InstanceProfileName))
      throw entityAlreadyExists(`Instance Profile ${input.InstanceProfileName} already exists.`);
    checkNewTags(input.Tags);
    if (ctx.store.instanceProfiles.count(ctx.accountId) >= INSTANCE_PROFILES_PER_ACCOUNT)
      throw limitExceeded(`Cannot exceed quota for InstanceProfilesPerAccount: ${INSTANCE_PROFILES_PER_ACCOUNT}`);
    const row: InstanceProfileRow = {
      id: newUniqueId('AIPA'),
      account_id: ctx.accountId,
      name: input.InstanceProfileName,
      path: input.Path ?? '/',
      created_at: iso(ctx.now()),
    };
    ctx.store.instanceProfiles.insert(row);
    if (input.Tags?.length) ctx.store.tags.put(ctx.accountId, TAG_TYPE, row.id, input.Tags);
    return { InstanceProfile: instanceProfileShape(ctx, row, 'given') };
  },

  GetInstanceProfile(ctx, input) {
    return { InstanceProfile: instanceProfileShape(ctx, requireInstanceProfile(ctx, input.InstanceProfileName), 'always') };
  },

  ListInstanceProfiles(ctx, input) {
    const page = ctx.store.instanceProfiles.list(ctx.accountId, input.PathPrefix ?? '/', input.Marker, input.MaxItems ?? 100);
    return {
      InstanceProfiles: page.items.map((r) => instanceProfileShape(ctx, r, 'never')),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },

  ListInstanceProfilesForRole(ctx, input) {
    const role = requireRole(ctx, input.RoleName);
    const page = ctx.store.instanceProfiles.listForRole(role.id, input.Marker, input.MaxItems ?? 100);
    return {
      InstanceProfiles: page.items.map((r) => instanceProfileShape(ctx, r, 'never')),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },

  DeleteInstanceProfile(ctx, input) {
    const row = requireInstanceProfile(ctx, input.InstanceProfileName);
    const conflict = deleteConflictFor(ctx, 'instance-profile', row.id);
    if (conflict) throw deleteConflict(conflict);
    ctx.store.tags.removeAll(TAG_TYPE, row.id);
    ctx.store.instanceProfiles.delete(row.id);
  },

  AddRoleToInstanceProfile(ctx, input) {
    const profile = requireInstanceProfile(ctx, input.InstanceProfileName);
    const role = requireRole(ctx, input.RoleName);
    if (isServiceLinkedRole(role)) throw protectedRole(role.name);
    if (ctx.store.instanceProfiles.roleCount(profile.id) >= ROLES_PER_INSTANCE_PROFILE)
      throw limitExceeded(`Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${ROLES_PER_INSTANCE_PROFILE}`);
    ctx.store.instanceProfiles.addRole(profile.id, role.id, iso(ctx.now()));
  },

  RemoveRoleFromInstanceProfile(ctx, input) {
    const profile = requireInstanceProfile(ctx, input.InstanceProfileName);
    const role = requireRole(ctx, input.RoleName);
    if (isServiceLinkedRole(role)) throw protectedRole(role.name);
    if (!ctx.store.instanceProfiles.hasRole(profile.id, role.id))
      throw noSuchEntity(`Role ${role.name} in Instance Profile ${profile.name} cannot be found.`);
    ctx.store.instanceProfiles.removeRole(profile.id, role.id);
  },

  TagInstanceProfile(ctx, input) {
    const row = requireInstanceProfile(ctx, input.InstanceProfileName);
    addTags(ctx, TAG_TYPE, row.id, input.Tags);
  },

  UntagInstanceProfile(ctx, input) {
    const row = requireInstanceProfile(ctx, input.InstanceProfileName);
    ctx.store.tags.remove(TAG_TYPE, row.id, input.TagKeys);
  },

  ListInstanceProfileTags(ctx, input) {
    const row = requireInstanceProfile(ctx, input.InstanceProfileName);
    return listTagsPage(ctx, TAG_TYPE, row.id, input.Marker, input.MaxItems);
  },
};
