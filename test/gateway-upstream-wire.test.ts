// What the upstream receives from the gateway, byte for byte as far as it matters to its cost:
// the request an SDK would have sent it directly (one Content-Length body, never chunked transfer;
// one Host, one Authorization, one X-Amz-Date), and kept-alive connections reused: sequential
// requests travel over one upstream connection, not a new one each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ROOT, startServer, type TestServer } from './helpers/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface Seen {
  connection: number;
  method: string;
  url: string;
  rawHeaders: string[];
  headers: IncomingMessage['headers'];
  body: string;
}

let t: TestServer;
let upstream: Server;
let connections = 0;
const seen: Seen[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // The gateway reads bucket policies through (GetBucketPolicy): this upstream keeps none.
      if (req.url!.endsWith('?policy')) return res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchBucketPolicy</Code></Error>');
      const connection = (req.socket as unknown as { id: number }).id;
      seen.push({ connection, method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.headers['x-amz-target']) res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
      else res.writeHead(200, { etag: '"0"' }).end();
    });
  });
  upstream.on('connection', (socket) => ((socket as unknown as { id: number }).id = ++connections));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  t = await startServer({ enforce: 'on', upstream: `http://127.0.0.1:${(upstream.address() as { port: number }).port}` });
});

afterAll(async () => {
  await t?.close();
  upstream?.close();
});

const count = (raw: string[], name: string) => raw.filter((h, i) => i % 2 === 0 && h.toLowerCase() === name).length;

describe('the request the upstream receives', () => {
  it('JSON protocol: the body with its Content-Length, no chunked transfer, each signing header once; one connection for sequential requests', async () => {
    const ddb = new DynamoDBClient({ endpoint: t.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
    seen.length = 0;
    const item = { TableName: 'wire', Item: { pk: { S: 'k' }, v: { S: 'x'.repeat(300) } } };
    await ddb.send(new PutItemCommand(item));
    for (let i = 0; i < 5; i++) await ddb.send(new GetItemCommand({ TableName: 'wire', Key: { pk: { S: 'k' } } }));
    ddb.destroy();
    expect(seen).toHaveLength(6);
    expect(JSON.parse(seen[0]!.body)).toEqual(item);
    for (const s of seen) {
      expect(s.headers['content-length']).toBe(String(Buffer.byteLength(s.body)));
      expect(s.headers['transfer-encoding']).toBeUndefined();
      for (const name of ['host', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'content-length', 'x-amz-target', 'content-type']) expect(count(s.rawHeaders, name)).toBe(1);
    }
    // Kept alive and reused: the gateway does not open a connection per request.
    expect(new Set(seen.map((s) => s.connection)).size).toBe(1);
  });

  it('S3 aws-chunked upload: the decoded body with its decoded Content-Length, not chunked transfer', async () => {
    const s3 = new S3Client({ endpoint: t.url, region: 'us-east-1', credentials: ROOT, forcePathStyle: true, maxAttempts: 1 });
    seen.length = 0;
    const body = 'y'.repeat(5000);
    await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'obj', Body: body }));
    s3.destroy();
    expect(seen).toHaveLength(1);
    const s = seen[0]!;
    expect(s.method).toBe('PUT');
    expect(s.body).toBe(body);
    expect(s.headers['content-length']).toBe(String(body.length));
    expect(s.headers['transfer-encoding']).toBeUndefined();
    expect(count(s.rawHeaders, 'authorization')).toBe(1);
  });
});
