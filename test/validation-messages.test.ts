// The one module that words model-validation errors: IAM's and STS's formats and AWS's order of
// several violations (the wire-level cases are in test/conformance/cases/validation-*.ts).
import { describe, expect, it } from 'vitest';
import { hashMapOrder, itemConstraints, validationMessage } from '../src/protocol/validation.js';
import { iamModel } from '../src/protocol/generated/iam-model.js';

describe('validation messages', () => {
  it('orders several violations as the two recorded multi-error answers do, not by the model', () => {
    // localstack test_iam_account_password_policy.snapshot.json (13-02-2026), test_iam_oidc.snapshot.json (17-02-2026)
    expect(hashMapOrder(['minimumPasswordLength', 'maxPasswordAge', 'passwordReusePrevention'])).toEqual([
      'minimumPasswordLength',
      'passwordReusePrevention',
      'maxPasswordAge',
    ]);
    expect(hashMapOrder(['url', 'clientIDList', 'thumbprintList'])).toEqual(['clientIDList', 'thumbprintList', 'url']);
  });

  it('keeps insertion order within one bucket and grows past twelve keys like java.util.HashMap', () => {
    // "Aa" and "BB" share String#hashCode, so they share a bucket at any capacity.
    expect(hashMapOrder(['BB', 'Aa'])).toEqual(['BB', 'Aa']);
    expect(hashMapOrder(['Aa', 'BB'])).toEqual(['Aa', 'BB']);
    const keys = Array.from({ length: 13 }, (_, i) => `tags.${i + 1}.member.key`);
    expect(hashMapOrder(keys)).toHaveLength(13);
    expect(new Set(hashMapOrder(keys))).toEqual(new Set(keys));
  });

  it('IAM shows no values; STS quotes them and says null for a missing member', () => {
    const v = [{ path: 'roleSessionName', value: 'Session1:2', constraint: 'Member must satisfy regular expression pattern: [\\w+=,.@-]*' }];
    expect(validationMessage({ signingName: 'iam' }, v)).toBe(
      "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    expect(validationMessage({ signingName: 'sts' }, v)).toBe(
      "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    expect(validationMessage({ signingName: 'sts' }, [{ path: 'roleArn', value: null, constraint: 'Member must not be null' }])).toBe(
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  });

  it('names every constraint of a string list item shape, tag keys with their not-null', () => {
    expect(itemConstraints(iamModel, 'tagKeyType')).toBe(
      'Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]',
    );
    expect(itemConstraints(iamModel, 'clientIDType')).toBe(
      'Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]',
    );
  });
});
