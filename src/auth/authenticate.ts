// Access key → principal. Until SigV4 verification lands, the claimed key is trusted:
// `test` (or any unknown key) is the default account's root, a 12-digit key that account's root.
import type { Services } from '../context.js';
import { rootPrincipal, type Principal } from './principal.js';
import type { CredentialScope, SignedRequest } from './signed-request.js';

export interface Authenticated {
  principal: Principal;
  region: string;
}

export function authenticate(services: Services, _req: SignedRequest, scope: CredentialScope | undefined): Authenticated {
  const { config } = services;
  const akid = scope?.accessKeyId ?? 'anonymous';
  const accountId = /^\d{12}$/.test(akid) ? akid : config.accountId;
  return { principal: rootPrincipal(accountId, akid), region: scope?.region ?? config.region };
}
