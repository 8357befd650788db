// Permissions boundaries of users and roles: Put/Delete{User,Role}PermissionsBoundary, and the
// PermissionsBoundary parameter of CreateUser and CreateRole (through their creation hooks).
// A boundary is any managed policy, customer or AWS, that exists.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import { noSuchEntity } from '../protocol/errors.js';
import { checkPolicyArn, findManagedPolicy } from './policies.js';
import { checkRoleModifiable, requireEntity } from './attachments.js';
import { userCreationHooks } from './users.js';
import { roleCreationHooks } from './roles.js';

function checkBoundaryPolicy(ctx: RequestContext, arn: string) {
  checkPolicyArn(arn);
  if (!findManagedPolicy(ctx, arn)) throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
}

userCreationHooks.push((ctx, row, arn) => {
  checkBoundaryPolicy(ctx, arn);
  ctx.store.attachments.setBoundary('user', row.id, arn);
});

roleCreationHooks.push((ctx, row, arn) => {
  checkBoundaryPolicy(ctx, arn);
  ctx.store.attachments.setBoundary('role', row.id, arn);
});

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
