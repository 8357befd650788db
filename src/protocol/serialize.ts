// The one generic serializer of the AWS Query protocol: a typed output object → AWS's XML, members
// in model order, lists as <member>, maps as <entry>, timestamps ISO 8601 without milliseconds.
import type { ServiceModel, ShapeModel } from './model-types.js';
import type { AwsError } from './errors.js';

// Text content needs only &, < and > escaped (and \r, which XML parsers would otherwise fold);
// quotes stay as they are, as in AWS's responses.
// XML 1.0 cannot carry NUL, the other C0 controls but tab, LF and CR, U+FFFE/U+FFFF or a lone
// surrogate — not even as a character reference (`&#x1;` is as ill-formed as the raw byte, and
// expat, i.e. botocore, refuses both). Most inputs cannot hold them (the model's patterns refuse
// them with ValidationError, as AWS does), but an error message echoes the value it refuses and
// some members have no pattern: such characters are written as U+FFFD, so that every response
// parses.
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
const XML_SPECIAL = /[&<>\r]|[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Tested first: most text needs no escaping, and test() makes nothing. (A global RegExp's test()
// starts at its lastIndex: set to 0 first; replace() starts at 0 and leaves it there.)
export const escapeXml = (s: string) => {
  XML_SPECIAL.lastIndex = 0;
  return XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL, (c) => XML_ESCAPES[c] ?? '\uFFFD') : s;
};
const XML_ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Text with every character XML 1.0 cannot carry replaced by U+FFFD (for other XML writers). */
export const xmlLegal = (s: string) => s.replace(XML_ILLEGAL, '\uFFFD');

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

// Each element the serializer writes, worked out once per shape: its tags and its shape's name
// (a ListUsers page is 100 users of 8 members each: building tag strings per element showed).
interface ElementPlan {
  name: string;
  ref: string;
  open: string;
  close: string;
  empty: string;
}
const plan = (name: string, ref: string): ElementPlan => ({ name, ref, open: `<${name}>`, close: `</${name}>`, empty: `<${name}/>` });
const plans = new WeakMap<object, ElementPlan[]>();
function plansOf(s: ShapeModel): ElementPlan[] {
  let list = plans.get(s);
  if (!list) {
    if (s.type === 'structure') list = Object.entries(s.members ?? {}).map(([member, ref]) => plan(member, ref));
    else if (s.type === 'list') list = [plan('member', s.member!)];
    else list = [plan('key', s.key!), plan('value', s.value!)];
    plans.set(s, list);
  }
  return list;
}

function shapeXml(model: ServiceModel, shapeName: string, v: unknown): string {
  const s = model.shapes[shapeName]!;
  switch (s.type) {
    case 'structure': {
      const obj = v as Record<string, unknown>;
      let out = '';
      for (const p of plansOf(s)) {
        const mv = obj[p.name];
        if (mv === undefined || mv === null) continue;
        out += element(model, p, mv);
      }
      return out;
    }
    case 'list': {
      const p = plansOf(s)[0]!;
      let out = '';
      for (const item of v as unknown[]) out += element(model, p, item);
      return out;
    }
    case 'map': {
      const [k, val] = plansOf(s) as [ElementPlan, ElementPlan];
      let out = '';
      for (const [key, value] of Object.entries(v as Record<string, unknown>)) out += `<entry>${element(model, k, key)}${element(model, val, value)}</entry>`;
      return out;
    }
    default:
      return scalar(s.type, v);
  }
}

function element(model: ServiceModel, p: ElementPlan, v: unknown): string {
  const inner = shapeXml(model, p.ref, v);
  return inner === '' ? p.empty : p.open + inner + p.close;
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
    // An error without a message has no <Message> element (GetCredentialReport's ReportNotPresent).
    `<Code>${escapeXml(err.code)}</Code>${err.message ? `<Message>${escapeXml(err.message)}</Message>` : ''}</Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
