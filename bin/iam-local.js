#!/usr/bin/env node
// The `iam-local` command. Help and the version come straight from src/cli-spec.mjs (plain
// JavaScript and commander: no build, no server). Every other command compiles src/ into
// dist/cli.js when it is missing or older than the sources (esbuild, a fraction of a second), then
// runs it. No separate build step for users.
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of the bundle on disk between runs, so a start
// deserializes what the last one compiled; Node 20 has no such cache (a no-op there).
module.enableCompileCache?.();

const args = process.argv.slice(2);
const own = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
if (own[0] === 'help' || own.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V')) {
  // Prints the help (or version) and exits; returns only when `--help` was some option's value.
  const { buildProgram } = await import('../src/cli-spec.mjs');
  await buildProgram().parseAsync(process.argv);
}
await import('../scripts/build.mjs');
await import('../dist/cli.js');
