// S3 bucket policies, read through from the upstream that holds them (GetBucketPolicy signed with
// the upstream's credentials) so that they take part in decisions as on AWS. Each bucket's answer
// is kept for a second, and forgotten at once when a PutBucketPolicy / DeleteBucketPolicy /
// DeleteBucket passes through the gateway: a policy changed through the gateway applies to the next
// request, one changed behind its back within a second — without an extra round trip per request.
import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parsePolicyCached, type PolicyRef } from '../policy/index.js';
import type { Upstream } from './upstreams.js';
import { signForUpstream } from './signing.js';
import { uriEncode } from '../auth/sigv4.js';

const TTL_MS = 1000;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

interface Entry {
  at: number;
  policy: PolicyRef | undefined;
}

export class BucketPolicies {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<PolicyRef | undefined>>();
  private noPolicies = false;

  constructor(
    private readonly upstream: Upstream,
    private readonly agent: Agent,
    private readonly region: () => string,
    private readonly now: () => Date,
    private readonly onNoPolicies: (status: number) => void,
  ) {}

  /** The cached answer, when it is fresh (no promise on the hot path). */
  peek(bucket: string): Entry | undefined {
    const e = this.cache.get(bucket);
    return e && Date.now() - e.at < TTL_MS ? e : undefined;
  }

  forget(bucket: string): void {
    this.cache.delete(bucket);
  }

  load(bucket: string): Promise<PolicyRef | undefined> {
    const fresh = this.peek(bucket);
    if (fresh) return Promise.resolve(fresh.policy);
    let p = this.inflight.get(bucket);
    if (!p) {
      p = this.fetch(bucket).then(
        (policy) => {
          this.inflight.delete(bucket);
          if (this.cache.size > 10_000) this.cache.clear();
          this.cache.set(bucket, { at: Date.now(), policy });
          return policy;
        },
        (e) => {
          this.inflight.delete(bucket);
          throw e;
        },
      );
      this.inflight.set(bucket, p);
    }
    return p;
  }

  private fetch(bucket: string): Promise<PolicyRef | undefined> {
    const u = this.upstream;
    const path = `${u.basePath}/${uriEncode(bucket)}`;
    const headers: Record<string, string | string[] | undefined> = { host: u.host };
    signForUpstream('GET', path, 'policy=', headers, EMPTY_SHA256, { accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey, region: this.region(), service: 's3' }, this.now());
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send({ hostname: u.hostname, port: u.port, method: 'GET', path: `${path}?policy`, headers: headers as Record<string, string>, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) {
            try {
              resolve({ id: 'BucketPolicy', sourceType: 'resource', parsed: parsePolicyCached(text) });
            } catch (e) {
              reject(new Error(`bucket policy of ${bucket} from the upstream does not parse: ${(e as Error).message}`));
            }
          } else if (res.statusCode === 404) resolve(undefined); // NoSuchBucketPolicy / NoSuchBucket
          // An emulator without bucket policies (s3rver answers 405 MethodNotAllowed) holds none.
          else if (res.statusCode === 405 || res.statusCode === 501) {
            if (!this.noPolicies) this.onNoPolicies(res.statusCode);
            this.noPolicies = true;
            resolve(undefined);
          }
          else reject(new Error(`GetBucketPolicy ${bucket} on the upstream answered ${res.statusCode}: ${text.slice(0, 200)}`));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }
}
