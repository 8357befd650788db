// `iam-local start`: every setting as a flag and an environment variable (the flag wins). What can
// go wrong at start (a bad value, a busy port, a host that does not resolve, a store file that is
// not iam-local's or cannot be written) ends in one line that says what to do, never a stack trace.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError, loadConfig, settingName, type Config, type ConfigOverrides } from '../config.js';
import { buildServer, type BuiltServer } from '../server.js';
import { CliError } from './cli-error.js';
import { checkStorePath, storeOpenError } from './store-path.js';
import { SETTINGS } from '../cli-settings.mjs';
import { MetadataError } from '../metadata/metadata-error.js';

export { SETTINGS };

import { attributeOf } from '../start-args.js';

/** Options as commander gives them: keyed by the flag's attribute name (db, seed, accountId, …). */
export type StartOptions = Partial<Record<string, string>>;

export function overridesFromOptions(opts: StartOptions): ConfigOverrides {
  const overrides: ConfigOverrides = {};
  for (const s of SETTINGS) {
    const v = opts[attributeOf(s.flag)];
    if (v !== undefined) (overrides as Record<string, unknown>)[s.key] = v;
  }
  return overrides;
}

export function configFromOptions(opts: StartOptions, env: NodeJS.ProcessEnv = process.env): Config {
  try {
    // The port stays text here: loadConfig checks it and names --port or PORT in its message.
    return loadConfig(env, overridesFromOptions(opts) as ConfigOverrides);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw e;
  }
}

/** A failed listen() as one line naming the setting the user gave. */
export function listenError(e: NodeJS.ErrnoException & { hostname?: string }, config: Config, overrides: ConfigOverrides, env = process.env): CliError | undefined {
  const portName = settingName('port', overrides, env);
  const hostName = settingName('host', overrides, env);
  switch (e.code) {
    case 'EADDRINUSE':
      return new CliError(
        `port ${config.port} on ${config.host} is already in use (${portName}). An iam-local may already run there ` +
          `(curl http://127.0.0.1:${config.port}/_iam/health); else choose another port with --port or PORT (0 = any free port).`,
      );
    case 'EACCES':
      return new CliError(`port ${config.port} (${portName}) needs privileges this user does not have; use a port from 1024 up, e.g. --port 4577.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return new CliError(`cannot resolve the host ${JSON.stringify(config.host)} (${hostName}); give an address such as 127.0.0.1, or 0.0.0.0 for every interface.`);
    case 'EADDRNOTAVAIL':
      return new CliError(`${config.host} (${hostName}) is not an address of this machine; use 127.0.0.1, or 0.0.0.0 for every interface.`);
    default:
      return undefined;
  }
}

/** Starts the server, applies IAM_LOCAL_SEED / --seed, and returns it with its URL. */
export async function startCommand(opts: StartOptions, env: NodeJS.ProcessEnv = process.env): Promise<{ server: BuiltServer; url: string }> {
  const config = configFromOptions(opts, env);
  const overrides = overridesFromOptions(opts);
  const dbName = settingName('dbPath', overrides, env);
  checkStorePath(config.dbPath, dbName);
  let server: BuiltServer;
  try {
    server = await buildServer(config);
  } catch (e) {
    // A setting found wrong while building (IAM_LOCAL_INSTANCE_CLIENTS): one line, no stack.
    if (e instanceof MetadataError) throw new CliError(e.message);
    throw storeOpenError(e, config.dbPath, dbName) ?? e;
  }
  let url: string;
  try {
    try {
      url = await server.listen();
    } catch (e) {
      throw listenError(e as NodeJS.ErrnoException, config, overrides, env) ?? e;
    }
    if (config.seedFile) {
      let text: string;
      try {
        text = readFileSync(config.seedFile, 'utf8');
      } catch (e) {
        throw new CliError(`Cannot read seed file ${config.seedFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      // The seed applier (and what it needs: YAML, the checker…) only when there is a seed.
      const { applySeedText } = await import('../seed/apply.js');
      const result = await applySeedText(server.services, text, { fileName: basename(config.seedFile), server: server.http, baseUrl: url });
      server.services.log.info({ seed: config.seedFile, ...result.counts }, 'seed applied');
    }
  } catch (e) {
    await server.close();
    throw e;
  }
  server.services.log.info({ url, db: config.dbPath, enforce: config.enforce, accountId: config.accountId }, 'iam-local listening');
  if (server.adminToken && !config.adminToken)
    // Generated: the server listens beyond loopback and /_iam/* needs proof from other machines.
    process.stderr.write(
      `iam-local: /_iam/* (seed, state, creds, clock, …) needs this admin token from other machines: ` +
        `IAM_LOCAL_ADMIN_TOKEN=${server.adminToken}\n` +
        `iam-local: give the CLI the same variable; set IAM_LOCAL_ADMIN_TOKEN at start to choose it.\n`,
    );
  return { server, url };
}
