// What still hangs on a user, group or role when someone deletes it. Each resource family that
// can hang on one registers a check here, so Delete* knows every dependent without knowing them.
import type { RequestContext } from '../context.js';

export type Dependent = 'user' | 'group' | 'role' | 'policy' | 'instance-profile';
type Check = (ctx: RequestContext, entityId: string) => string | undefined;

const checks: Record<Dependent, { order: number; check: Check }[]> = {
  user: [],
  group: [],
  role: [],
  policy: [],
  'instance-profile': [],
};

/** order: lower runs first, so the message AWS would give first is the one given. */
export function registerDeleteCheck(kind: Dependent, order: number, check: Check) {
  checks[kind].push({ order, check });
  checks[kind].sort((a, b) => a.order - b.order);
}

/** The DeleteConflict message for the first dependent that still exists, if any. */
export function deleteConflictFor(ctx: RequestContext, kind: Dependent, entityId: string): string | undefined {
  for (const { check } of checks[kind]) {
    const msg = check(ctx, entityId);
    if (msg) return msg;
  }
  return undefined;
}
