// `iam-local start` and `iam-local gateway` with nothing but their settings' flags (how a test
// suite, npm start and the Docker image run them) are read here, from the settings table alone:
// commander, its help texts and node:child_process (which it loads) are a tenth of a start's CPU.
// Anything else — another command, an unknown flag, a flag without its value, `--` — returns
// undefined and goes to commander (src/cli-spec.mjs), which also gives every error its message.
// test/start-args.test.ts checks that both read every accepted command line alike.
import { SETTINGS } from './cli-settings.mjs';

export interface StartArgs {
  command: 'start' | 'gateway';
  /** As commander gives them: keyed by the flag's attribute name (--account-id → accountId). */
  opts: Record<string, string>;
}

/** commander's attribute name of a flag: --account-id <id> → accountId. */
export const attributeOf = (flag: string) => flag.replace(/^--/, '').split(' ')[0]!.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

const FLAGS = new Map(SETTINGS.map((s) => [s.flag.split(' ')[0]!, attributeOf(s.flag)]));

/** The command and options of a plain start/gateway command line (after `node bin`), else undefined. */
export function startArgs(argv: readonly string[]): StartArgs | undefined {
  // `start` is the default command: no arguments at all is a start.
  const [first, ...rest] = argv.length === 0 ? ['start'] : argv;
  if (first !== 'start' && first !== 'gateway') return undefined;
  const opts: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const key = arg.startsWith('--') ? FLAGS.get(flag) : undefined;
    if (key === undefined) return undefined;
    if (eq !== -1) opts[key] = arg.slice(eq + 1);
    else if (i + 1 < rest.length) opts[key] = rest[++i]!; // (commander takes the next word, whatever it is)
    else return undefined;
  }
  return { command: first, opts };
}
