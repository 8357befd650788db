// What still hangs on a user, group, role, managed policy or instance profile when someone deletes
// it: one table, in the order AWS names them (the first dependent found is the one its
// DeleteConflict message names). Every check is a count in the store, so Delete* knows every
// dependent without importing the families that create them.
import type { RequestContext } from '../context.js';

export type Dependent = 'user' | 'group' | 'role' | 'policy' | 'instance-profile';
type Check = (ctx: RequestContext, entityId: string) => string | undefined;

const POLICIES_FIRST = 'Cannot delete entity, must delete policies first.';
const DETACH_FIRST = 'Cannot delete entity, must detach all policies first.';
const MEMBERS_FIRST = 'Cannot delete entity, must remove users from group first.';
const ROLES_FIRST = 'Cannot delete entity, must remove roles from instance profile first.';

const inlinePolicies =
  (type: 'user' | 'group' | 'role'): Check =>
  (ctx, id) =>
    ctx.store.inlinePolicies.count(type, id) ? POLICIES_FIRST : undefined;
const attachedPolicies =
  (type: 'user' | 'group' | 'role'): Check =>
  (ctx, id) =>
    ctx.store.attachments.countForEntity(type, id) > 0 ? DETACH_FIRST : undefined;

// DeleteUser/DeleteRole name inline policies before attached managed policies, and group
// memberships late among what must go first; DeleteGroup asks for its members before anything
// else. A role still in an instance profile cannot be deleted; a profile that still has a role
// neither.
const CHECKS: Record<Dependent, Check[]> = {
  user: [
    (ctx, userId) =>
      ctx.store.credentials.accessKeys.count(ctx.accountId, userId) > 0 ? 'Cannot delete entity, must delete access keys first.' : undefined,
    (ctx, userId) => (ctx.store.loginProfiles.get(userId) ? 'Cannot delete entity, must delete login profile first.' : undefined),
    inlinePolicies('user'),
    attachedPolicies('user'),
    (ctx, userId) =>
      ctx.store.signingCertificates.listFor(ctx.accountId, userId).length
        ? 'Cannot delete entity, must delete signing certificates first.'
        : undefined,
    (ctx, userId) => (ctx.store.groups.countForUser(userId) ? MEMBERS_FIRST : undefined),
    (ctx, userId) => (ctx.store.sshKeys.listFor(userId).length ? 'Cannot delete entity, must remove SSH public keys first.' : undefined),
    (ctx, userId) =>
      ctx.store.serviceCredentials.listForUser(userId).length
        ? 'Cannot delete entity, must remove service specific credentials first.'
        : undefined,
    (ctx, userId) => (ctx.store.mfa.countForUser(userId) > 0 ? 'Cannot delete entity, must delete MFA device first.' : undefined),
  ],
  group: [(ctx, groupId) => (ctx.store.groups.memberCount(groupId) ? MEMBERS_FIRST : undefined), inlinePolicies('group'), attachedPolicies('group')],
  role: [
    inlinePolicies('role'),
    attachedPolicies('role'),
    (ctx, roleId) => (ctx.store.instanceProfiles.countForRole(roleId) > 0 ? ROLES_FIRST : undefined),
  ],
  // A policy in use cannot be deleted; neither can one with versions besides the default.
  policy: [
    (ctx, id) => {
      const row = ctx.store.policies.getById(id);
      if (!row) return undefined;
      if (ctx.store.attachments.countForPolicy(ctx.accountId, row.arn) > 0 || ctx.store.attachments.boundaryCount(ctx.accountId, row.arn) > 0)
        return 'Cannot delete a policy attached to entities.';
      return undefined;
    },
    (ctx, id) =>
      ctx.store.policies.versionCount(id) > 1
        ? "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy."
        : undefined,
  ],
  'instance-profile': [(ctx, profileId) => (ctx.store.instanceProfiles.roleCount(profileId) > 0 ? ROLES_FIRST : undefined)],
};

/** The DeleteConflict message for the first dependent that still exists, if any. */
export function deleteConflictFor(ctx: RequestContext, kind: Dependent, entityId: string): string | undefined {
  for (const check of CHECKS[kind]) {
    const msg = check(ctx, entityId);
    if (msg) return msg;
  }
  return undefined;
}
