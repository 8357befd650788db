// The public API of the `iam-local` package: start a real iam-local (IAM, STS, instance metadata)
// inside a test runner's process. ESM: `import { startIamLocal } from 'iam-local'`; CommonJS:
// `const { startIamLocal } = require('iam-local')` (the same function; it returns a promise).

/** The bootstrap credentials: the account root (access key `test`, secret `test`). */
export interface IamLocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface StartIamLocalOptions {
  /** TCP port to listen on. Default 0: a free port the system picks (see `endpoint`). */
  port?: number;
  /** Address to bind. Default 127.0.0.1. Beyond loopback (e.g. 0.0.0.0) the bootstrap key is
   *  refused unless `bootstrapKeys: 'on'`, and /_iam/* needs proof from other machines. */
  host?: string;
  /** When `test`/`test` (and unknown keys with enforce off) are accepted: 'loopback' (default:
   *  only while `host` is loopback), 'on', 'off'. */
  bootstrapKeys?: 'loopback' | 'on' | 'off';
  /** SQLite store: a file path, or ":memory:" (the default: nothing is written to disk). */
  db?: string;
  /** The default account (12 digits). Default 000000000000. */
  accountId?: string;
  /** off (default): authenticate only · audit: decide and log · on: every call authorized by IAM policy. */
  enforce?: 'off' | 'audit' | 'on';
  /** Region reported when a request does not sign one. Default us-east-1. */
  region?: string;
  /** pino log level. Default "silent". */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** A seed applied before the promise resolves: a seed file's path (YAML or JSON), or the document itself. */
  seed?: string | object;
  /** Serve this instance profile's role at the main port's /latest/ (IMDS), to `instanceClients`. */
  instanceProfile?: string;
  /**
   * Enforcement gateway: other local emulators served behind this endpoint, IAM enforced (`enforce`)
   * before each request is re-signed and streamed to them. `{ s3: 'http://127.0.0.1:4569',
   * dynamodb: 'http://127.0.0.1:8000' }`, `{ '*': 'http://127.0.0.1:4566' }` for one endpoint serving
   * every service, or the CLI's text form `s3=http://…,dynamodb=http://…`. Credentials the gateway
   * signs with go in the URL (`http://KEY:SECRET@host:port`); default `test` / `test`.
   */
  upstream?: string | Record<string, string>;
  /** The client addresses (IPs, CIDRs, host names) the `instanceProfile` instance answers;
   *  default 127.0.0.1 and ::1 (this process's machine), as the server listens on loopback. */
  instanceClients?: string[];
}

/** The server's one clock: credential expiry, key age and the credential report follow it. */
export interface IamLocalClock {
  now(): Date;
  /** Moves the clock forward (or back, with a negative number); returns the new time. */
  advance(seconds: number): Date;
  /** Sets the time (the clock keeps running from there); returns it. */
  set(time: Date | string): Date;
  /** Back to the real time; returns it. */
  reset(): Date;
}

export type SeedOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface SeedSummary {
  applied: { account: string; kind: string; name: string; outcome: SeedOutcome; detail?: string }[];
  counts: Record<SeedOutcome, number>;
}

export interface IamLocal {
  /** Base URL of IAM, STS, IMDS and /_iam/*, e.g. http://127.0.0.1:40123 */
  readonly endpoint: string;
  /** The account root's bootstrap keys (test/test). */
  readonly credentials: IamLocalCredentials;
  readonly accountId: string;
  readonly region: string;
  /** `new IAMClient(iam.clientConfig)` / `new STSClient(iam.clientConfig)`: endpoint, region and root credentials. */
  readonly clientConfig: { endpoint: string; region: string; credentials: IamLocalCredentials };
  /** The same for a child process or an SDK's default chain: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION. */
  readonly env: Record<string, string>;
  readonly clock: IamLocalClock;
  /** Applies a seed (a file's path, YAML or JSON, or the document itself); idempotent. Rejects with the seed's problems, by line, when it is invalid. */
  seed(source: string | object): Promise<SeedSummary>;
  /** Empties the store (as POST /_iam/reset: every account's entities, keys and sessions) and puts the clock back to the real time. */
  reset(): Promise<void>;
  /** Stops the server (and every simulated instance's listener) and closes the store. */
  stop(): Promise<void>;
}

/** Starts iam-local on an ephemeral port with an in-memory store (by default) and resolves once it is listening (and seeded). */
export declare function startIamLocal(options?: StartIamLocalOptions): Promise<IamLocal>;
