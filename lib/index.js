// ESM entry of the `iam-local` package: `import { startIamLocal } from 'iam-local'` (types:
// types/index.d.ts). dist/api.js is built by `npm pack` (prepack); from a git checkout it is built
// here on first use, as bin/iam-local.js builds the CLI.
await import('../scripts/build-lib.mjs');
const api = await import('../dist/api.js');

export const startIamLocal = api.startIamLocal;
