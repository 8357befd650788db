// The catalogue moved to src/aws-managed/ (the store's floor, so resolution can read it); this
// path stays for the code and tests that import it from here.
export * from '../../aws-managed/catalog.js';
