// The errors of the wire: AWS's error type and its modelled codes (defined in the base,
// src/aws-error.ts, so the store can throw them too), and the answer to an
// error no layer expected.
import type { Services } from '../context.js';
import { AwsError } from '../aws-error.js';

export * from '../aws-error.js';

/** Any error as AWS would answer it: unexpected ones are logged and become a 500. */
export function toAwsError(services: Services, err: unknown, service: 'iam' | 'sts'): AwsError {
  if (err instanceof AwsError) return err;
  // The store file still locked by another process after busy_timeout: AWS's answer to a request
  // it cannot take now, which SDKs retry by themselves.
  if (typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY')) {
    services.log.warn({ err }, 'store busy: another process holds its write lock');
    return new AwsError('Throttling', 'Rate exceeded', 400);
  }
  services.log.error({ err }, 'unexpected error');
  return service === 'iam'
    ? new AwsError('ServiceFailure', 'An internal error occurred.', 500, false)
    : new AwsError('InternalFailure', 'An internal error occurred.', 500, false);
}
