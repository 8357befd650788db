// sts:AssumeRoot — privileged root-user sessions on a member account, which AWS grants only to the
// management account (or a delegated administrator) of an AWS Organization with centralized root
// access enabled, and only for its five root-task policies. iam-local has no Organizations: every
// account is standalone, so after the request is checked as AWS checks it the call is refused with
// AccessDenied, as AWS refuses it for an account outside such an organization.
import type { StsHandlers } from '../protocol/handlers.js';
import { validationError } from '../protocol/errors.js';
import { notAuthorized } from './assume-role.js';

export const ROOT_TASK_POLICIES = [
  'IAMAuditRootUserCredentials',
  'IAMCreateRootUserPassword',
  'IAMDeleteRootUserCredentials',
  'S3UnlockBucketPolicy',
  'SQSUnlockQueuePolicy',
].map((n) => `arn:aws:iam::aws:policy/root-task/${n}`);

export const assumeRootHandlers: StsHandlers = {
  AssumeRoot(ctx, input) {
    const task = input.TaskPolicyArn.arn;
    if (!task || !ROOT_TASK_POLICIES.includes(task))
      throw validationError(`Invalid TaskPolicyArn: ${task ?? ''}. Use one of the AWS managed root-task policies.`);
    throw notAuthorized(ctx.principal.arn, 'sts:AssumeRoot', `arn:aws:iam::${input.TargetPrincipal}:root`);
  },
};
