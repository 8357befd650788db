// Compiles src/ into one ES module, dist/cli.js, with esbuild (type-checking is `npm run
// typecheck`'s job). `npm start` runs the compiled file because Node starts it in a fraction of
// the time a TypeScript loader needs. Rebuilds only when a source file is newer than the output.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cli.js');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

let outTime = 0;
try {
  outTime = statSync(out).mtimeMs;
} catch {}
const force = process.argv.includes('--force');
if (force || newest(join(root, 'src')) > outTime || statSync(join(root, 'package.json')).mtimeMs > outTime) {
  await build({
    entryPoints: [join(root, 'src', 'cli.ts')],
    outfile: out,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}
