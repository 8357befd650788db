// Entry point: iam-local start | seed | audit | export | import | creds   (commander)
import { Command, Option } from 'commander';
import { VERSION } from './version.js';
import { SETTINGS, startCommand, type StartOptions } from './commands/start.js';
import { auditCommand, credsCommand, exportCommand, importCommand, seedCommand, type CommandOutput } from './commands/operate.js';
import { CliError, DEFAULT_URL } from './commands/target.js';
import { SeedError } from './seed/schema.js';
import { writeFileSync } from 'node:fs';

const program = new Command()
  .name('iam-local')
  .description('A local, AWS-compatible IAM + STS + instance-metadata server')
  .version(VERSION)
  .showHelpAfterError();

const start = program
  .command('start', { isDefault: true })
  .description('serve IAM, STS and instance metadata (flags override the environment variables named below)');
for (const s of SETTINGS) start.addOption(new Option(s.flag, `${s.help} [env ${s.env}, default ${s.def}]`));
start.action(async (opts: StartOptions) => {
  const { server } = await startCommand(opts);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

const targetOptions = (c: Command) =>
  c
    .option('--url <url>', `a running server's base URL [env IAM_LOCAL_URL, default ${DEFAULT_URL()}]`)
    .option('--db <path>', 'act on a STOPPED server\'s store file directly instead of --url');

async function emit(run: Promise<CommandOutput>, outFile?: string) {
  const out = await run;
  if (outFile) writeFileSync(outFile, out.stdout);
  else process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr);
  process.exitCode = out.exitCode;
}

targetOptions(
  program
    .command('seed [file]')
    .description('apply a seed file (YAML or JSON) to a running server or a store file; idempotent')
    .option('--template <name>', 'use a bundled template instead of a file (starter)')
    .option('--print', 'print the seed document (e.g. the template) instead of applying it')
    .option('--check', 'only validate the document; errors name the file, line and column')
    .option('--account-id <id>', 'the default account the document\'s top level applies to (with --db)')
    .option('--json', 'print the result as JSON'),
).action((file: string | undefined, opts) => emit(seedCommand(file, opts)));

targetOptions(
  program
    .command('audit')
    .description("find the IAM pitfalls in the current state (each with entity, rule, severity and fix)")
    .option('--fail-on <severity>', 'exit with status 2 if any finding is at or above: low, medium, high, critical, none', 'high')
    .option('--min-severity <severity>', 'show only findings at or above this severity', 'low')
    .option('--account-id <id>', 'only this account (default: all)')
    .option('--json', 'print the report as JSON (as GET /_iam/audit)'),
).action((opts) => emit(auditCommand(opts)));

targetOptions(
  program
    .command('export')
    .description('print the whole state (every table, with its schema version) as JSON')
    .option('-o, --output <file>', 'write to a file instead of stdout'),
).action((opts) => emit(exportCommand(opts), opts.output));

targetOptions(
  program.command('import <file>').description('replace the whole state with an export (FILE or - for stdin); refuses a newer schema'),
).action((file: string, opts) => emit(importCommand(file, opts)));

targetOptions(
  program
    .command('creds <principal>')
    .description(
      'print `export AWS_…` lines: user:NAME (the user\'s access key; one is created if it has none) or ' +
        'role:NAME|role:ARN (STS AssumeRole against the running server). Use: eval "$(iam-local creds role:MyRole)"',
    )
    .option('--as <user>', 'assume the role as user:NAME (default: the account root, key `test`, or AWS_ACCESS_KEY_ID)')
    .option('--account-id <id>', 'the account of user:NAME / the root that assumes the role')
    .option('--session-name <name>', 'RoleSessionName', 'iam-local-cli')
    .option('--duration <seconds>', 'DurationSeconds of the role session')
    .option('--serial-number <arn>', 'MFA device serial, for roles whose trust policy requires MFA')
    .option('--token-code <code>', 'the MFA code')
    .option('--region <region>', 'region to sign with', undefined),
).action((principal: string, opts) => emit(credsCommand(principal, opts)));

program.parseAsync(process.argv).catch((err) => {
  if (err instanceof CliError) {
    console.error(`iam-local: ${err.message}`);
    process.exit(err.exitCode);
  }
  if (err instanceof SeedError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
