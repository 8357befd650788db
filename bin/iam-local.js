#!/usr/bin/env node
// The `iam-local` command: compiles src/ into dist/cli.js when it is missing or older than the
// sources (esbuild, a fraction of a second), then runs it. No separate build step for users.
await import('../scripts/build.mjs');
await import('../dist/cli.js');
