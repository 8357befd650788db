// A small JSON parser that keeps the position of every value in the original text.
// Lines and columns are 1-based; `end` is the position just after the value's last character
// (the convention of the Policy Simulator's StartPosition/EndPosition).
import { dict } from '../own.js';

export interface Pos {
  line: number;
  column: number;
}

interface Base {
  start: Pos;
  end: Pos;
}
export type JNode =
  | (Base & { kind: 'object'; entries: JEntry[] })
  | (Base & { kind: 'array'; items: JNode[] })
  | (Base & { kind: 'string'; value: string })
  | (Base & { kind: 'number'; value: number; raw: string })
  | (Base & { kind: 'boolean'; value: boolean })
  | (Base & { kind: 'null' });

export interface JEntry {
  key: string;
  keyStart: Pos;
  value: JNode;
}

/** Text that is not JSON; `position` is where the parser stopped (1-based line and column). */
export class JsonSyntaxError extends Error {
  constructor(readonly position: Pos) {
    super(`invalid JSON at line ${position.line} column ${position.column}`);
  }
}

export function parseJson(text: string): JNode {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): Pos => ({ line, column: i - lineStart + 1 });
  const fail = (): never => {
    throw new JsonSyntaxError(pos());
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        i++;
        line++;
        lineStart = i;
      } else if (c === 32 || c === 9 || c === 13) i++;
      else return;
    }
  };
  const str = (): string => {
    // at opening quote
    i++;
    let out = '';
    let from = i;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(from, i);
        i++;
        return out;
      }
      if (c < 0x20) fail();
      if (c === 92) {
        out += text.slice(from, i);
        const e = text[i + 1];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail();
        }
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
  };
  const value = (): JNode => {
    ws();
    const start = pos();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: JEntry[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', entries, start, end: pos() };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const keyStart = pos();
        const key = str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        const v = value();
        entries.push({ key, keyStart, value: v });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', entries, start, end: pos() };
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      const items: JNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items, start, end: pos() };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', items, start, end: pos() };
        }
        fail();
      }
    }
    if (c === '"') {
      const s = str();
      return { kind: 'string', value: s, start, end: pos() };
    }
    if (text.startsWith('true', i)) {
      i += 4;
      return { kind: 'boolean', value: true, start, end: pos() };
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return { kind: 'boolean', value: false, start, end: pos() };
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return { kind: 'null', start, end: pos() };
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    const raw = m![0];
    i += raw.length;
    return { kind: 'number', value: Number(raw), raw, start, end: pos() };
  };
  // A leading byte-order mark is tolerated, as JSON parsers on the AWS side do.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const root = value();
  ws();
  if (i !== text.length) fail();
  return root;
}

/** The plain JS value of a node (like JSON.parse). */
export function toPlain(n: JNode): unknown {
  switch (n.kind) {
    case 'object': {
      const o = dict<unknown>();
      for (const e of n.entries) o[e.key] = toPlain(e.value);
      return o;
    }
    case 'array':
      return n.items.map(toPlain);
    case 'null':
      return null;
    default:
      return n.value;
  }
}
