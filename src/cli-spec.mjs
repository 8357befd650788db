// The command line's shape: every command, flag and help text, with commander. Plain JavaScript on
// purpose: `iam-local --help` (bin/iam-local.js) loads only this file and commander, with no build
// step and without the server. src/cli.ts gives the same program its actions (a plain `start` or
// `gateway` is parsed without commander: src/start-args.ts).
import { Command, Option } from 'commander';
import { DEFAULT_URL, SETTINGS, VERSION } from './cli-settings.mjs';

export { DEFAULT_URL, SETTINGS, VERSION };

const targetOptions = (c) =>
  c
    .option('--url <url>', `a running server's base URL [env IAM_LOCAL_URL, default ${DEFAULT_URL()}]`)
    .option('--db <path>', "act on a STOPPED server's store file directly instead of --url");

/**
 * The program; `actions` (start, seed, audit, export, import, creds) are attached when given. Without
 * them it can still print every help text and the version.
 */
export function buildProgram(actions = {}) {
  const program = new Command()
    .name('iam-local')
    .description('A local, AWS-compatible IAM + STS + instance-metadata server')
    .version(VERSION)
    .showHelpAfterError();
  const on = (cmd, name) => (actions[name] ? cmd.action(actions[name]) : cmd);

  const start = program
    .command('start', { isDefault: true })
    .description('serve IAM, STS and instance metadata (flags override the environment variables named below)');
  for (const s of SETTINGS) start.addOption(new Option(s.flag, `${s.help} [env ${s.env}, default ${s.def}]`));
  on(start, 'start');

  const gateway = program
    .command('gateway')
    .description(
      'serve IAM and STS and enforce IAM in front of other local emulators: requests for the --upstream services are ' +
        'SigV4-verified, decided (--enforce), re-signed and streamed to them (the same settings as start; --upstream required)',
    );
  for (const s of SETTINGS) gateway.addOption(new Option(s.flag, `${s.help} [env ${s.env}, default ${s.def}]`));
  on(gateway, 'gateway');

  on(
    targetOptions(
      program
        .command('seed [file]')
        .description('apply a seed file (YAML or JSON) to a running server or a store file; idempotent, all or nothing')
        .option('--template <name>', 'use a bundled template instead of a file (starter)')
        .option('--print', 'print the seed document (e.g. the template) instead of applying it')
        .option('--check', 'only validate, against the store of --url / --db when given: every problem with its file:line:column')
        .option('--account-id <id>', "the default account the document's top level applies to (with --db)")
        .option('--json', 'print the result as JSON'),
    ),
    'seed',
  );

  on(
    targetOptions(
      program
        .command('audit')
        .description('find the IAM pitfalls in the current state (each with entity, rule, severity and fix)')
        .option('--fail-on <severity>', 'exit with status 2 if any finding is at or above: low, medium, high, critical, none', 'high')
        .option('--min-severity <severity>', 'show only findings at or above this severity', 'low')
        .option('--account-id <id>', 'only this account (default: all)')
        .option('--json', 'print the report as JSON (as GET /_iam/audit)'),
    ),
    'audit',
  );

  on(
    targetOptions(
      program
        .command('export')
        .description('print the whole state (every table, with its schema version) as JSON')
        .option('-o, --output <file>', 'write to a file instead of stdout'),
    ),
    'export',
  );

  on(
    targetOptions(program.command('import <file>').description('replace the whole state with an export (FILE or - for stdin); refuses a newer schema')),
    'import',
  );

  on(
    targetOptions(
      program
        .command('creds <principal>')
        .description(
          "print `export AWS_…` lines: user:NAME (the user's access key; one is created if it has none) or " +
            'role:NAME|role:ARN (STS AssumeRole against the running server). Use: eval "$(iam-local creds role:MyRole)"',
        )
        .option('--as <user>', 'assume the role as user:NAME (default: the account root, key `test`, or AWS_ACCESS_KEY_ID)')
        .option('--account-id <id>', 'the account of user:NAME / the root that assumes the role')
        .option('--session-name <name>', 'RoleSessionName', 'iam-local-cli')
        .option('--duration <seconds>', 'DurationSeconds of the role session')
        .option('--serial-number <arn>', 'MFA device serial, for roles whose trust policy requires MFA')
        .option('--token-code <code>', 'the MFA code')
        .option('--region <region>', 'region to sign with', undefined),
    ),
    'creds',
  );

  on(
    program
      .command('validate <files...>')
      .description('check policy files with Access Analyzer\'s policy checks (as ValidatePolicy; offline, no server needed). Exit 2 when a finding is at or above --fail-on')
      .option('--policy-type <type>', 'identity, resource, scp or rcp (default: resource when the document has a Principal, else identity)')
      .option('--resource-type <type>', 'for resource policies: AWS::S3::Bucket, AWS::IAM::AssumeRolePolicyDocument, … (validatePolicyResourceType)')
      .option('--format <format>', 'text (file:line:column: …), json, or sarif (SARIF 2.1.0 for code-scanning UIs)', 'text')
      .option('--fail-on <type>', 'exit with status 2 if any finding is at or above: error, security-warning, warning, suggestion, none', 'security-warning'),
    'validate',
  );

  on(
    program
      .command('generate-policy <principal>')
      .description(
        'a least-privilege policy from what role:NAME or user:NAME (or an ARN) did, as recorded by the running server ' +
          '(IAM_LOCAL_ENFORCE=audit or on), through its Access Analyzer API; prints the policy JSON, ready to attach',
      )
      .option('--since <duration>', 'the activity window ending now: 30m, 1h, 7d', '1h')
      .option('--placeholders', 'resource ARN formats with ${Placeholders} instead of the ARNs used')
      .option('--json', 'print the job id, principal and policies as one JSON document')
      .option('--url <url>', `a running server's base URL [env IAM_LOCAL_URL, default ${DEFAULT_URL()}]`)
      .option('--account-id <id>', 'the account of role:NAME / user:NAME (default: the caller\'s, from sts:GetCallerIdentity)')
      .option('--region <region>', 'region to sign with', undefined),
    'generate-policy',
  );
  return program;
}
