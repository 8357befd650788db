// Environment variables and flags → one frozen Config (DESIGN.md: the contract).
export type EnforceMode = 'off' | 'audit' | 'on';

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
}

export interface ConfigOverrides extends Partial<Config> {}

const ENFORCE_MODES: EnforceMode[] = ['off', 'audit', 'on'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const enforce = (overrides.enforce ?? env.IAM_LOCAL_ENFORCE ?? 'off').toLowerCase() as EnforceMode;
  if (!ENFORCE_MODES.includes(enforce)) throw new Error(`IAM_LOCAL_ENFORCE must be one of ${ENFORCE_MODES.join(', ')}`);
  const accountId = overrides.accountId ?? env.IAM_LOCAL_ACCOUNT_ID ?? '000000000000';
  if (!/^\d{12}$/.test(accountId)) throw new Error('IAM_LOCAL_ACCOUNT_ID must be 12 digits');
  const port = Number(overrides.port ?? env.PORT ?? 4577);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a port number');
  return Object.freeze({
    port,
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    dbPath: overrides.dbPath ?? env.IAM_LOCAL_DB ?? './data/iam-local.db',
    accountId,
    enforce,
    region: overrides.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    logLevel: overrides.logLevel ?? env.IAM_LOCAL_LOG_LEVEL ?? env.LOG_LEVEL ?? 'info',
    seedFile: overrides.seedFile ?? env.IAM_LOCAL_SEED,
    instanceProfile: overrides.instanceProfile ?? env.IAM_LOCAL_INSTANCE_PROFILE,
  });
}
