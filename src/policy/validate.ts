// Validation of policy documents as IAM does it, with AWS's MalformedPolicyDocument messages.
// The policy-engine issue owns this file: it grows the full grammar check here; callers only
// ever use validatePolicyDocument().
import { malformedPolicy } from '../protocol/errors.js';

/** identity: user/group/role/managed policies; trust: a role's AssumeRolePolicyDocument;
 *  boundary: a permissions boundary; session: an STS session policy; resource: other resource policies. */
export type PolicyKind = 'identity' | 'trust' | 'boundary' | 'session' | 'resource';

/** Throws MalformedPolicyDocument (400) when `text` is not a policy IAM would accept for `kind`. */
export function validatePolicyDocument(text: string, _kind: PolicyKind): void {
  try {
    JSON.parse(text);
  } catch {
    throw malformedPolicy('This policy contains invalid Json');
  }
}
