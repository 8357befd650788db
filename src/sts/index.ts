// Every STS handler, by operation name.
import type { StsHandlers } from '../protocol/handlers.js';
import { callerIdentityHandlers } from './caller-identity.js';
import { accessKeyInfoHandlers } from './access-key-info.js';
import { assumeRoleHandlers } from './assume-role.js';
import { sessionTokenHandlers } from './session-token.js';
import { authorizationMessageHandlers } from './authorization-message.js';
import { assumeRootHandlers } from './assume-root.js';
import { webIdentityHandlers } from './web-identity.js';
import { samlHandlers } from './saml.js';
import { outboundTokenHandlers } from './outbound-token.js';
import { delegatedAccessHandlers } from './delegated-access.js';

export const stsHandlers: StsHandlers = {
  ...callerIdentityHandlers,
  ...accessKeyInfoHandlers,
  ...assumeRoleHandlers,
  ...sessionTokenHandlers,
  ...authorizationMessageHandlers,
  ...assumeRootHandlers,
  ...webIdentityHandlers,
  ...samlHandlers,
  ...outboundTokenHandlers,
  ...delegatedAccessHandlers,
};
