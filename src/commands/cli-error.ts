// The error every command ends in when it cannot go on: its message is shown as is (no stack).
// A module of its own so `start` does not load what other commands need (src/commands/target.ts).

/** An error whose message is shown as is (no stack), with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
