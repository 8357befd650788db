// Policy resolution moved to src/resolution/policy-resolver.ts (below the handlers and authz,
// which both use it); this path stays for the code and tests that import it from here.
export * from '../resolution/policy-resolver.js';
