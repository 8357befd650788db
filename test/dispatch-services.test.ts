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
    const first = loadService('iam');
    const second = loadService('iam');
    const iam = await first;
    expect(await second).toBe(iam);
    expect(iam.model).toBe(iamModel);
    expect(typeof iam.handler('CreateUser')).toBe('function');
    expect(iam.handler('NoSuchAction')).toBeUndefined();
    expect(iam.handler('__proto__')).toBeUndefined();
    expect(loadedService('iam')).toBe(iam);
  });

  it("answers GetCallerIdentity before STS's other handlers load, and every one after", async () => {
    const sts = loadedService('sts')!;
    expect(sts.model).toBe(stsModel);
    expect(typeof sts.handler('GetCallerIdentity')).toBe('function');
    const later = sts.handler('AssumeRole');
    expect(typeof (later instanceof Promise ? await later : later)).toBe('function');
    expect(typeof sts.handler('GetSessionToken')).toBe('function'); // loaded now: no promise
    expect(sts.handler('__proto__')).toBeUndefined();
    for (const op of Object.keys(stsModel.operations)) expect(typeof sts.handler(op), op).toBe('function');
  });
});
