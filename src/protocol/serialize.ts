// The one generic serializer of the AWS Query protocol: a typed output object → AWS's XML, members
// in model order, lists as <member>, maps as <entry>, timestamps ISO 8601 without milliseconds.
import type { ServiceModel } from './model-types.js';
import type { AwsError } from './errors.js';

// Text content needs only &, < and > escaped (and \r, which XML parsers would otherwise fold);
// quotes stay as they are, as in AWS's responses.
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
export const escapeXml = (s: string) => s.replace(/[&<>\r]/g, (c) => XML_ESCAPES[c]!);

export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function scalar(type: string, v: unknown): string {
  switch (type) {
    case 'timestamp':
      return isoSeconds(v instanceof Date ? v : new Date(v as string));
    case 'boolean':
      return v ? 'true' : 'false';
    case 'blob':
      return Buffer.isBuffer(v) ? v.toString('base64') : Buffer.from(String(v)).toString('base64');
    default:
      return escapeXml(String(v));
  }
}

// Each structure's members as [name, shape] pairs, listed once (a ListUsers page has 100 users).
const memberLists = new WeakMap<object, [string, string][]>();
function membersOf(s: { members?: Record<string, string> }): [string, string][] {
  let list = memberLists.get(s);
  if (!list) memberLists.set(s, (list = Object.entries(s.members ?? {})));
  return list;
}

function shapeXml(model: ServiceModel, shapeName: string, v: unknown): string {
  const s = model.shapes[shapeName]!;
  switch (s.type) {
    case 'structure': {
      const obj = v as Record<string, unknown>;
      let out = '';
      for (const [member, ref] of membersOf(s)) {
        const mv = obj[member];
        if (mv === undefined || mv === null) continue;
        out += element(model, member, ref, mv);
      }
      return out;
    }
    case 'list':
      return (v as unknown[]).map((item) => element(model, 'member', s.member!, item)).join('');
    case 'map':
      return Object.entries(v as Record<string, unknown>)
        .map(([k, val]) => `<entry>${element(model, 'key', s.key!, k)}${element(model, 'value', s.value!, val)}</entry>`)
        .join('');
    default:
      return scalar(s.type, v);
  }
}

function element(model: ServiceModel, name: string, ref: string, v: unknown): string {
  const inner = shapeXml(model, ref, v);
  return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

export function serializeOutput(model: ServiceModel, operation: string, output: unknown, requestId: string): string {
  const op = model.operations[operation]!;
  const result =
    op.output && op.wrapper
      ? `<${op.wrapper}>${output ? shapeXml(model, op.output, output) : ''}</${op.wrapper}>`
      : '';
  return (
    `<${operation}Response xmlns="${model.namespace}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

export function serializeError(namespace: string, err: AwsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${err.sender ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
