// Records which IAM entity used which service (and action) last, from the calls actually made to
// this server. GenerateServiceLastAccessedDetails and friends read these records.
import type { RequestContext } from '../context.js';
import type { Store } from '../store/store.js';

/**
 * Notes that `principalArn` (acting as the IAM entities `entityIds`: the user's AIDA… id, or the
 * role's AROA… id for a role session) made an authenticated call to `service` in `region` at `at`.
 * `action` is the API action name, kept for action-level reports.
 */
export function recordServiceAccess(
  store: Store,
  accountId: string,
  principalArn: string,
  entityIds: string[],
  service: string,
  region: string,
  at: Date,
  action = '',
) {
  for (const entityId of entityIds)
    store.reports.recordAccess({
      account_id: accountId,
      entity_id: entityId,
      service,
      action,
      principal_arn: principalArn,
      region,
      last_at: at.toISOString(),
    });
}

/** The request pipeline's hook, called after a handler succeeded. */
export function trackServiceAccess(ctx: RequestContext) {
  const p = ctx.principal;
  if (!p.entityId || (p.type !== 'user' && p.type !== 'assumed-role')) return;
  recordServiceAccess(ctx.store, ctx.accountId, p.arn, [p.entityId], ctx.service, ctx.region, ctx.now(), ctx.action);
}
