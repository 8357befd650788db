// Where an operator command acts: a running server (its admin API at --url) or a stopped store file
// (--db, opened directly). Both paths run the same code in the end: the server's admin routes call
// the same functions the offline path calls here.
import pino from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { DEFAULT_URL } from '../cli-settings.mjs';
import type { Services } from '../context.js';
import { Clock } from '../clock.js';
import { Store } from '../store/store.js';
import { checkStorePath, storeOpenError } from './store-path.js';
import { CliError } from './cli-error.js';

export interface TargetOptions {
  url?: string;
  db?: string;
  accountId?: string;
}

export type Target = { kind: 'url'; url: string } | { kind: 'db'; path: string; accountId?: string };

export { DEFAULT_URL };

export function resolveTarget(opts: TargetOptions): Target {
  if (opts.db !== undefined && opts.url !== undefined) throw new CliError('Give either --url (a running server) or --db (a stopped store), not both.');
  if (opts.db !== undefined) return { kind: 'db', path: opts.db, accountId: opts.accountId };
  return { kind: 'url', url: (opts.url ?? DEFAULT_URL()).replace(/\/+$/, '') };
}

export { CliError } from './cli-error.js';

/** Services over a store file, for commands that act on a stopped server's store. */
export function withOfflineServices<T>(path: string, accountId: string | undefined, fn: (s: Services) => Promise<T> | T): Promise<T> {
  if (path === ':memory:') throw new CliError('--db :memory: would be an empty, throw-away store; give a file path.');
  let config;
  try {
    config = loadConfig(process.env, { dbPath: path, ...(accountId ? { accountId } : {}) });
  } catch (e) {
    throw e instanceof ConfigError ? new CliError(e.message) : e;
  }
  checkStorePath(path, '--db');
  let store: Store;
  try {
    store = Store.open(path);
  } catch (e) {
    throw storeOpenError(e, path, '--db') ?? e;
  }
  const clock = new Clock();
  store.accounts.ensure(config.accountId, clock.now().toISOString());
  const services: Services = { config, store, clock, log: pino({ level: 'silent' }), startedAt: new Date() };
  return Promise.resolve()
    .then(() => fn(services))
    .finally(() => store.close());
}

/** Calls a running server's admin API; a connection failure or non-2xx answer becomes a CliError. */
export async function adminCall<T = unknown>(
  url: string,
  method: string,
  path: string,
  body?: { json?: unknown; text?: string },
): Promise<T> {
  let res: Response;
  try {
    // YAML as application/yaml: the admin routes refuse text/plain, which any web page can send.
    const headers: Record<string, string> =
      body?.json !== undefined ? { 'content-type': 'application/json' } : body?.text !== undefined ? { 'content-type': 'application/yaml' } : {};
    const token = process.env.IAM_LOCAL_ADMIN_TOKEN;
    if (token) headers.authorization = `Bearer ${token}`;
    res = await fetch(url + path, {
      method,
      headers,
      body: body?.json !== undefined ? JSON.stringify(body.json) : body?.text,
    });
  } catch (e) {
    throw new CliError(
      `Cannot reach iam-local at ${url} (${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}). ` +
        'Start it with `iam-local start`, point --url (or IAM_LOCAL_URL) at it, or use --db FILE on a stopped store.',
    );
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: string } | undefined)?.error ?? text;
    throw new CliError(`${method} ${path} failed (${res.status}): ${err}`);
  }
  return json as T;
}
