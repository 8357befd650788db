// The role a request names, for the trust decision of AssumeRole* (src/authz) and for the STS
// handlers that issue its session (src/sts): one lookup, so the two cannot disagree
// about which role an ARN names.
import type { RequestContext } from '../context.js';
import type { RoleRow } from '../store/roles.js';
import { iamArn, parseArn } from '../arn.js';

export const roleArnOf = (row: RoleRow) => iamArn(row.account_id, 'role', row.path, row.name);

/** The role a RoleArn names, in any account of this server; undefined when there is none. */
export function findRole(ctx: RequestContext, roleArn: string): RoleRow | undefined {
  const a = parseArn(roleArn);
  if (!a || a.service !== 'iam' || !/^\d{12}$/.test(a.account) || !a.resource.startsWith('role/')) return undefined;
  const name = a.resource.slice(a.resource.lastIndexOf('/') + 1);
  const row = ctx.store.roles.get(a.account, name);
  // The ARN must name the role as it is, path included.
  if (!row || roleArnOf(row) !== roleArn) return undefined;
  return row;
}
