// What temporary credentials may call at all, whatever the policies say (AWS, "Comparing the AWS
// STS API operations"): credentials from GetSessionToken call IAM only when the session was made
// with MFA, and credentials from GetFederationToken never call IAM. IAM refuses such a token as it
// refuses one it does not know: InvalidClientTokenId.
// Applied right after authentication, by src/dispatch/authenticate.ts.
import type { Principal } from '../principal.js';
import { invalidClientTokenId } from '../auth/authenticate.js';

export function checkSessionScope(p: Principal, service: 'iam' | 'sts' | 'access-analyzer'): void {
  const s = p.session;
  if (!s || service !== 'iam') return;
  const refused =
    (s.issuedBy === 'GetSessionToken' && !s.mfaPresent) || s.issuedBy === 'GetFederationToken';
  if (refused) throw invalidClientTokenId();
}
