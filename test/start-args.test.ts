// The start path reads a plain `start`/`gateway` command line without commander (src/start-args.ts):
// every command line it accepts must mean to it exactly what it means to commander (src/cli-spec.mjs),
// and every other one must be left to commander.
import { describe, expect, it } from 'vitest';
import { buildProgram, SETTINGS } from '../src/cli-spec.mjs';
import { startArgs } from '../src/start-args.js';

/** What commander makes of a command line: the command run and its options, or the error it gives. */
async function commander(argv: string[]): Promise<{ command: string; opts: Record<string, unknown> } | { error: string }> {
  let seen: { command: string; opts: Record<string, unknown> } | undefined;
  const program = buildProgram({
    start: (opts: Record<string, unknown>) => void (seen = { command: 'start', opts: { ...opts } }),
    gateway: (opts: Record<string, unknown>) => void (seen = { command: 'gateway', opts: { ...opts } }),
    seed: () => void (seen = { command: 'seed', opts: {} }),
  });
  for (const c of [program, ...program.commands]) c.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  try {
    await program.parseAsync(['node', 'iam-local', ...argv]);
  } catch (e) {
    return { error: (e as { code?: string }).code ?? String(e) };
  }
  return seen ?? { error: 'nothing ran' };
}

const every = SETTINGS.flatMap((s, i) => [s.flag.split(' ')[0]!, `value-${i}`]);
const accepted: string[][] = [
  [],
  ['start'],
  ['gateway'],
  ['start', '--port', '0'],
  ['start', '--port=4577', '--host', '0.0.0.0'],
  ['start', '--db', ':memory:', '--db', 'later.db'],
  ['start', '--account-id', '123456789012', '--log-level', 'silent'],
  ['start', '--admin-token', '--looks-like-a-flag'],
  ['start', '--allowed-hosts=a=b,c'],
  ['start', '--seed', ''],
  ['gateway', '--upstream', 's3=http://127.0.0.1:4569,dynamodb=http://127.0.0.1:8000'],
  ['start', ...every],
  ['gateway', ...every],
];
const leftToCommander: string[][] = [
  ['seed', 'file.yaml'],
  ['start', '--port'],
  ['start', '--unknown', 'x'],
  ['start', '-p', '1'],
  ['start', 'extra'],
  ['start', '--', '--port', '1'],
  ['--port', '1'],
  ['start', '--help'],
  ['start', '--PORT', '1'],
  ['start', '--port-', '1'],
];

describe('start-args', () => {
  it.each(accepted.map((a) => [a.join(' ') || '(nothing)', a]))('reads %s as commander does', async (_name, argv) => {
    const plain = startArgs(argv);
    expect(plain).toBeDefined();
    expect(await commander(argv)).toEqual({ command: plain!.command, opts: plain!.opts });
  });

  it.each(leftToCommander.map((a) => [a.join(' '), a]))('leaves %s to commander', (_name, argv) => {
    expect(startArgs(argv)).toBeUndefined();
  });

  it('knows every setting of start', () => {
    const opts = startArgs(['start', ...every])!.opts;
    expect(Object.keys(opts)).toHaveLength(SETTINGS.length);
  });
});
