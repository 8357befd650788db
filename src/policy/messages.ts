// AWS's AccessDenied message for a denied request, e.g.
// "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateUser on resource:
//  arn:aws:iam::123456789012:user/alice because no identity-based policy allows the iam:CreateUser action"
import type { EvalResult } from './evaluate.js';

export function accessDeniedMessage(principalArn: string, action: string, resource: string, result: EvalResult): string {
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${result.reason}`;
}
