// Fuzzing the Query endpoint: requests generated from the service models (mostly well-formed,
// often not), mutated bodies, odd encodings and Unicode, duplicate and missing parameters, huge
// values, deep or invalid policy JSON, and bad signatures. Whatever comes in, the answer is an
// AWS-shaped response (XML success or <ErrorResponse>), never a 500, a hang or a crash; the store
// passes PRAGMA integrity_check and every acknowledged CreateUser/DeleteUser is reflected in it.
// FUZZ_RUNS raises the number of requests (the bench runs a longer campaign).
// Classes learnt from issue #22: JavaScript's built-in property names as actions, parameter names
// and values; control characters (every response must be well-formed XML 1.0); pathological
// wildcard patterns (decided correctly, in linear time); payload-hash swapping (a signature
// never covers a body it was not computed over); and the admin surface's gate (Host, Origin, body
// type, peer and proof in any combination decide as the rules in SECURITY.md say).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ListUsersCommand, SimulateCustomPolicyCommand } from '@aws-sdk/client-iam';
import { iamModel } from '../src/protocol/generated/iam-model.js';
import { stsModel } from '../src/protocol/generated/sts-model.js';
import type { ServiceModel } from '../src/protocol/model-types.js';
import { ROOT, startServer, type TestServer } from './helpers/server.js';
import { signer } from './helpers/sigv4.js';
import { expectWellFormedXml, PROTOTYPE_NAMES } from './helpers/hostile.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const NAMES = ['alice', 'bob', 'Alice', 'ops', 'dev', 'x', 'constructor', '__proto__'];
const POLICY_OK = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
const TRUST_OK = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

const oddString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', '\uFFFF', '\uD800', '𝕏', '%', '%ZZ', '../', '<x/>', ']]>', '&amp;', "'", '"', '\\', '\u0001\u001F', 'a\u0000b'),
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'a'.repeat(n)),
);

const deepJson = fc.integer({ min: 1, max: 5000 }).map((d) => '['.repeat(d) + ']'.repeat(d));
const policyText = fc.oneof(
  fc.constant(POLICY_OK),
  fc.constant(TRUST_OK),
  deepJson,
  fc.json({ maxDepth: 6 }),
  oddString,
  fc.constantFrom('{', '{"Version":"2012-10-17"}', '{"Statement":[]}', 'null', '[]', '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}}'),
);

/** Parameters for one shape: mostly values that fit the model, sometimes ones that do not. */
function shapeParams(model: ServiceModel, shapeName: string, prefix: string, depth: number): fc.Arbitrary<[string, string][]> {
  const s = model.shapes[shapeName]!;
  const leaf = (arb: fc.Arbitrary<string>) => arb.map((v) => [[prefix, v]] as [string, string][]);
  switch (s.type) {
    case 'structure': {
      if (depth > 3) return fc.constant([]);
      const members = Object.entries(s.members ?? {});
      const required = new Set(s.required ?? []);
      const parts = members.map(([m, ref]) => {
        const key = prefix ? `${prefix}.${m}` : m;
        const arb = shapeParams(model, ref, key, depth + 1);
        // Required members are present most of the time; optional ones now and then.
        return fc.oneof({ weight: required.has(m) ? 8 : 2, arbitrary: arb }, { weight: required.has(m) ? 1 : 3, arbitrary: fc.constant([]) });
      });
      return fc.tuple(...parts).map((xs) => xs.flat());
    }
    case 'list':
      return fc
        .array(fc.nat(), { maxLength: depth > 2 ? 1 : 3 })
        .chain((items) =>
          fc.tuple(...items.map((_, i) => shapeParams(model, s.member!, `${prefix}.member.${i + 1}`, depth + 1))).map((xs) => xs.flat()),
        );
    case 'map':
      return fc.constant([[`${prefix}.entry.1.key`, 'k'], [`${prefix}.entry.1.value`, 'v']]);
    case 'integer':
    case 'long':
      return leaf(fc.oneof(fc.integer({ min: -5, max: 50_000 }).map(String), oddString));
    case 'boolean':
      return leaf(fc.oneof(fc.constantFrom('true', 'false'), oddString));
    case 'timestamp':
      return leaf(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), oddString));
    case 'blob':
      return leaf(fc.oneof(fc.base64String({ maxLength: 40 }), oddString));
    default: {
      const name = prefix.split('.').pop()!;
      if (/PolicyDocument|Policy$/.test(name)) return leaf(policyText);
      if (s.enum) return leaf(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: oddString }));
      if (/Arn$/.test(name))
        return leaf(fc.oneof(fc.constantFrom('arn:aws:iam::000000000000:policy/p', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::000000000000:role/r'), oddString));
      if (name === 'Path' || name === 'PathPrefix' || name === 'NewPath') return leaf(fc.oneof(fc.constantFrom('/', '/dev/', '/a/b/'), oddString));
      return leaf(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, { weight: 2, arbitrary: oddString }));
    }
  }
}

function requestArb(model: ServiceModel): fc.Arbitrary<[string, string][]> {
  const ops = Object.keys(model.operations);
  // Now and then an action that is a built-in property name, and a parameter named like one.
  const opArb = fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...ops) }, { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) });
  return fc.tuple(opArb, fc.option(fc.constantFrom(...PROTOTYPE_NAMES), { freq: 10 })).chain(([op, extra]) => {
    const input = Object.hasOwn(model.operations, op) ? model.operations[op]!.input : undefined;
    const body = input ? shapeParams(model, input, '', 0) : fc.constant([] as [string, string][]);
    return body.map((ps) => [['Action', op], ['Version', model.version], ...ps, ...(extra ? [[extra, 'x'] as [string, string]] : [])] as [string, string][]);
  });
}

type Mutation = 'none' | 'duplicate' | 'drop' | 'garbage' | 'truncate';

// encodeURIComponent throws on lone surrogates; replace them as a client's encoder would.
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
const encode = (ps: [string, string][]) =>
  ps.map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v)).replace(/%20/g, '+')}`).join('&');

function mutate(body: string, ps: [string, string][], m: Mutation, seed: number): string {
  switch (m) {
    case 'duplicate':
      return ps.length ? `${body}&${encode([ps[seed % ps.length]!])}` : body;
    case 'drop':
      return encode(ps.filter((_, i) => i !== seed % Math.max(ps.length, 1)));
    case 'garbage':
      return body.slice(0, seed % (body.length + 1)) + '%E0%A4%A&&==%%' + body.slice(seed % (body.length + 1));
    case 'truncate':
      return body.slice(0, seed % (body.length + 1));
    default:
      return body;
  }
}

let t: TestServer;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iam-local-fuzz-'));
  t = await startServer({ dbPath: join(dir, 'fuzz.db') });
});
afterAll(() => t.close());

async function sendRaw(service: 'iam' | 'sts', body: string, auth: 'signed' | 'bad-signature' | 'unsigned') {
  const url = new URL(t.url);
  let headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (auth !== 'unsigned') {
    const signed = await signer(ROOT, service).sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, ...headers },
      body,
    });
    const { host: _h, ...rest } = signed.headers as Record<string, string>;
    headers = rest;
    if (auth === 'bad-signature') headers.authorization = headers.authorization!.replace(/Signature=(.)/, (_m, c) => `Signature=${c === 'a' ? 'b' : 'a'}`);
  }
  const res = await fetch(t.url + '/', { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: await res.text() };
}

describe('fuzzing the Query endpoint', () => {
  it(`answers ${RUNS} generated and mutated requests with AWS-shaped responses, never a 500`, async () => {
    const users = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<'iam' | 'sts'>('iam', 'iam', 'iam', 'sts'),
        fc.nat(),
        fc.constantFrom<Mutation>('none', 'none', 'none', 'duplicate', 'drop', 'garbage', 'truncate'),
        fc.constantFrom<'signed' | 'bad-signature' | 'unsigned'>('signed', 'signed', 'signed', 'bad-signature', 'unsigned'),
        async (service, seed, mutation, auth) => {
          const model = service === 'iam' ? iamModel : stsModel;
          const ps = fc.sample(requestArb(model), { numRuns: 1, seed })[0]!;
          const body = mutate(encode(ps), ps, mutation, seed);
          const { status, text } = await sendRaw(service, body, auth);
          expect(status, text).toBeLessThan(500);
          expect(text, text).toMatch(/^<(\w+Response|ErrorResponse) xmlns="https:\/\/(iam|sts)\.amazonaws\.com\/doc\/[\d-]+\/">/);
          expectWellFormedXml(text);
          const action = new URLSearchParams(body).get('Action') ?? '';
          if (PROTOTYPE_NAMES.includes(action)) expect(text).toContain('<Code>InvalidAction</Code>');
          // Track what was acknowledged, to compare with the store at the end.
          const answered = /^<(\w+)Response/.exec(text)?.[1];
          const userName = /<UserName>([^<]*)<\/UserName>/.exec(text)?.[1];
          if (status === 200 && answered === 'CreateUser' && userName) users.add(userName.toLowerCase());
          if (status === 200 && answered === 'DeleteUser') {
            const p = new URLSearchParams(body);
            users.delete((p.get('UserName') ?? '').toLowerCase());
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(t.server.services.store.integrityCheck()).toBe('ok');
    const listed = await t.iam.send(new ListUsersCommand({ MaxItems: 1000 }));
    const stored = new Set(listed.Users!.map((u) => u.UserName!.toLowerCase()));
    for (const u of users) expect(stored.has(u), `acknowledged user ${u} is missing`).toBe(true);
  }, 300_000);

  it('survives raw bytes, empty bodies and odd content types', async () => {
    for (const [body, type] of [
      ['', 'application/x-www-form-urlencoded'],
      ['\u0000\u0001\u0002', 'application/x-www-form-urlencoded'],
      ['Action=ListUsers&Action=CreateUser', 'application/x-www-form-urlencoded'],
      ['{"Action":"ListUsers"}', 'application/json'],
      ['Action=%', 'application/x-www-form-urlencoded'],
    ] as const) {
      const res = await fetch(t.url + '/', { method: 'POST', headers: { 'content-type': type }, body });
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).toMatch(/^<|^\{/);
    }
    expect(t.server.services.store.integrityCheck()).toBe('ok');
  });
});

/** The plain O(n·m) table for IAM wildcards (`*` any run, `?` one character). */
function wildcardReference(pattern: string, value: string): boolean {
  let prev = new Array<boolean>(value.length + 1).fill(false);
  prev[0] = true;
  for (const ch of pattern) {
    const cur = new Array<boolean>(value.length + 1).fill(false);
    if (ch === '*') for (let j = 0, any = false; j <= value.length; j++) cur[j] = any = any || prev[j]!;
    else for (let j = 1; j <= value.length; j++) cur[j] = prev[j - 1]! && (ch === '?' || ch === value[j - 1]);
    prev = cur;
  }
  return prev[value.length]!;
}

describe('fuzzing the classes of issue #22', () => {
  it('pathological wildcards in Resource and StringLike decide as the reference does (and at all)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('*', '*', '*', 'a', 'a', 'b', '?'), { minLength: 5, maxLength: 40 }).map((cs) => cs.join('')),
        fc.integer({ min: 50, max: 800 }),
        fc.constantFrom('', 'b', 'ab', 'ba'),
        async (pattern, n, tail) => {
          const value = 'a'.repeat(n) + tail;
          const doc = JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${pattern}` },
              { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringLike: { 's3:prefix': pattern } } },
            ],
          });
          const r = await t.iam.send(
            new SimulateCustomPolicyCommand({
              PolicyInputList: [doc],
              ActionNames: ['s3:GetObject', 's3:ListBucket'],
              ResourceArns: [`arn:aws:s3:::${value}`],
              ContextEntries: [{ ContextKeyName: 's3:prefix', ContextKeyValues: [value], ContextKeyType: 'string' }],
            }),
          );
          const expected = wildcardReference(pattern, value) ? 'allowed' : 'implicitDeny';
          for (const e of r.EvaluationResults!) expect(e.EvalDecision, `${e.EvalActionName} ${pattern} vs a×${n}${tail}`).toBe(expected);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('a signature never covers a body other than the one whose hash it signed (payload-hash swapping)', async () => {
    const sha = (b: string) => createHash('sha256').update(b).digest('hex');
    const bodies = ['Action=ListUsers&Version=2010-05-08', 'Action=CreateUser&Version=2010-05-08&UserName=swap-victim', 'Action=GetUser&Version=2010-05-08'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bodies),
        fc.constantFrom(...bodies),
        fc.constantFrom('absent', 'UNSIGNED-PAYLOAD', 'signed-body', 'sent-body', 'other-hex', 'garbage'),
        async (signedBody, sentBody, declared) => {
          const url = new URL(t.url);
          const header =
            declared === 'absent' ? undefined
            : declared === 'signed-body' ? sha(signedBody)
            : declared === 'sent-body' ? sha(sentBody)
            : declared === 'other-hex' ? 'ab'.repeat(32)
            : declared === 'garbage' ? 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'
            : 'UNSIGNED-PAYLOAD';
          const base = { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
          const signed = await signer(ROOT, 'iam').sign({
            method: 'POST', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/', query: {},
            headers: header === undefined ? base : { ...base, 'x-amz-content-sha256': header },
            body: signedBody,
          });
          const { host: _h, ...headers } = signed.headers as Record<string, string>;
          const res = await fetch(t.url + '/', { method: 'POST', headers, body: sentBody });
          const text = await res.text();
          // What the signer hashed must be the body that arrived, and a declared hash must be its hash.
          const signedHash = header ?? sha(signedBody);
          const honest = signedHash === sha(sentBody);
          if (honest) expect(text).not.toContain('<Code>SignatureDoesNotMatch</Code>');
          else {
            expect(res.status, `${declared}: ${signedBody} → ${sentBody}`).toBe(403);
            expect(text).toContain('<Code>SignatureDoesNotMatch</Code>');
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('the admin gate: any mix of Host, Origin, body type, peer and proof decides as SECURITY.md says', async () => {
    const TOKEN = 'fuzz-admin-token-0123456789';
    const s = await startServer({ adminToken: TOKEN });
    try {
      const routes: [string, string][] = [
        ['GET', '/_iam/state'], ['POST', '/_iam/seed?check=true'], ['GET', '/_iam/clock'], ['POST', '/_iam/clock'],
        ['GET', '/_iam/tasks'], ['GET', '/_iam/instances'], ['GET', '/_iam/decisions'], ['POST', '/_iam/oidc/token'],
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.constantFrom('127.0.0.1:4577', 'localhost:4577', '[::1]:4577', '10.0.0.8:4577', 'attacker.example', 'localhost.attacker.example'),
          fc.constantFrom(undefined, 'same', 'https://evil.example', 'null', 'http://localhost:3000'),
          fc.constantFrom(undefined, 'application/json', 'application/yaml', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'TEXT/PLAIN; charset=utf-8'),
          fc.constantFrom('127.0.0.1', '::1', '198.51.100.4', '::ffff:127.0.0.1'),
          fc.constantFrom('none', 'right', 'wrong'),
          async ([method, url], host, originKind, type, peer, proof) => {
            const origin = originKind === 'same' ? `http://${host}` : originKind;
            const headers: Record<string, string> = { host };
            if (origin) headers.origin = origin;
            if (type) headers['content-type'] = type;
            if (proof !== 'none') headers.authorization = `Bearer ${proof === 'right' ? TOKEN : TOKEN + 'x'}`;
            const body = type && method === 'POST' ? (type.includes('json') ? '{"advanceSeconds":0,"sub":"x"}' : 'users: []') : undefined;
            const r = await (await s.server.app()).inject({ method: method as 'GET', url, headers, payload: body, remoteAddress: peer });
            const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
            const hostOk = !/attacker/.test(name);
            const originOk = originKind === undefined || originKind === 'same';
            const simple = method !== 'GET' && /^(text\/plain|application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type ?? '');
            const loopback = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/.test(peer) && /^(127\.0\.0\.1|localhost|::1)$/.test(name);
            const proven = proof === 'right' || (proof === 'none' && loopback);
            const allowed = hostOk && originOk && !simple && proven;
            const what = `${method} ${url} host=${host} origin=${origin} type=${type} peer=${peer} proof=${proof}: ${r.statusCode} ${r.body.slice(0, 120)}`;
            expect(r.statusCode, what).toBeLessThan(500);
            if (allowed) expect([200, 201, 400, 404, 409], what).toContain(r.statusCode);
            else expect([401, 403, 415], what).toContain(r.statusCode);
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      await s.close();
    }
  }, 120_000);
});
