// generatePolicies: the policy generation's rendering of recorded actions and resources.
import { describe, expect, it } from 'vitest';
import { generatePolicies } from '../src/policy/generate.js';

const statements = (doc: string) => JSON.parse(doc).Statement as { Effect: string; Action: string | string[]; Resource: string | string[] }[];

describe('generatePolicies', () => {
  it('actions used on the same resources share a statement; each resource as used', () => {
    const [doc, ...rest] = generatePolicies([
      { action: 'iam:GetUser', resource: 'arn:aws:iam::123456789012:user/alice' },
      { action: 'iam:ListUserTags', resource: 'arn:aws:iam::123456789012:user/alice' },
      { action: 'iam:GetUser', resource: 'arn:aws:iam::123456789012:user/alice' },
      { action: 's3:ListAllMyBuckets', resource: '*' },
    ]);
    expect(rest).toEqual([]);
    expect(JSON.parse(doc!).Version).toBe('2012-10-17');
    expect(statements(doc!)).toEqual([
      { Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListUserTags'], Resource: 'arn:aws:iam::123456789012:user/alice' },
      { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
    ]);
  });

  it('five or more siblings under one prefix become prefix/*; fewer stay listed', () => {
    const keys = (n: number, bucket: string) => Array.from({ length: n }, (_, i) => ({ action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/k${i}` }));
    const st = statements(generatePolicies([...keys(5, 'many'), ...keys(2, 'few')])[0]!);
    expect(st).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::few/k0', 'arn:aws:s3:::few/k1', 'arn:aws:s3:::many/*'] }]);
  });

  it('placeholders: the resource type format with partition, Region and account kept', () => {
    const formats = () => ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}', 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'];
    const st = statements(generatePolicies([{ action: 'iam:GetRole', resource: 'arn:aws:iam::123456789012:role/app' }], { placeholders: true, arnFormats: formats })[0]!);
    expect(st[0]!.Resource).toBe('arn:aws:iam::123456789012:role/${RoleNameWithPath}');
  });

  it('split into several policies at the 6,144-character quota; nothing used, no policy', () => {
    const usage = Array.from({ length: 300 }, (_, i) => ({ action: `s3:GetObject`, resource: `arn:aws:s3:::bucket-${i}/key-${i}` })).concat(
      Array.from({ length: 300 }, (_, i) => ({ action: `s3:PutObject${i}`, resource: `arn:aws:s3:::other-${i}/k` })),
    );
    const docs = generatePolicies(usage);
    expect(docs.length).toBeGreaterThan(1);
    for (const d of docs) expect(d.length).toBeLessThanOrEqual(6144);
    expect(docs.flatMap((d) => statements(d).flatMap((s) => [s.Action].flat())).filter((a) => a.startsWith('s3:PutObject'))).toHaveLength(300);
    expect(generatePolicies([])).toEqual([]);
  });
});
