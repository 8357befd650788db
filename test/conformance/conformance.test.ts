/// <reference types="vite/client" />
// The conformance suite: every case file under cases/ (each exports `cases`), checked against a live server.
// Cases are data: a sequence of calls and the exact answer real AWS gave, with its source.
import { conformance } from './run-cases.js';
import type { ConformanceCase } from './types.js';

const files = import.meta.glob<{ cases: ConformanceCase[] }>('./cases/*.ts', { eager: true });

let offset = 0;
for (const [file, mod] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  conformance(file.replace('./cases/', '').replace(/\.ts$/, ''), mod.cases, offset);
  offset += mod.cases.length;
}
