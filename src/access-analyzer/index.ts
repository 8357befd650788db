// The Access Analyzer operations iam-local implements, as typed handlers of the generated model.
import type { RequestContext } from '../context.js';
import type { Operations } from '../protocol/generated/access-analyzer-types.js';
import { validatePolicy } from './validate-policy.js';
import { cancelPolicyGeneration, getGeneratedPolicy, listPolicyGenerations, startPolicyGeneration } from './policy-generation.js';
import { checkAccessNotGrantedHandler, checkNoNewAccessHandler, checkNoPublicAccessHandler } from './access-checks.js';

type Handler<I, O> = (ctx: RequestContext, input: I) => O | Promise<O>;
export type AccessAnalyzerHandlers = { [K in keyof Operations]?: Handler<Operations[K]['input'], Operations[K]['output']> };

export const accessAnalyzerHandlers: AccessAnalyzerHandlers = {
  ValidatePolicy: validatePolicy,
  CheckAccessNotGranted: checkAccessNotGrantedHandler,
  CheckNoNewAccess: checkNoNewAccessHandler,
  CheckNoPublicAccess: checkNoPublicAccessHandler,
  StartPolicyGeneration: startPolicyGeneration,
  GetGeneratedPolicy: getGeneratedPolicy,
  ListPolicyGenerations: listPolicyGenerations,
  CancelPolicyGeneration: cancelPolicyGeneration,
};
