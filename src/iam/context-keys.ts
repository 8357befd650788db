// GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy: the condition keys (and
// policy-variable keys) the given policies reference, as the policies spell them, deduplicated
// case-insensitively. For a principal: its own policies (for a user, its groups' too) plus
// PolicyInputList.
import type { IamHandlers } from '../protocol/handlers.js';
import { listContextKeys } from '../policy/index.js';
import { inputPolicy, policiesOfEntity, resolvePolicySource } from './simulator.js';

export const contextKeyHandlers: IamHandlers = {
  GetContextKeysForCustomPolicy(_ctx, input) {
    const policies = input.PolicyInputList.map((t, i) => inputPolicy(t, `PolicyInputList.${i + 1}`, 'identity'));
    return { ContextKeyNames: listContextKeys(policies.map((p) => p.parsed)) };
  },

  GetContextKeysForPrincipalPolicy(ctx, input) {
    const entity = resolvePolicySource(ctx, input.PolicySourceArn);
    const extra = (input.PolicyInputList ?? []).map((t, i) => inputPolicy(t, `PolicyInputList.${i + 1}`, 'identity'));
    const policies = [...policiesOfEntity(ctx, entity), ...extra];
    return { ContextKeyNames: listContextKeys(policies.map((p) => p.parsed)) };
  },
};
