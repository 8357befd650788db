// The server's SigV4 signature (src/auth/sigv4.ts computes HMAC-SHA256 from the signing key's
// precomputed pads, not with a Hmac object) is byte for byte the one AWS's algorithm gives, as an
// SDK computes it with createHmac: for any secret, any scope (multi-byte, long), reused keys.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectedSignature, parseSignature, signatureMatches } from '../src/auth/sigv4.js';
import type { SignedRequest } from '../src/auth/signed-request.js';

const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A POST signed as the SDKs sign it, by this test's own (createHmac) implementation. */
function signed(secret: string, scope: { date: string; region: string; service: string }, body: string): { req: SignedRequest; signature: string } {
  const amzDate = `${scope.date}T101112Z`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: '127.0.0.1:4577', 'x-amz-date': amzDate };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256(body)].join('\n');
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, scope.date), scope.region), scope.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${credentialScope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { req: { method: 'POST', path: '/', rawQuery: '', headers, body, sourceIp: '127.0.0.1' }, signature };
}

describe('SigV4 signature (HMAC from precomputed pads)', () => {
  const scopes = [
    { date: '20261205', region: 'us-east-1', service: 'sts' },
    { date: '20261205', region: 'eu-west-3', service: 'iam' },
    // Multi-byte text in the string to sign (UTF-8, as the SDKs hash it).
    { date: '20261205', region: 'ré-gïon-😀-1', service: 'ſervice' },
    // A string to sign longer than the pads' scratch space (the createHmac path).
    { date: '20261205', region: 'x'.repeat(600), service: 'iam' },
    { date: '20261205', region: '€'.repeat(400), service: 'iam' },
  ];

  it('equals createHmac for random secrets, every scope, keys reused in any order', () => {
    const secrets = ['test', ...Array.from({ length: 8 }, () => randomBytes(30).toString('base64'))];
    for (let round = 0; round < 3; round++)
      for (const secret of secrets)
        for (const scope of round === 1 ? [...scopes].reverse() : scopes) {
          const body = `Action=GetCallerIdentity&Version=2011-06-15&n=${randomBytes(round * 40).toString('hex')}`;
          const { req, signature } = signed(secret, scope, body);
          const sig = parseSignature(req);
          expect(expectedSignature(req, sig, secret)).toBe(signature);
          expect(signatureMatches(req, sig, secret)).toBe(true);
          expect(signatureMatches(req, sig, secret + 'x')).toBe(false);
        }
  });

  it('accepts the signature in upper-case hex, refuses one differing in a single digit', () => {
    const { req, signature } = signed('test', scopes[0]!, 'Action=GetCallerIdentity&Version=2011-06-15');
    const auth = req.headers.authorization as string;
    const upper = { ...req, headers: { ...req.headers, authorization: auth.replace(signature, signature.toUpperCase()) } };
    expect(signatureMatches(upper, parseSignature(upper), 'test')).toBe(true);
    const flipped = signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const wrong = { ...req, headers: { ...req.headers, authorization: auth.replace(signature, flipped) } };
    expect(signatureMatches(wrong, parseSignature(wrong), 'test')).toBe(false);
  });
});
