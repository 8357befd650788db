// Which policies apply to a principal moved to src/resolution/principal-policies.ts (below authz,
// which reads them); this path stays for the code and tests that import it from here.
export * from '../resolution/principal-policies.js';
