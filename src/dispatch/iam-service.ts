// IAM's model and handlers as one module, loaded on IAM's first call (see ./services.ts).
import { iamModel } from '../protocol/generated/iam-model.js';
import { iamHandlers } from '../iam/index.js';

export const iamService = { model: iamModel, handlers: iamHandlers };
