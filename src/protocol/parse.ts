// The one generic parser of the AWS Query protocol: flat `Name.member.1.Key=…` parameters → a typed
// input object, driven by the service model, checking every constraint the model states and
// answering violations the way AWS does (validation.ts words them).
import type { ServiceModel, ShapeModel } from './model-types.js';
import { AwsError } from './errors.js';
import { itemConstraints, ownPatternMessage, validationMessage, type OwnCheck, type Violation } from './validation.js';
import { dict, own } from '../own.js';

export { validationMessage };
export type Params = Map<string, string>;

const patternCache = new Map<string, RegExp>();

// botocore patterns are Java regular expressions matched against the whole value. (The one place
// a RegExp is built: from the service models' constraints, never from a request; rest-json.ts uses it too.)
export function compilePattern(p: string): RegExp {
  let re = patternCache.get(p);
  if (!re) {
    try {
      re = new RegExp(`^(?:${p})$`, 'u');
    } catch {
      re = new RegExp(`^(?:${p})$`, 's');
    }
    patternCache.set(p, re);
  }
  return re;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

interface MemberInfo {
  member: string;
  shape: string;
  /** The member's name in validation messages (lower-case first letter). */
  pathName: string;
  required: boolean;
}

// Each structure's members, worked out once per shape rather than on every request.
const memberInfos = new WeakMap<ShapeModel, MemberInfo[]>();
function membersOf(s: ShapeModel): MemberInfo[] {
  let list = memberInfos.get(s);
  if (!list) {
    const required = new Set(s.required ?? []);
    list = Object.entries(s.members ?? {}).map(([member, shape]) => ({ member, shape, pathName: lowerFirst(member), required: required.has(member) }));
    memberInfos.set(s, list);
  }
  return list;
}

// Every key's prefixes and the segments that follow them, built once per request, so that finding
// the members of a list or structure costs the same however many parameters a request carries.
class ParamIndex {
  private readonly children = new Map<string, Set<string>>();
  constructor(readonly params: Params) {
    for (const key of params.keys()) {
      let dot = key.indexOf('.');
      while (dot !== -1) {
        const prefix = key.slice(0, dot);
        const next = key.indexOf('.', dot + 1);
        const segment = key.slice(dot + 1, next === -1 ? undefined : next);
        let set = this.children.get(prefix);
        if (!set) this.children.set(prefix, (set = new Set()));
        set.add(segment);
        dot = next;
      }
    }
  }

  has(prefix: string): boolean {
    return this.params.has(prefix) || this.children.has(prefix);
  }

  /** Indices N of `${prefix}.N…`, sorted numerically; the Query protocol numbers from 1. */
  indices(prefix: string): number[] {
    const found: number[] = [];
    for (const seg of this.children.get(prefix) ?? []) {
      const n = Number(seg);
      if (/^\d+$/.test(seg) && n >= 1) found.push(n);
    }
    return found.sort((a, b) => a - b);
  }
}

function display(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(display).join(', ')}]`;
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

class Parser {
  readonly violations: Violation[] = [];
  /** Pattern violations IAM answers with a message of its own (after the model's). */
  readonly ownChecks: OwnCheck[] = [];
  private readonly index: ParamIndex;
  constructor(
    private readonly model: ServiceModel,
    private readonly params: Params,
  ) {
    this.index = new ParamIndex(params);
  }

  private shape(name: string): ShapeModel {
    const s = own(this.model.shapes, name);
    if (!s) throw new Error(`shape ${name} missing from model`);
    return s;
  }

  structure(shapeName: string, prefix: string, path: string): Record<string, unknown> {
    const s = this.shape(shapeName);
    const out: Record<string, unknown> = {};
    for (const { member, shape: memberShape, pathName, required } of membersOf(s)) {
      const key = prefix ? `${prefix}.${member}` : member;
      const mpath = path ? `${path}.${pathName}` : pathName;
      const value = this.value(memberShape, key, mpath);
      if (value === undefined) {
        if (required) this.violations.push({ path: mpath, value: null, constraint: 'Member must not be null' });
        continue;
      }
      out[member] = value;
    }
    return out;
  }

  value(shapeName: string, key: string, path: string): unknown {
    const s = this.shape(shapeName);
    switch (s.type) {
      case 'structure':
        return this.index.has(key) ? this.structure(shapeName, key, path) : undefined;
      case 'list': {
        if (!this.index.has(key)) return undefined;
        // `Name=` (empty) is how the Query protocol sends an empty list.
        const itemShape = this.shape(s.member!);
        const scalarItems = itemShape.type !== 'structure' && itemShape.type !== 'list' && itemShape.type !== 'map';
        // Items of a string list are checked as one: a bad item is reported at the list.
        const mark = this.violations.length;
        const items = this.index.indices(`${key}.member`).map((n) =>
          this.value(s.member!, `${key}.member.${n}`, `${path}.${n}.member`),
        );
        const list = items.filter((v) => v !== undefined);
        const itemFailed = scalarItems && this.violations.length > mark;
        if (itemFailed) this.violations.length = mark;
        this.checkLength(list.length, s, path, list);
        if (itemFailed) this.violations.push({ path, value: display(list), constraint: itemConstraints(this.model, s.member!) });
        return list;
      }
      case 'map': {
        if (!this.index.has(key)) return undefined;
        const map = dict<unknown>();
        for (const n of this.index.indices(`${key}.entry`)) {
          const k = this.value(s.key!, `${key}.entry.${n}.key`, `${path}.${n}.key`);
          const v = this.value(s.value!, `${key}.entry.${n}.value`, `${path}.${n}.value`);
          if (typeof k === 'string') map[k] = v;
        }
        this.checkLength(Object.keys(map).length, s, path, map);
        return map;
      }
      default:
        return this.scalar(s, this.params.get(key), path, shapeName);
    }
  }

  private scalar(s: ShapeModel, raw: string | undefined, path: string, shapeName: string): unknown {
    if (raw === undefined) return undefined;
    switch (s.type) {
      case 'string': {
        this.checkLength(raw.length, s, path, raw);
        if (s.pattern && !compilePattern(s.pattern).test(raw)) {
          const own = ownPatternMessage(this.model, shapeName, path);
          if (own) {
            this.ownChecks.push({ path, message: own });
            return raw;
          }
          this.violations.push({
            path,
            value: raw,
            constraint: `Member must satisfy regular expression pattern: ${s.pattern}`,
          });
        }
        if (s.enum && !s.enum.includes(raw)) {
          this.violations.push({ path, value: raw, constraint: `Member must satisfy enum value set: [${s.enum.join(', ')}]` });
        }
        return raw;
      }
      case 'integer':
      case 'long': {
        const t = raw.trim();
        if (!/^[-+]?\d+$/.test(t)) {
          this.violations.push({ path, value: raw, constraint: 'Member must be a number' });
          return undefined;
        }
        const n = Number(t);
        if (s.min !== undefined && n < s.min)
          this.violations.push({ path, value: raw, constraint: `Member must have value greater than or equal to ${s.min}` });
        if (s.max !== undefined && n > s.max)
          this.violations.push({ path, value: raw, constraint: `Member must have value less than or equal to ${s.max}` });
        return n;
      }
      case 'boolean': {
        const t = raw.trim().toLowerCase();
        if (t !== 'true' && t !== 'false') {
          this.violations.push({ path, value: raw, constraint: 'Member must be a boolean' });
          return undefined;
        }
        return t === 'true';
      }
      case 'timestamp': {
        const d = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
        if (Number.isNaN(d.getTime())) {
          this.violations.push({ path, value: raw, constraint: 'Member must be a timestamp' });
          return undefined;
        }
        return d;
      }
      case 'blob': {
        const buf = Buffer.from(raw, 'base64');
        this.checkLength(buf.length, s, path, raw);
        return buf;
      }
      default:
        return raw;
    }
  }

  private checkLength(n: number, s: ShapeModel, path: string, value: unknown) {
    if (s.min !== undefined && n < s.min)
      this.violations.push({ path, value: display(value), constraint: `Member must have length greater than or equal to ${s.min}` });
    if (s.max !== undefined && n > s.max)
      this.violations.push({ path, value: display(value), constraint: `Member must have length less than or equal to ${s.max}` });
  }
}

/** Parses the parameters of one operation into its typed input, or throws AWS's ValidationError. */
export function parseInput(model: ServiceModel, operation: string, params: Params): Record<string, unknown> {
  const op = own(model.operations, operation);
  if (!op?.input) return {};
  const parser = new Parser(model, params);
  const input = parser.structure(op.input, '', '');
  if (parser.violations.length) throw new AwsError('ValidationError', validationMessage(model, parser.violations), 400);
  if (parser.ownChecks.length) throw new AwsError('ValidationError', parser.ownChecks[0]!.message, 400);
  return input;
}
