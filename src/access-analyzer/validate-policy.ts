// ValidatePolicy: Access Analyzer's policy checks (src/policy/lint.ts) over a document, answered as
// ValidatePolicyFinding objects — issue code, finding type, details, learnMoreLink and locations
// (a path into the document and a span whose line counts from 1, column and offset from 0, as the
// API reference's Position says).
import type { RequestContext } from '../context.js';
import type { Location, PathElement, ValidatePolicyFinding, ValidatePolicyRequest, ValidatePolicyResponse } from '../protocol/generated/access-analyzer-types.js';
import { lintPolicy, type LintKind, type PolicyFinding } from '../policy/lint.js';
import { learnMoreLink } from '../policy/check-codes.js';
import type { Pos } from '../policy/json.js';
import { catalogFor } from './catalog.js';
import { validationException } from '../protocol/rest-json.js';

/** The check kind for ValidatePolicy's policy type (and resource type, for resource policies). */
export function kindFor(policyType: ValidatePolicyRequest['policyType'], resourceType?: string): LintKind {
  switch (policyType) {
    case 'IDENTITY_POLICY':
      return 'identity';
    case 'SERVICE_CONTROL_POLICY':
      return 'scp';
    case 'RESOURCE_CONTROL_POLICY':
      return 'rcp';
    default:
      return resourceType === 'AWS::IAM::AssumeRolePolicyDocument' ? 'trust' : 'resource';
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** A finding as the API returns it. */
export function toApiFinding(f: PolicyFinding, lineStarts: number[]): ValidatePolicyFinding {
  const position = (p: Pos) => ({ line: p.line, column: p.column - 1, offset: (lineStarts[p.line - 1] ?? 0) + p.column - 1 });
  const path: PathElement[] = f.path.map((e) => (typeof e === 'number' ? { index: e } : { value: e }));
  const location: Location = { path, span: { start: position(f.start), end: position(f.end) } };
  return {
    findingDetails: f.findingDetails,
    findingType: f.findingType,
    issueCode: f.issueCode,
    learnMoreLink: learnMoreLink(f.issueCode),
    locations: [location],
  };
}

/** Every finding of a document, as the API returns them (also `iam-local validate`). */
export async function validateDocument(document: string, kind: LintKind, resourceType?: string): Promise<{ findings: ValidatePolicyFinding[]; raw: PolicyFinding[] }> {
  const raw = lintPolicy(document, kind, await catalogFor(document), { resourceType });
  const starts = lineStartsOf(document);
  return { findings: raw.map((f) => toApiFinding(f, starts)), raw };
}

// The token is the index of the next finding; the same document and page size give the same pages.
const encodeToken = (n: number) => Buffer.from(`iam-local:${n}`).toString('base64');
function decodeToken(token: string): number {
  const m = /^iam-local:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m) throw validationException('Invalid pagination token.', [{ name: 'nextToken', message: 'Invalid pagination token.' }]);
  return Number(m[1]);
}

export async function validatePolicy(_ctx: RequestContext, input: ValidatePolicyRequest): Promise<ValidatePolicyResponse> {
  const { findings } = await validateDocument(input.policyDocument, kindFor(input.policyType, input.validatePolicyResourceType), input.validatePolicyResourceType);
  const from = input.nextToken ? decodeToken(input.nextToken) : 0;
  const size = input.maxResults ?? findings.length;
  const page = findings.slice(from, from + size);
  const next = from + size < findings.length ? encodeToken(from + size) : undefined;
  return { findings: page, ...(next ? { nextToken: next } : {}) };
}
