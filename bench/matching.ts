// Benchmark (not a test): IAM wildcard matching on hostile patterns (issue #22, item 5). A pattern
// of 50 wildcards against a 10,000-character value must decide in under 1 ms; a backtracking RegExp
// takes exponential time on the same input (25 s for 6 wildcards against 90 characters).
// Each case is timed over many repetitions (matchers are compiled once, as the engine caches them;
// the figure is per decision) and compared with one pass reading every code unit of the same value in the same
// run, so the ratio survives a busy machine.
// Prints a table and writes bench/results/matching.json.
//   node --import tsx bench/matching.ts [--reps 200]
import { median, printTable, writeResult, type Row } from './lib.js';
import { matchAction, matchResource, makeContext, wildcardMatch } from '../src/policy/index.js';

const args = process.argv.slice(2);
const i = args.indexOf('--reps');
const REPS = i >= 0 ? Number(args[i + 1]) : 200;

const LONG = 'a'.repeat(10_000);
const STARS50 = '*a'.repeat(50) + '*b'; // 51 stars: never matches a run of a's, the worst case
const ctx = makeContext({});

const cases: { name: string; run: () => boolean; expect: boolean }[] = [
  { name: '50 × `*a` + `*b` vs 10,000 × a (no match)', run: () => wildcardMatch(STARS50, LONG), expect: false },
  { name: '50 × `*a` + `*b` vs 10,000 × a + b (match)', run: () => wildcardMatch(STARS50, LONG + 'b'), expect: true },
  { name: '25 × `?*` vs 10,000 × a (match)', run: () => wildcardMatch('?*'.repeat(25), LONG), expect: true },
  { name: '`*` + 49 × `a?` + `b*` vs 10,000 × a (no match)', run: () => wildcardMatch('*' + 'a?'.repeat(49) + 'b*', LONG), expect: false },
  { name: 'case-insensitive 50 × `*A` + `*B` (action)', run: () => matchAction('s3:' + STARS50.toUpperCase(), 's3:' + LONG), expect: false },
  { name: '`*` + (99 × a + b) + `*` vs 10,000 × a (literal segment)', run: () => wildcardMatch('*' + 'a'.repeat(99) + 'b*', LONG), expect: false },
  {
    name: 'Resource ARN, 50 wildcards, 10,000-char key',
    run: () => matchResource('arn:aws:s3:::' + STARS50, 'arn:aws:s3:::' + LONG, ctx, true).matched,
    expect: false,
  },
];

function perCallUs(fn: () => unknown): number {
  const samples: number[] = [];
  for (let s = 0; s < 7; s++) {
    const t0 = performance.now();
    for (let r = 0; r < REPS; r++) fn();
    samples.push(((performance.now() - t0) * 1000) / REPS);
  }
  return median(samples);
}

// One pass over the value, reading every code unit: what any matcher must at least do.
let sink = 0;
const reference = perCallUs(() => {
  let h = 0;
  for (let k = 0; k < LONG.length; k++) h = (h + LONG.charCodeAt(k)) | 0;
  sink ^= h;
});
const rows: Row[] = [];
const out: Record<string, { us: number; ratio: number }> = {};
for (const c of cases) {
  if (c.run() !== c.expect) throw new Error(`${c.name}: wrong answer`);
  const us = perCallUs(c.run);
  out[c.name] = { us, ratio: us / reference };
  rows.push({
    figure: c.name,
    value: `${us.toFixed(1)} µs`,
    reference: `${(us / reference).toFixed(1)} × one pass (${reference.toFixed(2)} µs)`,
    target: '< 1000 µs',
    ok: us < 1000,
  });
}
printTable('IAM wildcard matching on hostile patterns (per decision)', rows);
writeResult('matching', { reps: REPS, referenceOnePassUs: reference, cases: out });
if (sink === 0.5) console.log(sink);
