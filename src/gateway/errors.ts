// Refusals in the service's own wire format, with AWS's codes and messages:
//   S3 (REST-XML)          <Error><Code>AccessDenied</Code>… 403 (HEAD: status only)
//   JSON (DynamoDB, KMS…)  {"__type":"com.amazon.coral.service#AccessDeniedException","Message":…} 400
//   SQS (JSON)             the same, with x-amzn-query-error naming the Query code
//   Query (SNS, SQS)       <ErrorResponse><Error><Type>Sender</Type><Code>…</Code>… 403
//   REST-JSON (Lambda)     x-amzn-ErrorType: AccessDeniedException, {"Type":"User","Message":…} 403
// Authentication failures (from src/auth) keep their meaning and take each protocol's code.
import type { ServerResponse } from 'node:http';
import { AwsError } from '../protocol/errors.js';
import { escapeXml } from '../protocol/serialize.js';
import type { WireProtocol } from './request-model.js';

// The protocol's escaping (markup, CR, characters XML 1.0 cannot carry), and quotes as entities
// too, as these services' error bodies write them.
const xmlEscape = (s: string) => escapeXml(s).replace(/["']/g, (c) => (c === '"' ? '&quot;' : '&apos;'));

export interface Refusal {
  code: string;
  message: string;
  status: number;
}

const S3_AUTH: Record<string, (e: AwsError) => Refusal> = {
  InvalidClientTokenId: () => ({ code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.', status: 403 }),
  ExpiredToken: () => ({ code: 'ExpiredToken', message: 'The provided token has expired.', status: 400 }),
  MissingAuthenticationToken: () => ({ code: 'AccessDenied', message: 'Access Denied', status: 403 }),
  IncompleteSignature: (e) => ({ code: 'AuthorizationHeaderMalformed', message: e.message, status: 400 }),
  SignatureDoesNotMatch: (e) =>
    /^Signature (expired|not yet current)/.test(e.message)
      ? { code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.', status: 403 }
      : /^Credential should be scoped|^Date in Credential scope/.test(e.message)
        ? { code: 'AuthorizationHeaderMalformed', message: e.message, status: 400 }
        : {
            code: 'SignatureDoesNotMatch',
            message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
            status: 403,
          },
};

const JSON_AUTH: Record<string, string> = {
  InvalidClientTokenId: 'UnrecognizedClientException',
  SignatureDoesNotMatch: 'InvalidSignatureException',
  ExpiredToken: 'ExpiredTokenException',
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  IncompleteSignature: 'IncompleteSignatureException',
};

/** The refusal an authentication error becomes for this service. */
export function authRefusal(err: AwsError, protocol: WireProtocol, service: string): Refusal {
  if (protocol === 'rest-xml') return (S3_AUTH[err.code] ?? ((e: AwsError) => ({ code: e.code, message: e.message, status: e.status })))(err);
  if (protocol === 'query') return { code: err.code, message: err.message, status: err.status };
  // JSON and REST-JSON services answer authentication failures with 400 and an *Exception code
  // (DynamoDB, KMS, Secrets Manager); Lambda uses 403 for them.
  const code = JSON_AUTH[err.code] ?? err.code;
  return { code, message: err.message, status: service === 'lambda' ? 403 : err.status === 403 ? 400 : err.status };
}

/** The AccessDenied refusal of a denied action. */
export function accessDeniedRefusal(protocol: WireProtocol, service: string, message: string): Refusal {
  if (protocol === 'rest-xml') return { code: 'AccessDenied', message, status: 403 };
  if (protocol === 'query') return { code: service === 'sns' ? 'AuthorizationError' : 'AccessDenied', message, status: 403 };
  if (protocol === 'rest-json') return { code: 'AccessDeniedException', message, status: 403 };
  return { code: 'AccessDeniedException', message, status: service === 'sqs' ? 403 : 400 };
}

const QUERY_NAMESPACE: Record<string, string> = {
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
  sqs: 'http://queue.amazonaws.com/doc/2012-11-05/',
};

export function sendRefusal(
  res: ServerResponse,
  method: string,
  protocol: WireProtocol,
  service: string,
  r: Refusal,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): void {
  let body: string;
  const headers: Record<string, string> = { ...extraHeaders };
  switch (protocol) {
    case 'rest-xml':
      headers['content-type'] = 'application/xml';
      headers['x-amz-request-id'] = requestId;
      headers['x-amz-id-2'] = Buffer.from(requestId).toString('base64');
      body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${r.code}</Code><Message>${xmlEscape(r.message)}</Message><RequestId>${requestId}</RequestId><HostId>${headers['x-amz-id-2']}</HostId></Error>`;
      break;
    case 'query':
      headers['content-type'] = 'text/xml';
      headers['x-amzn-requestid'] = requestId;
      body = `<ErrorResponse xmlns="${QUERY_NAMESPACE[service] ?? ''}"><Error><Type>Sender</Type><Code>${r.code}</Code><Message>${xmlEscape(r.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
      break;
    case 'rest-json':
      headers['content-type'] = 'application/json';
      headers['x-amzn-requestid'] = requestId;
      headers['x-amzn-errortype'] = r.code;
      body = JSON.stringify({ Type: 'User', Message: r.message });
      break;
    default:
      headers['content-type'] = 'application/x-amz-json-1.0';
      headers['x-amzn-requestid'] = requestId;
      if (service === 'sqs') headers['x-amzn-query-error'] = `${r.code === 'AccessDeniedException' ? 'AccessDenied' : r.code};Sender`;
      body = JSON.stringify({ __type: `com.amazon.coral.service#${r.code}`, Message: r.message });
  }
  const payload = method === 'HEAD' ? '' : body;
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(r.status, headers);
  res.end(payload);
}

export { AwsError };
