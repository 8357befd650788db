// Turns an AWS Query XML answer into the form public recordings store (botocore's parsed output), driven by
// the service model: lists as arrays, maps as objects, booleans and numbers typed, timestamps as
// '<datetime>'. A key is present exactly when AWS sent the element, so the key sets can be compared.
import { XMLParser } from 'fast-xml-parser';
import type { ServiceModel } from '../../src/protocol/model-types.js';
import type { Json } from './types.js';

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, processEntities: true });

const asArray = (v: unknown): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

function convert(model: ServiceModel, shapeName: string, node: unknown): Json {
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`no shape ${shapeName}`);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, Json> = {};
      const obj = (node && typeof node === 'object' ? node : {}) as Record<string, unknown>;
      for (const [member, target] of Object.entries(shape.members ?? {})) {
        if (Object.prototype.hasOwnProperty.call(obj, member)) out[member] = convert(model, target, obj[member]);
      }
      for (const key of Object.keys(obj)) {
        if (!(shape.members ?? {})[key]) out[`UNMODELLED:${key}`] = String(JSON.stringify(obj[key]));
      }
      return out;
    }
    case 'list': {
      const items = node && typeof node === 'object' ? (node as Record<string, unknown>).member : undefined;
      return asArray(items).map((item) => convert(model, shape.member!, item));
    }
    case 'map': {
      const entries = node && typeof node === 'object' ? (node as Record<string, unknown>).entry : undefined;
      const out: Record<string, Json> = {};
      for (const e of asArray(entries) as Array<Record<string, unknown>>) {
        out[String(e.key ?? '')] = convert(model, shape.value!, e.value);
      }
      return out;
    }
    case 'boolean':
      return node === 'true' ? true : node === 'false' ? false : `NOT-A-BOOLEAN:${String(node)}`;
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return Number.isFinite(Number(node)) && node !== '' ? Number(node) : `NOT-A-NUMBER:${String(node)}`;
    case 'timestamp':
      return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(String(node)) ? '<datetime>' : `NOT-A-TIMESTAMP:${String(node)}`;
    default: {
      const text = typeof node === 'string' ? node : node === undefined ? '' : String(node);
      // Policy documents arrive URL-encoded; boto3 (and so every recording) decodes and parses them.
      if (shapeName === 'policyDocumentType') {
        try {
          return JSON.parse(decodeURIComponent(text)) as Json;
        } catch {
          return `NOT-A-POLICY-DOCUMENT:${text}`;
        }
      }
      return text;
    }
  }
}

export interface ParsedAnswer {
  status: number;
  result?: Json;
  error?: { Code: string; Message?: string; Type: string };
  /** The raw XML, for failure messages. */
  xml: string;
}

export function parseAnswer(model: ServiceModel, action: string, status: number, xml: string): ParsedAnswer {
  const doc = parser.parse(xml) as Record<string, any>;
  if (doc.ErrorResponse) {
    const e = doc.ErrorResponse.Error ?? {};
    // A key only for each element AWS sent: ReportNotPresent, for one, carries no Message.
    const error: Record<string, string> = { Code: String(e.Code ?? '') };
    if (e.Message !== undefined) error.Message = String(e.Message);
    error.Type = String(e.Type ?? '');
    return { status, error: error as ParsedAnswer['error'], xml };
  }
  const op = model.operations[action];
  const envelope = doc[`${action}Response`];
  if (!op || envelope === undefined) return { status, result: `UNEXPECTED-XML`, xml };
  if (!op.output || !op.wrapper) return { status, result: {}, xml };
  const body = envelope[op.wrapper];
  return { status, result: body === undefined ? `MISSING-${op.wrapper}` : convert(model, op.output, body), xml };
}
