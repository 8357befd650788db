// Runs conformance cases against a live iam-local over the wire: every request is signed with SigV4 as an SDK
// signs it, every answer parsed by the model and compared with what AWS sent, key for key.
// Each case runs in an account of its own (a 12-digit access key is that account's root), so cases never see
// each other's entities and names can be reused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamModel } from '../../src/protocol/generated/iam-model.js';
import { stsModel } from '../../src/protocol/generated/sts-model.js';
import { signQuery } from '../helpers/sigv4.js';
import { startServer, type Credentials, type TestServer } from '../helpers/server.js';
import { parseAnswer } from './response-shape.js';
import type { ConformanceCase, Json, Step } from './types.js';

const models = { iam: iamModel, sts: stsModel } as const;

/** The account a case runs in: distinct per case, never the default 000000000000. */
export const caseAccount = (index: number) => String(100000000000 + index * 7919).padStart(12, '0');

function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? vars[name]! : m));
}

function substituteJson(value: Json, vars: Record<string, string>): Json {
  if (typeof value === 'string') return substitute(value, vars);
  if (Array.isArray(value)) return value.map((v) => substituteJson(v, vars));
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[substitute(k, vars)] = substituteJson(v, vars);
    return out;
  }
  return value;
}

/** '<any>' in an expected value accepts whatever the server sent for that key (the key must still be there). */
function applyWildcards(expected: Json, actual: Json): Json {
  if (expected === '<any>') return actual;
  if (Array.isArray(expected) && Array.isArray(actual)) return expected.map((e, i) => applyWildcards(e, actual[i] as Json));
  if (expected && typeof expected === 'object' && !Array.isArray(expected) && actual && typeof actual === 'object' && !Array.isArray(actual)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(expected)) out[k] = applyWildcards(v, (actual as Record<string, Json>)[k] as Json);
    return out;
  }
  return expected;
}

function at(value: Json | undefined, path: string): Json | undefined {
  let cur: Json | undefined = value;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(part)] : (cur as Record<string, Json>)[part];
  }
  return cur;
}

async function runStep(t: TestServer, step: Step, vars: Record<string, string>, creds: Record<string, Credentials>, label: string) {
  const service = step.service ?? 'iam';
  const params: Record<string, string> = { Action: step.action, Version: models[service].version };
  for (const [k, v] of Object.entries(step.params ?? {})) params[k] = substitute(String(v), vars);
  const signWith = step.as ? creds[step.as] : creds.root;
  if (!signWith) throw new Error(`${label}: no credentials named ${step.as}`);
  const req = await signQuery(t.url, params, { creds: signWith, service, region: step.region ?? 'us-east-1' });
  const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body });
  const answer = parseAnswer(models[service], step.action, res.status, await res.text());
  const expected = step.expect;
  if (!expected || (!expected.error && expected.result === undefined)) {
    expect(answer.error, `${label}: ${step.action} should succeed\n${answer.xml}`).toBeUndefined();
    expect(answer.status, label).toBe(200);
  } else if (expected.error) {
    const want = { status: expected.status ?? 400, error: substituteJson(expected.error as unknown as Json, vars) };
    expect({ status: answer.status, error: answer.error }, `${label}: ${step.action}\n${answer.xml}`).toEqual(want);
  } else {
    const want = substituteJson(expected.result!, vars);
    expect({ status: answer.status, result: answer.result }, `${label}: ${step.action}\n${answer.xml}`).toEqual({
      status: expected.status ?? 200,
      result: applyWildcards(want, answer.result as Json),
    });
  }
  for (const [name, path] of Object.entries(step.save ?? {})) {
    const v = at(answer.result, path);
    if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`${label}: nothing to save at ${path}\n${answer.xml}`);
    vars[name] = String(v);
  }
  if (step.saveCredentials) {
    const c = at(answer.result, step.saveCredentials.path) as Record<string, string> | undefined;
    if (!c?.AccessKeyId) throw new Error(`${label}: no credentials at ${step.saveCredentials.path}\n${answer.xml}`);
    creds[step.saveCredentials.name] = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
  }
}

/** Declares one vitest test per case, all against one server for the file. */
export function conformance(title: string, cases: ConformanceCase[], index0 = 0) {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t?.close());
  describe(title, () => {
    cases.forEach((c, i) => {
      it(`${c.id}`, async () => {
        const account = caseAccount(index0 + i + 1);
        const vars: Record<string, string> = { account };
        const creds: Record<string, Credentials> = { root: { accessKeyId: account, secretAccessKey: 'conformance' } };
        for (const [n, step] of c.steps.entries()) await runStep(t, step, vars, creds, `${c.id} step ${n + 1}`);
      });
    });
  });
}
