import { describe, expect, it } from 'vitest';
import micromatch from 'micromatch';
import { makeContext, matchAction, matchResource, wildcardMatch } from '../src/policy/index.js';

const res = (pattern: string, resource: string, ctx: Record<string, string | string[]> = {}, variables = true) =>
  matchResource(pattern, resource, makeContext(ctx), variables).matched;

describe('IAM wildcard matching', () => {
  it('`*` crosses `/` (a glob library would not)', () => {
    expect(wildcardMatch('arn:aws:s3:::my-bucket/*', 'arn:aws:s3:::my-bucket/a/b/c.txt')).toBe(true);
    expect(micromatch.isMatch('my-bucket/a/b/c.txt', 'my-bucket/*')).toBe(false); // the difference
    expect(res('arn:aws:s3:::my-bucket/*', 'arn:aws:s3:::my-bucket/uploads/x/y')).toBe(true);
  });
  it('`?` is exactly one character', () => {
    expect(wildcardMatch('a?c', 'abc')).toBe(true);
    expect(wildcardMatch('a?c', 'ac')).toBe(false);
    expect(wildcardMatch('a?c', 'abbc')).toBe(false);
    expect(wildcardMatch('a?c', 'a/c')).toBe(true);
  });
  it('every other character is literal: [], {}, !, +, ., ( ), **, \\', () => {
    expect(wildcardMatch('a[bc]d', 'abd')).toBe(false);
    expect(wildcardMatch('a[bc]d', 'a[bc]d')).toBe(true);
    expect(micromatch.isMatch('abd', 'a[bc]d')).toBe(true); // glob treats [] as a class
    expect(wildcardMatch('a{b,c}', 'ab')).toBe(false);
    expect(wildcardMatch('a{b,c}', 'a{b,c}')).toBe(true);
    expect(wildcardMatch('!a', '!a')).toBe(true);
    expect(wildcardMatch('!a', 'b')).toBe(false);
    expect(wildcardMatch('a.c', 'abc')).toBe(false);
    expect(wildcardMatch('a+', 'aa')).toBe(false);
    expect(wildcardMatch('(x)', '(x)')).toBe(true);
    expect(wildcardMatch('a**b', 'a/x/y/b')).toBe(true);
    expect(wildcardMatch('a\\*', 'a\\anything')).toBe(true);
    expect(wildcardMatch('*', '')).toBe(true);
    expect(wildcardMatch('a*', 'a\nb')).toBe(true);
  });
  it('actions are case-insensitive, resources case-sensitive', () => {
    expect(matchAction('s3:get*', 'S3:GetObject')).toBe(true);
    expect(matchAction('IAM:CreateUser', 'iam:createuser')).toBe(true);
    expect(matchAction('s3:Get*', 's3:PutObject')).toBe(false);
    expect(matchAction('*', 'anything:Action')).toBe(true);
    expect(matchAction('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(res('arn:aws:s3:::My-Bucket/*', 'arn:aws:s3:::my-bucket/x')).toBe(false);
    expect(res('arn:aws:iam::123456789012:user/Bob', 'arn:aws:iam::123456789012:user/Bob')).toBe(true);
  });
  it('ARNs match component by component', () => {
    // `*` in the region component does not swallow the account component.
    expect(res('arn:aws:ec2:*:123456789012:instance/*', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1')).toBe(true);
    expect(res('arn:aws:ec2:*:123456789012:instance/*', 'arn:aws:ec2:us-east-1:999999999999:instance/i-1')).toBe(false);
    // An empty component matches only an empty one.
    expect(res('arn:aws:iam::123456789012:user/*', 'arn:aws:iam:us-east-1:123456789012:user/x')).toBe(false);
    // The resource component may contain colons; `*` crosses them there.
    expect(res('arn:aws:logs:us-east-1:123456789012:log-group:*', 'arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s')).toBe(true);
    expect(res('arn:*:iam::*:role/*', 'arn:aws:iam::123456789012:role/a/b')).toBe(true);
    expect(res('*', 'anything')).toBe(true);
    // Fewer than six components: never matches (no whole-string fallback).
    expect(res('arn:aws:ec2:*:instance/*', `arn:aws:ec2:us-east-1:123:instance/x`)).toBe(false);
    expect(res('arn:*', 'arn:aws:s3:::b')).toBe(false);
    expect(res('arn:aws:s3:::b', '*')).toBe(false);
  });
  it('substitutes policy variables as literal text', () => {
    const ctx = { 'aws:username': 'bob', 'aws:PrincipalTag/team': 'red' };
    expect(res('arn:aws:iam::123456789012:user/${aws:username}', 'arn:aws:iam::123456789012:user/bob', ctx)).toBe(true);
    expect(res('arn:aws:iam::123456789012:user/${aws:username}', 'arn:aws:iam::123456789012:user/alice', ctx)).toBe(false);
    expect(res('arn:aws:s3:::b/${aws:principaltag/TEAM}/*', 'arn:aws:s3:::b/red/x', ctx)).toBe(true);
    // A substituted value is literal: a username of "*" is not a wildcard.
    expect(res('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/anything', { 'aws:username': '*' })).toBe(false);
    expect(res('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/*', { 'aws:username': '*' })).toBe(true);
    // ${*}, ${?}, ${$} are the literal characters.
    expect(res('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*')).toBe(true);
    expect(res('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/x')).toBe(false);
    expect(res('arn:aws:s3:::b/${?}', 'arn:aws:s3:::b/?')).toBe(true);
    expect(res('arn:aws:s3:::b/${?}', 'arn:aws:s3:::b/x')).toBe(false);
    expect(res('arn:aws:s3:::b/${$}x', 'arn:aws:s3:::b/$x')).toBe(true);
    // Defaults, and a missing key without a default never matches.
    expect(res("arn:aws:s3:::b/${aws:username, 'guest'}/*", 'arn:aws:s3:::b/guest/x')).toBe(true);
    expect(res("arn:aws:s3:::b/${aws:username, 'guest'}/*", 'arn:aws:s3:::b/bob/x', ctx)).toBe(true);
    const r = matchResource('arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/x/y', makeContext({}), true);
    expect(r).toEqual({ matched: false, missing: ['aws:username'] });
    // Version 2008-10-17 (or none): ${…} is plain text.
    expect(res('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/${aws:username}', ctx, false)).toBe(true);
    expect(res('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/bob', ctx, false)).toBe(false);
  });
});
