// Refusals through the gateway in each protocol's own format (a catch-all upstream that a denied
// request never reaches): SQS (JSON, with the Query code in x-amzn-query-error; and Query XML),
// SNS (Query XML, AuthorizationError), Lambda (REST-JSON), KMS (JSON), each with AWS's message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { startServer, type Credentials, type TestServer } from './helpers/server.js';
import { Sha256 } from './helpers/sigv4.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const A = '000000000000';
let t: TestServer;
let upstream: Server;
let reached = 0;
let nobody: Credentials;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    reached++;
    req.resume();
    res.end('{}');
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  t = await startServer({ enforce: 'on', upstream: `http://127.0.0.1:${(upstream.address() as { port: number }).port}` });
  await t.iam.send(new CreateUserCommand({ UserName: 'nobody' }));
  const k = await t.iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }));
  nobody = { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! };
});

afterAll(async () => {
  await t?.close();
  upstream?.close();
});

async function signed(service: string, method: string, path: string, headers: Record<string, string>, body: string, creds: Credentials = nobody) {
  const u = new URL(t.url);
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: creds, sha256: Sha256 });
  const req = await signer.sign({ method, protocol: 'http:', hostname: u.hostname, port: Number(u.port), path, query: {}, headers: { host: u.host, ...headers }, body });
  const res = await fetch(`${t.url}${path}`, { method, headers: req.headers as Record<string, string>, body: method === 'GET' ? undefined : body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
const msg = (action: string, resource: string) =>
  `User: arn:aws:iam::${A}:user/nobody is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe('refusals in each protocol', () => {
  it('SQS JSON: AccessDeniedException with x-amzn-query-error AccessDenied;Sender', async () => {
    const r = await signed('sqs', 'POST', '/', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' }, JSON.stringify({ QueueUrl: `http://localhost/${A}/jobs`, MessageBody: 'x' }));
    expect(r.status).toBe(403);
    expect(r.headers.get('x-amzn-query-error')).toBe('AccessDenied;Sender');
    expect(JSON.parse(r.text)).toEqual({ __type: 'com.amazon.coral.service#AccessDeniedException', Message: msg('sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:jobs`) });
  });

  it('SNS Query: AuthorizationError in an ErrorResponse', async () => {
    const r = await signed('sns', 'POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, `Action=Publish&TopicArn=${encodeURIComponent(`arn:aws:sns:us-east-1:${A}:alerts`)}&Message=hi`);
    expect(r.status).toBe(403);
    expect(r.text).toContain('<Type>Sender</Type><Code>AuthorizationError</Code>');
    expect(r.text).toContain(`<Message>${msg('sns:Publish', `arn:aws:sns:us-east-1:${A}:alerts`)}</Message>`);
  });

  it('Lambda REST-JSON: 403 AccessDeniedException in x-amzn-ErrorType', async () => {
    const r = await signed('lambda', 'POST', '/2015-03-31/functions/worker/invocations', { 'content-type': 'application/json' }, '{}');
    expect(r.status).toBe(403);
    expect(r.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(JSON.parse(r.text)).toEqual({ Type: 'User', Message: msg('lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${A}:function:worker`) });
  });

  it('KMS JSON: 400 AccessDeniedException', async () => {
    const r = await signed('kms', 'POST', '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Decrypt' }, JSON.stringify({ KeyId: 'alias/app', CiphertextBlob: 'AA==' }));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).__type).toBe('com.amazon.coral.service#AccessDeniedException');
  });

  it('nothing denied reached the upstream; an allowed call (root) does, re-signed', async () => {
    expect(reached).toBe(0);
    const r = await signed('sqs', 'POST', '/', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' }, '{}', { accessKeyId: 'test', secretAccessKey: 'test' });
    expect(r.status).toBe(200);
    expect(reached).toBe(1);
  });

  it('a wrong signature is InvalidSignatureException (JSON) and SignatureDoesNotMatch (Query)', async () => {
    const bad = { ...nobody, secretAccessKey: 'wrong' };
    const j = await signed('kms', 'POST', '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ListKeys' }, '{}', bad);
    expect(j.status).toBe(400);
    expect(JSON.parse(j.text).__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    const q = await signed('sns', 'POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=ListTopics', bad);
    expect(q.status).toBe(403);
    expect(q.text).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});
