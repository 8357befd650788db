import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ACCOUNT = '000000000000';
const doc = (action = 's3:GetObject') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

async function create(name: string, extra: Record<string, unknown> = {}) {
  const r = await t.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc(), ...extra }));
  return r.Policy!;
}

describe('customer managed policies', () => {
  it('creates a policy with path, description and tags, and reads it back', async () => {
    const p = await create('ReadBucket', {
      Path: '/team/a/',
      Description: 'reads the bucket',
      Tags: [{ Key: 'owner', Value: 'ops' }],
    });
    expect(p).toMatchObject({
      PolicyName: 'ReadBucket',
      Path: '/team/a/',
      Arn: `arn:aws:iam::${ACCOUNT}:policy/team/a/ReadBucket`,
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Tags: [{ Key: 'owner', Value: 'ops' }],
    });
    expect(p.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(p.CreateDate).toBeInstanceOf(Date);

    const got = (await t.iam.send(new GetPolicyCommand({ PolicyArn: p.Arn }))).Policy!;
    expect(got).toMatchObject({ PolicyId: p.PolicyId, Description: 'reads the bucket', Tags: [{ Key: 'owner', Value: 'ops' }] });
    expect(got.UpdateDate!.getTime()).toBe(got.CreateDate!.getTime());

    const v1 = (await t.iam.send(new GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v1' }))).PolicyVersion!;
    expect(v1.IsDefaultVersion).toBe(true);
    expect(decodeURIComponent(v1.Document!)).toBe(doc());
  });

  it('refuses a duplicate name, case-insensitively, with AWS message', async () => {
    await create('Dupe');
    const err = await sdkError(create('DUPE', { Path: '/other/' }));
    expect(err).toEqual({
      name: 'EntityAlreadyExistsException',
      message: 'A policy called DUPE already exists. Duplicate names are not allowed.',
      status: 409,
    });
  });

  it('validates the document and its size (white space not counted)', async () => {
    const bad = await sdkError(t.iam.send(new CreatePolicyCommand({ PolicyName: 'Bad', PolicyDocument: '{not json' })));
    expect(bad.name).toBe('MalformedPolicyDocumentException');
    expect(bad.status).toBe(400);

    const actions = (n: number) => Array.from({ length: n }, (_, i) => `s3:Get${String(i).padStart(4, '0')}`);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions(500), Resource: '*' }] });
    expect(big.length).toBeGreaterThan(6144);
    const tooBig = await sdkError(t.iam.send(new CreatePolicyCommand({ PolicyName: 'Big', PolicyDocument: big })));
    expect(tooBig).toEqual({ name: 'LimitExceededException', message: 'Cannot exceed quota for PolicySize: 6144', status: 409 });

    // The same 6,000 non-blank characters, padded with lots of white space, fit.
    const fits = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions(300), Resource: '*' }] }, null, 12);
    expect(fits.length).toBeGreaterThan(6144);
    expect(fits.replace(/\s/g, '').length).toBeLessThanOrEqual(6144);
    const ok = await t.iam.send(new CreatePolicyCommand({ PolicyName: 'Padded', PolicyDocument: fits }));
    expect(ok.Policy!.DefaultVersionId).toBe('v1');
  });

  it('answers NoSuchEntity for an unknown policy and InvalidInput for a non-ARN', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/Nope`;
    expect(await sdkError(t.iam.send(new GetPolicyCommand({ PolicyArn: arn })))).toEqual({
      name: 'NoSuchEntityException',
      message: `Policy ${arn} was not found.`,
      status: 404,
    });
    const invalid = await sdkError(t.iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:user/x' })));
    expect(invalid).toMatchObject({ name: 'InvalidInputException', status: 400 });
  });

  it('manages versions: create, set default, at most five, cannot delete the default', async () => {
    const p = await create('Versioned');
    for (let i = 2; i <= 5; i++) {
      const v = await t.iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: doc(`s3:Op${i}`), SetAsDefault: i === 3 }));
      expect(v.PolicyVersion).toMatchObject({ VersionId: `v${i}`, IsDefaultVersion: i === 3 });
    }
    const sixth = await sdkError(t.iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: doc() })));
    expect(sixth).toEqual({
      name: 'LimitExceededException',
      message: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      status: 409,
    });
    const got = (await t.iam.send(new GetPolicyCommand({ PolicyArn: p.Arn }))).Policy!;
    expect(got.DefaultVersionId).toBe('v3');

    const list = await t.iam.send(new ListPolicyVersionsCommand({ PolicyArn: p.Arn }));
    expect(list.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v5', false], ['v4', false], ['v3', true], ['v2', false], ['v1', false],
    ]);
    expect(list.Versions![0]!.Document).toBeUndefined();

    const delDefault = await sdkError(t.iam.send(new DeletePolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v3' })));
    expect(delDefault).toEqual({ name: 'DeleteConflictException', message: 'Cannot delete the default version of a policy.', status: 409 });

    await t.iam.send(new DeletePolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v1' }));
    // Version numbers are never reused.
    const v6 = await t.iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: doc('s3:Six') }));
    expect(v6.PolicyVersion!.VersionId).toBe('v6');

    await t.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v6' }));
    const v = (await t.iam.send(new GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v6' }))).PolicyVersion!;
    expect(v.IsDefaultVersion).toBe(true);
    expect(JSON.parse(decodeURIComponent(v.Document!)).Statement[0].Action).toBe('s3:Six');

    const missing = await sdkError(t.iam.send(new GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v1' })));
    expect(missing).toEqual({
      name: 'NoSuchEntityException',
      message: `Policy ${p.Arn} version v1 does not exist or is not attachable.`,
      status: 404,
    });
    const setMissing = await sdkError(t.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v9' })));
    expect(setMissing.name).toBe('NoSuchEntityException');
  });

  it('deletes a policy only once its non-default versions are gone', async () => {
    const p = await create('ToDelete');
    await t.iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: doc('s3:Two') }));
    const err = await sdkError(t.iam.send(new DeletePolicyCommand({ PolicyArn: p.Arn })));
    expect(err).toEqual({
      name: 'DeleteConflictException',
      message: "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      status: 409,
    });
    await t.iam.send(new DeletePolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v2' }));
    await t.iam.send(new DeletePolicyCommand({ PolicyArn: p.Arn }));
    expect((await sdkError(t.iam.send(new GetPolicyCommand({ PolicyArn: p.Arn })))).name).toBe('NoSuchEntityException');
    // The name is free again.
    await create('ToDelete');
  });

  it('tags and untags policies', async () => {
    const p = await create('Tagged');
    await t.iam.send(new TagPolicyCommand({ PolicyArn: p.Arn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await t.iam.send(new UntagPolicyCommand({ PolicyArn: p.Arn, TagKeys: ['a'] }));
    const tags = await t.iam.send(new ListPolicyTagsCommand({ PolicyArn: p.Arn }));
    expect(tags.Tags).toEqual([{ Key: 'b', Value: '2' }]);
    // Policy tag keys are case-sensitive: x and X are two tags; only an exact repeat is a duplicate
    // (test_iam_policies.snapshot.json TestPolicyTags, recorded 10-02-2026).
    await t.iam.send(new TagPolicyCommand({ PolicyArn: p.Arn, Tags: [{ Key: 'x', Value: '1' }, { Key: 'X', Value: '2' }] }));
    const dup = await sdkError(t.iam.send(new TagPolicyCommand({ PolicyArn: p.Arn, Tags: [{ Key: 'x', Value: '1' }, { Key: 'x', Value: '2' }] })));
    expect(dup).toEqual({ name: 'InvalidInputException', status: 400, message: 'Duplicate tag keys found.' });
  });

  it('lists local policies by path prefix with pagination, without Description or Tags', async () => {
    for (const n of ['LpA', 'lpB', 'LpC', 'LpD']) await create(n, { Path: '/listing/', Description: 'd', Tags: [{ Key: 'k', Value: 'v' }] });
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await t.iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/listing/', MaxItems: 3, Marker: marker }));
      for (const p of page.Policies!) {
        expect(p.Description).toBeUndefined();
        expect(p.Tags).toBeUndefined();
        seen.push(p.PolicyName!);
      }
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(seen).toEqual(['LpA', 'lpB', 'LpC', 'LpD']);
    expect(pages).toBe(2);
  });
});
