// Every IAM handler, by operation name.
import type { IamHandlers } from '../protocol/handlers.js';
import { userHandlers } from './users.js';

export const iamHandlers: IamHandlers = {
  ...userHandlers,
};
