// Operation coverage: for every IAM and STS operation of the generated models, is a handler
// registered, is it exercised by a test, which of the model's errors do tests assert near it, and which
// errors a recording of real AWS confirms (a conformance case in test/conformance/cases/ whose source is a
// recording, not "unconfirmed: …") against those still unconfirmed.
//
//   npm run coverage:ops            prints the table and totals, writes docs/operations.md
//   npm run coverage:ops -- --check also exits 1 when an operation has no handler
//
// "Tested" = the SDK command class (`new XCommand(`), a test-local wrapper of exactly one command, or
// the raw Action (`Action: 'X'`, `Action=X`) appears in a test/**/*.test.ts file. "Errors asserted" is a heuristic: after each occurrence of
// the operation, up to the next command/Action occurrence (at most 15 lines), the error's SDK name
// (`NoSuchEntityException`) or wire code (`NoSuchEntity`) appears as a word. Errors that cannot be
// produced by a single local server (ServiceFailure: AWS's internal failure) are shown as n/a.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iamModel } from '../src/protocol/generated/iam-model.js';
import { stsModel } from '../src/protocol/generated/sts-model.js';
import { iamHandlers } from '../src/iam/index.js';
import { stsHandlers } from '../src/sts/index.js';
import type { ServiceModel } from '../src/protocol/model-types.js';
import type { ConformanceCase } from '../test/conformance/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Errors no local server can produce: shown, never counted as missing. */
const NOT_LOCAL = new Set(['ServiceFailureException']);

/** The implementation's sources (without the generated model), to tell which codes it can ever produce. */
function sourceText(dir: string): string {
  let text = '';
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') text += sourceText(p);
    } else if (entry.name.endsWith('.ts')) text += readFileSync(p, 'utf8') + '\n';
  }
  return text;
}
const HELPERS: Record<string, string> = {
  NoSuchEntity: 'noSuchEntity',
  EntityAlreadyExists: 'entityAlreadyExists',
  LimitExceeded: 'limitExceeded',
  DeleteConflict: 'deleteConflict',
  InvalidInput: 'invalidInput',
  MalformedPolicyDocument: 'malformedPolicy',
  UnmodifiableEntity: 'unmodifiableEntity',
};
let src: string | undefined;
function producedAnywhere(code: string): boolean {
  src ??= sourceText(join(root, 'src'));
  if (new RegExp(`['"\`]${code}['"\`]`).test(src)) return true;
  const helper = HELPERS[code];
  return helper !== undefined && new RegExp(`\\b${helper}\\(`).test(src);
}

export interface OpRow {
  service: 'IAM' | 'STS';
  operation: string;
  handler: boolean;
  tested: boolean;
  testFiles: string[];
  errorsAsserted: string[];
  errorsNotAsserted: string[];
  /** Model errors whose code the implementation never produces (nowhere in src/). */
  errorsNeverProduced: string[];
  errorsNotLocal: string[];
  /** Error codes (model or not) a conformance case with a recording of AWS as its source expects from this operation. */
  confirmed: string[];
  /** Model errors the implementation produces (asserted, or produced somewhere in src/) that no recording confirms. */
  unconfirmed: string[];
}

/** Per operation ("IAM:GetUser"), the error codes expected by conformance cases, split by whether a recording backs them. */
export interface ConformanceErrors {
  recorded: Map<string, Set<string>>;
  unrecorded: Map<string, Set<string>>;
  cases: number;
  recordedCases: number;
}

/** Reads every conformance case file and collects the errors its steps expect, per operation. */
export async function conformanceErrors(dir = join(root, 'test', 'conformance', 'cases')): Promise<ConformanceErrors> {
  const out: ConformanceErrors = { recorded: new Map(), unrecorded: new Map(), cases: 0, recordedCases: 0 };
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { cases?: ConformanceCase[] };
    for (const c of mod.cases ?? []) {
      out.cases++;
      const recorded = !/^\s*unconfirmed/i.test(c.source);
      if (recorded) out.recordedCases++;
      for (const step of c.steps) {
        const code = step.expect?.error?.Code;
        if (!code) continue;
        const key = `${step.service === 'sts' ? 'STS' : 'IAM'}:${step.action}`;
        const map = recorded ? out.recorded : out.unrecorded;
        map.set(key, (map.get(key) ?? new Set()).add(code));
      }
    }
  }
  return out;
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(p));
    else if (entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

const OCCURRENCE = /new\s+(\w+)Command\s*\(|Action\s*:\s*['"`](\w+)['"`]|Action=(\w+)/g;

interface Occurrence {
  op: string;
  file: string;
  window: string;
}

/**
 * Test-local wrappers of one operation (`const assume = (creds, input) => sts.send(new AssumeRoleCommand(…))`
 * or `async function assume(…) { … new AssumeRoleCommand(…) … }`): calls of the wrapper count as calls
 * of the operation.
 */
function wrappers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const DEF = /(?:function\s+(\w+)\s*\(|const\s+(\w+)\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*(?::[^=]+)?=>)/g;
  for (const m of text.matchAll(DEF)) {
    const name = m[1] ?? m[2]!;
    const rest = text.slice(m.index! + m[0].length);
    const end = rest.search(/\n\s*\n|\n(?:export\s+)?(?:async\s+)?function\s|\nconst\s|\ndescribe\(|\nit\(/);
    const body = end < 0 ? rest : rest.slice(0, end);
    const ops = new Set([...body.matchAll(/new\s+(\w+)Command\s*\(/g)].map((c) => c[1]!));
    if (ops.size === 1) out.set(name, [...ops][0]!);
  }
  return out;
}

function occurrences(files: string[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const hits: { op: string; index: number }[] = [];
    for (const m of text.matchAll(OCCURRENCE)) hits.push({ op: m[1] ?? m[2] ?? m[3]!, index: m.index! });
    const wrapped = wrappers(text);
    const defined = definitions(text);
    if (wrapped.size) {
      const CALL = new RegExp(`(?<![\\w.])(${[...wrapped.keys()].join('|')})\\(`, 'g');
      for (const m of text.matchAll(CALL)) hits.push({ op: wrapped.get(m[1]!)!, index: m.index! });
      hits.sort((a, b) => a.index - b.index);
    }
    hits.forEach((h, i) => {
      const next = i + 1 < hits.length ? hits[i + 1]!.index : text.length;
      let end = next;
      // at most 15 lines after the occurrence
      let lines = 0;
      for (let j = h.index; j < next; j++) {
        if (text[j] === '\n' && ++lines >= 15) {
          end = j;
          break;
        }
      }
      let window = text.slice(h.index, end);
      for (const [name, def] of defined) if (new RegExp(`\\b${name}\\b`).test(window)) window += '\n' + def;
      out.push({ op: h.op, file: relative(root, file), window });
    });
  }
  return out;
}

function errorNames(model: ServiceModel, shape: string): string[] {
  const code = model.errors[shape]?.code ?? shape;
  return [...new Set([shape, code, shape.replace(/Exception$/, '')])];
}

/**
 * Named values a test defines once and asserts with (`const NOT_FOUND = { name: 'NoSuchEntityException', … }`
 * or `const protectedRole = (name) => ({ … })`): their definitions, to be read where they are used.
 */
function definitions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^(?:const|function)\s+(\w+)/gm)) {
    const rest = text.slice(m.index!);
    const end = rest.search(/\n\s*\n/);
    out.set(m[1]!, (end < 0 ? rest : rest.slice(0, end)).slice(0, 2000));
  }
  return out;
}

export function coverage(conf?: ConformanceErrors): OpRow[] {
  const occ = occurrences(testFiles(join(root, 'test')));
  const byOp = new Map<string, Occurrence[]>();
  for (const o of occ) byOp.set(o.op, [...(byOp.get(o.op) ?? []), o]);
  const rows: OpRow[] = [];
  const services: [OpRow['service'], ServiceModel, Record<string, unknown>][] = [
    ['IAM', iamModel, iamHandlers],
    ['STS', stsModel, stsHandlers],
  ];
  for (const [service, model, handlers] of services) {
    for (const [operation, op] of Object.entries(model.operations).sort(([a], [b]) => a.localeCompare(b))) {
      const mine = byOp.get(operation) ?? [];
      const row: OpRow = {
        service,
        operation,
        handler: typeof handlers[operation] === 'function',
        tested: mine.length > 0,
        testFiles: [...new Set(mine.map((o) => o.file))],
        errorsAsserted: [],
        errorsNotAsserted: [],
        errorsNeverProduced: [],
        errorsNotLocal: [],
        confirmed: [...(conf?.recorded.get(`${service}:${operation}`) ?? [])].sort(),
        unconfirmed: [],
      };
      for (const shape of op.errors) {
        if (NOT_LOCAL.has(shape)) {
          row.errorsNotLocal.push(shape);
          continue;
        }
        const names = errorNames(model, shape);
        const seen = mine.some((o) => names.some((n) => new RegExp(`\\b${n}\\b`).test(o.window)));
        if (seen) row.errorsAsserted.push(shape);
        else if (!producedAnywhere(model.errors[shape]?.code ?? shape)) row.errorsNeverProduced.push(shape);
        else row.errorsNotAsserted.push(shape);
      }
      const codeOf = (shape: string) => model.errors[shape]?.code ?? shape.replace(/Exception$/, '');
      row.unconfirmed = [...row.errorsAsserted, ...row.errorsNotAsserted].filter((shape) => !row.confirmed.includes(codeOf(shape)));
      rows.push(row);
    }
  }
  return rows;
}

const short = (shape: string) => shape.replace(/Exception$/, '');

export function markdown(rows: OpRow[], conf?: ConformanceErrors): string {
  const total = rows.length;
  const handled = rows.filter((r) => r.handler).length;
  const tested = rows.filter((r) => r.tested).length;
  const errs = rows.reduce((n, r) => n + r.errorsAsserted.length + r.errorsNotAsserted.length, 0);
  const errsAsserted = rows.reduce((n, r) => n + r.errorsAsserted.length, 0);
  const confirmedCount = rows.reduce((n, r) => n + r.confirmed.length, 0);
  const unconfirmedCount = rows.reduce((n, r) => n + r.unconfirmed.length, 0);
  const lines = [
    '# Operations by status',
    '',
    'Generated by `npm run coverage:ops` (scripts/op-coverage.ts) from the generated models, the',
    'registered handlers (src/iam/index.ts, src/sts/index.ts) and the tests (test/**/*.test.ts).',
    '"Errors asserted" is a heuristic: the error\'s SDK name or wire code appears in a test right after',
    'a call of the operation. "Never produced" lists model errors whose code appears nowhere in src/',
    '(AWS-side conditions a local server does not have, e.g. ConcurrentModification, RegionDisabled).',
    'ServiceFailure (AWS\'s internal failure) cannot happen locally and is not listed.',
    '',
    '"Confirmed by a recording" lists the error codes (model errors or not: ValidationError, AccessDenied,',
    'InvalidParameterValue …) that a conformance case in test/conformance/cases/ expects from the operation',
    'with exact code, status and message, where the case\'s source is a public recording of real AWS.',
    '"Unconfirmed" lists the model errors iam-local produces for the operation (asserted by a test or produced',
    'in src/) that no such recording confirms yet; their messages follow the API reference or are iam-local\'s.',
    '',
    `- Operations: ${total} (IAM ${rows.filter((r) => r.service === 'IAM').length}, STS ${rows.filter((r) => r.service === 'STS').length})`,
    `- With a handler: ${handled}/${total}`,
    `- Called by a test: ${tested}/${total}`,
    `- Model errors asserted near the operation: ${errsAsserted}/${errs}`,
    `- Conformance cases: ${conf?.cases ?? 0} (${conf?.recordedCases ?? 0} with a recording of AWS as source)`,
    `- Errors confirmed by a recording (operation × code): ${confirmedCount}`,
    `- Model errors produced but unconfirmed (operation × error): ${unconfirmedCount}`,
    '',
    '| Service | Operation | Handler | Tested | Errors asserted | Errors not asserted | Never produced | Confirmed by a recording | Unconfirmed |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.service} | ${r.operation} | ${r.handler ? 'yes' : '**no**'} | ${r.tested ? 'yes' : '**no**'} | ${
        r.errorsAsserted.map(short).join(', ') || '–'
      } | ${r.errorsNotAsserted.map(short).join(', ') || '–'} | ${r.errorsNeverProduced.map(short).join(', ') || '–'} | ${
        r.confirmed.join(', ') || '–'
      } | ${r.unconfirmed.map(short).join(', ') || '–'} |`,
    );
  }
  return lines.join('\n') + '\n';
}

function pad(s: string, n: number) {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const conf = await conformanceErrors();
  const rows = coverage(conf);
  const w = Math.max(...rows.map((r) => r.operation.length)) + 2;
  console.log(pad('SVC', 5) + pad('OPERATION', w) + pad('HANDLER', 9) + pad('TESTED', 8) + 'ERRORS (asserted / not asserted / never produced)');
  for (const r of rows) {
    console.log(
      pad(r.service, 5) +
        pad(r.operation, w) +
        pad(r.handler ? 'yes' : 'NO', 9) +
        pad(r.tested ? 'yes' : 'NO', 8) +
        `${r.errorsAsserted.map(short).join(',') || '-'} / ${r.errorsNotAsserted.map(short).join(',') || '-'} / ${
          r.errorsNeverProduced.map(short).join(',') || '-'
        }`,
    );
  }
  const handled = rows.filter((r) => r.handler).length;
  const tested = rows.filter((r) => r.tested).length;
  const errs = rows.reduce((n, r) => n + r.errorsAsserted.length + r.errorsNotAsserted.length, 0);
  const errsAsserted = rows.reduce((n, r) => n + r.errorsAsserted.length, 0);
  console.log(
    `\nTotal ${rows.length} operations: ${handled} with a handler, ${tested} tested; ${errsAsserted}/${errs} model errors asserted.`,
  );
  const missing = rows.filter((r) => !r.handler).map((r) => r.operation);
  if (missing.length) console.log(`No handler: ${missing.join(', ')}`);
  const untested = rows.filter((r) => !r.tested).map((r) => r.operation);
  if (untested.length) console.log(`Not tested: ${untested.join(', ')}`);
  console.log(
    `Conformance: ${conf.cases} cases (${conf.recordedCases} recorded); errors confirmed by a recording: ${rows.reduce((n, r) => n + r.confirmed.length, 0)}; model errors produced but unconfirmed: ${rows.reduce((n, r) => n + r.unconfirmed.length, 0)}.`,
  );
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs', 'operations.md'), markdown(rows, conf));
  if (process.argv.includes('--check') && missing.length) process.exit(1);
}
