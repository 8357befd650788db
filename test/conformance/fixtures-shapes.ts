// Shared inputs and expected shapes of the shape-* and validation-* conformance cases: the request
// values the recorded tests sent, and the objects AWS answered with, key for key.
import type { Json } from './types.js';

/** A recording in localstack/localstack: `file` under tests/aws/services/, `test` its test id, `date` when recorded. */
export const ls = (file: string, test: string, date: string) =>
  `localstack/localstack tests/aws/services/${file}.snapshot.json ${test} (recorded ${date})`;

export const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
export const TRUST_DOC: Json = {
  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }],
  Version: '2012-10-17',
};
/** A trust policy letting the case account's own principals assume the role. */
export const ACCOUNT_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::{{account}}:root' }, Action: 'sts:AssumeRole' }],
});

export const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example_bucket' },
});
export const POLICY_DOC: Json = {
  Statement: { Action: 's3:ListBucket', Effect: 'Allow', Resource: 'arn:aws:s3:::example_bucket' },
  Version: '2012-10-17',
};

export const roleArn = (name: string, path = '/') => `arn:aws:iam::{{account}}:role${path}${name}`;

/** The role CreateRole echoes: no Description, MaxSessionDuration or RoleLastUsed. */
export function createdRole(name: string, extra: Record<string, Json> = {}, path = '/'): Record<string, Json> {
  return { Arn: roleArn(name, path), AssumeRolePolicyDocument: TRUST_DOC, CreateDate: '<datetime>', Path: path, RoleId: '<any>', RoleName: name, ...extra };
}
/** The role GetRole answers with. */
export function gotRole(name: string, extra: Record<string, Json> = {}, path = '/'): Record<string, Json> {
  return { ...createdRole(name, {}, path), MaxSessionDuration: 3600, RoleLastUsed: {}, ...extra };
}
/** A role as ListRoles lists it. */
export function listedRole(name: string, extra: Record<string, Json> = {}, path = '/'): Record<string, Json> {
  return { ...createdRole(name, {}, path), MaxSessionDuration: 3600, ...extra };
}

export const userArn = (name: string, path = '/') => `arn:aws:iam::{{account}}:user${path}${name}`;
export function user(name: string, extra: Record<string, Json> = {}, path = '/'): Record<string, Json> {
  return { Arn: userArn(name, path), CreateDate: '<datetime>', Path: path, UserId: '<any>', UserName: name, ...extra };
}
export function group(name: string, path = '/'): Record<string, Json> {
  return { Arn: `arn:aws:iam::{{account}}:group${path}${name}`, CreateDate: '<datetime>', GroupId: '<any>', GroupName: name, Path: path };
}
export const policyArn = (name: string, path = '/') => `arn:aws:iam::{{account}}:policy${path}${name}`;
/** A customer managed policy as CreatePolicy and ListPolicies give it. */
export function policy(name: string, extra: Record<string, Json> = {}, path = '/'): Record<string, Json> {
  return {
    Arn: policyArn(name, path),
    AttachmentCount: 0,
    CreateDate: '<datetime>',
    DefaultVersionId: 'v1',
    IsAttachable: true,
    Path: path,
    PermissionsBoundaryUsageCount: 0,
    PolicyId: '<any>',
    PolicyName: name,
    UpdateDate: '<datetime>',
    ...extra,
  };
}
export function instanceProfile(name: string, roles: Json[] = [], extra: Record<string, Json> = {}, path = '/'): Record<string, Json> {
  return {
    Arn: `arn:aws:iam::{{account}}:instance-profile${path}${name}`,
    CreateDate: '<datetime>',
    InstanceProfileId: '<any>',
    InstanceProfileName: name,
    Path: path,
    Roles: roles,
    ...extra,
  };
}

/** IAM's model-validation error (no values shown). */
export const iamValidation = (...parts: string[]) => ({
  status: 400,
  error: {
    Code: 'ValidationError',
    Message: `${parts.length} validation error${parts.length === 1 ? '' : 's'} detected: ${parts.join('; ')}`,
    Type: 'Sender' as const,
  },
});
export const TAG_PATTERN = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+';
export const TAG_KEY_ITEM =
  `Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${TAG_PATTERN}, Member must not be null]`;

/** `Tags.member.N.Key/Value` parameters for n tags k0..k(n-1). */
export function tagParams(n: number, prefix = 'Tags'): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    out[`${prefix}.member.${i + 1}.Key`] = `k${i}`;
    out[`${prefix}.member.${i + 1}.Value`] = 'v';
  }
  return out;
}
/** `TagKeys.member.N` parameters for n keys. */
export function tagKeyParams(keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k, i) => [`TagKeys.member.${i + 1}`, k]));
}
