// Users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, and user tags.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { User } from '../protocol/generated/iam-types.js';
import { boundaryShape } from './boundary-shape.js';
import { deleteConflict, entityAlreadyExists, limitExceeded, noSuchEntity, validationError } from '../protocol/errors.js';
import type { UserRow } from '../store/users.js';
import { iso } from '../store/rows.js';
import { iamArn } from '../arn.js';
import { newUniqueId } from './ids.js';
import { addTags, checkNewTags, listTagsPage } from './tagging.js';
import { deleteConflictFor } from './delete-conflicts.js';
import { setBoundaryOnCreate } from './boundaries.js';

export const USERS_PER_ACCOUNT = 5000;

export function requireUser(ctx: RequestContext, name: string): UserRow {
  const row = ctx.store.users.get(ctx.accountId, name);
  if (!row) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return row;
}

export const userArn = (row: UserRow) => iamArn(row.account_id, 'user', row.path, row.name);

export function userShape(ctx: RequestContext, row: UserRow, detail: boolean): User {
  const tags = detail ? ctx.store.tags.list('user', row.id) : [];
  return {
    Path: row.path,
    UserName: row.name,
    UserId: row.id,
    Arn: userArn(row),
    CreateDate: new Date(row.created_at),
    PasswordLastUsed: row.password_last_used ? new Date(row.password_last_used) : undefined,
    PermissionsBoundary: detail ? boundaryShape(row.boundary_arn) : undefined,
    Tags: tags.length ? tags : undefined,
  };
}

/** The user a request names, or the calling user when it names none (GetUser, access keys, …). */
export function userOrCaller(ctx: RequestContext, name: string | undefined): UserRow | undefined {
  if (name !== undefined) return requireUser(ctx, name);
  const p = ctx.principal;
  if (p.type === 'user') return requireUser(ctx, p.name!);
  if (p.type === 'root') return undefined;
  throw validationError('Must specify userName when calling with non-User credentials');
}

export const userHandlers: IamHandlers = {
  CreateUser(ctx, input) {
    const path = input.Path ?? '/';
    if (ctx.store.users.get(ctx.accountId, input.UserName))
      throw entityAlreadyExists(`User with name ${input.UserName} already exists.`);
    checkNewTags(input.Tags);
    if (ctx.store.users.count(ctx.accountId) >= USERS_PER_ACCOUNT)
      throw limitExceeded(`Cannot exceed quota for UsersPerAccount: ${USERS_PER_ACCOUNT}`);
    const row: UserRow = {
      id: newUniqueId('AIDA'),
      account_id: ctx.accountId,
      name: input.UserName,
      path,
      created_at: iso(ctx.now()),
      password_last_used: null,
      boundary_arn: null,
    };
    ctx.store.users.insert(row);
    if (input.PermissionsBoundary) {
      setBoundaryOnCreate(ctx, 'user', row.id, input.PermissionsBoundary);
      row.boundary_arn = ctx.store.users.getById(row.id)!.boundary_arn;
    }
    if (input.Tags?.length) ctx.store.tags.put(ctx.accountId, 'user', row.id, input.Tags);
    return { User: userShape(ctx, row, true) };
  },

  GetUser(ctx, input) {
    const row = userOrCaller(ctx, input.UserName);
    if (!row) {
      // The root user: AWS answers with the account's identity and no name or path.
      const account = ctx.store.accounts.get(ctx.accountId);
      return {
        User: {
          UserId: ctx.accountId,
          Arn: `arn:aws:iam::${ctx.accountId}:root`,
          CreateDate: new Date(account?.created_at ?? ctx.startedAt),
        } as User,
      };
    }
    return { User: userShape(ctx, row, true) };
  },

  ListUsers(ctx, input) {
    const page = ctx.store.users.list(ctx.accountId, input.PathPrefix ?? '/', input.Marker, input.MaxItems ?? 100);
    return {
      Users: page.items.map((r) => userShape(ctx, r, false)),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },

  UpdateUser(ctx, input) {
    const row = requireUser(ctx, input.UserName);
    const newName = input.NewUserName ?? row.name;
    if (input.NewUserName !== undefined && input.NewUserName.toLowerCase() !== row.name.toLowerCase()) {
      if (ctx.store.users.get(ctx.accountId, input.NewUserName))
        throw entityAlreadyExists(`User with name ${input.NewUserName} already exists.`);
    }
    ctx.store.users.rename(row.id, newName, input.NewPath ?? row.path);
  },

  DeleteUser(ctx, input) {
    const row = requireUser(ctx, input.UserName);
    const conflict = deleteConflictFor(ctx, 'user', row.id);
    if (conflict) throw deleteConflict(conflict);
    ctx.store.tags.removeAll('user', row.id);
    ctx.store.users.delete(row.id);
  },

  TagUser(ctx, input) {
    const row = requireUser(ctx, input.UserName);
    addTags(ctx, 'user', row.id, input.Tags);
  },

  UntagUser(ctx, input) {
    const row = requireUser(ctx, input.UserName);
    ctx.store.tags.remove('user', row.id, input.TagKeys);
  },

  ListUserTags(ctx, input) {
    const row = requireUser(ctx, input.UserName);
    return listTagsPage(ctx, 'user', row.id, input.Marker, input.MaxItems);
  },
};

