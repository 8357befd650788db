// The layer check: every import in src/ points down the house of ../shared/DESIGN.md ("Layers"),
// no files import each other round in a cycle, and only the fronts (and above) speak HTTP.
// Imports are read with oxc-parser (TypeScript 7 ships no JavaScript parser API); type-only
// imports and `import('…')` count like any other, because a type a lower layer borrows from a
// higher one still ties them together.
//   node --import tsx scripts/import-graph.ts      prints every violation, exit 1 when any
// test/layers.test.ts runs the same check in `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'oxc-parser';

/**
 * Top to bottom. A file may import files of its own layer (no cycles) and of any layer below;
 * a layer with `only` may import nothing but those layers (and itself), and a layer with `never`
 * none of those files even below it. Patterns are paths under src/: a folder ends in `/`, anything
 * else is one file.
 */
export const LAYERS: { name: string; files: string[]; only?: string[]; never?: string[] }[] = [
  { name: 'entry', files: ['cli.ts', 'cli-spec.mjs', 'cli-settings.mjs', 'start-args.ts', 'api.ts', 'commands/'] },
  { name: 'server', files: ['server.ts', 'request-log.ts', 'log-destination.ts', 'front-door.ts', 'routes-app.ts'] },
  { name: 'fronts', files: ['query/', 'rest/', 'admin/', 'metadata/', 'seed/', 'gateway/'] },
  { name: 'dispatch', files: ['dispatch/'] },
  { name: 'handlers', files: ['iam/', 'sts/', 'audit/', 'analyzer/', 'access-analyzer/'] },
  { name: 'authz', files: ['authz/'] },
  { name: 'resolution', files: ['resolution/'] },
  // Pure: no store, no wire, no clock — only its own files and the base helpers. It answers with its
  // own typed results and knows no API error (src/resolution/policy-errors.ts maps its findings).
  { name: 'policy engine', files: ['policy/'], only: ['base'], never: ['aws-error.ts'] },
  // The ground floor, itself in four storeys: SigV4 authentication reads keys from the store and
  // answers in the wire's errors; the wire's handler types name the request context; the context
  // names the store; the store (with the catalogue of AWS managed policies) stands on the base.
  { name: 'auth', files: ['auth/'] },
  { name: 'protocol', files: ['protocol/'] },
  { name: 'context', files: ['context.ts'] },
  { name: 'store', files: ['store/', 'aws-managed/'] },
  {
    name: 'base',
    files: ['aws-error.ts', 'principal.ts', 'arn.ts', 'partition.ts', 'clock.ts', 'config.ts', 'allowed-hosts.ts', 'paths.ts', 'version.ts', 'own.ts', 'lazy.ts'],
  },
];

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const SOURCE = /\.(ts|mts|mjs|js)$/;

/** HTTP stays in the fronts (and the server and entry points above them). */
const HTTP_PACKAGES = new Set(['fastify', 'node:http', 'node:https', 'http', 'https']);
const HTTP_LAYERS = new Set(['entry', 'server', 'fronts']);

export interface Violation {
  kind: 'upward' | 'forbidden' | 'cycle' | 'unplaced' | 'unresolved' | 'http';
  message: string;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (SOURCE.test(e.name) && !/\.d\.m?ts$/.test(e.name)) out.push(relative(SRC, p).split('\\').join('/'));
  }
  return out;
}

const matches = (file: string, pattern: string) => (pattern.endsWith('/') ? file.startsWith(pattern) : file === pattern);

export function layerOf(file: string): number {
  return LAYERS.findIndex((l) => l.files.some((f) => matches(file, f)));
}

/** The specifiers a file imports: static imports, re-exports, import() and `typeof import()`. */
function specifiers(file: string, text: string): string[] {
  const { module, errors } = parseSync(file, text);
  if (errors.length) throw new Error(`${file}: ${errors[0]!.message}`);
  const out = module.staticImports.map((i) => i.moduleRequest.value);
  for (const e of module.staticExports) for (const x of e.entries) if (x.moduleRequest) out.push(x.moduleRequest.value);
  // import('…') as an expression or as a type: the literal inside the parentheses.
  for (const m of text.matchAll(/\bimport\(\s*(['"])([^'"]+)\1\s*\)/g)) out.push(m[2]!);
  return out;
}

/** src-relative path of a relative import, or undefined for a package / node: import. */
function resolveImport(from: string, spec: string, files: Set<string>): string | undefined | null {
  if (!spec.startsWith('.')) return undefined;
  const abs = resolve(join(SRC, dirname(from)), spec);
  const rel = relative(SRC, abs).split('\\').join('/');
  const candidates = [rel, rel.replace(/\.js$/, '.ts'), rel.replace(/\.mjs$/, '.mts'), `${rel}.ts`, `${rel}/index.ts`];
  for (const c of candidates) if (files.has(c)) return c;
  // JSON and other data beside the code, or a file outside src/ (types/): not part of the house.
  if (rel.startsWith('..') || !SOURCE.test(rel) || rel.endsWith('.json')) return undefined;
  return null;
}

export function importGraph(): Map<string, string[]> {
  const files = sourceFiles(SRC).sort();
  const set = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps: string[] = [];
    for (const spec of specifiers(f, readFileSync(join(SRC, f), 'utf8'))) {
      const to = resolveImport(f, spec, set);
      if (HTTP_PACKAGES.has(spec)) deps.push(`!${spec}`);
      else if (to === null) deps.push(`?${spec}`);
      else if (to && !deps.includes(to)) deps.push(to);
    }
    graph.set(f, deps);
  }
  return graph;
}

/** Strongly connected components of more than one file (or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue; // a package, or a file reported as unresolved
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

export function checkLayers(graph = importGraph()): Violation[] {
  const violations: Violation[] = [];
  const name = (i: number) => LAYERS[i]!.name;
  for (const [file, deps] of graph) {
    const from = layerOf(file);
    if (from < 0) {
      violations.push({ kind: 'unplaced', message: `src/${file} is in no layer: add it to LAYERS in scripts/import-graph.ts` });
      continue;
    }
    const { only, never } = LAYERS[from]!;
    for (const dep of deps) {
      if (dep.startsWith('!')) {
        if (!HTTP_LAYERS.has(name(from)))
          violations.push({ kind: 'http', message: `src/${file} (${name(from)}) → ${dep.slice(1)}: HTTP only in the fronts` });
        continue;
      }
      if (dep.startsWith('?')) {
        violations.push({ kind: 'unresolved', message: `src/${file} → ${dep.slice(1)}: no such file` });
        continue;
      }
      const to = layerOf(dep);
      if (to < 0) continue; // reported as unplaced on its own
      if (to < from)
        violations.push({ kind: 'upward', message: `src/${file} (${name(from)}) → src/${dep} (${name(to)}): imports a higher layer` });
      else if (never?.some((f) => matches(dep, f)))
        violations.push({ kind: 'forbidden', message: `src/${file} (${name(from)}) → src/${dep} (${name(to)}): ${name(from)} may not import src/${dep}` });
      else if (only && to !== from && !only.includes(name(to)))
        violations.push({
          kind: 'upward',
          message: `src/${file} (${name(from)}) → src/${dep} (${name(to)}): ${name(from)} may import only ${only.join(', ')}`,
        });
    }
  }
  for (const c of cycles(graph)) {
    const ring = c.filter((f) => graph.get(f)!.some((d) => c.includes(d)));
    const edges = ring.flatMap((f) => graph.get(f)!.filter((d) => c.includes(d)).map((d) => `src/${f} → src/${d}`));
    violations.push({ kind: 'cycle', message: `import cycle: ${edges.join('; ')}` });
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const v = checkLayers();
  for (const x of v) console.log(`${x.kind.padEnd(10)} ${x.message}`);
  console.log(v.length ? `${v.length} violation(s)` : 'every import points down; no cycles');
  process.exitCode = v.length ? 1 : 0;
}
