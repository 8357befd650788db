// STS's model-validation messages: unlike IAM, STS shows the offending value, quoted.
import type { ConformanceCase } from '../types.js';
import { ACCOUNT_TRUST, ls } from '../fixtures-shapes.js';

const src = (test: string, date: string) => ls('sts/test_sts', `test_sts.py::${test}`, date);
const stsValidation = (...parts: string[]) => ({
  status: 400,
  error: {
    Code: 'ValidationError',
    Message: `${parts.length} validation error${parts.length === 1 ? '' : 's'} detected: ${parts.join('; ')}`,
    Type: 'Sender' as const,
  },
});

export const cases: ConformanceCase[] = [
  {
    id: 'validation/sts/role-session-name-pattern',
    source: src('TestSTSIntegrations::test_sts_invalid_parameters', '21-07-2025') + ' invalid-session-name (the model check comes before the ARN check)',
    steps: [
      {
        service: 'sts',
        action: 'AssumeRole',
        params: { RoleArn: 'arn:a:b:::something/test-role', RoleSessionName: 'Session1:2' },
        expect: stsValidation("Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"),
      },
    ],
  },
  {
    id: 'validation/sts/role-session-name-too-long',
    source: src('TestSTSIntegrations::test_assume_role_session_name_too_long', '09-02-2026'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: ACCOUNT_TRUST } },
      {
        service: 'sts',
        action: 'AssumeRole',
        params: { RoleArn: 'arn:aws:iam::{{account}}:role/r1', RoleSessionName: 's'.repeat(65) },
        expect: stsValidation(`Value '${'s'.repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`),
      },
    ],
  },
  {
    id: 'validation/sts/session-token-duration-too-short',
    source: 'goldstack/goldstack#425 (2025-01-30, GetSessionToken with DurationSeconds 600: "1 validation error detected: Value \'600\' at \'durationSeconds\' failed to satisfy constraint: Member must have value greater than or equal to 900")',
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'CreateAccessKey', params: { UserName: 'u1' }, saveCredentials: { name: 'u1', path: 'AccessKey' } },
      {
        service: 'sts',
        action: 'GetSessionToken',
        as: 'u1',
        params: { DurationSeconds: 600 },
        expect: stsValidation("Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"),
      },
    ],
  },
  {
    id: 'validation/sts/assume-role-duration-too-short',
    source: 'unconfirmed: AssumeRole\'s durationSeconds has the same model range (min 900) as GetSessionToken, whose message goldstack/goldstack#425 records; kept to pin the STS wording on a second operation',
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: ACCOUNT_TRUST } },
      {
        service: 'sts',
        action: 'AssumeRole',
        params: { RoleArn: 'arn:aws:iam::{{account}}:role/r1', RoleSessionName: 'short', DurationSeconds: 899 },
        expect: stsValidation("Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"),
      },
    ],
  },
];
