// The shared scaffold of the table-driven "documented errors" tests (test/coverage-*.test.ts): one
// server per file, the file's fixtures made once, then each case's SDK call must fail exactly so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IAMClient } from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './server.js';

export type Fixtures = Record<string, string>;
export type Expected = { name: string; status: number; message: string };
export type ErrorCase = [label: string, call: (c: IAMClient, f: Fixtures) => Promise<unknown>, expected: Expected];

/** Two batches of 30 tags: the second pushes a resource past IAM's 50. */
export const TAGS_A = Array.from({ length: 30 }, (_, i) => ({ Key: `a${i}`, Value: 'v' }));
export const TAGS_B = Array.from({ length: 30 }, (_, i) => ({ Key: `b${i}`, Value: 'v' }));

export function documentedErrors(title: string, fixtures: (t: TestServer) => Promise<Fixtures>, cases: ErrorCase[]) {
  let t: TestServer;
  let f: Fixtures;
  beforeAll(async () => {
    t = await startServer();
    f = await fixtures(t);
  });
  afterAll(() => t.close());

  describe(title, () => {
    it.each(cases)('%s', async (_label, call, expected) => {
      expect(await sdkError(call(t.iam, f))).toEqual(expected);
    });
  });
}
