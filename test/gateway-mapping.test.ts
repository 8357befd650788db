// The gateway's pure parts: S3 and other services' requests → actions/resources/condition keys
// (from the Service Authorization Reference data), upstream settings, and S3's aws-chunked
// decoding checked against AWS's published example of STREAMING-AWS4-HMAC-SHA256-PAYLOAD.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { s3Request } from '../src/gateway/s3-request.js';
import { serviceRequest } from '../src/gateway/service-request.js';
import { parseUpstreams, UpstreamError } from '../src/gateway/upstreams.js';
import { virtualHostBucket } from '../src/gateway/route.js';
import { AwsChunkedDecoder, ChunkSignatureError, ContentSha256Mismatch, Sha256Verifier } from '../src/gateway/aws-chunked.js';
import { signingKey } from '../src/auth/sigv4.js';

const q = (s = '') => new URLSearchParams(s);
const where = { partition: 'aws', region: 'us-east-1', account: '123456789012' };
const json = (target: string, body: object, service: string) =>
  serviceRequest({ service, protocol: 'json', method: 'POST', path: '/', query: q(), headers: { 'x-amz-target': target }, body: Buffer.from(JSON.stringify(body)), where });

describe('S3 request → action and resource', () => {
  const s3 = (method: string, path: string, query = '', headers: Record<string, string> = {}, host?: string) => s3Request(method, path, q(query), headers, host, 'aws');

  it('object operations act on the object ARN, bucket operations on the bucket ARN', () => {
    expect(s3('GET', '/b/a%20b/c.txt').checks).toEqual([{ action: 's3:GetObject', resource: 'arn:aws:s3:::b/a b/c.txt' }]);
    expect(s3('HEAD', '/b/k').checks[0]!.action).toBe('s3:GetObject');
    expect(s3('GET', '/b/k', 'versionId=3').checks[0]!.action).toBe('s3:GetObjectVersion');
    expect(s3('PUT', '/b/k').checks).toEqual([{ action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' }]);
    expect(s3('DELETE', '/b/k').checks[0]!.action).toBe('s3:DeleteObject');
    expect(s3('GET', '/b').checks).toEqual([{ action: 's3:ListBucket', resource: 'arn:aws:s3:::b' }]);
    expect(s3('GET', '/b/', 'list-type=2&prefix=logs/&delimiter=/')).toMatchObject({ operation: 'ListObjectsV2', context: { 's3:prefix': 'logs/', 's3:delimiter': '/' } });
    expect(s3('GET', '/').checks).toEqual([{ action: 's3:ListAllMyBuckets', resource: '*' }]);
    expect(s3('PUT', '/b').checks[0]!.action).toBe('s3:CreateBucket');
    expect(s3('DELETE', '/b/', 'policy').checks[0]!.action).toBe('s3:DeleteBucketPolicy');
    expect(s3('DELETE', '/b', 'cors').checks[0]!.action).toBe('s3:PutBucketCORS');
    expect(s3('GET', '/b', 'versions').checks[0]!.action).toBe('s3:ListBucketVersions');
    expect(s3('PUT', '/b/k', 'tagging').checks[0]!.action).toBe('s3:PutObjectTagging');
    expect(s3('POST', '/b/k', 'uploads').checks[0]!.action).toBe('s3:PutObject');
    expect(s3('DELETE', '/b/k', 'uploadId=1').checks[0]!.action).toBe('s3:AbortMultipartUpload');
    expect(s3('GET', '/b/k', 'uploadId=1').checks[0]!.action).toBe('s3:ListMultipartUploadParts');
  });

  it('virtual-hosted style takes the bucket from the Host and forwards path style', () => {
    const r = s3('GET', '/dir/k.txt', '', {}, virtualHostBucket('my-bucket.s3.us-east-1.amazonaws.com'));
    expect(r.checks).toEqual([{ action: 's3:GetObject', resource: 'arn:aws:s3:::my-bucket/dir/k.txt' }]);
    expect(r.pathStyle).toBe('/my-bucket/dir/k.txt');
    expect(virtualHostBucket('my-bucket.localhost:4577')).toBe('my-bucket');
    expect(virtualHostBucket('s3.us-east-1.amazonaws.com')).toBeUndefined();
    expect(virtualHostBucket('127.0.0.1:4577')).toBeUndefined();
  });

  it('CopyObject needs s3:PutObject on the target and s3:GetObject on the source; headers become condition keys', () => {
    const r = s3('PUT', '/dst/k2', '', { 'x-amz-copy-source': '/src/dir/k1', 'x-amz-acl': 'public-read' });
    expect(r.checks).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::dst/k2' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::src/dir/k1' },
    ]);
    expect(r.context['s3:x-amz-acl']).toBe('public-read');
  });
});

describe('JSON, Query and REST-JSON requests → action and resource', () => {
  it('DynamoDB: the table (or index) ARN from the input; batch and transact calls check every table', () => {
    expect(json('DynamoDB_20120810.PutItem', { TableName: 'T', Item: {} }, 'dynamodb').checks).toEqual([
      { action: 'dynamodb:PutItem', resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/T' },
    ]);
    expect(json('DynamoDB_20120810.Query', { TableName: 'T', IndexName: 'I' }, 'dynamodb').checks[0]!.resource).toBe(
      'arn:aws:dynamodb:us-east-1:123456789012:table/T/index/I',
    );
    expect(json('DynamoDB_20120810.BatchWriteItem', { RequestItems: { A: [], B: [] } }, 'dynamodb').checks.map((c) => c.resource)).toEqual([
      'arn:aws:dynamodb:us-east-1:123456789012:table/A',
      'arn:aws:dynamodb:us-east-1:123456789012:table/B',
    ]);
    expect(
      json('DynamoDB_20120810.TransactWriteItems', { TransactItems: [{ Put: { TableName: 'A' } }, { ConditionCheck: { TableName: 'B' } }] }, 'dynamodb').checks.map((c) => c.action),
    ).toEqual(['dynamodb:PutItem', 'dynamodb:ConditionCheckItem']);
    expect(json('DynamoDB_20120810.ListTables', {}, 'dynamodb').checks).toEqual([{ action: 'dynamodb:ListTables', resource: '*' }]);
  });

  it('SQS (JSON and Query): the queue ARN from the queue URL, in the URL’s account', () => {
    const url = 'http://localhost:4566/000000000000/jobs';
    expect(json('AmazonSQS.SendMessage', { QueueUrl: url, MessageBody: 'x' }, 'sqs').checks).toEqual([
      { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:000000000000:jobs' },
    ]);
    const form = serviceRequest({
      service: 'sqs',
      protocol: 'query',
      method: 'POST',
      path: '/',
      query: q(),
      headers: {},
      body: Buffer.from(`Action=DeleteQueue&QueueUrl=${encodeURIComponent(url)}`),
      where,
    });
    expect(form.checks).toEqual([{ action: 'sqs:DeleteQueue', resource: 'arn:aws:sqs:us-east-1:000000000000:jobs' }]);
  });

  it('SNS, Secrets Manager, KMS and Lambda resources', () => {
    const sns = serviceRequest({ service: 'sns', protocol: 'query', method: 'POST', path: '/', query: q(), headers: {}, body: Buffer.from('Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At&Message=hi'), where });
    expect(sns.checks).toEqual([{ action: 'sns:Publish', resource: 'arn:aws:sns:us-east-1:123456789012:t' }]);
    expect(json('secretsmanager.GetSecretValue', { SecretId: 'db/pass' }, 'secretsmanager').checks[0]).toEqual({
      action: 'secretsmanager:GetSecretValue',
      resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db/pass',
    });
    expect(json('TrentService.Decrypt', { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, 'kms').checks[0]!.resource).toBe(
      'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    const lambda = serviceRequest({ service: 'lambda', protocol: 'rest-json', method: 'POST', path: '/2015-03-31/functions/my-fn/invocations', query: q(), headers: {}, body: Buffer.alloc(0), where });
    expect(lambda.checks).toEqual([{ action: 'lambda:InvokeFunction', resource: 'arn:aws:lambda:us-east-1:123456789012:function:my-fn' }]);
  });

  it('an operation the data does not know is decided as the action it names, on *, and marked', () => {
    expect(json('DynamoDB_20120810.FrobnicateTable', { TableName: 'T' }, 'dynamodb')).toMatchObject({
      unknown: true,
      checks: [{ action: 'dynamodb:FrobnicateTable', resource: '*' }],
    });
  });
});

describe('upstream setting', () => {
  it('per service, catch-all, and credentials in the URL', () => {
    const u = parseUpstreams('s3=http://S3RVER:S3RVER@127.0.0.1:4569,dynamodb=http://127.0.0.1:8000');
    expect(u.get('s3')).toMatchObject({ host: '127.0.0.1:4569', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    expect(u.get('dynamodb')).toMatchObject({ port: 8000, accessKeyId: 'test' });
    expect(parseUpstreams('http://localhost:4566').get('*')).toMatchObject({ hostname: 'localhost', port: 4566 });
    expect(() => parseUpstreams('s3=ftp://x')).toThrow(UpstreamError);
    expect(() => parseUpstreams('')).toThrow(UpstreamError);
  });
});

describe('aws-chunked bodies', () => {
  // AWS's example (S3 API reference, "Signature Calculations for the Authorization Header:
  // Transferring Payload in Multiple Chunks"): 66560 bytes of 'a' in chunks of 65536 and 1024.
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const signing = {
    key: signingKey(secret, '20130524', 'us-east-1', 's3'),
    amzDate: '20130524T000000Z',
    scope: '20130524/us-east-1/s3/aws4_request',
    seedSignature: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
  };
  const sigs = [
    'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
    '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
    'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
  ];
  const body = (s = sigs) =>
    Buffer.concat([
      Buffer.from(`10000;chunk-signature=${s[0]}\r\n`),
      Buffer.alloc(65536, 'a'),
      Buffer.from(`\r\n400;chunk-signature=${s[1]}\r\n`),
      Buffer.alloc(1024, 'a'),
      Buffer.from(`\r\n0;chunk-signature=${s[2]}\r\n\r\n`),
    ]);
  /** Feeds the body in odd-sized pieces (framing split anywhere) and collects the output. */
  async function decode(b: Buffer, d: AwsChunkedDecoder | Sha256Verifier): Promise<Buffer> {
    const pieces: Buffer[] = [];
    for (let i = 0; i < b.length; i += 997) pieces.push(b.subarray(i, i + 997));
    const out: Buffer[] = [];
    await pipeline(Readable.from(pieces), d, async (src: AsyncIterable<Buffer>) => {
      for await (const c of src) out.push(c);
    });
    return Buffer.concat(out);
  }

  it('verifies every chunk signature of AWS’s example and passes the decoded bytes on', async () => {
    const out = await decode(body(), new AwsChunkedDecoder(signing));
    expect(out.equals(Buffer.alloc(66560, 'a'))).toBe(true);
  });

  it('a tampered chunk signature or chunk ends the stream with an error', async () => {
    await expect(decode(body([sigs[0]!, sigs[2]!, sigs[1]!]), new AwsChunkedDecoder(signing))).rejects.toBeInstanceOf(ChunkSignatureError);
    const b = body();
    b[200] = 'b'.charCodeAt(0);
    await expect(decode(b, new AwsChunkedDecoder(signing))).rejects.toBeInstanceOf(ChunkSignatureError);
  });

  it('unsigned chunks with trailing checksum headers (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', async () => {
    const b = Buffer.from('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
    expect((await decode(b, new AwsChunkedDecoder(undefined))).toString()).toBe('hello world');
  });

  it('a declared x-amz-content-sha256 that is not the body’s fails the stream', async () => {
    const hello = Buffer.from('hello');
    const good = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';
    expect((await decode(hello, new Sha256Verifier(good))).toString()).toBe('hello');
    await expect(decode(hello, new Sha256Verifier(good.replace('2', '3')))).rejects.toBeInstanceOf(ContentSha256Mismatch);
  });
});
