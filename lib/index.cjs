// CommonJS entry of the `iam-local` package: `const { startIamLocal } = require('iam-local')`
// (types: dist/index.d.cts, a copy of types/index.d.ts). iam-local is an ES module; this loads it
// with import(), so startIamLocal returns a promise here exactly as it does from ESM.
'use strict';

exports.startIamLocal = function startIamLocal(options) {
  return import('./index.js').then((api) => api.startIamLocal(options));
};
