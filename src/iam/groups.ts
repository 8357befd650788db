// Groups: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup, and memberships
// (AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser).
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { Group } from '../protocol/generated/iam-types.js';
import { deleteConflict, entityAlreadyExists, limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { GroupRow } from '../store/groups.js';
import { iso } from '../store/rows.js';
import { iamArn } from '../arn.js';
import { newUniqueId } from './ids.js';
import { requireUser, userShape } from './users.js';
import { deleteConflictFor } from './delete-conflicts.js';

export const GROUPS_PER_ACCOUNT = 300;
export const GROUPS_PER_USER = 10;

export function requireGroup(ctx: RequestContext, name: string): GroupRow {
  const row = ctx.store.groups.get(ctx.accountId, name);
  if (!row) throw noSuchEntity(`The group with name ${name} cannot be found.`);
  return row;
}

export const groupArn = (row: GroupRow) => iamArn(row.account_id, 'group', row.path, row.name);

export function groupShape(row: GroupRow): Group {
  return {
    Path: row.path,
    GroupName: row.name,
    GroupId: row.id,
    Arn: groupArn(row),
    CreateDate: new Date(row.created_at),
  };
}

export const groupHandlers: IamHandlers = {
  CreateGroup(ctx, input) {
    if (ctx.store.groups.get(ctx.accountId, input.GroupName))
      throw entityAlreadyExists(`Group with name ${input.GroupName} already exists.`);
    if (ctx.store.groups.count(ctx.accountId) >= GROUPS_PER_ACCOUNT)
      throw limitExceeded(`Cannot exceed quota for GroupsPerAccount: ${GROUPS_PER_ACCOUNT}`);
    const row: GroupRow = {
      id: newUniqueId('AGPA'),
      account_id: ctx.accountId,
      name: input.GroupName,
      path: input.Path ?? '/',
      created_at: iso(ctx.now()),
    };
    ctx.store.groups.insert(row);
    return { Group: groupShape(row) };
  },

  GetGroup(ctx, input) {
    const row = requireGroup(ctx, input.GroupName);
    const page = ctx.store.groups.members(row.id, input.Marker, input.MaxItems ?? 100);
    return {
      Group: groupShape(row),
      Users: page.items.map((u) => userShape(ctx, u, false)),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },

  ListGroups(ctx, input) {
    const page = ctx.store.groups.list(ctx.accountId, input.PathPrefix ?? '/', input.Marker, input.MaxItems ?? 100);
    return { Groups: page.items.map(groupShape), IsTruncated: page.isTruncated, Marker: page.marker };
  },

  UpdateGroup(ctx, input) {
    const row = requireGroup(ctx, input.GroupName);
    if (input.NewGroupName !== undefined && input.NewGroupName.toLowerCase() !== row.name.toLowerCase()) {
      if (ctx.store.groups.get(ctx.accountId, input.NewGroupName))
        throw entityAlreadyExists(`Group with name ${input.NewGroupName} already exists.`);
    }
    ctx.store.groups.rename(row.id, input.NewGroupName ?? row.name, input.NewPath ?? row.path);
  },

  DeleteGroup(ctx, input) {
    const row = requireGroup(ctx, input.GroupName);
    const conflict = deleteConflictFor(ctx, 'group', row.id);
    if (conflict) throw deleteConflict(conflict);
    ctx.store.groups.delete(row.id);
  },

  AddUserToGroup(ctx, input) {
    // The user is looked up first: when neither exists, IAM names the user (as RemoveUserFromGroup does).
    const user = requireUser(ctx, input.UserName);
    const group = requireGroup(ctx, input.GroupName);
    // Adding a member twice is not an error in IAM; only a new membership counts against the quota.
    if (ctx.store.groups.isMember(group.id, user.id)) return;
    if (ctx.store.groups.countForUser(user.id) >= GROUPS_PER_USER)
      throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`);
    ctx.store.groups.addMember(group.id, user.id, iso(ctx.now()));
  },

  RemoveUserFromGroup(ctx, input) {
    // Recorded against AWS: both unknown names the user; removing a user who is not a member succeeds.
    const user = requireUser(ctx, input.UserName);
    const group = requireGroup(ctx, input.GroupName);
    ctx.store.groups.removeMember(group.id, user.id);
  },

  ListGroupsForUser(ctx, input) {
    const user = requireUser(ctx, input.UserName);
    const page = ctx.store.groups.pageForUser(user.id, input.Marker, input.MaxItems ?? 100);
    return { Groups: page.items.map(groupShape), IsTruncated: page.isTruncated, Marker: page.marker };
  },
};
