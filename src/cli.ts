// Entry point: iam-local start | seed | audit | export | import | creds | validate | generate-policy   (commander; the commands,
// flags and help texts are in src/cli-spec.mjs, which `iam-local --help` loads alone).
import { writeFileSync } from 'node:fs';
import { buildProgram } from './cli-spec.mjs';
import { startCommand, type StartOptions } from './commands/start.js';
import { auditCommand, credsCommand, exportCommand, importCommand, seedCommand, type CommandOutput } from './commands/operate.js';
import { CliError } from './commands/target.js';
import { generatePolicyCommand, validateCommand } from './commands/analyzer.js';
import { ConfigError } from './config.js';
import { SeedError } from './seed/schema.js';

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

const program = buildProgram({
  start: async (opts: StartOptions) => {
    const { server } = await startCommand(opts);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  gateway: async (opts: StartOptions) => {
    if (!opts.upstream && !process.env.IAM_LOCAL_UPSTREAM)
      throw new CliError('gateway needs --upstream (or IAM_LOCAL_UPSTREAM): e.g. --upstream s3=http://127.0.0.1:4569,dynamodb=http://127.0.0.1:8000');
    const { server } = await startCommand(opts);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  seed: (file: string | undefined, opts) => emit(seedCommand(file, opts)),
  audit: (opts) => emit(auditCommand(opts)),
  export: (opts) => emit(exportCommand(opts), opts.output),
  import: (file: string, opts) => emit(importCommand(file, opts)),
  creds: (principal: string, opts) => emit(credsCommand(principal, opts)),
  validate: (files: string[], opts) => emit(validateCommand(files, opts)),
  'generate-policy': (principal: string, opts) => emit(generatePolicyCommand(principal, opts)),
});

program.parseAsync(process.argv).catch((err) => {
  if (err instanceof CliError) {
    console.error(`iam-local: ${err.message}`);
    process.exit(err.exitCode);
  }
  if (err instanceof ConfigError) {
    console.error(`iam-local: ${err.message}`);
    process.exit(1);
  }
  if (err instanceof SeedError) {
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
