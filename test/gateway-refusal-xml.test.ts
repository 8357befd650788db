// A refusal echoes the resource it names (an S3 key, a queue name) into XML: whatever the caller
// put there, the answer is well-formed XML 1.0 (the protocol's escaping, as in every IAM/STS answer).
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { accessDeniedRefusal, sendRefusal } from '../src/gateway/errors.js';

function body(protocol: 'rest-xml' | 'query', service: string, message: string): string {
  let out = '';
  const res = { writeHead: () => res, end: (b?: string) => (out = b ?? '') } as never;
  sendRefusal(res, 'GET', protocol, service, accessDeniedRefusal(protocol, service, message), 'req-1');
  return out;
}

describe('gateway refusals as XML', () => {
  const hostile = 'arn:aws:s3:::b/k\u0001\u0000<x>&"\r';
  for (const [protocol, service] of [['rest-xml', 's3'], ['query', 'sqs']] as const) {
    it(`${service}: control characters, markup and CR in the message still make well-formed XML`, () => {
      const xml = body(protocol, service, `not authorized on resource: ${hostile}`);
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).not.toMatch(/[\u0000\u0001]/);
      expect(xml).toContain('&lt;x&gt;&amp;');
    });
  }
});
