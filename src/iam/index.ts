// Every IAM handler, by operation name.
import type { IamHandlers } from '../protocol/handlers.js';
import { userHandlers } from './users.js';
import { accessKeyHandlers } from './access-keys.js';
import { accountAliasHandlers } from './account-aliases.js';
import { groupHandlers } from './groups.js';
import { roleHandlers } from './roles.js';
import { instanceProfileHandlers } from './instance-profiles.js';
import { inlinePolicyHandlers } from './inline-policies.js';
import { mfaHandlers } from './mfa.js';
import { policyHandlers } from './policies.js';
import { attachmentHandlers } from './attachments.js';
import { boundaryHandlers } from './boundaries.js';

export const iamHandlers: IamHandlers = {
  ...userHandlers,
  ...accessKeyHandlers,
  ...accountAliasHandlers,
  ...groupHandlers,
  ...roleHandlers,
  ...instanceProfileHandlers,
  ...inlinePolicyHandlers,
  ...mfaHandlers,
  ...policyHandlers,
  ...attachmentHandlers,
  ...boundaryHandlers,
};
