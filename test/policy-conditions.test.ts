import { describe, expect, it } from 'vitest';
import { evaluateCondition, makeContext, parseOperator } from '../src/policy/index.js';

type Ctx = Record<string, string | string[]>;
const cond = (operator: string, key: string, values: string | string[], ctx: Ctx, variables = true) =>
  evaluateCondition({ operator, key, values: Array.isArray(values) ? values : [values] }, makeContext(ctx), variables)
    .matched;

describe('condition operators', () => {
  it('String operators: case-sensitive values, case-insensitive keys, IgnoreCase, Like', () => {
    expect(cond('StringEquals', 'aws:ResourceTag/env', 'prod', { 'aws:resourcetag/env': 'prod' })).toBe(true);
    expect(cond('StringEquals', 'AWS:RESOURCETAG/ENV', 'prod', { 'aws:ResourceTag/env': 'prod' })).toBe(true);
    expect(cond('StringEquals', 'aws:ResourceTag/env', 'prod', { 'aws:resourcetag/env': 'Prod' })).toBe(false);
    expect(cond('stringequals', 'k:k', 'a', { 'k:k': 'a' })).toBe(true); // operator names are case-insensitive
    expect(cond('StringEquals', 'k:k', ['a', 'b'], { 'k:k': 'b' })).toBe(true); // values are ORed
    expect(cond('StringNotEquals', 'k:k', ['a', 'b'], { 'k:k': 'b' })).toBe(false); // negated: NOR
    expect(cond('StringNotEquals', 'k:k', ['a', 'b'], { 'k:k': 'c' })).toBe(true);
    expect(cond('StringEqualsIgnoreCase', 'k:k', 'PROD', { 'k:k': 'prod' })).toBe(true);
    expect(cond('StringNotEqualsIgnoreCase', 'k:k', 'PROD', { 'k:k': 'prod' })).toBe(false);
    expect(cond('StringLike', 'k:k', 'dev/*', { 'k:k': 'dev/a/b' })).toBe(true);
    expect(cond('StringLike', 'k:k', 'dev/?', { 'k:k': 'dev/ab' })).toBe(false);
    expect(cond('StringLike', 'k:k', 'Dev/*', { 'k:k': 'dev/a' })).toBe(false);
    expect(cond('StringNotLike', 'k:k', 'dev/*', { 'k:k': 'prod/a' })).toBe(true);
  });
  it('missing keys: positive false, negated true, IfExists true, Null', () => {
    expect(cond('StringEquals', 'k:k', 'a', {})).toBe(false);
    expect(cond('StringNotEquals', 'k:k', 'a', {})).toBe(true);
    expect(cond('StringNotLike', 'k:k', 'a', {})).toBe(true);
    expect(cond('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', {})).toBe(true);
    expect(cond('StringEqualsIfExists', 'k:k', 'a', {})).toBe(true);
    expect(cond('StringEqualsIfExists', 'k:k', 'a', { 'k:k': 'b' })).toBe(false);
    expect(cond('NumericLessThanIfExists', 'k:k', '5', {})).toBe(true);
    expect(cond('Null', 'k:k', 'true', {})).toBe(true);
    expect(cond('Null', 'k:k', 'true', { 'k:k': 'x' })).toBe(false);
    expect(cond('Null', 'k:k', 'false', { 'k:k': 'x' })).toBe(true);
    expect(cond('Null', 'k:k', 'false', {})).toBe(false);
    const r = evaluateCondition({ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'] }, makeContext({}), true);
    expect(r).toEqual({ matched: false, missing: ['aws:multifactorauthpresent'] });
  });
  it('Numeric, Date, Bool, Binary', () => {
    expect(cond('NumericLessThan', 'aws:MultiFactorAuthAge', '3600', { 'aws:multifactorauthage': '100' })).toBe(true);
    expect(cond('NumericLessThan', 'k:k', '3600', { 'k:k': '3600' })).toBe(false);
    expect(cond('NumericLessThanEquals', 'k:k', '3600', { 'k:k': '3600' })).toBe(true);
    expect(cond('NumericGreaterThan', 'k:k', '1.5', { 'k:k': '2' })).toBe(true);
    expect(cond('NumericGreaterThanEquals', 'k:k', '2', { 'k:k': '2.0' })).toBe(true);
    expect(cond('NumericEquals', 'k:k', '10', { 'k:k': '10.0' })).toBe(true);
    expect(cond('NumericNotEquals', 'k:k', '10', { 'k:k': '11' })).toBe(true);
    expect(cond('NumericEquals', 'k:k', 'ten', { 'k:k': '10' })).toBe(false);
    // A value that cannot be compared is a failed comparison, not a "not equal".
    expect(cond('NumericNotEquals', 'k:k', 'ten', { 'k:k': '10' })).toBe(false);
    expect(cond('DateNotEquals', 'k:k', 'yesterday', { 'k:k': '2026-01-01T00:00:00Z' })).toBe(false);
    expect(cond('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', { 'aws:sourceip': 'not-an-ip' })).toBe(false);
    expect(cond('ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*', { 'aws:sourcearn': 'arn:aws:sns:us-east-1:1:t' })).toBe(false);
    const now = { 'aws:currenttime': '2026-11-29T12:00:00Z' };
    expect(cond('DateGreaterThan', 'aws:CurrentTime', '2026-01-01T00:00:00Z', now)).toBe(true);
    expect(cond('DateLessThan', 'aws:CurrentTime', '2026-01-01T00:00:00Z', now)).toBe(false);
    expect(cond('DateLessThan', 'aws:CurrentTime', '2026-11-30', now)).toBe(true);
    expect(cond('DateEquals', 'aws:CurrentTime', '1795953600', now)).toBe(true); // epoch seconds
    expect(cond('DateNotEquals', 'aws:CurrentTime', '2026-11-29T12:00:00Z', now)).toBe(false);
    expect(cond('DateGreaterThanEquals', 'aws:EpochTime', '2026-11-29T12:00:00Z', { 'aws:epochtime': '1795953600' })).toBe(true);
    expect(cond('Bool', 'aws:MultiFactorAuthPresent', 'true', { 'aws:multifactorauthpresent': 'true' })).toBe(true);
    expect(cond('Bool', 'aws:MultiFactorAuthPresent', 'TRUE', { 'aws:multifactorauthpresent': 'true' })).toBe(true);
    expect(cond('Bool', 'aws:MultiFactorAuthPresent', 'true', { 'aws:multifactorauthpresent': 'false' })).toBe(false);
    expect(cond('BinaryEquals', 'k:k', 'QmluYXJ5', { 'k:k': 'QmluYXJ5' })).toBe(true);
    expect(cond('BinaryEquals', 'k:k', 'QmluYXJ5', { 'k:k': 'qmluyxj5' })).toBe(false);
  });
  it('IpAddress / NotIpAddress, IPv4 and IPv6', () => {
    const ip = (v: string) => ({ 'aws:sourceip': v });
    expect(cond('IpAddress', 'aws:SourceIp', '203.0.113.0/24', ip('203.0.113.77'))).toBe(true);
    expect(cond('IpAddress', 'aws:SourceIp', '203.0.113.0/24', ip('203.0.114.1'))).toBe(false);
    expect(cond('IpAddress', 'aws:SourceIp', '203.0.113.5', ip('203.0.113.5'))).toBe(true);
    expect(cond('IpAddress', 'aws:SourceIp', '2001:db8::/32', ip('2001:db8:1::5'))).toBe(true);
    expect(cond('IpAddress', 'aws:SourceIp', '2001:db8::/32', ip('2001:db9::5'))).toBe(false);
    expect(cond('IpAddress', 'aws:SourceIp', '203.0.113.0/24', ip('::ffff:203.0.113.9'))).toBe(true);
    expect(cond('IpAddress', 'aws:SourceIp', '2001:db8::/32', ip('203.0.113.9'))).toBe(false);
    expect(cond('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24', '198.51.100.0/24'], ip('198.51.100.1'))).toBe(false);
    expect(cond('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], ip('10.1.1.1'))).toBe(true);
  });
  it('Arn operators match component-wise with wildcards', () => {
    const c = { 'aws:sourcearn': 'arn:aws:sns:us-east-1:123456789012:topic' };
    expect(cond('ArnEquals', 'aws:SourceArn', 'arn:aws:sns:us-east-1:123456789012:topic', c)).toBe(true);
    expect(cond('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:123456789012:*', c)).toBe(true);
    expect(cond('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:999999999999:*', c)).toBe(false);
    expect(cond('ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*:999999999999:*', c)).toBe(true);
    expect(cond('ArnNotEquals', 'aws:SourceArn', 'arn:aws:sns:us-east-1:123456789012:topic', c)).toBe(false);
    expect(cond('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:123456789012:*', { 'aws:sourcearn': 'not-an-arn' })).toBe(false);
    // Each of the six components is compared: a shorter pattern, even "*", matches nothing.
    expect(cond('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*', c)).toBe(false);
    expect(cond('ArnLike', 'aws:SourceArn', '*', c)).toBe(false);
    expect(cond('ArnLike', 'aws:SourceArn', 'arn:*:*:*:*:*', c)).toBe(true);
  });
  it('ForAllValues / ForAnyValue over multi-valued keys', () => {
    const tags = { 'aws:tagkeys': ['env', 'team'] };
    expect(cond('ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team', 'owner'], tags)).toBe(true);
    expect(cond('ForAllValues:StringEquals', 'aws:TagKeys', ['env'], tags)).toBe(false);
    expect(cond('ForAllValues:StringEquals', 'aws:TagKeys', ['env'], {})).toBe(true); // vacuous
    expect(cond('ForAllValues:StringEquals', 'aws:TagKeys', ['env'], { 'aws:tagkeys': [] })).toBe(true);
    expect(cond('ForAnyValue:StringEquals', 'aws:TagKeys', ['team'], tags)).toBe(true);
    expect(cond('ForAnyValue:StringEquals', 'aws:TagKeys', ['owner'], tags)).toBe(false);
    expect(cond('ForAnyValue:StringEquals', 'aws:TagKeys', ['owner'], {})).toBe(false);
    expect(cond('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env'], tags)).toBe(true); // team ≠ env
    expect(cond('ForAllValues:StringNotEquals', 'aws:TagKeys', ['env'], tags)).toBe(false);
    expect(cond('ForAllValues:StringLike', 'aws:TagKeys', ['e*', 't*'], tags)).toBe(true);
    expect(cond('ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', ['x'], {})).toBe(true);
    // Without a set operator a multi-valued key never matches (positive or negated).
    expect(cond('StringEquals', 'aws:TagKeys', 'team', tags)).toBe(false);
    expect(cond('StringNotEquals', 'aws:TagKeys', 'x', tags)).toBe(false);
  });
  it('policy variables in String/Arn condition values; missing variable → no match', () => {
    const ctx = { 'aws:username': 'bob', 'aws:principaltag/team': 'red', 's3:prefix': 'home/bob/' };
    expect(cond('StringLike', 's3:prefix', 'home/${aws:username}/*', ctx)).toBe(true);
    expect(cond('StringEquals', 'aws:ResourceTag/team', '${aws:PrincipalTag/team}', { ...ctx, 'aws:resourcetag/team': 'red' })).toBe(true);
    expect(cond('StringEquals', 'aws:ResourceTag/team', '${aws:PrincipalTag/team}', { ...ctx, 'aws:resourcetag/team': 'blue' })).toBe(false);
    expect(cond('StringNotEquals', 'aws:ResourceTag/team', '${aws:PrincipalTag/x}', { 'aws:resourcetag/team': 'red' })).toBe(false);
    expect(cond('StringEquals', 'k:k', "${aws:username, 'nobody'}", { 'k:k': 'nobody' })).toBe(true);
    // Not substituted in a 2008-10-17 policy.
    expect(cond('StringEquals', 'k:k', '${aws:username}', { 'k:k': '${aws:username}', 'aws:username': 'bob' }, false)).toBe(true);
  });
  it('parses operator names', () => {
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toEqual({ base: 'StringLike', ifExists: true, set: 'ForAnyValue' });
    expect(parseOperator('NullIfExists')).toBeUndefined();
    expect(parseOperator('StringEqual')).toBeUndefined();
  });
});
