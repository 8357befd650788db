/// <reference types="vite/client" />
// Every conformance case names where its answer comes from, and ids are unique across the suite.
import { describe, expect, it } from 'vitest';
import type { ConformanceCase } from './types.js';

const files = import.meta.glob<{ cases: ConformanceCase[] }>('./cases/*.ts', { eager: true });
const all = Object.values(files).flatMap((m) => m.cases);

describe('conformance cases', () => {
  it('each has a source and a unique id', () => {
    const ids = new Set<string>();
    for (const c of all) {
      expect(c.source.trim().length, c.id).toBeGreaterThan(10);
      expect(ids.has(c.id), `duplicate id ${c.id}`).toBe(false);
      ids.add(c.id);
    }
  });
});
