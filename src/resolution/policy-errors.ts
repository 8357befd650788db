// The one place the policy engine's findings become the API's errors. The engine (src/policy/)
// answers in its own terms — a syntax, semantic or size finding with IAM's message — and knows no
// error codes; every caller that refuses a document (IAM's policy, role and inline-policy handlers,
// STS session policies, the seed check, the console's editor, the Policy Simulator) gets its
// AwsError here, so a code and its status are chosen once.
import { AwsError, invalidInput, limitExceeded, malformedPolicy } from '../aws-error.js';
import { validatePolicyDocument, type PolicyFinding, type PolicyKind, type ValidateOptions } from '../policy/validate.js';

/** AWS's error for a finding: MalformedPolicyDocument (400) for a document IAM refuses, LimitExceeded
 *  (409) for one over its size quota. The Policy Simulator refuses its input policies as InvalidInput
 *  (400) with the same message instead. */
export function policyError(finding: PolicyFinding, as: 'document' | 'simulator-input' = 'document'): AwsError {
  if (as === 'simulator-input') return invalidInput(finding.message);
  return finding.kind === 'size' ? limitExceeded(finding.message) : malformedPolicy(finding.message);
}

/** Throws AWS's error (policyError) when IAM would not accept `text` as a policy of `kind`. */
export function requireValidPolicy(
  text: string,
  kind: PolicyKind,
  opts: ValidateOptions = {},
  as: 'document' | 'simulator-input' = 'document',
): void {
  const v = validatePolicyDocument(text, kind, opts);
  if (!v.ok) throw policyError(v.finding, as);
}
