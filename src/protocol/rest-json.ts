// The AWS REST-JSON protocol (Access Analyzer), driven by a service model: which operation a method
// and path name, the typed input from URI labels, the query string and the JSON body (each member
// checked against the model's constraints), the JSON output in model order, and errors as AWS's
// REST-JSON services send them: the code in `x-amzn-ErrorType`, the body `{"message": …}` plus the
// error shape's other members (ValidationException's `reason` and `fieldList`).
import type { RestServiceModel, RestShapeModel } from './rest-model-types.js';
import { AwsError } from './errors.js';
import { validationMessage, type Violation } from './validation.js';
import { compilePattern } from './parse.js';
import { dict, own } from '../own.js';

/** An AwsError whose JSON body carries members beyond `message` (the error shape's own). */
export class RestError extends AwsError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(code, message, status, status < 500);
  }
}

export const serializationException = (message: string) => new RestError('SerializationException', message, 400);

interface Route {
  operation: string;
  method: string;
  segments: string[];
}

const routesOf = new WeakMap<RestServiceModel, Route[]>();
function routes(model: RestServiceModel): Route[] {
  let list = routesOf.get(model);
  if (!list) {
    list = Object.entries(model.operations).map(([operation, op]) => ({ operation, method: op.method, segments: op.uri.split('/').filter(Boolean) }));
    routesOf.set(model, list);
  }
  return list;
}

/** The operation a request's method and path name, with its URI labels; undefined when none. */
export function findOperation(model: RestServiceModel, method: string, path: string): { operation: string; labels: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const r of routes(model)) {
    if (r.method !== method || r.segments.length !== parts.length) continue;
    const labels = dict<string>();
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const seg = r.segments[i]!;
      if (seg.startsWith('{') && seg.endsWith('}')) {
        try {
          labels[seg.slice(1, -1)] = decodeURIComponent(parts[i]!);
        } catch {
          ok = false;
        }
      } else ok = seg === parts[i];
    }
    if (ok) return { operation: r.operation, labels };
  }
  return undefined;
}

/** Every path prefix the model's operations live under (for routing: `/policy`). */
export function pathPrefixes(model: RestServiceModel): string[] {
  return [...new Set(routes(model).map((r) => `/${r.segments[0]}`))];
}

const typeName: Record<string, string> = { structure: 'object', list: 'array', map: 'object', string: 'string', integer: 'number', long: 'number', boolean: 'boolean', timestamp: 'timestamp' };

class InputReader {
  readonly violations: Violation[] = [];
  constructor(private readonly model: RestServiceModel) {}

  private shape(name: string): RestShapeModel {
    const s = own(this.model.shapes, name);
    if (!s) throw new Error(`shape ${name} missing from model`);
    return s;
  }

  /** A JSON value of the body, by shape. Wrong JSON types are SerializationExceptions, as AWS's are. */
  json(shapeName: string, v: unknown, path: string): unknown {
    if (v === null || v === undefined) return undefined;
    const s = this.shape(shapeName);
    const wrong = () => serializationException(`Expected ${typeName[s.type] ?? s.type} at '${path}'`);
    switch (s.type) {
      case 'structure': {
        if (typeof v !== 'object' || Array.isArray(v)) throw wrong();
        const out = dict<unknown>();
        const o = v as Record<string, unknown>;
        const required = new Set(s.required ?? []);
        for (const [member, memberShape] of Object.entries(s.members ?? {})) {
          if (s.locations && own(s.locations, member)) continue;
          const mpath = path ? `${path}.${member}` : member;
          const value = this.json(memberShape, own(o, member), mpath);
          if (value === undefined) {
            if (required.has(member)) this.violations.push({ path: mpath, value: null, constraint: 'Member must not be null' });
          } else out[member] = value;
        }
        return out;
      }
      case 'list': {
        if (!Array.isArray(v)) throw wrong();
        const items = v.map((item, i) => this.json(s.member!, item, `${path}.${i + 1}.member`)).filter((x) => x !== undefined);
        this.length(items.length, s, path, items);
        return items;
      }
      case 'map': {
        if (typeof v !== 'object' || Array.isArray(v)) throw wrong();
        const out = dict<unknown>();
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) out[k] = this.json(s.value!, item, `${path}.${k}`);
        return out;
      }
      case 'string':
        if (typeof v !== 'string') throw wrong();
        return this.string(s, v, path);
      case 'integer':
      case 'long':
        if (typeof v !== 'number' || !Number.isInteger(v)) throw wrong();
        return this.number(s, v, path);
      case 'boolean':
        if (typeof v !== 'boolean') throw wrong();
        return v;
      case 'timestamp': {
        const d = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : undefined;
        if (!d || Number.isNaN(d.getTime())) throw wrong();
        return d;
      }
      default:
        return v;
    }
  }

  /** A URI label, query parameter or header, by shape. */
  text(shapeName: string, raw: string, path: string): unknown {
    const s = this.shape(shapeName);
    switch (s.type) {
      case 'integer':
      case 'long': {
        if (!/^[-+]?\d+$/.test(raw.trim())) throw serializationException(`Expected number at '${path}'`);
        return this.number(s, Number(raw), path);
      }
      case 'boolean': {
        const t = raw.trim().toLowerCase();
        if (t !== 'true' && t !== 'false') throw serializationException(`Expected boolean at '${path}'`);
        return t === 'true';
      }
      default:
        return this.string(s, raw, path);
    }
  }

  private string(s: RestShapeModel, v: string, path: string): string {
    this.length(v.length, s, path, v);
    if (s.pattern && !compilePattern(s.pattern).test(v)) this.violations.push({ path, value: v, constraint: `Member must satisfy regular expression pattern: ${s.pattern}` });
    if (s.enum && !s.enum.includes(v)) this.violations.push({ path, value: v, constraint: `Member must satisfy enum value set: [${s.enum.join(', ')}]` });
    return v;
  }

  private number(s: RestShapeModel, n: number, path: string): number {
    if (s.min !== undefined && n < s.min) this.violations.push({ path, value: String(n), constraint: `Member must have value greater than or equal to ${s.min}` });
    if (s.max !== undefined && n > s.max) this.violations.push({ path, value: String(n), constraint: `Member must have value less than or equal to ${s.max}` });
    return n;
  }

  private length(n: number, s: RestShapeModel, path: string, value: unknown) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    if (s.min !== undefined && n < s.min) this.violations.push({ path, value: shown, constraint: `Member must have length greater than or equal to ${s.min}` });
    if (s.max !== undefined && n > s.max) this.violations.push({ path, value: shown, constraint: `Member must have length less than or equal to ${s.max}` });
  }
}

/** ValidationException as Access Analyzer sends it: message, reason and the failing fields. */
export function validationException(message: string, fieldList?: { name: string; message: string }[]): RestError {
  return new RestError('ValidationException', message, 400, { reason: 'fieldValidationFailed', ...(fieldList ? { fieldList } : {}) });
}

export interface RestInputSource {
  labels: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The operation's typed input, or AWS's SerializationException / ValidationException. */
export function parseRestInput(model: RestServiceModel, operation: string, src: RestInputSource): Record<string, unknown> {
  const op = own(model.operations, operation)!;
  if (!op.input) return {};
  const s = model.shapes[op.input]!;
  const reader = new InputReader(model);
  let bodyValue: unknown = {};
  if (src.body.trim() !== '') {
    try {
      bodyValue = JSON.parse(src.body);
    } catch {
      throw serializationException('Unable to parse request body as JSON');
    }
  }
  const input = (reader.json(op.input, bodyValue, '') ?? {}) as Record<string, unknown>;
  const required = new Set(s.required ?? []);
  for (const [member, where] of Object.entries(s.locations ?? {})) {
    const raw =
      where.in === 'uri'
        ? own(src.labels, where.name)
        : where.in === 'querystring'
          ? (src.query.get(where.name) ?? undefined)
          : ([src.headers[where.name.toLowerCase()]].flat()[0] ?? undefined);
    if (raw === undefined) {
      if (required.has(member)) reader.violations.push({ path: member, value: null, constraint: 'Member must not be null' });
      continue;
    }
    input[member] = reader.text(s.members![member]!, raw, member);
  }
  if (reader.violations.length)
    throw validationException(
      validationMessage(model, reader.violations),
      reader.violations.map((v) => ({ name: v.path, message: v.constraint })),
    );
  return input;
}

/** The output as the JSON body: members in model order, timestamps as epoch seconds, unions as set. */
export function serializeRestOutput(model: RestServiceModel, operation: string, output: unknown): string {
  const op = own(model.operations, operation)!;
  if (!op.output) return '{}';
  return JSON.stringify(toJson(model, op.output, output) ?? {});
}

function toJson(model: RestServiceModel, shapeName: string, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  const s = model.shapes[shapeName]!;
  switch (s.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      const o = v as Record<string, unknown>;
      for (const [member, memberShape] of Object.entries(s.members ?? {})) {
        const j = toJson(model, memberShape, o[member]);
        if (j !== undefined) out[member] = j;
      }
      return out;
    }
    case 'list':
      return (v as unknown[]).map((item) => toJson(model, s.member!, item));
    case 'map':
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, item]) => [k, toJson(model, s.value!, item)]));
    case 'timestamp': {
      const d = v instanceof Date ? v : new Date(v as string);
      return s.timestampFormat === 'iso8601' ? d.toISOString() : s.timestampFormat === 'rfc822' ? d.toUTCString() : d.getTime() / 1000;
    }
    default:
      return v;
  }
}

/** An error's status, headers and JSON body as a REST-JSON service sends them. */
export function restErrorResponse(err: AwsError, requestId: string): { status: number; headers: Record<string, string>; body: string } {
  const fields = err instanceof RestError ? err.fields : {};
  return {
    status: err.status,
    headers: { 'x-amzn-errortype': err.code, 'x-amzn-requestid': requestId, 'content-type': 'application/json' },
    body: JSON.stringify({ message: err.message, ...fields }),
  };
}
