// The one deliberate completeness check: every operation of AWS's current IAM and STS models has a
// registered handler, so none answers NotImplemented. (docs/operations.md lists them by status:
// `npm run coverage:ops`.)
import { describe, expect, it } from 'vitest';
import { iamModel } from '../src/protocol/generated/iam-model.js';
import { stsModel } from '../src/protocol/generated/sts-model.js';
import { iamHandlers } from '../src/iam/index.js';
import { stsHandlers } from '../src/sts/index.js';

const missing = (operations: string[], handlers: Record<string, unknown>) =>
  operations.filter((op) => typeof handlers[op] !== 'function');

describe('operation coverage', () => {
  it('the models are the current ones: 176 IAM and 11 STS operations', () => {
    expect(Object.keys(iamModel.operations)).toHaveLength(176);
    expect(Object.keys(stsModel.operations)).toHaveLength(11);
  });

  it('every IAM operation has a handler', () => {
    expect(missing(Object.keys(iamModel.operations), iamHandlers)).toEqual([]);
  });

  it('every STS operation has a handler', () => {
    expect(missing(Object.keys(stsModel.operations), stsHandlers)).toEqual([]);
  });

  it('no handler is registered for an operation the models do not have', () => {
    expect(Object.keys(iamHandlers).filter((op) => !(op in iamModel.operations))).toEqual([]);
    expect(Object.keys(stsHandlers).filter((op) => !(op in stsModel.operations))).toEqual([]);
  });
});
