// Compiles src/api.ts (the package's programmatic entry, `import { startIamLocal } from 'iam-local'`)
// into dist/api.js with esbuild, the same way scripts/build.mjs compiles the CLI, when it is missing
// or older than the sources; and writes dist/index.d.cts, the CommonJS copy of types/index.d.ts.
// lib/index.js runs this before loading dist/api.js; `npm pack` runs it (prepack), so a package
// from the registry or a tarball starts without building anything.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'api.js');
const types = join(root, 'types', 'index.d.ts');
const ctypes = join(root, 'dist', 'index.d.cts');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
};

const force = process.argv.includes('--force');
if (force || newest(join(root, 'src')) > mtime(out) || mtime(join(root, 'package.json')) > mtime(out)) {
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const inline = new Set(['fastify', 'commander', 'ipaddr.js', 'pino']);
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((d) => !inline.has(d))
    .flatMap((d) => [d, `${d}/*`]);
  const result = await build({
    entryPoints: [join(root, 'src', 'api.ts')],
    outfile: out,
    write: false,
    bundle: true,
    external,
    banner: { js: "import { createRequire as __iamLocalCreateRequire } from 'node:module'; const require = __iamLocalCreateRequire(import.meta.url);" },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // No source map: a test runner that loads this (vitest) would look for the bundled packages' sources.
    logLevel: 'warning',
  });
  // Written aside and renamed: another process importing the package meanwhile sees the old file or
  // the new one, never half of one.
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, out);
}
if (force || mtime(types) > mtime(ctypes)) {
  mkdirSync(dirname(ctypes), { recursive: true });
  const tmp = `${ctypes}.${process.pid}.tmp`;
  copyFileSync(types, tmp);
  renameSync(tmp, ctypes);
}
