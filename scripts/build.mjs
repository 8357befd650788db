// Compiles src/ into one ES module, dist/cli.js, with esbuild (type-checking is `npm run
// typecheck`'s job). `npm start` runs the compiled file because Node starts it in a fraction of
// the time a TypeScript loader needs. Rebuilds only when a source file is newer than the output.
// fastify (with its own dependencies: ajv, find-my-way, avvio, …), pino, commander and ipaddr.js
// are bundled in too: Node resolving and reading their ~150 files one by one was most of start-up
// (CPU to the first served request, loaded machine: 560 ms → 380 ms; bare fastify 390 ms). pino's
// transports (worker files found by path) would not work from the bundle; none is used (pino-pretty
// is given to pino as a stream). Every other package stays external: native (better-sqlite3), or
// loaded at first use (jose, xml-crypto, the AWS SDK…, see src/lazy.ts).
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
  // esbuild is loaded only to build: bin/iam-local.js runs this check before every command.
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const inline = new Set(['fastify', 'commander', 'ipaddr.js', 'pino']);
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((d) => !inline.has(d))
    .flatMap((d) => [d, `${d}/*`]);
  // Chunks of an earlier build would pile up (their names carry a hash of their content).
  rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true });
  await build({
    entryPoints: { cli: join(root, 'src', 'cli.ts') },
    outdir: join(root, 'dist'),
    // Every dynamic import() in src/ becomes a chunk of its own, compiled only when first loaded:
    // fastify and the routes behind it (src/routes-app.ts), the console, seeds, commands other
    // than start… Start-up compiles dist/cli.js and the chunks the first request needs.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Less text to read, decode and parse at every start (V8 pre-parses every function it is given).
    minify: true,
    bundle: true,
    external,
    // The bundled CommonJS packages call require() (node: built-ins, pino): give every chunk one.
    banner: { js: "import { createRequire as __iamLocalCreateRequire } from 'node:module'; const require = __iamLocalCreateRequire(import.meta.url);" },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}
