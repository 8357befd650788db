// What `iam-local start` compiles before its first answer (issue #19): the modules the bundle's
// entry imports statically, read from esbuild's metafile (dist/meta.json). The first request of a
// test suite (sts:GetCallerIdentity) needs none of IAM's model and handlers, STS's other handlers,
// the policy engine, fastify, commander or the metadata registry: each loads on its first use.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
interface Meta {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, { bytesInOutput: number }> }>;
}
let meta: Meta;
let onStartPath: Set<string>;
let startFiles: Set<string>;
let bytes = 0;

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
  meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'meta.json'), 'utf8')) as Meta;
  const chunks = new Set<string>();
  const visit = (out: string) => {
    if (chunks.has(out)) return;
    chunks.add(out);
    for (const i of meta.outputs[out]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit('dist/cli.js');
  startFiles = chunks;
  onStartPath = new Set();
  for (const c of chunks)
    for (const [input, { bytesInOutput }] of Object.entries(meta.outputs[c]!.inputs)) {
      onStartPath.add(input);
      bytes += bytesInOutput;
    }
});

describe('the start path', () => {
  it.each([
    ['IAM model', 'src/protocol/generated/iam-model.ts'],
    ['IAM handlers', 'src/iam/index.ts'],
    ['STS AssumeRole', 'src/sts/assume-role.ts'],
    ['SAML federation', 'src/sts/saml.ts'],
    ['the authorizer', 'src/authz/authorize.ts'],
    ['the action table', 'src/authz/generated/actions.ts'],
    ['the policy engine', 'src/policy/evaluate.ts'],
    ['the metadata registry', 'src/metadata/registry.ts'],
    ['the routes app', 'src/routes-app.ts'],
    ['the gateway', 'src/gateway/gateway.ts'],
    ['seeds', 'src/seed/apply.ts'],
  ])('does not compile %s', (_name, input) => {
    expect(Object.keys(meta.inputs)).toContain(input); // (the module still exists under that name)
    expect(onStartPath.has(input)).toBe(false);
  });

  it.each(['node_modules/fastify/', 'node_modules/commander/', 'node_modules/pino/', 'node_modules/ipaddr.js/'])('does not compile %s', (pkg) => {
    expect([...onStartPath].filter((i) => i.startsWith(pkg))).toEqual([]);
  });

  it('compiles what the first signed request needs, and little else', () => {
    for (const needed of ['src/auth/sigv4.ts', 'src/sts/caller-identity.ts', 'src/front-door.ts', 'src/store/database.ts']) expect(onStartPath.has(needed)).toBe(true);
    // 118 KB today (it was 496 KB): a module that joins the start path must be needed by the first request.
    expect(bytes).toBeLessThan(150_000);
  });

  it('is a few files, not a chunk per combination of lazy modules', () => {
    // Each file is a resolve, a read and a link at every start; 26 files (~50 import resolutions)
    // made V8 optimise Node's URL-to-path code on a compiler thread (≈3 MiB of idle RSS). scripts/build.mjs keeps the start
    // path in one chunk (startPathInOneChunk); today: dist/cli.js, that chunk and esbuild's helpers.
    expect(startFiles.size).toBeLessThanOrEqual(3);
  });
});
