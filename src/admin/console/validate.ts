// The policy editor's check as you type: the engine's own validatePolicyDocument, with a position.
// The engine places a JSON syntax error, a duplicate key and a bad Version itself; for any other
// refusal the offending statement is found by asking the same validator about each statement on its
// own, in a document with the same Version — no rule is restated here. The code shown is the one
// the API would answer with (src/resolution/policy-errors.ts).
import { validatePolicyDocument, type PolicyKind } from '../../policy/validate.js';
import { parseJson, type JNode, type Pos } from '../../policy/json.js';
import { policyError } from '../../resolution/policy-errors.js';

export const POLICY_KINDS: PolicyKind[] = ['identity', 'trust', 'boundary', 'session', 'resource'];

export interface ValidationAnswer {
  ok: boolean;
  code?: string;
  message?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** The statement (0-based) the error is in, when one is. */
  statement?: number;
}

/** The source text of a node, by its positions. */
function sliceOf(text: string, lineStarts: number[], n: JNode): string {
  const off = (p: Pos) => lineStarts[p.line - 1]! + p.column - 1;
  return text.slice(off(n.start), off(n.end));
}

export function validateForEditor(document: string, kind: PolicyKind): ValidationAnswer {
  const v = validatePolicyDocument(document, kind);
  if (v.ok) return { ok: true };
  const e = policyError(v.finding);
  const answer: ValidationAnswer = { ok: false, code: e.code, message: e.message };
  if (v.finding.kind !== 'size' && v.finding.position) return { ...answer, ...v.finding.position };
  // Only a finding without a position gets here, so the text is JSON: an object with Statement.
  const root = parseJson(document);
  if (root.kind !== 'object') return answer;
  const version = root.entries.find((en) => en.key === 'Version');
  const stmt = root.entries.find((en) => en.key === 'Statement');
  if (!stmt) return { ...answer, line: root.start.line, column: root.start.column };
  const list = stmt.value.kind === 'array' ? stmt.value.items : [stmt.value];
  const lineStarts = [0];
  for (let i = 0; i < document.length; i++) if (document.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const versionText = version && version.value.kind === 'string' ? `"Version":${JSON.stringify(version.value.value)},` : '';
  const badVersion = !!version && !(version.value.kind === 'string' && ['2012-10-17', '2008-10-17'].includes(version.value.value));
  // An unsupported Version is no statement's fault: every statement alone would fail the same way.
  if (badVersion) return { ...answer, line: version.keyStart.line, column: version.keyStart.column };
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    const alone = validatePolicyDocument(`{${versionText}"Statement":[${sliceOf(document, lineStarts, s)}]}`, kind, { skipSize: true });
    if (!alone.ok && alone.finding.message === e.message)
      return { ...answer, line: s.start.line, column: s.start.column, endLine: s.end.line, endColumn: s.end.column, statement: i };
  }
  // Not one statement's fault (Version, a top-level field, duplicate Sids, size): the key it is about.
  const where = version && e.message.includes('legacy') ? version : stmt;
  return { ...answer, line: where.keyStart.line, column: where.keyStart.column };
}
