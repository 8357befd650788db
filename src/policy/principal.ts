// Principal / NotPrincipal matching for resource-based policies (role trust policies included).
import type { PrincipalSpec } from './parse.js';

export type PrincipalKind =
  | 'Root'
  | 'User'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'Service'
  | 'Federated'
  | 'CanonicalUser'
  | 'Anonymous';

/** Who makes the request. */
export interface EvalPrincipal {
  /** User/root ARN, the assumed-role session ARN (arn:aws:sts::A:assumed-role/R/S), the service
   *  name (ec2.amazonaws.com) for Service, the provider (ARN or e.g. accounts.google.com) for Federated. */
  arn: string;
  accountId: string;
  type: PrincipalKind;
  /** For AssumedRole: the role's IAM ARN (with path), which a policy may name instead of the session. */
  roleArn?: string;
  /** For CanonicalUser. */
  canonicalId?: string;
}

/** How a Principal element matched:
 *  direct  — it names this very principal (user ARN, role session ARN, service, federated, canonical),
 *  wildcard — "*" (everyone),
 *  role    — it names the role of an assumed-role session,
 *  any     — reached through NotPrincipal (the statement applies because it does not exclude the principal),
 *  account — it names the account (id or :root): a delegation that needs an identity-based allow. */
export type PrincipalMatch = 'direct' | 'wildcard' | 'role' | 'any' | 'account';

const rank: Record<PrincipalMatch, number> = { direct: 5, wildcard: 4, role: 3, any: 2, account: 1 };
export const strongest = (a: PrincipalMatch | undefined, b: PrincipalMatch | undefined) =>
  !a ? b : !b ? a : rank[a] >= rank[b] ? a : b;

const ACCOUNT_ROOT = /^arn:(aws[a-z-]*):iam::(\d{12}):root$/;
/** The partition of an ARN ("aws", "aws-cn", …). */
const partitionOfArn = (arn: string) => arn.slice(4, arn.indexOf(':', 4));

function matchAws(v: string, p: EvalPrincipal): PrincipalMatch | undefined {
  if (v === '*') return 'wildcard';
  if (/^\d{12}$/.test(v)) return v === p.accountId && isAwsPrincipal(p) ? 'account' : undefined;
  const root = ACCOUNT_ROOT.exec(v);
  if (root) {
    // An account root of another partition is another account altogether.
    if (root[2] !== p.accountId || !isAwsPrincipal(p) || root[1] !== partitionOfArn(p.arn)) return undefined;
    return p.type === 'Root' ? 'direct' : 'account';
  }
  if (!isAwsPrincipal(p)) return undefined;
  if (sameArn(v, p.arn)) return 'direct';
  if (p.roleArn && sameArn(v, p.roleArn)) return 'role';
  return undefined;
}

const isAwsPrincipal = (p: EvalPrincipal) =>
  p.type === 'Root' || p.type === 'User' || p.type === 'AssumedRole' || p.type === 'FederatedUser';

/** IAM names are case-insensitive (a user is found by name regardless of case); the rest is exact. */
function sameArn(a: string, b: string): boolean {
  if (a === b) return true;
  return a.toLowerCase() === b.toLowerCase() && a.split(':').slice(0, 5).join(':') === b.split(':').slice(0, 5).join(':');
}

/** The strongest way `spec` names `p`, or undefined when it does not. */
export function matchPrincipal(spec: PrincipalSpec, p: EvalPrincipal): PrincipalMatch | undefined {
  if (spec === '*') return 'wildcard';
  let best: PrincipalMatch | undefined;
  for (const [type, values] of Object.entries(spec)) {
    for (const v of values) {
      let m: PrincipalMatch | undefined;
      switch (type) {
        case 'AWS':
          m = matchAws(v, p);
          break;
        case 'Service':
          m = v === '*' ? 'any' : p.type === 'Service' && v.toLowerCase() === p.arn.toLowerCase() ? 'direct' : undefined;
          break;
        case 'Federated':
          m = v === '*' ? 'any' : p.type === 'Federated' && v === p.arn ? 'direct' : undefined;
          break;
        case 'CanonicalUser':
          m = v === '*' ? 'any' : p.type === 'CanonicalUser' && v === (p.canonicalId ?? p.arn) ? 'direct' : undefined;
          break;
      }
      best = strongest(best, m);
    }
  }
  return best;
}
