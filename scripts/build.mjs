// Compiles src/ into dist/cli.js and its chunks (dist/chunks/), with esbuild (type-checking is `npm
// run typecheck`'s job). `npm start` runs the compiled file because Node starts it in a fraction of
// the time a TypeScript loader needs. Rebuilds only when a file the last build read (listed in
// dist/inputs.json) is newer than the output or gone: bin/iam-local.js runs this check before every
// command, and stat-ing those ~200 files costs far less than walking src/ did (≈30 ms of CPU on a
// loaded 2-core machine, a tenth of the start-up).
// fastify (with its own dependencies: ajv, find-my-way, avvio, …), pino, commander and ipaddr.js
// are bundled in too: Node resolving and reading their ~150 files one by one was most of start-up
// (CPU to the first served request, loaded machine: 560 ms → 380 ms; bare fastify 390 ms). pino's
// transports (worker files found by path) would not work from the bundle; none is used (pino-pretty
// is given to pino as a stream). Every other package stays external: native (better-sqlite3), or
// loaded at first use (jose, xml-crypto, the AWS SDK…, see src/lazy.ts).
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cli.js');
const inputsFile = join(root, 'dist', 'inputs.json');

/** Whether dist/ is older than package.json or than any source the last build read. */
function stale(outTime) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return true;
  }
  // (root + '/' + f, not join(): inputs are relative with '/', and join()'s normalising was as
  // costly as the stat calls themselves.)
  for (const f of ['package.json', ...inputs]) {
    const s = statSync(`${root}/${f}`, { throwIfNoEntry: false });
    if (!s || s.mtimeMs > outTime) return true;
  }
  return false;
}

// The generated tables (src/*/generated/*.ts: the IAM and STS models, the action table) are one
// JSON literal each. In the bundle they become JSON.parse('…'): V8 reads JSON text several times
// faster than it parses and runs the same object literal, and it is 130 KB read at every start.
const generatedAsJson = {
  name: 'generated-as-json',
  setup(b) {
    b.onLoad({ filter: /[\\/]generated[\\/][^\\/]+\.ts$/ }, ({ path }) => {
      const text = readFileSync(path, 'utf8');
      const m = /^(export const \w+(?:: [^=]+)?) = (\{[\s\S]*\});\s*$/m.exec(text);
      if (!m) return undefined;
      let json;
      try {
        json = JSON.stringify(JSON.parse(m[2]));
      } catch {
        return undefined; // not pure JSON: bundled as written
      }
      return { contents: `${text.slice(0, m.index)}${m[1]} = JSON.parse(${JSON.stringify(json)});\n`, loader: 'ts' };
    });
  },
};

// fastify builds its schema compilers (ajv, fast-json-stringify: 460 KB, most of fastify's own
// load) when an app is made, though they only compile routes that declare a schema, and no route
// of iam-local does (the Query protocol validates from the service models). In the bundle each
// compiler package is a stand-in that loads the real one, from fastify's own dependencies, on its
// first use: the same behaviour if a route ever declares a schema, and nothing paid until then.
// Likewise light-my-request (fastify's inject(), which iam-local never calls) and semver (fastify's
// check of a plugin's declared fastify version): 62 KB the routes app compiled on its first request.
const fastifyRequire = `require('node:module').createRequire(require.resolve('fastify'))`;
const schemaCompilersOnDemand = {
  name: 'schema-compilers-on-demand',
  setup(b) {
    b.onResolve({ filter: /^(@fastify\/(ajv-compiler|fast-json-stringify-compiler)|light-my-request|semver)$/ }, ({ path }) => ({ path, namespace: 'on-demand' }));
    b.onLoad({ filter: /.*/, namespace: 'on-demand' }, ({ path }) => {
      const real = `${fastifyRequire}(${JSON.stringify(path)})`;
      if (path === 'light-my-request')
        return { loader: 'js', contents: `let real; module.exports = function inject(...args) { return (real ??= ${real})(...args); };` };
      if (path === 'semver')
        return { loader: 'js', contents: `let real; module.exports = new Proxy({}, { get: (_t, key) => (real ??= ${real})[key] });` };
      return {
        loader: 'js',
        contents: `
        module.exports = function selector(...options) {
          let compiler;
          return function build(...args) {
            if (!compiler) compiler = ${real}(...options);
            return compiler(...args);
          };
        };`,
      };
    });
  },
};

// esbuild splits shared code by the set of entry points (cli.js and every dynamic import()) that
// reach it, so the start path came out as ~25 chunks: each a file Node resolves, reads and links
// at every start, enough that V8 optimised Node's URL-to-path code on a compiler thread (≈3 MiB of
// idle RSS) besides the time. Here every lazily loaded module of our own also imports the whole
// start path (already loaded whenever they load: cli.js loaded it), so every module of the start
// path is reached from the same entry points and lands in one chunk. esbuild has no option to
// group chunks; this only adds imports of modules that are already evaluated by then.
/** A metafile input of a plugin's own namespace (on-demand:…, iam-local:…), not a file on disk. */
const isVirtual = (input) => /^[a-z-]+:/.test(input);

function startPathInOneChunk(metafile) {
  const cli = 'src/cli.ts';
  const staticImports = (f) => (metafile.inputs[f]?.imports ?? []).filter((i) => (i.kind === 'import-statement' || i.kind === 'require-call') && !i.external);
  const start = new Set();
  const queue = [cli];
  while (queue.length) {
    const f = queue.pop();
    if (start.has(f)) continue;
    start.add(f);
    for (const i of staticImports(f)) queue.push(i.path);
  }
  start.delete(cli);
  const lazy = new Set();
  for (const input of Object.values(metafile.inputs))
    for (const i of input.imports) if (i.kind === 'dynamic-import' && !i.external && i.path.startsWith('src/')) lazy.add(join(root, i.path));
  const files = [...start].filter((f) => !isVirtual(f)).map((f) => join(root, f));
  return {
    name: 'start-path-in-one-chunk',
    setup(b) {
      b.onResolve({ filter: /^iam-local:start-path$/ }, () => ({ path: 'start-path', namespace: 'iam-local' }));
      b.onLoad({ filter: /.*/, namespace: 'iam-local' }, () => ({
        loader: 'js',
        resolveDir: root,
        contents: files.map((f) => `import ${JSON.stringify(f)};`).join('\n'),
      }));
      b.onLoad({ filter: /[\\/]src[\\/].*\.(ts|mts|mjs)$/ }, ({ path }) => {
        if (!lazy.has(path)) return undefined;
        const loader = path.endsWith('ts') ? 'ts' : 'js';
        // (On the file's first line: its source map keeps every line where it was.)
        return { loader, contents: `import 'iam-local:start-path'; ${readFileSync(path, 'utf8')}` };
      });
    },
  };
}

let outTime = 0;
try {
  outTime = statSync(out).mtimeMs;
} catch {}
const force = process.argv.includes('--force');
if (force || !outTime || stale(outTime)) {
  // esbuild is loaded only to build: bin/iam-local.js runs this check before every command.
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const inline = new Set(['fastify', 'commander', 'ipaddr.js', 'pino', 'better-sqlite3']);
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((d) => !inline.has(d))
    .flatMap((d) => [d, `${d}/*`]);
  // Chunks of an earlier build would pile up (their names carry a hash of their content).
  rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true });
  const options = {
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
    // The bundled CommonJS packages call require() (node: built-ins, pino): give every chunk one,
    // made on its first call (made eagerly, every chunk loaded converted its URL to a path: work
    // the start does not need, and part of what made V8 optimise that code at every start).
    banner: {
      js:
        "import { createRequire as __iamLocalCreateRequire } from 'node:module'; let __iamLocalRequire; const __iamLocalReq = () => (__iamLocalRequire ??= __iamLocalCreateRequire(import.meta.url)); " +
        'const require = Object.assign((id) => __iamLocalReq()(id), { resolve: (id, options) => __iamLocalReq().resolve(id, options) });',
    },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    metafile: true,
    absWorkingDir: root,
  };
  // A first pass, written nowhere, finds the start path and the lazily loaded modules (see below).
  const graph = await build({ ...options, write: false, minify: false, sourcemap: false, logLevel: 'silent', plugins: [schemaCompilersOnDemand] });
  const result = await build({ ...options, plugins: [generatedAsJson, schemaCompilersOnDemand, startPathInOneChunk(graph.metafile)] });
  // Our own sources only (relative to the root: absWorkingDir); packages are covered, as before,
  // by package.json's time.
  // (Not the stand-ins above: they live in a namespace of their own, not on disk.)
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/') && !isVirtual(f));
  writeFileSync(inputsFile, JSON.stringify(inputs));
  // What each chunk holds and imports (test/start-path.test.ts keeps the start path small with it).
  writeFileSync(join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));
  // Node looks for the package.json that scopes a module at every import it resolves, walking up
  // from the chunk's folder: one here ends each walk at its first step (when a start still loaded
  // ~25 chunks, their walks alone made V8 optimise Node's URL-to-path code on a compiler thread).
  // (No version here: src/cli-settings.mjs reads the root's.)
  writeFileSync(join(root, 'dist', 'chunks', 'package.json'), '{ "type": "module" }\n');
}
