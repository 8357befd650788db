// The enforcement gateway: one port in front of other local emulators (S3, DynamoDB, SQS, …).
// Per request: which service (route.ts) → who signed it (SigV4 against iam-local's keys and
// sessions; src/auth) → which actions on which resources (s3-request.ts, service-request.ts) →
// decided by the policy engine with the same modes and decision log as IAM itself (decide.ts) →
// refused in the service's own format (errors.ts), or signed again with the upstream's credentials
// and streamed both ways: request and response bodies are piped, never held (S3 objects of any
// size pass in constant memory). Upstream connections are kept alive and reused.
import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import type { Services } from '../context.js';
import { AwsError } from '../protocol/errors.js';
import { parseSignature, checkHostSigned, signingKey, SIGNATURE_MISMATCH_MESSAGE, signatureDoesNotMatch, type ParsedSignature } from '../auth/sigv4.js';
import { checkScope, checkTime, expiredToken, resolveKey, signatureEnd, type Resolved } from '../auth/authenticate.js';
import type { Principal } from '../principal.js';
import type { SignedRequest } from '../auth/signed-request.js';
import { partitionOf } from '../partition.js';
import { DECISION_HEADER } from '../authz/decision-header.js';
import { serviceOf, virtualHostBucket } from './route.js';
import { upstreamFor, type Upstream } from './upstreams.js';
import { protocolOf, type Check, type MappedRequest, type WireProtocol } from './request-model.js';
import { s3Request, bucketOfArn } from './s3-request.js';
import { serviceRequest } from './service-request.js';
import { decideRequest, accountOf, deniedMessage, principalFacts, type CallFacts, type PrincipalFacts, type ResourceSide } from './decide.js';
import { accessDeniedRefusal, authRefusal, sendRefusal, type Refusal } from './errors.js';
import { canonicalQuery, canonicalUri, sha256Hex, signatureEquals, signatureOf, signForUpstream } from './signing.js';
import { AwsChunkedDecoder, ChunkFormatError, ChunkSignatureError, ContentSha256Mismatch, Sha256Verifier } from './aws-chunked.js';
import { BucketPolicies } from './bucket-policies.js';
import { KeySchemas, LEADING_KEY_OPERATIONS, leadingKeyValues, namesLeadingKeys } from './leading-keys.js';
import { forAction } from '../authz/principal-policies.js';

const UNSIGNED = 'UNSIGNED-PAYLOAD';
/** Bodies of JSON/Query/REST-JSON services are read whole (they name the resource); the largest
 *  any of them takes is Lambda's 6 MB payload and DynamoDB's 16 MB BatchWriteItem. */
const MAX_BUFFERED_BODY = 20 * 1024 * 1024;
/** Answers up to this size (by their Content-Length) are sent on in one write. */
const SMALL_BODY = 64 * 1024;
/** Services iam-local answers itself (signing names), whatever the upstreams. */
const OWN_SERVICES = new Set(['iam', 'sts', 'access-analyzer']);
/** Paths iam-local serves itself on the shared port (admin, console, IMDS, ECS credentials, OIDC discovery). */
const OWN_PATHS = /^\/(?:_iam(?:[/?]|$)|latest(?:[/?]|$)|\.well-known\/|v2\/credentials\/)/;
const PRESIGN_PARAMS = new Set(['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token']);
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade', 'transfer-encoding', 'expect', 'host', 'authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']);
const CONTENT_SHA_RE = /^(?:[0-9a-fA-F]{64}|UNSIGNED-PAYLOAD|STREAMING-UNSIGNED-PAYLOAD-TRAILER|STREAMING-AWS4-HMAC-SHA256-PAYLOAD|STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER)$/;

// Request ids as AWS's look (upper-case hex), from a per-process random prefix and a counter: unique
// and cheap on every request.
const ID_PREFIX = randomBytes(6).toString('hex').toUpperCase();
let idCounter = 0;
const nextRequestId = () => `${ID_PREFIX}${(++idCounter).toString(16).toUpperCase().padStart(10, '0')}`;

export interface Gateway {
  /** True when the request is for an upstream service (not IAM, STS, /_iam/ or /latest/). */
  claims(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

const s3Error = (code: string, message: string, status: number) => new Refused({ code, message, status });

export function createGateway(services: Services, upstreams: Map<string, Upstream>): Gateway {
  // noDelay: a request's headers and a small body go out at once, never held back by Nagle.
  const agentOptions = { keepAlive: true, maxSockets: 256, maxFreeSockets: 256, noDelay: true } as ConstructorParameters<typeof HttpAgent>[0];
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  const agentOf = (u: Upstream) => (u.protocol === 'https:' ? httpsAgent : httpAgent);
  // Requests go out through undici's keep-alive pools (one per upstream): cheaper per request than
  // node:http's client, and bodies stream both ways.
  const pools = new Map<Upstream, Pool>();
  const poolOf = (u: Upstream) => {
    let pool = pools.get(u);
    if (!pool) pools.set(u, (pool = new Pool(`${u.protocol}//${u.host}`, { connections: 128, keepAliveTimeout: 30_000 })));
    return pool;
  };
  const s3Upstream = upstreamFor(upstreams, 's3');
  const policies = s3Upstream
    ? new BucketPolicies(s3Upstream, agentOf(s3Upstream) as HttpAgent, () => services.config.region, () => services.clock.now(), (status) =>
        services.log.warn({ upstream: s3Upstream.host, status }, 'gateway: the S3 upstream keeps no bucket policies (GetBucketPolicy not supported); identity policies alone decide'),
      )
    : undefined;
  const unknownLogged = new Set<string>();
  const dynamoUpstream = upstreamFor(upstreams, 'dynamodb');
  const keySchemas = dynamoUpstream ? new KeySchemas(dynamoUpstream, poolOf(dynamoUpstream), () => services.clock.now()) : undefined;

  /** The upstream service of a request, or undefined when it is iam-local's own. */
  function routeOf(req: IncomingMessage): string | undefined {
    const url = req.url ?? '/';
    if (OWN_PATHS.test(url)) return undefined;
    const service = serviceOf(req);
    if (OWN_SERVICES.has(service ?? '')) return undefined;
    if (service) return upstreamFor(upstreams, service) ? service : undefined;
    // An unsigned path-style request for a bucket or object (GET /bucket/key): anonymous S3.
    return s3Upstream && url !== '/' && !url.startsWith('/?') && isUnsigned(req) ? 's3' : undefined;
  }

  // The server asks claims() and then, at once, handle() for the same request: the route found by
  // the first is kept for the second rather than worked out twice.
  let claimed: IncomingMessage | undefined;
  let claimedService: string | undefined;

  function claims(req: IncomingMessage): boolean {
    const service = routeOf(req);
    claimed = service === undefined ? undefined : req;
    claimedService = service;
    return service !== undefined;
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const requestId = nextRequestId();
    const service = req === claimed ? claimedService! : routeOf(req)!;
    claimed = undefined;
    const upstream = upstreamFor(upstreams, service)!;
    const protocol = protocolOf(service, req.headers);
    run(req, res, requestId, service, upstream, protocol).catch((e: unknown) => {
      const refusal =
        e instanceof Refused
          ? e.refusal
          : e instanceof AwsError
            ? authRefusal(e, protocol, service)
            : { code: protocol === 'rest-xml' ? 'InternalError' : 'InternalFailure', message: `iam-local gateway: ${(e as Error)?.message ?? String(e)}`, status: 500 };
      if (refusal.status >= 500) services.log.error({ err: e, service, url: req.url }, 'gateway request failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      req.resume(); // the body is not wanted; let the connection be reused
      sendRefusal(res, req.method ?? 'GET', protocol, service, refusal, requestId);
    });
  }

  async function run(req: IncomingMessage, res: ServerResponse, requestId: string, service: string, upstream: Upstream, protocol: WireProtocol) {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
    const s3 = service === 's3';
    const signed: SignedRequest = { method, path, rawQuery, headers: req.headers, body: '', sourceIp: req.socket.remoteAddress ?? '' };

    // ---- who: the signature's key, its session, scope and time ----
    // S3 takes unsigned requests too: they are anonymous, and only a bucket policy that allows
    // everyone ("Principal": "*") lets them through.
    const now = services.clock.now();
    const anonymous = s3 && isUnsigned(req);
    const sig = anonymous ? anonymousSignature(rawQuery, services.config.region) : parseSignature(signed);
    const resolved: Resolved = anonymous ? { principal: ANONYMOUS } : resolveKey(services, sig);
    if (!anonymous) {
      if (resolved.sessionExpiresAt && services.clock.hasEnded(resolved.sessionExpiresAt.getTime(), resolved.sessionEpoch)) throw expiredToken();
      checkScope(sig, service);
      if (s3 && sig.presigned) {
        // S3's presigned URLs live up to X-Amz-Expires (at most 7 days), not IAM's 15 minutes.
        const t = sig.requestTime.getTime();
        if (t > now.getTime() + 15 * 60 * 1000) throw signatureDoesNotMatch(`Signature not yet current: ${sig.amzDate}`);
        if (t + (sig.expiresSeconds ?? 604800) * 1000 < now.getTime()) throw s3Error('AccessDenied', 'Request has expired', 403);
      // The body is not read yet: an expired signature is remembered without checking it over the body.
      } else checkTime(services, signed, sig, { ...resolved, secret: undefined }, now);
      checkHostSigned(sig);
    }

    // ---- the payload hash the signature covers ----
    let body: Buffer | undefined;
    let payloadHash: string;
    let declared: string | undefined;
    if (s3) {
      const h = req.headers['x-amz-content-sha256'];
      declared = typeof h === 'string' ? h : sig.presigned || anonymous ? UNSIGNED : undefined;
      if (declared === undefined) throw s3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
      if (!CONTENT_SHA_RE.test(declared))
        throw s3Error(
          'InvalidArgument',
          'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
          400,
        );
      payloadHash = declared;
    } else {
      body = await readBody(req);
      payloadHash = sha256Hex(body);
      const h = req.headers['x-amz-content-sha256'];
      if (typeof h === 'string' && h.toLowerCase() !== payloadHash && !(sig.presigned && h === UNSIGNED)) throw signatureDoesNotMatch(SIGNATURE_MISMATCH_MESSAGE);
    }
    const scope = `${sig.scopeDate}/${sig.region}/${sig.service}/${sig.terminator}`;
    const signer = resolved.secret !== undefined && !anonymous ? { secret: resolved.secret, date: sig.scopeDate, region: sig.region, service: sig.service } : undefined;
    if (signer) {
      const input = {
        method,
        uri: canonicalUri(path, s3),
        query: canonicalQuery(sig.rawPairs, sig.presigned ? 'X-Amz-Signature' : undefined),
        headers: req.headers,
        signedHeaders: [...sig.signedHeaders].sort(),
        payloadHash,
        amzDate: sig.amzDate,
        scope,
      };
      let ok = signatureEquals(sig.signature, signatureOf(signer, input));
      // Presigned URLs of other services may be signed over UNSIGNED-PAYLOAD (botocore) when bodiless.
      if (!ok && !s3 && sig.presigned && body!.length === 0) ok = signatureEquals(sig.signature, signatureOf(signer, { ...input, payloadHash: UNSIGNED }));
      if (!ok) throw signatureDoesNotMatch(SIGNATURE_MISMATCH_MESSAGE);
    }
    // Seen: should the clock be moved back past its end, it stays expired (src/clock.ts).
    if (!anonymous) services.clock.remember(sig.signature, signatureEnd(sig));
    if (resolved.record) {
      const repo = resolved.record.kind === 'key' ? services.store.credentials.accessKeys : services.store.credentials.sessions;
      repo.markUsed(resolved.record.id, now.toISOString(), service, sig.region);
    }
    const principal = resolved.principal;

    // ---- what: actions, resources, condition keys ----
    const partition = partitionOf(sig.region).name;
    const query = rawQuery ? new URLSearchParams(rawQuery) : new URLSearchParams();
    let mapped: MappedRequest;
    let upstreamPath = path;
    /** The bucket whose policy this request replaces: its cached policy is dropped once the upstream has answered. */
    let changesPolicyOf: string | undefined;
    if (s3) {
      const r = s3Request(method, path, query, req.headers, virtualHostBucket(req.headers.host), partition);
      mapped = r;
      upstreamPath = r.pathStyle;
      if (!anonymous) {
        r.context['s3:authType'] = sig.presigned ? 'REST-QUERY-STRING' : 'REST-HEADER';
        r.context['s3:signatureversion'] = 'AWS4-HMAC-SHA256';
      }
      r.context['s3:x-amz-content-sha256'] = declared!;
      if (sig.presigned) r.context['s3:signatureAge'] = String(Math.max(0, now.getTime() - sig.requestTime.getTime()));
      if (policies && r.bucket && /^(PutBucket:policy|DeleteBucket:policy|DeleteBucket|CreateBucket)$/.test(r.operation)) changesPolicyOf = r.bucket;
    } else {
      mapped = serviceRequest({ service, protocol, method, path, query, headers: req.headers, body: body!, where: { partition, region: sig.region, account: principal.accountId } });
    }
    if (mapped.unknown && !unknownLogged.has(`${service}:${mapped.operation}`)) {
      if (unknownLogged.size < 1000) unknownLogged.add(`${service}:${mapped.operation}`);
      services.log.warn({ service, operation: mapped.operation, action: mapped.checks[0]?.action }, 'gateway: operation not in the mapping, decided on resource *');
    }

    // ---- decide ----
    const decisionHeaders: Record<string, string> = {};
    if (services.config.enforce !== 'off') {
      let known: PrincipalFacts | undefined;
      if (service === 'dynamodb' && keySchemas && mapped.input && mapped.checks.length === 1 && LEADING_KEY_OPERATIONS.has(mapped.operation)) {
        const check = mapped.checks[0]!;
        const table = typeof mapped.input.TableName === 'string' ? mapped.input.TableName : undefined;
        if (table && namesLeadingKeys(forAction((known = principalFacts(services, principal)).policies, check.action))) {
          const hashKey = await keySchemas.hashKey(table, sig.region).catch(() => undefined);
          const values = hashKey ? leadingKeyValues(mapped.operation, mapped.input, hashKey) : undefined;
          if (values) mapped.context['dynamodb:LeadingKeys'] = values;
        }
      }
      const bucketOwner = services.config.accountId;
      const bucketPolicy = new Map<string, ResourceSide['policy']>();
      if (s3 && policies)
        for (const c of mapped.checks) {
          const b = bucketOfArn(c.resource);
          if (b && !bucketPolicy.has(b)) {
            const fresh = policies.peek(b);
            bucketPolicy.set(b, fresh ? fresh.policy : await policies.load(b));
          }
        }
      const facts: CallFacts = {
        requestId,
        principal,
        anonymous,
        region: sig.region,
        partition,
        sourceIp: signed.sourceIp,
        secureTransport: (req.socket as { encrypted?: boolean }).encrypted === true,
        userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined,
        now,
        principalFacts: known,
      };
      const sideOf = (c: Check): ResourceSide => {
        if (!s3) return { account: accountOf(c.resource, principal.accountId) };
        const b = bucketOfArn(c.resource);
        return { account: bucketOwner, policy: b ? bucketPolicy.get(b) : undefined };
      };
      const d = decideRequest(services, facts, mapped, sideOf, `gateway: ${service} ${mapped.operation} → ${upstream.host}`);
      if (d.decisionIds.length) decisionHeaders[DECISION_HEADER] = d.decisionIds.join(',');
      if (d.denial) {
        const message = anonymous ? 'Access Denied' : deniedMessage(principal.arn, d.denial.check, d.denial.result);
        req.resume();
        sendRefusal(res, method, protocol, service, accessDeniedRefusal(protocol, service, message), requestId, decisionHeaders);
        return;
      }
    }

    // ---- forward: signed again for the upstream, bodies streamed ----
    const headers: Record<string, string | string[] | undefined> = {};
    for (const name in req.headers) if (!HOP_BY_HOP.has(name)) headers[name] = req.headers[name];
    headers.host = upstream.host;
    let forwardHash = payloadHash;
    let decoder: AwsChunkedDecoder | Sha256Verifier | undefined;
    if (s3 && declared!.startsWith('STREAMING-')) {
      const decodedLength = req.headers['x-amz-decoded-content-length'];
      const chunkSigning =
        declared!.startsWith('STREAMING-AWS4-HMAC-SHA256') && signer
          ? { key: signingKey(signer.secret, signer.date, signer.region, signer.service), amzDate: sig.amzDate, scope, seedSignature: sig.signature }
          : undefined;
      decoder = new AwsChunkedDecoder(chunkSigning);
      delete headers['x-amz-decoded-content-length'];
      delete headers['x-amz-trailer'];
      // The checksum travelled in the trailer, which the decoded body no longer has.
      delete headers['x-amz-sdk-checksum-algorithm'];
      const enc = String(headers['content-encoding'] ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== 'aws-chunked');
      if (enc.length) headers['content-encoding'] = enc.join(',');
      else delete headers['content-encoding'];
      if (typeof decodedLength === 'string') headers['content-length'] = decodedLength;
      else delete headers['content-length'];
      forwardHash = UNSIGNED;
    } else if (s3 && declared !== UNSIGNED && signer && hasBody(req)) decoder = new Sha256Verifier(declared!);
    if (body) headers['content-length'] = String(body.length);

    let forwardQuery = rawQuery;
    let pairs = sig.rawPairs;
    if (sig.presigned) {
      pairs = pairs.filter(([k]) => !PRESIGN_PARAMS.has(safeDecode(k)));
      forwardQuery = pairs.map(([k, v]) => (v === '' && !rawQuery.includes(`${k}=`) ? k : `${k}=${v}`)).join('&');
    }
    const fullPath = upstream.basePath + upstreamPath;
    signForUpstream(
      method,
      canonicalUri(fullPath, s3),
      canonicalQuery(pairs),
      headers,
      forwardHash,
      { accessKeyId: upstream.accessKeyId, secretAccessKey: upstream.secretAccessKey, region: sig.region, service },
      now,
    );
    // The request body: the buffered one, the decoded aws-chunked / hash-checked stream, the raw
    // stream, or none (GET, HEAD, most DELETEs).
    let bodyFailure: unknown;
    let requestBody: Buffer | Readable | null = null;
    if (body) requestBody = body;
    else if (decoder) {
      requestBody = req.pipe(decoder);
      decoder.once('error', (e) => (bodyFailure = e));
    } else if (hasBody(req)) requestBody = req;
    else req.resume();

    let answer: Dispatcher.ResponseData;
    try {
      // No AbortSignal per request (measurable at this rate): a client gone before the answer
      // costs one upstream response, read and dropped; a client gone mid-upload ends the body
      // stream, which aborts the upstream request.
      answer = await poolOf(upstream).request({
        method: method as Dispatcher.HttpMethod,
        path: forwardQuery ? `${fullPath}?${forwardQuery}` : fullPath,
        headers: headers as Record<string, string>,
        body: requestBody,
      });
    } catch (e) {
      throw bodyError(bodyFailure ?? e, upstream);
    }
    if (changesPolicyOf) policies!.forget(changesPolicyOf);
    if (keySchemas && service === 'dynamodb' && (mapped.operation === 'DeleteTable' || mapped.operation === 'CreateTable') && typeof mapped.input?.TableName === 'string')
      keySchemas.forget(mapped.input.TableName);
    const out: Record<string, string | string[]> = { ...decisionHeaders };
    const h = answer.headers;
    for (const name in h) if (name !== 'connection' && name !== 'keep-alive' && name !== 'transfer-encoding') out[name] = h[name]!;
    res.writeHead(answer.statusCode, out);
    const upBody = answer.body;
    upBody.once('error', () => res.destroy());
    res.once('close', () => {
      if (!res.writableFinished) upBody.destroy();
    });
    const length = Number(h['content-length']);
    if (length <= SMALL_BODY) {
      // A small answer goes out as one write (headers and body together): socket writes are
      // the largest cost per request here.
      const chunks: Buffer[] = [];
      upBody.on('data', (c: Buffer) => chunks.push(c));
      upBody.once('end', () => res.end(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    } else upBody.pipe(res); // pipe, not pipeline: pipeline's AbortController per request is measurable.
  }

  function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BUFFERED_BODY) {
          req.removeAllListeners('data');
          reject(new Refused({ code: 'RequestEntityTooLarge', message: `Request body larger than ${MAX_BUFFERED_BODY} bytes`, status: 413 }));
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  return {
    claims,
    handle,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
      for (const pool of pools.values()) void pool.close();
    },
  };
}

/** Whether the request carries a body (a Content-Length above 0, or chunked transfer). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The principal of an unsigned S3 request (the decision treats it as anonymous, not as a root). */
const ANONYMOUS: Principal = { type: 'root', accountId: '', arn: 'anonymous', userId: 'anonymous', accessKeyId: '' };

/** Neither an Authorization header nor a presigned query. */
function isUnsigned(req: IncomingMessage): boolean {
  return req.headers.authorization === undefined && !(req.url ?? '').includes('X-Amz-');
}

/** What the rest of the request's path reads of a signature, for an unsigned request. */
function anonymousSignature(rawQuery: string, region: string): ParsedSignature {
  const rawPairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    rawPairs.push(eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]);
  }
  return {
    presigned: false,
    accessKeyId: '',
    credential: '',
    scopeDate: '',
    region,
    service: 's3',
    terminator: 'aws4_request',
    signedHeaders: [],
    signature: '',
    amzDate: '',
    requestTime: new Date(0),
    rawPairs,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What a failed body stream becomes: S3's own answers for bodies that do not match what was signed. */
function bodyError(e: unknown, upstream: Upstream): unknown {
  if (e instanceof ContentSha256Mismatch)
    return s3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
  if (e instanceof ChunkSignatureError)
    return s3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', 403);
  if (e instanceof ChunkFormatError) return s3Error('IncompleteBody', 'The request body terminated unexpectedly', 400);
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET' || code === 'EHOSTUNREACH')
    return new Refused({ code: 'ServiceUnavailable', message: `iam-local gateway: upstream ${upstream.protocol}//${upstream.host} for ${upstream.service} is unreachable (${code})`, status: 503 });
  return e;
}
