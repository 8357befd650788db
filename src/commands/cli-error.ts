// The CLI's own errors (a file of its own: target.ts and store-path.ts both throw it).
/** An error whose message is shown as is (no stack), with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
