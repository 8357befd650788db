// What the lazy loading of IAM's service (src/dispatch/services.ts) relies on: STS's model alone
// decides that an action is STS's, and IAM's namespace is known without IAM's model.
import { describe, expect, it } from 'vitest';
import { iamModel } from '../src/protocol/generated/iam-model.js';
import { stsModel } from '../src/protocol/generated/sts-model.js';
import { IAM_XML_NAMESPACE, isStsOnlyAction, loadService, loadedService } from '../src/dispatch/services.js';

describe('dispatch services', () => {
  it('STS and IAM name no operation alike', () => {
    const shared = Object.keys(stsModel.operations).filter((op) => Object.hasOwn(iamModel.operations, op));
    expect(shared).toEqual([]);
    expect(isStsOnlyAction('GetCallerIdentity')).toBe(true);
    expect(isStsOnlyAction('GetUser')).toBe(false);
    expect(isStsOnlyAction('__proto__')).toBe(false);
  });

  it("knows IAM's XML namespace without its model", () => {
    expect(IAM_XML_NAMESPACE).toBe(iamModel.namespace);
  });

  it('loads IAM once, on first use, with its model and handlers', async () => {
    expect(loadedService('sts')?.model).toBe(stsModel);
    const first = loadService('iam');
    const second = loadService('iam');
    const iam = await first;
    expect(await second).toBe(iam);
    expect(iam.model).toBe(iamModel);
    expect(typeof iam.handlers.CreateUser).toBe('function');
    expect(loadedService('iam')).toBe(iam);
  });
});
