// The enforcement gateway (#18) in front of two real emulators from npm, started here: s3rver (S3)
// and dynalite (DynamoDB). Unmodified SDK clients talk to iam-local's port only. Allowed calls get
// the upstream's own answers; denied ones get AWS's error in each service's format, explained in
// /_iam/decisions; presigned S3 URLs work; bucket policies read from the upstream take part
// (cross-account too); a 100 MiB object streams both ways without being held in memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import S3rver from 's3rver';
import dynalite from 'dynalite';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { Sha256 } from './helpers/sigv4.js';
import { applySeedText } from '../src/seed/apply.js';
import { sdkError, startServer, type Credentials, type TestServer } from './helpers/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const A = '000000000000';
const B = '111111111111';
const BUCKET = 'gateway-bucket';
const TABLE = 'gateway-table';
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

let t: TestServer;
let s3rver: S3rver;
let dyn: Server;
let dir: string;
let policyProxy: Server;
let alice: Credentials;
let carol: Credentials; // account B

const s3As = (credentials: Credentials) => new S3Client({ endpoint: t.url, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 });
const ddbAs = (credentials: Credentials) => new DynamoDBClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
const ROOT = { accessKeyId: 'test', secretAccessKey: 'test' };

async function keyFor(user: string, policy: string, as: Credentials = ROOT): Promise<Credentials> {
  const iam = t.iamAs(as);
  await iam.send(new CreateUserCommand({ UserName: user }));
  await iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'p', PolicyDocument: policy }));
  const k = await iam.send(new CreateAccessKeyCommand({ UserName: user }));
  return { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! };
}

/** The decision ids a raw request's answer names. */
async function decisionOf(id: string) {
  return (await t.admin('GET', `/_iam/decisions/${id}`)).json;
}

/**
 * s3rver keeps no bucket policies (it answers ?policy with 405), so the S3 upstream here is s3rver
 * behind a small front that keeps them, as AWS and fuller emulators do; everything else is s3rver's.
 */
function bucketPolicyFront(s3port: number): Promise<Server> {
  const policies = new Map<string, string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.searchParams.has('policy')) {
      const bucket = url.pathname.split('/')[1]!;
      if (req.method === 'GET') {
        const p = policies.get(bucket);
        res.writeHead(p ? 200 : 404, { 'content-type': p ? 'application/json' : 'application/xml' });
        return res.end(p ?? '<Error><Code>NoSuchBucketPolicy</Code><Message>The bucket policy does not exist</Message></Error>');
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'PUT') policies.set(bucket, Buffer.concat(chunks).toString('utf8'));
        else policies.delete(bucket);
        res.writeHead(204).end();
      });
      return;
    }
    const up = httpRequest({ host: '127.0.0.1', port: s3port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iam-local-s3rver-'));
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true });
  const { port: s3port } = await s3rver.run();
  policyProxy = await bucketPolicyFront(s3port);
  dyn = dynalite({ createTableMs: 0 });
  await new Promise<void>((r) => dyn.listen(0, '127.0.0.1', () => r()));
  const dport = (dyn.address() as { port: number }).port;
  t = await startServer({ enforce: 'on', upstream: `s3=http://S3RVER:S3RVER@127.0.0.1:${(policyProxy.address() as { port: number }).port},dynamodb=http://127.0.0.1:${dport}` });

  const root = s3As(ROOT);
  await root.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await root.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'public/hello.txt', Body: 'hello world' }));
  await root.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'secret/plans.txt', Body: 'top secret' }));
  await ddbAs(ROOT).send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await ddbAs(ROOT).send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'k1' }, n: { N: '1' } } }));

  alice = await keyFor(
    'alice',
    doc(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/*` },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}`, Condition: { StringLike: { 's3:prefix': 'public/*' } } },
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: `arn:aws:dynamodb:us-east-1:${A}:table/${TABLE}` },
    ),
  );
  // A user of another account (seeded: with enforcement on, only a key of that account could make one).
  carol = { accessKeyId: 'AKIACAROL00000000001', secretAccessKey: 'carol-secret' };
  const seed = {
    version: 1,
    accounts: [
      {
        id: B,
        users: [
          {
            name: 'carol',
            accessKeys: [{ id: carol.accessKeyId, secret: carol.secretAccessKey, status: 'Active' }],
            inlinePolicies: { s3: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } },
          },
        ],
      },
    ],
  };
  await applySeedText(t.server.services, JSON.stringify(seed), { fileName: 'seed.json', server: t.server.http, baseUrl: t.url });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await s3rver?.close();
  policyProxy?.close();
  dyn?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('S3 through the gateway (s3rver upstream)', () => {
  it('an allowed GetObject returns the upstream object unchanged', async () => {
    const r = await s3As(alice).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/hello.txt' }));
    expect(await r.Body!.transformToString()).toBe('hello world');
    expect(r.ContentLength).toBe(11);
    expect(r.ETag).toBe(`"${createHash('md5').update('hello world').digest('hex')}"`);
  });

  it('a denied GetObject is S3 AccessDenied (403, XML) with AWS message, explained in /_iam/decisions', async () => {
    const res = await fetchSigned(alice, 'GET', `/${BUCKET}/secret/plans.txt`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/xml');
    const body = await res.text();
    const message = `User: arn:aws:iam::${A}:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${BUCKET}/secret/plans.txt" because no identity-based policy allows the s3:GetObject action`;
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain(`<Message>${message.replace(/"/g, '&quot;')}</Message>`);
    const id = res.headers.get('x-iam-local-decision-id')!;
    const d = await decisionOf(id);
    expect(d).toMatchObject({ action: 's3:GetObject', resource: `arn:aws:s3:::${BUCKET}/secret/plans.txt`, denied: true, decision: 'implicitDeny', decidedBy: 'identity', message });
    expect(d.note).toMatch(/gateway: s3 GetObject/);

    const e = await sdkError(s3As(alice).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'secret/plans.txt' })));
    expect(e).toMatchObject({ name: 'AccessDenied', status: 403, message });
  });

  it('ListObjectsV2 is s3:ListBucket with s3:prefix from the request', async () => {
    const ok = await s3As(alice).send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'public/' }));
    expect(ok.Contents?.map((c) => c.Key)).toEqual(['public/hello.txt']);
    const e = await sdkError(s3As(alice).send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'secret/' })));
    expect(e).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(e.message).toContain('s3:ListBucket on resource: "arn:aws:s3:::gateway-bucket"');
  });

  it('a denied HEAD is a bare 403', async () => {
    const e = await sdkError(s3As(alice).send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'secret/plans.txt' })));
    expect(e.status).toBe(403);
  });

  it('presigned URLs work through the gateway, and are decided too', async () => {
    const url = (await getSignedUrl(s3As(alice), new GetObjectCommand({ Bucket: BUCKET, Key: 'public/hello.txt' }), { expiresIn: 3600 })).replace(/^http:\/\/[^/]+/, t.url);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('hello world');
    const bad = await fetch(url.replace('X-Amz-Signature=', 'X-Amz-Signature=0'));
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const denied = (await getSignedUrl(s3As(alice), new GetObjectCommand({ Bucket: BUCKET, Key: 'secret/plans.txt' }), { expiresIn: 60 })).replace(/^http:\/\/[^/]+/, t.url);
    const r = await fetch(denied);
    expect(r.status).toBe(403);
    expect(await r.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('unknown keys and wrong secrets get S3 InvalidAccessKeyId / SignatureDoesNotMatch', async () => {
    const e1 = await sdkError(s3As({ accessKeyId: 'AKIANOTAREALKEY00000', secretAccessKey: 'x' }).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/hello.txt' })));
    expect(e1).toMatchObject({ name: 'InvalidAccessKeyId', status: 403, message: 'The AWS Access Key Id you provided does not exist in our records.' });
    const e2 = await sdkError(s3As({ ...alice, secretAccessKey: 'wrong' }).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/hello.txt' })));
    expect(e2).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  it('the bucket policy from the upstream takes part: its Deny wins, its Allow admits another account', async () => {
    const root = s3As(ROOT);
    const carolArn = `arn:aws:iam::${B}:user/carol`;
    // Cross-account without a bucket policy: carol's own Allow is not enough.
    const e0 = await sdkError(s3As(carol).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/hello.txt' })));
    expect(e0).toMatchObject({ name: 'AccessDenied', status: 403 });
    await root.send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: doc(
          { Sid: 'Carol', Effect: 'Allow', Principal: { AWS: carolArn }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/*` },
          { Sid: 'NoSecrets', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/hello.txt` },
        ),
      }),
    );
    const r = await s3As(carol).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/hello.txt' }));
    expect(await r.Body!.transformToString()).toBe('hello world');
    const e = await sdkError(s3As(alice).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/hello.txt' })));
    expect(e.message).toBe(
      `User: arn:aws:iam::${A}:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${BUCKET}/public/hello.txt" with an explicit deny in a resource-based policy`,
    );
    await root.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    const again = await s3As(alice).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/hello.txt' }));
    expect(await again.Body!.transformToString()).toBe('hello world');
  });

  it('unsigned requests are anonymous: refused, unless the bucket policy allows everyone', async () => {
    const url = `${t.url}/${BUCKET}/public/hello.txt`;
    const refused = await fetch(url);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>AccessDenied</Code><Message>Access Denied</Message>');
    await s3As(ROOT).send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: doc({ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/*` }),
      }),
    );
    try {
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('hello world');
      const d = await decisionOf(ok.headers.get('x-iam-local-decision-id')!);
      expect(d).toMatchObject({ principalType: 'anonymous', decision: 'allowed', decidedBy: 'resource' });
      expect((await fetch(`${t.url}/${BUCKET}/secret/plans.txt`)).status).toBe(403);
    } finally {
      await s3As(ROOT).send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    }
  });

  it('a 100 MiB object streams up and down with flat memory', async () => {
    const SIZE = 100 * 1024 * 1024;
    const block = Buffer.alloc(1024 * 1024, 7);
    const expected = createHash('sha256');
    for (let i = 0; i < 100; i++) expected.update(block);
    const digest = expected.digest('hex');
    if (global.gc) global.gc();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      let sent = 0;
      const body = new Readable({
        read() {
          if (sent >= SIZE) return this.push(null);
          sent += block.length;
          this.push(block);
        },
      });
      await s3As(ROOT).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big.bin', Body: body, ContentLength: SIZE }));
      const r = await s3As(ROOT).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big.bin' }));
      expect(r.ContentLength).toBe(SIZE);
      const h = createHash('sha256');
      for await (const c of r.Body as Readable) h.update(c as Buffer);
      expect(h.digest('hex')).toBe(digest);
    } finally {
      clearInterval(timer);
    }
    // Client, gateway and s3rver share this process: holding the object anywhere would add ≥ 100 MiB.
    expect(peak - before).toBeLessThan(60 * 1024 * 1024);
  }, 30_000);
});

describe('DynamoDB through the gateway (dynalite upstream)', () => {
  it('an allowed GetItem returns the upstream item', async () => {
    const r = await ddbAs(alice).send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'k1' } } }));
    expect(r.Item).toEqual({ pk: { S: 'k1' }, n: { N: '1' } });
    const q = await ddbAs(alice).send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :k', ExpressionAttributeValues: { ':k': { S: 'k1' } } }));
    expect(q.Count).toBe(1);
  });

  it('a denied PutItem is AccessDeniedException (400, JSON) with AWS message, explained in /_iam/decisions', async () => {
    const message = `User: arn:aws:iam::${A}:user/alice is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:${A}:table/${TABLE} because no identity-based policy allows the dynamodb:PutItem action`;
    const e = await sdkError(ddbAs(alice).send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'k2' } } })));
    expect(e).toMatchObject({ name: 'AccessDeniedException', status: 400, message });
    const list = (await t.admin('GET', '/_iam/decisions?denied=true&action=dynamodb:PutItem')).json;
    const d = await decisionOf(list.decisions[0].id);
    expect(d).toMatchObject({ action: 'dynamodb:PutItem', resource: `arn:aws:dynamodb:us-east-1:${A}:table/${TABLE}`, denied: true, reason: 'because no identity-based policy allows the dynamodb:PutItem action' });
    expect(d.context['aws:SourceIp']).toBe('127.0.0.1');
    // Nothing reached the upstream.
    const r = await ddbAs(ROOT).send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'k2' } } }));
    expect(r.Item).toBeUndefined();
  });

  it('dynamodb:LeadingKeys: the partition key values of the request, the key read from the table', async () => {
    const bob = await keyFor(
      'bob',
      doc({
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        Resource: `arn:aws:dynamodb:us-east-1:${A}:table/${TABLE}`,
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${aws:username}'] } },
      }),
    );
    await ddbAs(bob).send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'bob' }, n: { N: '2' } } }));
    const own = await ddbAs(bob).send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'bob' } } }));
    expect(own.Item?.n).toEqual({ N: '2' });
    const q = await ddbAs(bob).send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: '#p = :k', ExpressionAttributeNames: { '#p': 'pk' }, ExpressionAttributeValues: { ':k': { S: 'bob' } } }));
    expect(q.Count).toBe(1);
    const e = await sdkError(ddbAs(bob).send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'k1' } } })));
    expect(e).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    expect(e.message).toBe(
      `User: arn:aws:iam::${A}:user/bob is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:${A}:table/${TABLE} because no identity-based policy allows the dynamodb:GetItem action`,
    );
  });

  it('an unknown key gets UnrecognizedClientException', async () => {
    const e = await sdkError(ddbAs({ accessKeyId: 'AKIANOTAREALKEY00000', secretAccessKey: 'x' }).send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'k1' } } })));
    expect(e).toMatchObject({ name: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.' });
  });
});

/** A raw SigV4-signed S3 request (to read the wire answer, headers included). */
async function fetchSigned(creds: Credentials, method: string, path: string): Promise<Response> {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const u = new URL(t.url);
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: creds, sha256: Sha256, uriEscapePath: false, applyChecksum: true });
  const signed = await signer.sign({ method, protocol: 'http:', hostname: u.hostname, port: Number(u.port), path, query: {}, headers: { host: u.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
  return fetch(`${t.url}${path}`, { method, headers: signed.headers as Record<string, string> });
}

describe('the decisions of gateway calls in the console', () => {
  it('a denied S3 GetObject and a denied DynamoDB PutItem are listed and explained', async () => {
    await sdkError(s3As(alice).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'secret/plans.txt' })));
    await sdkError(ddbAs(alice).send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'k3' } } })));
    const signin = await fetch(`${t.url}/_iam/console/api/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.url },
      body: JSON.stringify({ kind: 'root', accessKeyId: 'test', secretAccessKey: 'test' }),
    });
    const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
    const list = await (await fetch(`${t.url}/_iam/console/api/decisions`, { headers: { cookie } })).json();
    const s3Denial = list.decisions.find((d: { action: string; decision: string }) => d.action === 's3:GetObject' && d.decision !== 'allowed');
    const ddbDenial = list.decisions.find((d: { action: string; decision: string }) => d.action === 'dynamodb:PutItem' && d.decision !== 'allowed');
    expect(s3Denial).toMatchObject({ resource: `arn:aws:s3:::${BUCKET}/secret/plans.txt`, principal: `arn:aws:iam::${A}:user/alice`, denied: true });
    expect(ddbDenial).toMatchObject({ resource: `arn:aws:dynamodb:us-east-1:${A}:table/${TABLE}`, denied: true });
    const detail = await (await fetch(`${t.url}/_iam/console/api/decisions?id=${ddbDenial.id}`, { headers: { cookie } })).json();
    expect(detail).toMatchObject({ decidedBy: 'identity', reason: 'because no identity-based policy allows the dynamodb:PutItem action' });
    expect(detail.layers.identity.decision).toBe('implicitDeny');
  });
});
