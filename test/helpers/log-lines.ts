// A child process for test/log-destination.test.ts: logs N request lines through the server's
// logger to stdout, spread over several event-loop turns, then ends as the CLI ends on SIGTERM
// (process.exit right after the last line) or, with `throw`, on an uncaught exception.
import { createLogger, logRequest } from '../../src/request-log.js';

const n = Number(process.argv[2]);
const how = process.argv[3];
const log = await createLogger('info');
for (let i = 0; i < n; i++) {
  logRequest(log, { method: 'POST', url: '/', fields: { requestId: `r-${i}`, action: 'sts:GetCallerIdentity' }, fallbackId: '', status: 200, ms: 1, decisionId: undefined });
  if (i % 50 === 0) await new Promise((r) => setImmediate(r));
}
if (how === 'throw') throw new Error('the end');
process.exit(0);
