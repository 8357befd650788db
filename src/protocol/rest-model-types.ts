// The compact form of a REST-JSON service model that scripts/generate-analyzer-model.ts writes.
import type { ErrorModel, ShapeModel } from './model-types.js';

export interface RestShapeModel extends ShapeModel {
  /** Members bound to the URI, the query string or a header instead of the JSON body. */
  locations?: Record<string, { in: 'uri' | 'querystring' | 'header' | string; name: string }>;
  /** Members the SDKs fill with a fresh UUID when the caller leaves them out. */
  idempotencyTokens?: string[];
  /** Exactly one member may be set. */
  union?: boolean;
  /** How a timestamp is written: epoch seconds unless `iso8601` (or `rfc822`). */
  timestampFormat?: string;
}

export interface RestOperationModel {
  method: string;
  /** e.g. /policy/generation/{jobId} */
  uri: string;
  status: number;
  input?: string;
  output?: string;
  errors: string[];
}

export interface RestServiceModel {
  service: string;
  version: string;
  signingName: string;
  operations: Record<string, RestOperationModel>;
  shapes: Record<string, RestShapeModel>;
  errors: Record<string, ErrorModel>;
}
