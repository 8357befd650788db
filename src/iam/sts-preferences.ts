// SetSecurityTokenServicePreferences: which session token version the global STS endpoint issues
// (v1Token: valid only in regions enabled by default; v2Token: valid in all regions). Stored per
// account; GetAccountSummary reports it as GlobalEndpointTokenVersion 1 or 2.
import type { IamHandlers } from '../protocol/handlers.js';
import type { Store } from '../store/store.js';

/** 1 or 2, as GetAccountSummary reports it; accounts start with v1 tokens, as on AWS. */
export function globalEndpointTokenVersion(store: Store, accountId: string): 1 | 2 {
  return store.reports.globalEndpointTokenVersion(accountId) === 'v2Token' ? 2 : 1;
}

export const stsPreferenceHandlers: IamHandlers = {
  SetSecurityTokenServicePreferences(ctx, input) {
    ctx.store.reports.setGlobalEndpointTokenVersion(ctx.accountId, input.GlobalEndpointTokenVersion);
  },
};
