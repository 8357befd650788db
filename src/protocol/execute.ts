// The dispatcher moved to src/dispatch/execute.ts (above the handlers it calls); toAwsError, the
// wire's answer to an unexpected error, is src/protocol/errors.ts's. This path stays for the code
// and tests that import it from here.
export { toAwsError } from './errors.js';
