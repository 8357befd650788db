// The package's programmatic entry point (`import { startIamLocal } from 'iam-local'`): a real
// server in the caller's process for test runners — an ephemeral port and an in-memory store by
// default, the bootstrap root's keys, the movable clock, seeding and reset. The public types are
// types/index.d.ts (shipped as they are); this module is checked against them.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type * as Api from '../types/index.js';
import { loadConfig } from './config.js';
import { buildServer } from './server.js';
import { applySeedText } from './seed/apply.js';

export type {
  IamLocal,
  IamLocalClock,
  IamLocalCredentials,
  SeedOutcome,
  SeedSummary,
  StartIamLocalOptions,
} from '../types/index.js';

// Fresh objects on every read: the SDK writes into the credentials object it is given ($source).
const rootKeys = () => ({ accessKeyId: 'test', secretAccessKey: 'test' });

export const startIamLocal: typeof Api.startIamLocal = async (options = {}) => {
  // Only the options count: the caller's own PORT, IAM_LOCAL_DB… are for the CLI, not for this.
  const config = loadConfig(
    {},
    {
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
      dbPath: options.db ?? ':memory:',
      accountId: options.accountId,
      enforce: options.enforce,
      region: options.region,
      logLevel: options.logLevel ?? 'silent',
      instanceProfile: options.instanceProfile,
      upstream:
        typeof options.upstream === 'object' && options.upstream !== null
          ? Object.entries(options.upstream).map(([service, url]) => `${service}=${url}`).join(',')
          : options.upstream,
      bootstrapKeys: options.bootstrapKeys,
      // The caller holds the server: it is the operator, and `clock` is its to move.
      clock: 'movable',
      // The in-process server listens on loopback: its default instance is this machine's.
      instanceClients: options.instanceClients ?? (options.instanceProfile ? ['127.0.0.1', '::1'] : []),
    },
  );
  const server = await buildServer(config);
  let endpoint: string;
  try {
    endpoint = (await server.listen()).replace('://localhost:', '://127.0.0.1:');
  } catch (e) {
    await server.close();
    throw e;
  }
  const { services } = server;
  const clock = services.clock;
  let stopped: Promise<void> | undefined;

  const seed = async (source: string | object): Promise<Api.SeedSummary> => {
    const [text, fileName] =
      typeof source === 'string' ? [readFileSync(source, 'utf8'), basename(source)] : [JSON.stringify(source), 'seed'];
    return applySeedText(services, text, { fileName, server: server.http, baseUrl: endpoint });
  };

  const iamLocal: Api.IamLocal = {
    endpoint,
    get credentials() {
      return rootKeys();
    },
    accountId: config.accountId,
    region: config.region,
    get clientConfig() {
      return { endpoint, region: config.region, credentials: rootKeys() };
    },
    get env() {
      const keys = rootKeys();
      return { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey, AWS_REGION: config.region };
    },
    clock: {
      now: () => clock.now(),
      advance(seconds) {
        if (!Number.isFinite(seconds)) throw new TypeError('advance(seconds): a finite number of seconds');
        clock.advance(seconds);
        return clock.now();
      },
      set(time) {
        const at = time instanceof Date ? time : new Date(time);
        if (Number.isNaN(at.getTime())) throw new TypeError(`set(time): not a time: ${String(time)}`);
        clock.set(at);
        return clock.now();
      },
      reset() {
        clock.reset();
        return clock.now();
      },
    },
    seed,
    async reset() {
      // The admin route itself, so a reset here is exactly POST /_iam/reset.
      const res = await (await server.app()).inject({ method: 'POST', url: '/_iam/reset', headers: { host: new URL(endpoint).host } });
      if (res.statusCode !== 200) throw new Error(`iam-local reset failed: ${res.statusCode} ${res.body}`);
      clock.reset();
    },
    stop: () => (stopped ??= server.close()),
  };

  if (options.seed !== undefined) {
    try {
      await seed(options.seed);
    } catch (e) {
      await iamLocal.stop();
      throw e;
    }
  }
  return iamLocal;
};
