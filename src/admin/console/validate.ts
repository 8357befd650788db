// The policy editor's check as you type: the engine's own validatePolicyDocument, with a position.
// A JSON syntax error carries its line and column (parseJson's); for a grammar error the offending
// statement is found by asking the same validator about each statement on its own, in a document
// with the same Version — no rule is restated here.
import { AwsError } from '../../protocol/errors.js';
import { duplicateKey, MESSAGES, validatePolicyDocument, type PolicyKind } from '../../policy/validate.js';
import { parseJson, JsonSyntaxError, type JNode, type Pos } from '../../policy/json.js';

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

function jsonErrorPosition(e: JsonSyntaxError): Pos | undefined {
  const m = /line (\d+) column (\d+)/.exec(e.message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/** The source text of a node, by its positions. */
function sliceOf(text: string, lineStarts: number[], n: JNode): string {
  const off = (p: Pos) => lineStarts[p.line - 1]! + p.column - 1;
  return text.slice(off(n.start), off(n.end));
}

export function validateForEditor(document: string, kind: PolicyKind): ValidationAnswer {
  try {
    validatePolicyDocument(document, kind);
    return { ok: true };
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    const answer: ValidationAnswer = { ok: false, code: e.code, message: e.message };
    let root: JNode;
    try {
      root = parseJson(document);
    } catch (je) {
      if (je instanceof JsonSyntaxError) Object.assign(answer, jsonErrorPosition(je));
      return answer;
    }
    if (root.kind !== 'object') return { ...answer, line: root.start.line, column: root.start.column };
    const dup = duplicateKey(root);
    if (dup) return { ...answer, line: dup.keyStart.line, column: dup.keyStart.column };
    const version = root.entries.find((en) => en.key === 'Version');
    const stmt = root.entries.find((en) => en.key === 'Statement');
    if (!stmt) return { ...answer, line: root.start.line, column: root.start.column };
    const list = stmt.value.kind === 'array' ? stmt.value.items : [stmt.value];
    const lineStarts = [0];
    for (let i = 0; i < document.length; i++) if (document.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const versionText = version && version.value.kind === 'string' ? `"Version":${JSON.stringify(version.value.value)},` : '';
    const badVersion = !!version && !(version.value.kind === 'string' && ['2012-10-17', '2008-10-17'].includes(version.value.value));
    // A missing or unsupported Version is no statement's fault: every statement alone would fail the same way.
    if (e.message === MESSAGES.version || badVersion) {
      const at = version ? version.keyStart : root.start;
      return { ...answer, line: at.line, column: at.column };
    }
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      try {
        validatePolicyDocument(`{${versionText}"Statement":[${sliceOf(document, lineStarts, s)}]}`, kind, { skipSize: true });
      } catch (se) {
        if (se instanceof AwsError && se.message === e.message)
          return { ...answer, line: s.start.line, column: s.start.column, endLine: s.end.line, endColumn: s.end.column, statement: i };
      }
    }
    // Not one statement's fault (Version, a top-level field, duplicate Sids, size): the key it is about.
    const where = version && e.message.includes('legacy') ? version : stmt;
    return { ...answer, line: where.keyStart.line, column: where.keyStart.column };
  }
}
