// The settings of `start` and `gateway` (flag, variable, default, help), the version and the default
// URL: plain data with no commander, so the start path reads them without loading the command
// line's full shape (src/cli-spec.mjs builds its help from them).
import { readFileSync } from 'node:fs';

// One level below the project root as src/cli-settings.mjs and bundled into dist/cli.js, two when the
// bundle puts it in a chunk (dist/chunks/).
function readVersion() {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      return JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')).version;
    } catch {}
  }
  throw new Error('iam-local: cannot find its package.json');
}
export const VERSION = readVersion();

/** One row per setting of `start`: its help, `start --help` and the README's table are made from this list. */
export const SETTINGS = [
  { flag: '--port <port>', env: 'PORT', def: '4577', key: 'port', help: 'TCP port to listen on (0 = any free port)' },
  { flag: '--host <host>', env: 'HOST', def: '127.0.0.1', key: 'host', help: 'address to bind; 0.0.0.0 to accept connections from other machines/containers' },
  { flag: '--db <path>', env: 'IAM_LOCAL_DB', def: './data/iam-local.db', key: 'dbPath', help: 'SQLite store file (kept across restarts), or :memory: for a throw-away store' },
  { flag: '--account-id <id>', env: 'IAM_LOCAL_ACCOUNT_ID', def: '000000000000', key: 'accountId', help: 'the default account (12 digits); access key `test` is its root' },
  { flag: '--enforce <mode>', env: 'IAM_LOCAL_ENFORCE', def: 'off', key: 'enforce', help: 'off: authenticate only (unknown keys act as root); audit: decide and log, never deny; on: every call authorized by the policy engine' },
  { flag: '--region <region>', env: 'AWS_REGION', def: 'us-east-1', key: 'region', help: 'region reported when a request does not sign one (also AWS_DEFAULT_REGION)' },
  { flag: '--log-level <level>', env: 'IAM_LOCAL_LOG_LEVEL', def: 'info', key: 'logLevel', help: 'pino level: fatal, error, warn, info, debug, trace, silent (also LOG_LEVEL); JSON lines, pretty on a terminal' },
  { flag: '--seed <file>', env: 'IAM_LOCAL_SEED', def: '(none)', key: 'seedFile', help: 'seed file (YAML/JSON) applied at start, idempotently' },
  { flag: '--instance-profile <name>', env: 'IAM_LOCAL_INSTANCE_PROFILE', def: '(none)', key: 'instanceProfile', help: "serve this instance profile's role at the main port's /latest/ (IMDS)" },
  { flag: '--upstream <list>', env: 'IAM_LOCAL_UPSTREAM', def: '(none)', key: 'upstream', help: 'enforcement gateway: other services behind this port, e.g. s3=http://127.0.0.1:4569,dynamodb=http://127.0.0.1:8000 or one URL for all' },
  { flag: '--admin-token <token>', env: 'IAM_LOCAL_ADMIN_TOKEN', def: '(generated beyond loopback)', key: 'adminToken', help: 'bearer token that proves an operator on /_iam/* (the CLI sends the variable); without it /_iam/* answers only loopback' },
  { flag: '--allowed-hosts <names>', env: 'IAM_LOCAL_ALLOWED_HOSTS', def: '(localhost, HOST, IPs)', key: 'allowedHosts', help: 'extra Host names the server answers to, comma-separated (* = any); the signed AWS API answers any' },
  { flag: '--clock <mode>', env: 'IAM_LOCAL_CLOCK', def: 'movable (system beyond loopback)', key: 'clock', help: 'movable: POST /_iam/clock may move it; system: real time; fixed or fixed@ISO-TIME: stands still' },
  { flag: '--instance-clients <addrs>', env: 'IAM_LOCAL_INSTANCE_CLIENTS', def: '(none: off)', key: 'instanceClients', help: 'client addresses (IPs, CIDRs, names) the --instance-profile instance answers on the main port' },
  { flag: '--bootstrap-keys <when>', env: 'IAM_LOCAL_BOOTSTRAP_KEYS', def: 'loopback', key: 'bootstrapKeys', help: 'when key test/test (and unknown keys in enforce=off) work: loopback (only while HOST is loopback), on, off' },
  { flag: '--oidc-issuer <url>', env: 'IAM_LOCAL_OIDC_ISSUER', def: 'https://127.0.0.1:<port>', key: 'oidcIssuer', help: "the built-in OIDC issuer's URL (iss of its tokens; register it with CreateOpenIDConnectProvider)" },
];

export const DEFAULT_URL = () => process.env.IAM_LOCAL_URL || `http://127.0.0.1:${process.env.PORT || 4577}`;
