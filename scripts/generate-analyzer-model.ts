// Reads AWS's Access Analyzer (2019-11-01) service model and writes the compact facts iam-local
// serves of it into src/protocol/generated/: the REST-JSON operations it implements (method, URI,
// input/output shapes, errors), the shapes they reach (members with their HTTP location, required
// members, enums, min/max, patterns) and the modelled errors with their HTTP status. No
// documentation prose is copied. Run with `npm run generate:analyzer`.
//
// The model is botocore's `accessanalyzer/2019-11-01/service-2.json(.gz)` (the AWS CLI ships it);
// IAM_LOCAL_ANALYZER_MODEL points at another copy. The IAM/STS reference directory does not hold it.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { structureInterfaces } from './model-typescript.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src', 'protocol', 'generated');

/** The operations iam-local implements (the rest of the API needs analyzers and findings over real accounts). */
const OPERATIONS = [
  'ValidatePolicy',
  'CheckAccessNotGranted',
  'CheckNoNewAccess',
  'CheckNoPublicAccess',
  'StartPolicyGeneration',
  'GetGeneratedPolicy',
  'ListPolicyGenerations',
  'CancelPolicyGeneration',
];

function modelPath(): string {
  const candidates = [
    process.env.IAM_LOCAL_ANALYZER_MODEL,
    join(root, '..', 'shared', 'ref', 'models', 'accessanalyzer-2019-11-01.service-2.json'),
  ];
  try {
    const botocore = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
    candidates.push(join(botocore, 'data', 'accessanalyzer', '2019-11-01', 'service-2.json'), join(botocore, 'data', 'accessanalyzer', '2019-11-01', 'service-2.json.gz'));
  } catch {
    // no botocore: only the explicit paths
  }
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error(`Access Analyzer model not found; set IAM_LOCAL_ANALYZER_MODEL (tried ${candidates.filter(Boolean).join(', ')})`);
  return found;
}

interface MemberRef {
  shape: string;
  location?: string;
  locationName?: string;
  idempotencyToken?: boolean;
}
interface BotoShape {
  type: string;
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  union?: boolean;
  timestampFormat?: string;
  error?: { httpStatusCode: number; senderFault?: boolean };
  exception?: boolean;
  fault?: boolean;
}

const file = modelPath();
const raw = readFileSync(file);
const model = JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
const shapesIn = model.shapes as Record<string, BotoShape>;

const shapes: Record<string, unknown> = {};
const errors: Record<string, { code: string; status: number; sender: boolean }> = {};
const seen = new Set<string>();
function visit(name: string) {
  if (seen.has(name)) return;
  seen.add(name);
  const s = shapesIn[name];
  if (!s) throw new Error(`shape ${name} missing`);
  if (s.exception) {
    errors[name] = { code: name, status: s.error?.httpStatusCode ?? 400, sender: !s.fault };
    return;
  }
  const c: Record<string, unknown> = { type: s.type };
  if (s.members) {
    c.members = Object.fromEntries(Object.entries(s.members).map(([k, v]) => [k, v.shape]));
    const locations = Object.entries(s.members).filter(([, v]) => v.location);
    if (locations.length) c.locations = Object.fromEntries(locations.map(([k, v]) => [k, { in: v.location, name: v.locationName ?? k }]));
    const tokens = Object.entries(s.members).filter(([, v]) => v.idempotencyToken);
    if (tokens.length) c.idempotencyTokens = tokens.map(([k]) => k);
    if (s.required?.length) c.required = s.required;
    if (s.union) c.union = true;
    for (const v of Object.values(s.members)) visit(v.shape);
  }
  if (s.member) {
    c.member = s.member.shape;
    visit(s.member.shape);
  }
  if (s.key) {
    c.key = s.key.shape;
    visit(s.key.shape);
  }
  if (s.value) {
    c.value = s.value.shape;
    visit(s.value.shape);
  }
  for (const k of ['min', 'max', 'pattern', 'enum', 'timestampFormat'] as const) if (s[k] !== undefined) c[k] = s[k];
  shapes[name] = c;
}

const operations: Record<string, unknown> = {};
for (const name of OPERATIONS) {
  const op = model.operations[name];
  if (!op) throw new Error(`operation ${name} missing from the model`);
  operations[name] = {
    method: op.http.method,
    uri: op.http.requestUri,
    status: op.http.responseCode ?? 200,
    input: op.input?.shape,
    output: op.output?.shape,
    errors: (op.errors ?? []).map((e: { shape: string }) => e.shape),
  };
  if (op.input) visit(op.input.shape);
  if (op.output) visit(op.output.shape);
  for (const e of op.errors ?? []) visit(e.shape);
}

// TypeScript interfaces of every structure reached, and the operation → {input, output} map.
let types = structureInterfaces(shapesIn, [...seen].sort());
types += '\nexport interface Operations {\n';
for (const name of OPERATIONS) {
  const op = model.operations[name];
  types += `  ${name}: { input: ${op.input ? op.input.shape : 'Record<string, never>'}; output: ${op.output ? op.output.shape : 'Record<string, never>'} };\n`;
}
types += '}\n';

const compactModel = {
  service: 'access-analyzer',
  version: model.metadata.apiVersion,
  signingName: model.metadata.signingName ?? model.metadata.endpointPrefix,
  operations,
  shapes,
  errors,
};
const header = `// Generated by scripts/generate-analyzer-model.ts from AWS's Access Analyzer ${model.metadata.apiVersion} service model. Do not edit.\n`;
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'access-analyzer-model.ts'),
  `${header}import type { RestServiceModel } from '../rest-model-types.js';\n\nexport const accessAnalyzerModel: RestServiceModel = ${JSON.stringify(compactModel, null, 1)};\n`,
);
writeFileSync(join(outDir, 'access-analyzer-types.ts'), header + types);
console.log('access-analyzer', { operations: OPERATIONS.length, shapes: Object.keys(shapes).length, errors: Object.keys(errors).length, from: file });
