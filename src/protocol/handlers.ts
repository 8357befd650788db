// Handlers are plain typed functions of the model's input and output shapes.
import type { Operations as IamOperations } from './generated/iam-types.js';
import type { Operations as StsOperations } from './generated/sts-types.js';
import type { RequestContext } from '../context.js';

export type Handler<I, O> = (ctx: RequestContext, input: I) => O | Promise<O>;

export type IamHandlers = {
  [K in keyof IamOperations]?: Handler<IamOperations[K]['input'], IamOperations[K]['output']>;
};
export type StsHandlers = {
  [K in keyof StsOperations]?: Handler<StsOperations[K]['input'], StsOperations[K]['output']>;
};
export type { IamOperations, StsOperations };
