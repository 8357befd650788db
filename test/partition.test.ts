// Partitions: the region → partition table, and the engine reading a request's ARNs in its partition.
import { describe, expect, it } from 'vitest';
import { fromPartition, messageInPartition, partitionOf, toPartition } from '../src/partition.js';
import { evaluate, parsePolicy, type EvalPrincipal } from '../src/policy/index.js';

describe('partitionOf (the AWS SDK partitions table)', () => {
  it('maps each region family to its partition and DNS suffix', () => {
    const name = (r: string) => partitionOf(r).name;
    expect(['us-east-1', 'eu-west-1', 'ap-southeast-7', 'il-central-1', 'mx-central-1'].map(name)).toEqual(['aws', 'aws', 'aws', 'aws', 'aws']);
    expect(name('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('cn-northwest-1').dnsSuffix).toBe('amazonaws.com.cn');
    expect(name('us-gov-west-1')).toBe('aws-us-gov');
    expect(name('us-iso-east-1')).toBe('aws-iso');
    expect(name('us-isob-east-1')).toBe('aws-iso-b');
    expect(name('eu-isoe-west-1')).toBe('aws-iso-e');
    expect(name('us-isof-south-1')).toBe('aws-iso-f');
    expect(name('eusc-de-east-1')).toBe('aws-eusc');
  });
  it('translates ARNs at the edge, in both directions, and only its own', () => {
    expect(toPartition('arn:aws:iam::123456789012:user/a', 'aws-cn')).toBe('arn:aws-cn:iam::123456789012:user/a');
    expect(toPartition('arn:aws:iam::123456789012:user/a', 'aws')).toBe('arn:aws:iam::123456789012:user/a');
    expect(toPartition('{"arn:aws:x"}', 'aws-cn')).toBe('{"arn:aws:x"}');
    expect(fromPartition('arn:aws-cn:iam::aws:policy/ReadOnlyAccess', 'aws-cn')).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(fromPartition('arn:aws-us-gov:iam::1:role/r', 'aws-cn')).toBe('arn:aws-us-gov:iam::1:role/r');
    expect(messageInPartition('User: arn:aws:iam::1:user/a is not authorized … on resource: arn:aws:iam::1:user/b', 'aws-us-gov')).toBe(
      'User: arn:aws-us-gov:iam::1:user/a is not authorized … on resource: arn:aws-us-gov:iam::1:user/b',
    );
  });
});

describe('evaluation in a partition', () => {
  const user: EvalPrincipal = { type: 'User', arn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012' };
  const allow = (resource: string) => ({
    id: 'p',
    parsed: parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] })),
  });
  const decide = (resource: string, partition?: string) =>
    evaluate({ principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', partition }, { identity: [allow(resource)] }).decision;

  it('a policy matches the request only in its own partition', () => {
    expect(decide('arn:aws:s3:::b/*')).toBe('allowed');
    expect(decide('arn:aws-cn:s3:::b/*')).toBe('implicitDeny');
    expect(decide('arn:aws-cn:s3:::b/*', 'aws-cn')).toBe('allowed');
    expect(decide('arn:aws:s3:::b/*', 'aws-cn')).toBe('implicitDeny');
    expect(decide('arn:*:s3:::b/*', 'aws-us-gov')).toBe('allowed');
  });

  it('an account root names the account only in its partition', () => {
    const trust = (root: string) => ({
      id: 'trust',
      sourceType: 'resource' as const,
      parsed: parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: root }, Action: 'sts:AssumeRole' }] })),
    });
    const assume = (root: string, partition?: string) =>
      evaluate(
        { principal: user, action: 'sts:AssumeRole', resource: 'arn:aws:iam::123456789012:role/r', resourceAccount: '123456789012', partition },
        { identity: [], resource: trust(root) },
      ).layers.resource?.decision;
    expect(assume('arn:aws:iam::123456789012:root')).toBe('allowed');
    expect(assume('arn:aws-cn:iam::123456789012:root')).toBe('implicitDeny');
    expect(assume('arn:aws-cn:iam::123456789012:root', 'aws-cn')).toBe('allowed');
    expect(assume('arn:aws:iam::123456789012:root', 'aws-cn')).toBe('implicitDeny');
  });
});

describe('a China-region client against an enforcing server (real SDK)', () => {
  it('gets aws-cn ARNs, is allowed by a policy naming aws-cn and denied by one naming aws', async () => {
    const { startServer } = await import('./helpers/server.js');
    const { IAMClient, CreateUserCommand, CreateAccessKeyCommand, PutUserPolicyCommand, GetUserCommand, DeleteUserPolicyCommand } = await import(
      '@aws-sdk/client-iam'
    );
    const t = await startServer({ enforce: 'on' });
    try {
      const cn = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
        new IAMClient({ endpoint: t.url, region: 'cn-north-1', credentials, maxAttempts: 1 });
      const root = cn({ accessKeyId: 'test', secretAccessKey: 'test' });
      const created = await root.send(new CreateUserCommand({ UserName: 'alice' }));
      expect(created.User?.Arn).toBe('arn:aws-cn:iam::000000000000:user/alice');
      const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
      const alice = cn({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
      const put = (resource: string) =>
        root.send(
          new PutUserPolicyCommand({
            UserName: 'alice',
            PolicyName: 'self',
            PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: resource }] }),
          }),
        );
      await put('arn:aws-cn:iam::000000000000:user/alice');
      expect((await alice.send(new GetUserCommand({ UserName: 'alice' }))).User?.Arn).toBe('arn:aws-cn:iam::000000000000:user/alice');
      await put('arn:aws:iam::000000000000:user/alice');
      await expect(alice.send(new GetUserCommand({ UserName: 'alice' }))).rejects.toMatchObject({
        name: 'AccessDenied',
        message:
          'User: arn:aws-cn:iam::000000000000:user/alice is not authorized to perform: iam:GetUser on resource: arn:aws-cn:iam::000000000000:user/alice because no identity-based policy allows the iam:GetUser action',
      });
      await root.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'self' }));
    } finally {
      await t.close();
    }
  });
});
