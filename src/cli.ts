// Entry point: iam-local start | seed | audit | export | import | creds | validate | generate-policy   (commander; the commands,
// flags and help texts are in src/cli-spec.mjs, which `iam-local --help` loads alone). A plain
// start or gateway command line is read without commander (src/start-args.ts).
import { writeFileSync } from 'node:fs';
import { startArgs } from './start-args.js';
import { startCommand, type StartOptions } from './commands/start.js';
import type { CommandOutput } from './commands/operate.js';
import { CliError } from './commands/cli-error.js';
import { ConfigError } from './config.js';

// The AWS SDK (creds role:…) warns on every run that it will need a newer Node than iam-local's
// `engines`; that is the SDK's plan, not something the user of this command can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function emit(run: Promise<CommandOutput>, outFile?: string) {
  const out = await run;
  // An export holds every secret: a file it creates is the owner's alone.
  if (outFile) writeFileSync(outFile, out.stdout, { mode: 0o600 });
  else process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr);
  process.exitCode = out.exitCode;
}

const operate = () => import('./commands/operate.js');
const analyzer = () => import('./commands/analyzer.js');

/** Starts the server (start and gateway alike) and closes it cleanly on SIGINT/SIGTERM. */
async function serve(opts: StartOptions): Promise<void> {
  const { server } = await startCommand(opts);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function gateway(opts: StartOptions): Promise<void> {
  if (!opts.upstream && !process.env.IAM_LOCAL_UPSTREAM)
    throw new CliError('gateway needs --upstream (or IAM_LOCAL_UPSTREAM): e.g. --upstream s3=http://127.0.0.1:4569,dynamodb=http://127.0.0.1:8000');
  await serve(opts);
}

/** Every other command line, through commander (loaded only then). */
async function parseWithCommander(): Promise<void> {
  const { buildProgram } = await import('./cli-spec.mjs');
  await buildProgram({
    start: serve,
    gateway,
    // The other commands (and the seed, audit, state and analyzer code behind them) are loaded when
    // run, so `start` compiles none of them.
    seed: async (file: string | undefined, opts) => emit((await operate()).seedCommand(file, opts)),
    audit: async (opts) => emit((await operate()).auditCommand(opts)),
    export: async (opts) => emit((await operate()).exportCommand(opts), opts.output),
    import: async (file: string, opts) => emit((await operate()).importCommand(file, opts)),
    creds: async (principal: string, opts) => emit((await operate()).credsCommand(principal, opts)),
    validate: async (files: string[], opts) => emit((await analyzer()).validateCommand(files, opts)),
    'generate-policy': async (principal: string, opts) => emit((await analyzer()).generatePolicyCommand(principal, opts)),
  }).parseAsync(process.argv);
}

const plain = startArgs(process.argv.slice(2));
const run = plain ? (plain.command === 'start' ? serve : gateway)(plain.opts) : parseWithCommander();

run.catch(async (err) => {
  if (err instanceof CliError) {
    console.error(`iam-local: ${err.message}`);
    process.exit(err.exitCode);
  }
  if (err instanceof ConfigError) {
    console.error(`iam-local: ${err.message}`);
    process.exit(1);
  }
  // A seed file's problems: already a report of every problem (loaded here: start never needs it).
  if (err instanceof (await import('./seed/schema.js')).SeedError) {
    console.error(err.message);
    process.exit(1);
  }
  // Anything else is a bug or a condition not foreseen: still one line, the stack only on request.
  const e = err as NodeJS.ErrnoException;
  console.error(`iam-local: ${e?.message ?? String(err)}${e?.code ? ` (${e.code})` : ''}`);
  if (process.env.IAM_LOCAL_DEBUG) console.error(e?.stack ?? err);
  else console.error('iam-local: set IAM_LOCAL_DEBUG=1 to see where it happened.');
  process.exit(1);
});
