// `iam-local start`: every setting as a flag and an environment variable (the flag wins).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig, type ConfigOverrides } from '../config.js';
import { buildServer, type BuiltServer } from '../server.js';
import { applySeedText } from '../seed/apply.js';
import { CliError } from './target.js';
import { issuerUrl } from '../sts/oidc-issuer.js';

/** One row per setting: the README's table and `start --help` are both made from this list. */
export const SETTINGS = [
  { flag: '--port <port>', env: 'PORT', def: '4577', key: 'port', help: 'TCP port to listen on (0 = any free port)' },
  { flag: '--host <host>', env: 'HOST', def: '127.0.0.1', key: 'host', help: 'address to bind; 0.0.0.0 to accept connections from other machines/containers' },
  { flag: '--db <path>', env: 'IAM_LOCAL_DB', def: './data/iam-local.db', key: 'dbPath', help: 'SQLite store file (kept across restarts), or :memory: for a throw-away store' },
  { flag: '--account-id <id>', env: 'IAM_LOCAL_ACCOUNT_ID', def: '000000000000', key: 'accountId', help: 'the default account (12 digits); access key `test` is its root' },
  { flag: '--enforce <mode>', env: 'IAM_LOCAL_ENFORCE', def: 'off', key: 'enforce', help: 'off: authenticate only (unknown keys act as root); audit: decide and log, never deny; on: every call authorized by the policy engine' },
  { flag: '--region <region>', env: 'AWS_REGION', def: 'us-east-1', key: 'region', help: 'region reported when a request does not sign one (also AWS_DEFAULT_REGION)' },
  { flag: '--log-level <level>', env: 'IAM_LOCAL_LOG_LEVEL', def: 'info', key: 'logLevel', help: 'pino level: trace, debug, info, warn, error, silent (also LOG_LEVEL); JSON lines, pretty on a terminal' },
  { flag: '--seed <file>', env: 'IAM_LOCAL_SEED', def: '(none)', key: 'seedFile', help: 'seed file (YAML/JSON) applied at start, idempotently' },
  { flag: '--instance-profile <name>', env: 'IAM_LOCAL_INSTANCE_PROFILE', def: '(none)', key: 'instanceProfile', help: "serve this instance profile's role at the main port's /latest/ (IMDS)" },
  { flag: '--oidc-issuer <url>', env: 'IAM_LOCAL_OIDC_ISSUER', def: 'https://<request Host>', key: 'oidcIssuer', help: "the built-in OIDC issuer's URL (iss of its tokens; register it with CreateOpenIDConnectProvider)" },
] as const;

/** Settings read from the environment by their modules rather than from Config: the flag sets the variable. */
const ENV_ONLY_KEYS = new Set<string>(['oidcIssuer']);

/** commander's attribute name of a flag: --account-id → accountId. */
export const attributeOf = (flag: string) => flag.replace(/^--/, '').split(' ')[0]!.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

/** Options as commander gives them: keyed by the flag's attribute name (db, seed, accountId, …). */
export type StartOptions = Partial<Record<string, string>>;

export function configFromOptions(opts: StartOptions, env: NodeJS.ProcessEnv = process.env) {
  const overrides: ConfigOverrides = {};
  for (const s of SETTINGS) {
    const v = opts[attributeOf(s.flag)];
    if (v === undefined) continue;
    if (ENV_ONLY_KEYS.has(s.key)) {
      env[s.env] = v;
      continue;
    }
    (overrides as Record<string, unknown>)[s.key] = s.key === 'port' ? Number(v) : v;
  }
  try {
    return loadConfig(env, overrides);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/** Starts the server, applies IAM_LOCAL_SEED / --seed, and returns it with its URL. */
export async function startCommand(opts: StartOptions): Promise<{ server: BuiltServer; url: string }> {
  const config = configFromOptions(opts);
  const server = await buildServer(config);
  let url: string;
  try {
    url = await server.listen();
    if (config.seedFile) {
      let text: string;
      try {
        text = readFileSync(config.seedFile, 'utf8');
      } catch (e) {
        throw new CliError(`Cannot read seed file ${config.seedFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const result = await applySeedText(server.services, text, { fileName: basename(config.seedFile), app: server.app, issuer: issuerUrl(new URL(url).host) });
      server.services.log.info({ seed: config.seedFile, ...result.counts }, 'seed applied');
    }
  } catch (e) {
    await server.close();
    throw e;
  }
  server.services.log.info({ url, db: config.dbPath, enforce: config.enforce, accountId: config.accountId }, 'iam-local listening');
  return { server, url };
}
