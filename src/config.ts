// Environment variables and flags → one frozen Config (DESIGN.md: the contract).
// A bad value is refused with a message that names the setting as the user gave it: the flag
// (--port) when it came from a flag or a program's override, else the environment variable (PORT).
export type EnforceMode = 'off' | 'audit' | 'on';
/** movable: /_iam/clock (an admin action) may move it; system: the machine's time, never moved;
 *  fixed: stands still at IAM_LOCAL_CLOCK=fixed@ISO-8601 (or the start time), never moved. */
export type ClockMode = 'movable' | 'system' | 'fixed';
/** When the well-known keys (`test`/`test`, and any 12-digit key id as that account's root with any
 *  secret in enforce=off) are accepted: loopback = only while the server listens on loopback. */
export type BootstrapKeys = 'loopback' | 'on' | 'off';

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  accountId: string;
  enforce: EnforceMode;
  region: string;
  logLevel: string;
  seedFile?: string;
  instanceProfile?: string;
  /** The built-in OIDC issuer's URL; unset: https://127.0.0.1:<listening port> (src/sts/oidc-issuer.ts). */
  oidcIssuer?: string;
  /** Enforcement gateway upstreams (src/gateway/upstreams.ts): `s3=http://…,dynamodb=http://…` or one URL. */
  upstream?: string;
  /** Bearer token that proves an operator on /_iam/* (src/admin/guard.ts); generated at start when
   *  unset and the server listens beyond loopback. */
  adminToken?: string;
  /** Extra Host names the server answers to (src/allowed-hosts.ts); `*` = any. */
  allowedHosts: string[];
  clock: ClockMode;
  /** IAM_LOCAL_CLOCK=fixed@TIME: where the fixed clock stands. */
  clockAt?: string;
  /** Client addresses the main port's default instance (instanceProfile) answers; none = off. */
  instanceClients: string[];
  bootstrapKeys: BootstrapKeys;
}

export interface ConfigOverrides extends Partial<Config> {}

/** A setting's value is wrong; the message names the flag or variable it came from. */
export class ConfigError extends Error {}

const ENFORCE_MODES: EnforceMode[] = ['off', 'audit', 'on'];
/** pino's levels. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const FLAGS: Record<keyof Config, string> = {
  port: '--port',
  host: '--host',
  dbPath: '--db',
  accountId: '--account-id',
  enforce: '--enforce',
  region: '--region',
  logLevel: '--log-level',
  seedFile: '--seed',
  instanceProfile: '--instance-profile',
  oidcIssuer: '--oidc-issuer',
  upstream: '--upstream',
  adminToken: '--admin-token',
  allowedHosts: '--allowed-hosts',
  clock: '--clock',
  clockAt: '--clock',
  instanceClients: '--instance-clients',
  bootstrapKeys: '--bootstrap-keys',
};

/** A comma- or space-separated list setting. */
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined ? [] : String(v).split(/[\s,]+/).filter(Boolean);

/** Addresses the server itself only reaches from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === '::ffff:127.0.0.1';
}

/** Where a setting's value comes from: [value, the name to show in a message]. */
function pick(key: keyof Config, overrides: ConfigOverrides, env: NodeJS.ProcessEnv, vars: string[], def?: string): [string | undefined, string] {
  const o = overrides[key];
  if (o !== undefined) return [String(o), FLAGS[key]];
  for (const v of vars) if (env[v] !== undefined && env[v] !== '') return [env[v], v];
  return [def, vars[0] ?? FLAGS[key]];
}

/** The name a setting's value would be reported under (for errors found later, e.g. at listen). */
export function settingName(key: keyof Config, overrides: ConfigOverrides, env: NodeJS.ProcessEnv = process.env): string {
  const vars: Partial<Record<keyof Config, string[]>> = { port: ['PORT'], host: ['HOST'], dbPath: ['IAM_LOCAL_DB'] };
  return pick(key, overrides, env, vars[key] ?? [])[1];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const [enforceRaw, enforceName] = pick('enforce', overrides, env, ['IAM_LOCAL_ENFORCE'], 'off');
  const enforce = enforceRaw!.toLowerCase() as EnforceMode;
  if (!ENFORCE_MODES.includes(enforce)) throw new ConfigError(`${enforceName} must be one of ${ENFORCE_MODES.join(', ')} (not ${JSON.stringify(enforceRaw)})`);

  const [accountId, accountName] = pick('accountId', overrides, env, ['IAM_LOCAL_ACCOUNT_ID'], '000000000000');
  if (!/^\d{12}$/.test(accountId!)) throw new ConfigError(`${accountName} must be 12 digits (not ${JSON.stringify(accountId)})`);

  const [portRaw, portName] = pick('port', overrides, env, ['PORT'], '4577');
  const port = /^\s*\d+\s*$/.test(portRaw!) ? Number(portRaw) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`${portName} must be a port number from 0 to 65535 (0 = any free port), not ${JSON.stringify(portRaw)}`);

  const [host, hostName] = pick('host', overrides, env, ['HOST'], '127.0.0.1');
  if (!host!.trim() || /[\s/]/.test(host!)) throw new ConfigError(`${hostName} must be a host name or an IP address such as 127.0.0.1 or 0.0.0.0, not ${JSON.stringify(host)}`);

  const [logLevel, logName] = pick('logLevel', overrides, env, ['IAM_LOCAL_LOG_LEVEL', 'LOG_LEVEL'], 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel!))
    throw new ConfigError(`${logName} must be one of ${LOG_LEVELS.join(', ')} (not ${JSON.stringify(logLevel)})`);

  const [dbPath, dbName] = pick('dbPath', overrides, env, ['IAM_LOCAL_DB'], './data/iam-local.db');
  if (!dbPath) throw new ConfigError(`${dbName} must be a file path or :memory:`);

  const [oidcIssuer, issuerName] = pick('oidcIssuer', overrides, env, ['IAM_LOCAL_OIDC_ISSUER']);
  if (oidcIssuer !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(oidcIssuer))
    throw new ConfigError(`${issuerName} must be an https:// URL such as https://oidc.example.test, not ${JSON.stringify(oidcIssuer)}`);

  const [upstream] = pick('upstream', overrides, env, ['IAM_LOCAL_UPSTREAM']);
  const [adminToken, tokenName] = pick('adminToken', overrides, env, ['IAM_LOCAL_ADMIN_TOKEN']);
  if (adminToken !== undefined && (adminToken.length < 16 || /[\s,]/.test(adminToken)))
    throw new ConfigError(`${tokenName} must be at least 16 characters without spaces or commas (e.g. openssl rand -hex 24)`);

  // Beyond loopback the clock is the machine's unless the operator asks for a movable one.
  const [clockRaw, clockName] = pick('clock', overrides, env, ['IAM_LOCAL_CLOCK'], isLoopbackHost(host!) ? 'movable' : 'system');
  const [clockMode, clockAtRaw] = clockRaw!.split('@', 2) as [string, string | undefined];
  if (!['movable', 'system', 'fixed'].includes(clockMode) || (clockAtRaw !== undefined && (clockMode !== 'fixed' || Number.isNaN(Date.parse(clockAtRaw)))))
    throw new ConfigError(`${clockName} must be movable, system, fixed or fixed@ISO-8601 time (not ${JSON.stringify(clockRaw)})`);

  const [bootRaw, bootName] = pick('bootstrapKeys', overrides, env, ['IAM_LOCAL_BOOTSTRAP_KEYS'], 'loopback');
  const bootstrapKeys = bootRaw!.toLowerCase() as BootstrapKeys;
  if (!['loopback', 'on', 'off'].includes(bootstrapKeys)) throw new ConfigError(`${bootName} must be loopback, on or off (not ${JSON.stringify(bootRaw)})`);

  const allowedHosts = list(overrides.allowedHosts ?? env.IAM_LOCAL_ALLOWED_HOSTS).map((h) => h.toLowerCase());
  if (allowedHosts.some((h) => h !== '*' && !/^\.?[a-z0-9_]([a-z0-9_.:-]*[a-z0-9_])?$|^\[[0-9a-f:.]+\]$/.test(h)))
    throw new ConfigError(`${overrides.allowedHosts !== undefined ? '--allowed-hosts' : 'IAM_LOCAL_ALLOWED_HOSTS'} must be host names or addresses separated by commas (e.g. iam-local,iam.test), or *`);
  const instanceClients = list(overrides.instanceClients ?? env.IAM_LOCAL_INSTANCE_CLIENTS);

  return Object.freeze({
    port,
    host: host!,
    dbPath,
    accountId: accountId!,
    enforce,
    region: overrides.region ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined) ?? 'us-east-1',
    logLevel: logLevel!,
    seedFile: overrides.seedFile ?? env.IAM_LOCAL_SEED,
    instanceProfile: overrides.instanceProfile ?? env.IAM_LOCAL_INSTANCE_PROFILE,
    ...(oidcIssuer !== undefined ? { oidcIssuer: oidcIssuer.replace(/\/$/, '') } : {}),
    ...(upstream ? { upstream } : {}),
    ...(adminToken !== undefined ? { adminToken } : {}),
    allowedHosts,
    clock: clockMode as ClockMode,
    ...(clockAtRaw !== undefined ? { clockAt: new Date(clockAtRaw).toISOString() } : {}),
    instanceClients,
    bootstrapKeys,
  });
}
