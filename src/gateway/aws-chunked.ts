// S3's aws-chunked request bodies, decoded on the fly (no buffering beyond one chunk header):
//   STREAMING-AWS4-HMAC-SHA256-PAYLOAD          each chunk signed, chained from the request's signature
//   STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER  the same, then signed trailing headers (checksums)
//   STREAMING-UNSIGNED-PAYLOAD-TRAILER          unsigned chunks, then trailing headers
// Framing: hex-size[;chunk-signature=SIG]\r\n DATA \r\n … 0[;chunk-signature=SIG]\r\n [trailers\r\n] \r\n
// The upstream gets the decoded bytes; a chunk whose signature does not match ends the stream with
// an error, so the upstream never receives a complete body.
import { createHash, createHmac, timingSafeEqual, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const CRLF = Buffer.from('\r\n');

export class ChunkSignatureError extends Error {}
export class ChunkFormatError extends Error {}
export class ContentSha256Mismatch extends Error {
  constructor(readonly actual: string) {
    super('x-amz-content-sha256 does not match the body');
  }
}

export interface ChunkSigning {
  key: Buffer;
  amzDate: string;
  /** date/region/service/aws4_request */
  scope: string;
  /** The request's own signature: the first chunk's "previous signature". */
  seedSignature: string;
}

export class AwsChunkedDecoder extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private state: 'header' | 'data' | 'data-end' | 'trailer' | 'done' = 'header';
  private remaining = 0;
  private chunkSignature = '';
  private previous: string;
  private hash: Hash | undefined;
  private trailerText = '';
  /** The latest decoded bytes, held back until the next ones (or the verified end) so that the
   *  upstream cannot see a complete body before every signature has been checked. */
  private held: Buffer | undefined;
  /** Decoded bytes passed on. */
  decodedLength = 0;

  constructor(private readonly signing: ChunkSigning | undefined) {
    super();
    this.previous = signing?.seedSignature ?? '';
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.consume(chunk);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.state !== 'done') return done(new ChunkFormatError('aws-chunked body ended before its final chunk'));
    if (this.held) this.push(this.held);
    done();
  }

  private consume(input: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, input]) : input;
    this.pending = Buffer.alloc(0);
    let pos = 0;
    while (pos < buf.length) {
      if (this.state === 'data') {
        const n = Math.min(this.remaining, buf.length - pos);
        const slice = buf.subarray(pos, pos + n);
        this.hash?.update(slice);
        if (this.held) this.push(this.held);
        this.held = slice;
        this.decodedLength += n;
        this.remaining -= n;
        pos += n;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      const eol = buf.indexOf(CRLF, pos);
      if (eol === -1) {
        if (buf.length - pos > 64 * 1024) throw new ChunkFormatError('aws-chunked line too long');
        this.pending = Buffer.from(buf.subarray(pos));
        return;
      }
      const line = buf.toString('latin1', pos, eol);
      pos = eol + 2;
      if (this.state === 'data-end') {
        if (line !== '') throw new ChunkFormatError('aws-chunked data longer than its declared size');
        this.verifyChunk();
        this.state = 'header';
      } else if (this.state === 'header') {
        const semi = line.indexOf(';');
        const sizeText = semi === -1 ? line : line.slice(0, semi);
        if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw new ChunkFormatError(`bad aws-chunked size ${JSON.stringify(sizeText)}`);
        const size = parseInt(sizeText, 16);
        const ext = semi === -1 ? '' : line.slice(semi + 1);
        const m = /^chunk-signature=([0-9a-f]{64})$/.exec(ext);
        if (this.signing && !m) throw new ChunkSignatureError('chunk without chunk-signature');
        this.chunkSignature = m?.[1] ?? '';
        this.hash = this.signing ? createHash('sha256') : undefined;
        if (size === 0) {
          this.verifyChunk();
          this.state = 'trailer';
        } else {
          this.remaining = size;
          this.state = 'data';
        }
      } else if (this.state === 'trailer') {
        if (line === '') {
          this.state = 'done';
        } else if (line.startsWith('x-amz-trailer-signature:')) {
          this.verifyTrailer(line.slice('x-amz-trailer-signature:'.length).trim());
        } else {
          this.trailerText += `${line}\n`;
        }
      } else {
        throw new ChunkFormatError('data after the final aws-chunked chunk');
      }
    }
  }

  private verifyChunk(): void {
    const s = this.signing;
    if (!s) return;
    const digest = this.hash ? this.hash.digest('hex') : EMPTY_SHA256;
    this.hash = undefined;
    const sts = `AWS4-HMAC-SHA256-PAYLOAD\n${s.amzDate}\n${s.scope}\n${this.previous}\n${EMPTY_SHA256}\n${digest}`;
    this.check(sts, this.chunkSignature);
  }

  private verifyTrailer(signature: string): void {
    const s = this.signing;
    if (!s) return;
    const digest = createHash('sha256').update(this.trailerText).digest('hex');
    this.check(`AWS4-HMAC-SHA256-TRAILER\n${s.amzDate}\n${s.scope}\n${this.previous}\n${digest}`, signature);
  }

  private check(stringToSign: string, given: string): void {
    const expected = createHmac('sha256', this.signing!.key).update(stringToSign).digest();
    const g = Buffer.from(given, 'hex');
    if (g.length !== expected.length || !timingSafeEqual(g, expected)) throw new ChunkSignatureError('chunk signature does not match');
    this.previous = given;
  }
}

/** Passes bytes on while hashing them; fails at the end when they are not the declared SHA-256. */
export class Sha256Verifier extends Transform {
  private readonly hash = createHash('sha256');
  /** Held back until the next bytes or the verified end (see AwsChunkedDecoder.held). */
  private held: Buffer | undefined;
  constructor(private readonly declared: string) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    const prev = this.held;
    this.held = chunk;
    done(null, prev);
  }
  override _flush(done: TransformCallback): void {
    const actual = this.hash.digest('hex');
    if (actual !== this.declared.toLowerCase()) return done(new ContentSha256Mismatch(actual));
    done(null, this.held);
  }
}
