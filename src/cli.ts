// Entry point: `iam-local start` (and, as they land, seed, audit, export, import, creds).
import { Command } from 'commander';
import { loadConfig } from './config.js';
import { buildServer } from './server.js';
import { VERSION } from './version.js';

const program = new Command()
  .name('iam-local')
  .description('A local, AWS-compatible IAM + STS + instance-metadata server')
  .version(VERSION);

program
  .command('start', { isDefault: true })
  .description('serve IAM, STS and instance metadata')
  .option('--port <port>', 'port to listen on (env PORT, default 4577)')
  .option('--host <host>', 'address to bind (env HOST, default 127.0.0.1)')
  .option('--db <path>', 'SQLite file or :memory: (env IAM_LOCAL_DB, default ./data/iam-local.db)')
  .option('--account-id <id>', 'default account id (env IAM_LOCAL_ACCOUNT_ID, default 000000000000)')
  .option('--enforce <mode>', 'off | audit | on (env IAM_LOCAL_ENFORCE, default off)')
  .action(async (opts: { port?: string; host?: string; db?: string; accountId?: string; enforce?: string }) => {
    const config = loadConfig(process.env, {
      ...(opts.port !== undefined && { port: Number(opts.port) }),
      ...(opts.host !== undefined && { host: opts.host }),
      ...(opts.db !== undefined && { dbPath: opts.db }),
      ...(opts.accountId !== undefined && { accountId: opts.accountId }),
      ...(opts.enforce !== undefined && { enforce: opts.enforce as 'off' | 'audit' | 'on' }),
    });
    const server = await buildServer(config);
    const url = await server.listen();
    server.services.log.info({ url, db: config.dbPath, enforce: config.enforce }, 'iam-local listening');
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program.parseAsync(process.argv).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
