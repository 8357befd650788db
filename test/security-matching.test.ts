// Issue #22, item 5: IAM wildcard matching takes linear (at worst O(n·m)) time, whatever the
// pattern. A RegExp built from `arn:aws:s3:::*a*a*a*a*a*a*b` backtracked for 25 s against 90 `a`s
// and held the event loop (and /_iam/health) the whole time. No RegExp is built from a user's
// pattern any more; these tests pin the class: pathological patterns decide correctly, the matcher
// agrees with a plain dynamic-programming reference on random patterns, and no source file builds
// a RegExp from anything but the service models' own constraint patterns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SimulateCustomPolicyCommand } from '@aws-sdk/client-iam';
import { makeContext, matchAction, matchResource, wildcardMatch } from '../src/policy/index.js';
import { partsMatch } from '../src/policy/match.js';
import { evaluateConditions } from '../src/policy/conditions.js';
import { parsePolicy } from '../src/policy/parse.js';
import { startServer, type TestServer } from './helpers/server.js';

/** The textbook O(n·m) table: `*` any run, `?` one UTF-16 unit, all else literal. */
function reference(pattern: { ch: string; wild: boolean }[], value: string, fold?: (s: string) => string): boolean {
  const f = fold ?? ((s: string) => s);
  const n = value.length;
  let prev = new Array<boolean>(n + 1).fill(false);
  prev[0] = true;
  for (const { ch, wild } of pattern) {
    const cur = new Array<boolean>(n + 1).fill(false);
    if (wild && ch === '*') {
      let any = false;
      for (let j = 0; j <= n; j++) cur[j] = any = any || prev[j]!;
    } else {
      for (let j = 1; j <= n; j++) cur[j] = prev[j - 1]! && ((wild && ch === '?') || f(ch) === f(value[j - 1]!));
    }
    prev = cur;
  }
  return prev[n]!;
}
const chars = (s: string, wild = true) => [...s].map((ch) => ({ ch, wild }));

const pathological = (stars: number) => '*a'.repeat(stars) + '*b';

describe('pathological patterns decide in linear time', () => {
  it('the reproduction: *a*a*a*a*a*a*b against 90 × a (25 s with a backtracking RegExp)', () => {
    const ctx = makeContext({});
    const value = 'arn:aws:s3:::' + 'a'.repeat(90);
    expect(matchResource('arn:aws:s3:::*a*a*a*a*a*a*b', value, ctx, true).matched).toBe(false);
    expect(matchResource('arn:aws:s3:::*a*a*a*a*a*a*b', value + 'b', ctx, true).matched).toBe(true);
    // The same with a policy variable in the pattern (the parts path), and as an action.
    expect(matchResource('arn:aws:s3:::${aws:username}*a*a*a*a*a*a*b', 'arn:aws:s3:::u' + 'a'.repeat(90), makeContext({ 'aws:username': 'u' }), true).matched).toBe(false);
    expect(matchAction('s3:*a*a*a*a*a*a*b', 's3:' + 'a'.repeat(90))).toBe(false);
  });

  it('50 wildcards against a 10,000-character value (the bench measures the time)', () => {
    const value = 'a'.repeat(10_000);
    expect(wildcardMatch(pathological(50), value)).toBe(false);
    expect(wildcardMatch(pathological(50), value + 'b')).toBe(true);
    expect(wildcardMatch('?'.repeat(25) + '*' + '?*'.repeat(25), value)).toBe(true);
    expect(wildcardMatch('*a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?b*', value)).toBe(false);
    expect(wildcardMatch(pathological(50).toUpperCase(), value, true)).toBe(false);
  });

  it('StringLike conditions use the same matcher', () => {
    const ctx = makeContext({ 's3:prefix': 'a'.repeat(5000) });
    const cond = (v: string) => {
      const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringLike: { 's3:prefix': v } } }] };
      return evaluateConditions(parsePolicy(JSON.stringify(doc)).statements[0]!.conditions, ctx, true);
    };
    expect(cond(pathological(30)).matched).toBe(false);
    expect(cond('*a*a*a*a*a*a*a*a*a*a*a*a*').matched).toBe(true);
  });
});

describe('the matcher agrees with a plain reference (fuzz)', () => {
  const patternArb = fc.array(fc.constantFrom('a', 'b', 'A', '*', '?', '/', ':', '.'), { maxLength: 12 }).map((cs) => cs.join(''));
  const valueArb = fc.array(fc.constantFrom('a', 'b', 'A', 'B', '/', ':', '.', 'ß', 'İ'), { maxLength: 16 }).map((cs) => cs.join(''));

  it('wildcardMatch, case-sensitive and case-insensitive', () => {
    fc.assert(
      fc.property(patternArb, valueArb, (p, v) => {
        expect(wildcardMatch(p, v)).toBe(reference(chars(p), v));
        const up = (s: string) => [...s].map((c) => (c.toUpperCase().length === 1 ? c.toUpperCase() : c)).join('');
        expect(wildcardMatch(p, v, true)).toBe(reference(chars(p), v, up));
        // A value built to match (the pattern with its wildcards filled in) always does.
        const filled = p.replace(/\*/g, 'xy').replace(/\?/g, 'z');
        expect(wildcardMatch(p, filled)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('long segments with `?` (the bit-parallel search spans several 32-bit words)', () => {
    const longPattern = fc.array(fc.constantFrom('a', 'a', 'a', 'b', '?', '?', '*'), { minLength: 30, maxLength: 90 }).map((cs) => cs.join(''));
    const longValue = fc.array(fc.constantFrom('a', 'a', 'a', 'b'), { minLength: 30, maxLength: 140 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(longPattern, longValue, (p, v) => {
        expect(wildcardMatch(p, v)).toBe(reference(chars(p), v));
        expect(wildcardMatch(p, p.replace(/[*?]/g, 'b'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('partsMatch: substituted text is literal, even `*` and `?`', () => {
    const partArb = fc.record({ lit: fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 4 }).map((c) => c.join('')), wild: fc.boolean() });
    fc.assert(
      fc.property(fc.array(partArb, { maxLength: 4 }), valueArb, (parts, v) => {
        const ref = parts.flatMap((p) => chars(p.lit, p.wild));
        expect(partsMatch(parts, v)).toBe(reference(ref, v));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('no RegExp is built from a user pattern', () => {
  it('only the protocol layer compiles patterns, and only the service models\' constraints', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|js)$/.test(f)) files.push(p);
      }
    };
    walk(new URL('../src', import.meta.url).pathname);
    const builders = files.filter((f) => /new RegExp\(|\bRegExp\(/.test(readFileSync(f, 'utf8'))).map((f) => f.slice(f.indexOf('src')));
    expect(builders).toEqual([join('src', 'protocol', 'parse.ts')]);
  });
});

describe('over the wire: a pathological simulation neither hangs nor blocks /_iam/health', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  const simulate = (resource: string, value: string) =>
    t.iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] })],
        ActionNames: ['s3:GetObject'],
        ResourceArns: [value],
      }),
    );

  it('the issue\'s reproduction answers implicitDeny, and allowed once the value ends in b', async () => {
    const r = await simulate('arn:aws:s3:::*a*a*a*a*a*a*b', 'arn:aws:s3:::' + 'a'.repeat(90));
    expect(r.EvaluationResults![0]!.EvalDecision).toBe('implicitDeny');
    const ok = await simulate('arn:aws:s3:::*a*a*a*a*a*a*b', 'arn:aws:s3:::' + 'a'.repeat(90) + 'b');
    expect(ok.EvaluationResults![0]!.EvalDecision).toBe('allowed');
  });

  it('health answers while large simulations are in flight', async () => {
    // 40 wildcards against 2,000 characters: astronomically slow for a backtracking RegExp.
    const big = Array.from({ length: 4 }, () => simulate('arn:aws:s3:::' + pathological(40), 'arn:aws:s3:::' + 'a'.repeat(2000)));
    const health = fetch(t.url + '/_iam/health').then((r) => r.status);
    const results = await Promise.all(big);
    for (const r of results) expect(r.EvaluationResults![0]!.EvalDecision).toBe('implicitDeny');
    expect(await health).toBe(200);
  });
});
