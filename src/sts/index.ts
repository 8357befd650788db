// Every STS handler, by operation name.
import type { StsHandlers } from '../protocol/handlers.js';
import { callerIdentityHandlers } from './caller-identity.js';

export const stsHandlers: StsHandlers = {
  ...callerIdentityHandlers,
};
