// Who is calling, the first step of every call a front hands in: the SigV4 signature's principal
// (src/auth), or the anonymous caller of STS's unauthenticated calls; then whether that caller's
// credentials may call the service at all (session scope), whatever the policies say.
import type { Services } from '../context.js';
import { authenticate, type Authenticated } from '../auth/authenticate.js';
import type { CredentialScope, SignedRequest } from '../auth/signed-request.js';
import { unauthenticatedCaller } from '../resolution/unauthenticated.js';
import { checkSessionScope } from '../resolution/session-scope.js';

export function authenticateCall(
  services: Services,
  signed: SignedRequest,
  scope: CredentialScope | undefined,
  service: 'iam' | 'sts',
  action: string,
): Authenticated {
  const caller = unauthenticatedCaller(services, service, action, scope) ?? authenticate(services, signed, scope, service);
  checkSessionScope(caller.principal, service);
  return caller;
}
