// Every STS handler, by operation name.
import type { StsHandlers } from '../protocol/handlers.js';
import { callerIdentityHandlers } from './caller-identity.js';
import { accessKeyInfoHandlers } from './access-key-info.js';

export const stsHandlers: StsHandlers = {
  ...callerIdentityHandlers,
  ...accessKeyInfoHandlers,
};
