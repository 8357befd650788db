// The gateway keeps the engine's answer for a principal, action and resource when no statement
// that can apply reads the request (no Condition, no policy variable). These tests pin down what
// that must never change: a policy or membership write decides the very next request, a policy
// with a Condition is decided on each request's own context, and every request still gets its own
// decision record (id, time, context) in /_iam/decisions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { startServer, type Credentials, type TestServer } from './helpers/server.js';
import { Sha256 } from './helpers/sigv4.js';
import { DECISION_HEADER } from '../src/authz/decision-header.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const A = '000000000000';
const TABLE_ARN = `arn:aws:dynamodb:us-east-1:${A}:table/cached`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
let t: TestServer;
let upstream: Server;
let reached = 0;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    reached++;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  t = await startServer({ enforce: 'on', upstream: `dynamodb=http://127.0.0.1:${(upstream.address() as { port: number }).port}` });
});

afterAll(async () => {
  await t?.close();
  upstream?.close();
});

async function user(name: string, policy?: string): Promise<Credentials> {
  await t.iam.send(new CreateUserCommand({ UserName: name }));
  if (policy) await t.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const k = await t.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! };
}

/** A signed DynamoDB GetItem through the gateway: its status and the decision id it names. */
async function getItem(creds: Credentials, userAgent = 'cache-test') {
  const u = new URL(t.url);
  const body = JSON.stringify({ TableName: 'cached', Key: { pk: { S: 'k' } } });
  const headers = { host: u.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem', 'user-agent': userAgent };
  const signer = new SignatureV4({ service: 'dynamodb', region: 'us-east-1', credentials: creds, sha256: Sha256 });
  const req = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/', query: {}, headers, body });
  const res = await fetch(`${t.url}/`, { method: 'POST', headers: req.headers as Record<string, string>, body });
  await res.text();
  return { status: res.status, decision: res.headers.get(DECISION_HEADER) ?? '' };
}

describe('decisions kept across requests', () => {
  it('a policy write decides the next request: an added Deny refuses, its removal allows again', async () => {
    const creds = await user('dora', doc({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE_ARN }));
    const before = reached;
    expect((await getItem(creds)).status).toBe(200);
    expect((await getItem(creds)).status).toBe(200);
    expect(reached).toBe(before + 2);
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'dora', PolicyName: 'deny', PolicyDocument: doc({ Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' }) }));
    expect((await getItem(creds)).status).toBe(400);
    await t.iam.send(new DeleteUserPolicyCommand({ UserName: 'dora', PolicyName: 'deny' }));
    expect((await getItem(creds)).status).toBe(200);
    expect(reached).toBe(before + 3);
  });

  it("a group joined later takes part in the next request's decision", async () => {
    const creds = await user('edgar', doc({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE_ARN }));
    await t.iam.send(new CreateGroupCommand({ GroupName: 'blocked' }));
    await t.iam.send(new PutGroupPolicyCommand({ GroupName: 'blocked', PolicyName: 'deny', PolicyDocument: doc({ Effect: 'Deny', Action: 'dynamodb:GetItem', Resource: '*' }) }));
    expect((await getItem(creds)).status).toBe(200);
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'blocked', UserName: 'edgar' }));
    expect((await getItem(creds)).status).toBe(400);
  });

  it("a policy with a Condition is decided on each request's own context", async () => {
    const creds = await user(
      'fiona',
      doc({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE_ARN, Condition: { StringLike: { 'aws:UserAgent': 'trusted-*' } } }),
    );
    expect((await getItem(creds, 'trusted-app/1.0')).status).toBe(200);
    expect((await getItem(creds, 'other-app/1.0')).status).toBe(400);
    expect((await getItem(creds, 'trusted-app/2.0')).status).toBe(200);
  });

  it('a policy variable is read from each request', async () => {
    // A request key as a variable in the resource: the table named by the caller's User-Agent.
    const creds = await user('gus', doc({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: `arn:aws:dynamodb:us-east-1:${A}:table/\${aws:UserAgent}` }));
    expect((await getItem(creds, 'cached')).status).toBe(200);
    expect((await getItem(creds, 'elsewhere')).status).toBe(400);
    expect((await getItem(creds, 'cached')).status).toBe(200);
  });

  it('each request still has its own decision record, with its own context', async () => {
    const creds = await user('hana', doc({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE_ARN }));
    const a = await getItem(creds, 'agent-a');
    const b = await getItem(creds, 'agent-b');
    expect(a.decision).not.toBe('');
    expect(a.decision).not.toBe(b.decision);
    const da = (await t.admin('GET', `/_iam/decisions/${a.decision}`)).json;
    const db = (await t.admin('GET', `/_iam/decisions/${b.decision}`)).json;
    expect(da).toMatchObject({ decision: 'allowed', decidedBy: 'identity', action: 'dynamodb:GetItem', resource: TABLE_ARN, principal: `arn:aws:iam::${A}:user/hana` });
    expect(da.statements).toHaveLength(1);
    expect(db.statements).toEqual(da.statements);
    expect(da.context['aws:UserAgent']).toBe('agent-a');
    expect(db.context['aws:UserAgent']).toBe('agent-b');
  });
});
