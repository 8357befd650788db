// `npm run bench`: runs every benchmark in bench/ (each a script of its own, in its own process so
// none disturbs another), in sequence. Each prints its table and writes bench/results/NAME.json;
// this writes bench/results/summary.json from them. `npm run bench -- startup sigv4` runs some.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './lib.js';

const NOT_BENCHES = new Set(['run.ts', 'lib.ts']);
const ORDER = ['startup', 'sigv4', 'throughput', 'policy', 'matching', 'assume-role', 'imds'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.ts') && !NOT_BENCHES.has(f))
  .map((f) => f.slice(0, -3))
  .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
const benches = wanted.length ? all.filter((b) => wanted.includes(b)) : all;

const failed: string[] = [];
for (const name of benches) {
  console.log(`\n=== bench/${name}.ts`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(BENCH_DIR, `${name}.ts`)], { stdio: 'inherit' });
  if (r.status !== 0) failed.push(name);
}

const summary: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version };
for (const name of all) {
  const f = join(BENCH_DIR, 'results', `${name}.json`);
  if (existsSync(f)) summary[name] = JSON.parse(readFileSync(f, 'utf8'));
}
writeFileSync(join(BENCH_DIR, 'results', 'summary.json'), JSON.stringify(summary, null, 2));
console.log(`\nResults: bench/results/*.json${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
