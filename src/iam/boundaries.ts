// Permissions boundaries of users and roles: Put/Delete{User,Role}PermissionsBoundary, and the
// PermissionsBoundary parameter of CreateUser and CreateRole (setBoundaryOnCreate).
// A boundary is any managed policy, customer or AWS, that exists.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import { noSuchEntity } from '../protocol/errors.js';
import { checkPolicyArn, findManagedPolicy } from './policies.js';
import { checkRoleModifiable, requireEntity } from './attachments.js';

function checkBoundaryPolicy(ctx: RequestContext, arn: string) {
  checkPolicyArn(arn);
  if (!findManagedPolicy(ctx, arn)) throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
}

/** The PermissionsBoundary parameter of CreateUser and CreateRole: checked, then set on the new
 *  user or role (called by users.ts and roles.ts in the same transaction as the insert). */
export function setBoundaryOnCreate(ctx: RequestContext, type: 'user' | 'role', entityId: string, arn: string) {
  checkBoundaryPolicy(ctx, arn);
  ctx.store.attachments.setBoundary(type, entityId, arn);
}

export const boundaryHandlers: IamHandlers = {
  PutUserPermissionsBoundary(ctx, input) {
    const e = requireEntity(ctx, 'user', input.UserName);
    checkBoundaryPolicy(ctx, input.PermissionsBoundary);
    ctx.store.attachments.setBoundary('user', e.id, input.PermissionsBoundary);
  },

  DeleteUserPermissionsBoundary(ctx, input) {
    const e = requireEntity(ctx, 'user', input.UserName);
    ctx.store.attachments.setBoundary('user', e.id, null);
  },

  PutRolePermissionsBoundary(ctx, input) {
    const e = requireEntity(ctx, 'role', input.RoleName);
    checkRoleModifiable(e);
    checkBoundaryPolicy(ctx, input.PermissionsBoundary);
    ctx.store.attachments.setBoundary('role', e.id, input.PermissionsBoundary);
  },

  DeleteRolePermissionsBoundary(ctx, input) {
    const e = requireEntity(ctx, 'role', input.RoleName);
    checkRoleModifiable(e);
    ctx.store.attachments.setBoundary('role', e.id, null);
  },
};
