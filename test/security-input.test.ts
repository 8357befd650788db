// Issue #22, item 8: hostile input.
//  - JavaScript's built-in property names (`constructor`, `__proto__`, `toString`, …) are ordinary
//    strings wherever a request chooses a key: `Action=constructor` answered 200
//    <constructorResponse> (Object.prototype.constructor was taken for a handler) and
//    `Action=__proto__` a 500. Now they are InvalidAction, 404, or simply names, tag keys and
//    context keys like any other.
//  - Control characters and NUL never make a response ill-formed. XML 1.0 cannot carry them even as
//    character references (`&#x0;` is as ill-formed as the raw byte; expat — botocore — refuses
//    both). Inputs whose model pattern excludes them are refused with AWS's ValidationError (the
//    model's own constraint), and where a response must still echo one (the ValidationError
//    message itself, a member without a pattern) it is written as U+FFFD. What AWS writes in that
//    echo is unconfirmed; the choice here is the one that keeps every response parseable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUserCommand,
  GetUserCommand,
  ListUserTagsCommand,
  SimulateCustomPolicyCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { ROOT, sdkError, startServer, type TestServer } from './helpers/server.js';
import { send, signQuery } from './helpers/sigv4.js';
import { expectWellFormedXml, PROTOTYPE_NAMES } from './helpers/hostile.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const signed = async (service: 'iam' | 'sts', params: Record<string, string>) => {
  const s = await signQuery(t.url, params, { creds: ROOT, service });
  return send(s.url, { method: 'POST', headers: s.headers, body: s.body });
};
const VERSION = { iam: '2010-05-08', sts: '2011-06-15' };

describe('built-in property names are ordinary strings', () => {
  it('as an Action: InvalidAction (400), signed or not, IAM and STS — never a handler call or a 500', async () => {
    for (const name of PROTOTYPE_NAMES)
      for (const service of ['iam', 'sts'] as const) {
        const r = await signed(service, { Action: name, Version: VERSION[service] });
        expect(r, `${service} ${name}`).toMatchObject({
          status: 400,
          code: 'InvalidAction',
          message: `Could not find operation ${name} for version ${VERSION[service]}`,
        });
        const unsigned = await fetch(`${t.url}/?Action=${encodeURIComponent(name)}`);
        expect(unsigned.status).toBe(400);
        expect(await unsigned.text()).toContain('<Code>InvalidAction</Code>');
      }
  });

  it('as parameter names: ignored like any unknown parameter', async () => {
    const params: Record<string, string> = { Action: 'ListUsers', Version: VERSION.iam };
    for (const name of PROTOTYPE_NAMES) params[name] = 'x';
    const r = await signed('iam', params);
    expect(r.status, r.body).toBe(200);
  });

  it('as entity names and tag keys: stored and read back like any other', async () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      await t.iam.send(new CreateUserCommand({ UserName: name, Tags: [{ Key: '__proto__', Value: name }, { Key: 'constructor', Value: 'c' }] }));
      expect((await t.iam.send(new GetUserCommand({ UserName: name }))).User!.UserName).toBe(name);
      await t.iam.send(new TagUserCommand({ UserName: name, Tags: [{ Key: 'hasOwnProperty', Value: 'h' }] }));
      const tags = (await t.iam.send(new ListUserTagsCommand({ UserName: name }))).Tags!;
      // (not an object literal: `{ __proto__: … }` in one would set its prototype)
      expect(tags.map((x) => `${x.Key}=${x.Value}`).sort()).toEqual([`__proto__=${name}`, 'constructor=c', 'hasOwnProperty=h']);
    }
  });

  it('as context keys: plain data (the simulator decides on them)', async () => {
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 's3:prefix': 'yes', 'aws:PrincipalTag/constructor': 'c' } } }],
    });
    const sim = (entries: [string, string][]) =>
      t.iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [doc],
          ActionNames: ['s3:GetObject'],
          ContextEntries: entries.map(([k, v]) => ({ ContextKeyName: k, ContextKeyValues: [v], ContextKeyType: 'string' })),
        }),
      );
    const entries = (prefix: string): [string, string][] => [
      ['__proto__', 'p'],
      ['constructor', 'x'],
      ['s3:prefix', prefix],
      ['aws:PrincipalTag/constructor', 'c'],
    ];
    expect((await sim(entries('yes'))).EvaluationResults![0]!.EvalDecision).toBe('allowed');
    expect((await sim(entries('no'))).EvaluationResults![0]!.EvalDecision).toBe('implicitDeny');
  });

  it('as policy JSON keys: answered exactly as any other unknown key', async () => {
    // Written as text: a `__proto__` key in an object literal would set its prototype instead.
    const docs = (k: string) => [
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"${k}":{"aws:username":"x"}}}]}`,
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","${k}":"x"}]}`,
      `{"Version":"2012-10-17","${k}":"x","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"${k}":"x"}}}]}`,
    ];
    const answer = async (doc: string, i: number) => {
      const r = await signed('iam', { Action: 'CreatePolicy', Version: VERSION.iam, PolicyName: `p${i}`, PolicyDocument: doc });
      return { status: r.status, code: r.code, message: r.message };
    };
    const control = await Promise.all(docs('zzUnknown').map((d, i) => answer(d, 100 + i)));
    // A condition key needs no vendor prefix (recorded: test_iam_policies.snapshot.json valid-33), so the
    // last document is accepted: each name creates its own policies.
    for (const [n, name] of ['__proto__', 'constructor', 'toString'].entries()) {
      const got = await Promise.all(docs(name).map((d, i) => answer(d, 200 + 10 * n + i)));
      got.forEach((g, i) => {
        expect(g.status, `${name} #${i}`).toBe(control[i]!.status);
        expect(g.code, `${name} #${i}`).toBe(control[i]!.code);
        expect(g.message?.replaceAll(name, 'zzUnknown'), `${name} #${i}`).toBe(control[i]!.message);
      });
    }
  });

  it('as signed header names: a header the request lacks (SignatureDoesNotMatch), not a 500', async () => {
    const amz = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    for (const h of ['constructor', '__proto__', 'tostring']) {
      const r = await send(t.url + '/', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-amz-date': amz,
          authorization: `AWS4-HMAC-SHA256 Credential=test/${amz.slice(0, 8)}/us-east-1/iam/aws4_request, SignedHeaders=host;${h};x-amz-date, Signature=${'a'.repeat(64)}`,
        },
        body: 'Action=ListUsers&Version=2010-05-08',
      });
      expect(r, h).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    }
  });

  it('as path segments: 404 everywhere (query, admin, console, instance metadata)', async () => {
    for (const name of ['constructor', '__proto__', 'toString'])
      for (const path of [`/${name}`, `/_iam/${name}`, `/_iam/console/assets/${name}`, `/_iam/console/${name}`, `/latest/meta-data/${name}`, `/latest/meta-data/iam/security-credentials/${name}`]) {
        const r = await fetch(t.url + path);
        expect(r.status, path).toBe(404);
      }
  });

  it('as seed document keys: the seed\'s own "unknown key" error (400), not a 500', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const r = await fetch(t.url + '/_iam/seed', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [name]: 1 }) });
      expect(r.status, name).toBe(400);
      // fastify's JSON parser refuses a `__proto__` key by itself (400); every other name reaches
      // the seed's own check.
      if (name !== '__proto__') expect((await r.json()).error).toContain(`unknown key "${name}"`);
    }
  });
});

describe('control characters never make a response ill-formed', () => {
  const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\uFFFE', '\uD800'];

  it('a name with a control character: ValidationError, well-formed, the character never echoed raw', async () => {
    for (const c of CONTROLS) {
      const r = await signed('iam', { Action: 'CreateUser', Version: VERSION.iam, UserName: `a${c}b` });
      expect(r.status).toBe(400);
      expect(r.code).toBe('ValidationError');
      expectWellFormedXml(r.body);
      // IAM's validation messages carry no value (test/conformance/cases/validation-*.ts), so nothing is echoed.
      expect(r.message).toBe('The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-');
    }
  });

  it("STS quotes the value in its messages: a control character is echoed as U+FFFD", async () => {
    for (const c of CONTROLS) {
      const r = await signed('sts', {
        Action: 'AssumeRole',
        Version: VERSION.sts,
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        RoleSessionName: `a${c}b`,
      });
      expect(r.status).toBe(400);
      expect(r.code).toBe('ValidationError');
      expectWellFormedXml(r.body);
      expect(r.message).toContain("Value 'a\uFFFDb' at 'roleSessionName' failed to satisfy constraint");
    }
  });

  it('through the SDK: the error parses and names the constraint', async () => {
    const e = await sdkError(t.iam.send(new CreateUserCommand({ UserName: 'nul\u0000name' })));
    expect(e).toMatchObject({ name: 'ValidationError', status: 400 });
  });

  it('an Action made of control characters: InvalidAction, well-formed', async () => {
    const r = await signed('iam', { Action: 'List\u0000Users\u0007', Version: VERSION.iam });
    expect(r).toMatchObject({ status: 400, code: 'InvalidAction', message: 'Could not find operation List\uFFFDUsers\uFFFD for version 2010-05-08' });
    expectWellFormedXml(r.body);
  });

  it('a member without a pattern echoed in a result (simulator action names, resource ARNs)', async () => {
    const r = await signed('iam', {
      Action: 'SimulateCustomPolicy',
      Version: VERSION.iam,
      'PolicyInputList.member.1': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      'ActionNames.member.1': 's3:Get\u0001Object',
      'ResourceArns.member.1': 'arn:aws:s3:::b/\u0000k',
    });
    expect(r.status, r.body).toBe(200);
    expectWellFormedXml(r.body);
    expect(r.body).toContain('<EvalActionName>s3:Get\uFFFDObject</EvalActionName>');
    expect(r.body).toContain('<EvalResourceName>arn:aws:s3:::b/\uFFFDk</EvalResourceName>');
  });

  it('tab, LF and CR are legal XML and come back unchanged (CR as &#xD;)', async () => {
    const r = await signed('sts', {
      Action: 'AssumeRole',
      Version: VERSION.sts,
      RoleArn: 'arn:aws:iam::000000000000:role/r',
      RoleSessionName: 'a\tb\nc\rd',
    });
    expectWellFormedXml(r.body);
    expect(r.body).toContain("Value 'a\tb\nc&#xD;d'");
  });
});
