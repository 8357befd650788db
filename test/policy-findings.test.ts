// The engine's own answer for a policy document: typed findings (syntax, semantic, size) with IAM's
// message and a position where one place is at fault — never an API error (those are chosen once,
// in src/resolution/policy-errors.ts).
import { describe, expect, it } from 'vitest';
import { MESSAGES, validatePolicyDocument } from '../src/policy/validate.js';
import { policyError } from '../src/resolution/policy-errors.js';
import { AwsError } from '../src/aws-error.js';

const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
const doc = (x: unknown) => JSON.stringify(x);

describe('validatePolicyDocument (engine findings)', () => {
  it('accepts a good document and never throws for bad text', () => {
    expect(validatePolicyDocument(doc({ Version: '2012-10-17', Statement: [ok] }), 'identity')).toEqual({ ok: true });
    for (const text of ['', '{', '[]', 'null', '{"Statement":', '\u0000', '{"a":1,"a":2}'])
      expect(() => validatePolicyDocument(text, 'trust')).not.toThrow();
  });

  it('places a JSON error where the parser stopped, and words it per kind', () => {
    const v = validatePolicyDocument('{\n  "Version": "2012-10-17",\n  "Statement": [ }', 'identity');
    expect(v).toEqual({ ok: false, finding: { kind: 'syntax', message: MESSAGES.syntax, position: { line: 3, column: 18 } } });
    const t = validatePolicyDocument('nope', 'trust');
    expect(t.ok === false && t.finding).toMatchObject({ kind: 'syntax', message: MESSAGES.invalidJson, position: { line: 1, column: 1 } });
  });

  it('places a duplicate key and a bad or missing Version', () => {
    const dup = validatePolicyDocument('{"Version":"2012-10-17",\n "Statement":[],\n "Statement":[]}', 'identity');
    expect(dup).toEqual({ ok: false, finding: { kind: 'syntax', message: MESSAGES.syntax, position: { line: 3, column: 2 } } });
    const old = validatePolicyDocument(`{"Statement":[${doc(ok)}],\n"Version":"2008-10-17"}`, 'identity');
    expect(old).toEqual({ ok: false, finding: { kind: 'semantic', message: MESSAGES.version, position: { line: 2, column: 1 } } });
    const none = validatePolicyDocument(`{"Statement":[${doc(ok)}]}`, 'identity');
    expect(none).toEqual({ ok: false, finding: { kind: 'semantic', message: MESSAGES.version, position: { line: 1, column: 1 } } });
  });

  it('tells grammar (syntax) from what IAM refuses in a grammatical document (semantic)', () => {
    const grammar = validatePolicyDocument(doc({ Version: '2012-10-17', Statement: [{ ...ok, Foo: 1 }] }), 'identity');
    expect(grammar).toEqual({ ok: false, finding: { kind: 'syntax', message: MESSAGES.syntax } });
    const noResource = validatePolicyDocument(doc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] }), 'identity');
    expect(noResource).toEqual({ ok: false, finding: { kind: 'semantic', message: MESSAGES.noResources } });
  });

  it('reports a size finding with the size, the limit and the quota', () => {
    const big = doc({ Version: '2012-10-17', Statement: [{ ...ok, Resource: Array.from({ length: 400 }, (_, i) => `arn:aws:s3:::b${i}/*`) }] });
    const v = validatePolicyDocument(big, 'identity', { inline: { entityType: 'user', entityName: 'bob' } });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.finding).toMatchObject({ kind: 'size', quota: 'inline', limit: 2048, message: 'Maximum policy size of 2048 bytes exceeded for user bob' });
    expect(v.finding.kind === 'size' && v.finding.size).toBeGreaterThan(2048);
    expect(validatePolicyDocument(big, 'identity')).toMatchObject({ ok: false, finding: { kind: 'size', quota: 'managed', limit: 6144 } });
  });
});

describe('policyError (the one mapping to AWS errors)', () => {
  it('answers syntax and semantic findings as MalformedPolicyDocument, size as LimitExceeded, simulator input as InvalidInput', () => {
    const m = policyError({ kind: 'semantic', message: MESSAGES.noActions });
    expect(m).toBeInstanceOf(AwsError);
    expect([m.code, m.status, m.message]).toEqual(['MalformedPolicyDocument', 400, MESSAGES.noActions]);
    const s = policyError({ kind: 'size', message: 'Cannot exceed quota for PolicySize: 6144', size: 7000, limit: 6144, quota: 'managed' });
    expect([s.code, s.status, s.message]).toEqual(['LimitExceeded', 409, 'Cannot exceed quota for PolicySize: 6144']);
    const i = policyError({ kind: 'syntax', message: MESSAGES.invalidJson }, 'simulator-input');
    expect([i.code, i.status, i.message]).toEqual(['InvalidInput', 400, MESSAGES.invalidJson]);
  });
});
