// The house stays standing: every import in src/ points down a layer of ../shared/DESIGN.md, and
// no files import each other round, and HTTP stays in the fronts (scripts/import-graph.ts holds
// the map of layers).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { checkLayers, importGraph, layerOf } from '../scripts/import-graph.js';

describe('layers', () => {
  const graph = importGraph();

  it('reads the imports of every source file', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('server.ts')).toContain('context.ts');
  });

  it('has no upward import, no cycle and no file outside a layer', () => {
    const messages = checkLayers(graph).map((v) => `${v.kind}: ${v.message}`);
    expect(messages).toEqual([]);
  });

  it('catches an upward import, a cycle and HTTP below the fronts', () => {
    const bad = new Map([
      ['store/rows.ts', ['iam/users.ts']],
      ['iam/users.ts', ['iam/groups.ts']],
      ['iam/groups.ts', ['iam/users.ts']],
      ['policy/parse.ts', ['store/rows.ts']],
      ['policy/validate.ts', ['aws-error.ts', 'own.ts']],
      ['dispatch/execute.ts', ['!fastify']],
      ['query/endpoint.ts', ['!fastify', 'dispatch/execute.ts']],
    ]);
    const messages = checkLayers(bad).map((v) => v.message);
    expect(messages).toContain('src/store/rows.ts (store) → src/iam/users.ts (handlers): imports a higher layer');
    expect(messages).toContain('src/policy/parse.ts (policy engine) → src/store/rows.ts (store): policy engine may import only base');
    // The engine answers with its own findings; AWS's errors are chosen above it.
    expect(messages).toContain('src/policy/validate.ts (policy engine) → src/aws-error.ts (base): policy engine may not import src/aws-error.ts');
    expect(messages.filter((m) => m.includes('→ src/own.ts'))).toEqual([]);
    expect(messages.some((m) => m.startsWith('import cycle:') && m.includes('src/iam/users.ts → src/iam/groups.ts'))).toBe(true);
    expect(messages).toContain('src/dispatch/execute.ts (dispatch) → fastify: HTTP only in the fronts');
    expect(messages.filter((m) => m.includes('query/endpoint.ts'))).toEqual([]);
    expect(layerOf('nowhere.ts')).toBe(-1);
  });

  it('opens each src/ folder with a README.md', () => {
    const src = new URL('../src/', import.meta.url);
    const folders = readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !existsSync(new URL(`${f}/README.md`, src)))).toEqual([]);
  });
});
