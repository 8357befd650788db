// AWS's error contract: a code, a message, an HTTP status, sender or receiver fault — the one
// error type every layer throws, from the store (an unknown marker) up to the handlers — except the
// pure policy engine, which answers with its own findings (src/resolution/policy-errors.ts maps them). It lives in the base, not in src/protocol, because it is
// the API's vocabulary (the service model's error list), not the wire format: the protocol layer
// only turns it into AWS's <ErrorResponse> XML (src/protocol/serialize.ts).
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly sender = true,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

// Wire codes and statuses of IAM's modelled errors (errors.tsv / the service model).
// Handlers use these helpers so a code and its status never drift apart.
export const noSuchEntity = (message: string) => new AwsError('NoSuchEntity', message, 404);
export const entityAlreadyExists = (message: string) => new AwsError('EntityAlreadyExists', message, 409);
export const limitExceeded = (message: string) => new AwsError('LimitExceeded', message, 409);
export const deleteConflict = (message: string) => new AwsError('DeleteConflict', message, 409);
export const invalidInput = (message: string) => new AwsError('InvalidInput', message, 400);
export const malformedPolicy = (message: string) => new AwsError('MalformedPolicyDocument', message, 400);
export const unmodifiableEntity = (message: string) => new AwsError('UnmodifiableEntity', message, 400);
export const validationError = (message: string) => new AwsError('ValidationError', message, 400);
export const accessDenied = (message: string) => new AwsError('AccessDenied', message, 403);
export const serviceFailure = (message: string) => new AwsError('ServiceFailure', message, 500, false);
