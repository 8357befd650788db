// STS: role ARN validation before authorization, and session-tag errors, as recorded against AWS.
import type { ConformanceCase, Step } from '../types.js';
import { createRole, err, recorded, validation, ACCOUNT_TRUST } from '../fid-common.js';

const STS = (test: string, date: string) => recorded('test_sts', test, date, 'sts');
const invalidParam = (message: string) => err(400, 'InvalidParameterValue', message);
const tags = (pairs: [string, string][]) =>
  Object.fromEntries(pairs.flatMap(([k, v], i) => [[`Tags.member.${i + 1}.Key`, k], [`Tags.member.${i + 1}.Value`, v]]));
const assume = (role: string, session: string, extra: Record<string, string> = {}, as?: string): Step => ({
  service: 'sts',
  action: 'AssumeRole',
  as,
  params: { RoleArn: `arn:aws:iam::{{account}}:role/${role}`, RoleSessionName: session, ...extra },
});

const BAD_ARNS = ['nothing-valid-in-here', 'arn::b:::something/test-role', 'arn:a::::something/test-role', 'arn:a:::something/test-role', 'arn:a:a::aaaaaaaaaa:'];

export const cases: ConformanceCase[] = [
  ...BAD_ARNS.map(
    (arn, i): ConformanceCase => ({
      id: `family/sts/assume-role-arn-invalid-${i + 1}`,
      source: STS('TestSTSIntegrations::test_sts_invalid_parameters', '21-07-2025'),
      steps: [{ service: 'sts', action: 'AssumeRole', params: { RoleArn: arn, RoleSessionName: 'Session1' }, expect: validation(`${arn} is invalid`) }],
    }),
  ),
  {
    id: 'family/sts/transitive-key-not-in-tags',
    source: STS('TestSTSAssumeRoleTagging::test_assume_role_tag_validation', '10-04-2025'),
    steps: [
      createRole('role-1', ACCOUNT_TRUST),
      {
        ...assume('role-1', 'SessionInvalidTransitiveKeys', { ...tags([['SessionTag1', 'SessionValue1']]), 'TransitiveTagKeys.member.1': 'InvalidKey' }),
        expect: invalidParam('The specified transitive tag key must be included in the requested tags.'),
      },
    ],
  },
  {
    id: 'family/sts/transitive-keys-case-insensitive',
    source: STS('TestSTSAssumeRoleTagging::test_assume_role_tag_validation', '10-04-2025'),
    steps: [
      createRole('role-1', ACCOUNT_TRUST),
      assume('role-1', 'SessionInvalidCasingTransitiveKeys', { ...tags([['SessionTag1', 'SessionValue1']]), 'TransitiveTagKeys.member.1': 'sessiontag1' }),
    ],
  },
  {
    id: 'family/sts/duplicate-tag-keys-differing-in-case',
    source: STS('TestSTSAssumeRoleTagging::test_assume_role_tag_validation', '10-04-2025'),
    steps: [
      createRole('role-1', ACCOUNT_TRUST),
      {
        ...assume('role-1', 'SessionInvalidCasingTransitiveKeys', {
          ...tags([['SessionTag1', 'SessionValue1'], ['sessiontag1', 'SessionValue2']]),
          'TransitiveTagKeys.member.1': 'sessiontag1',
        }),
        expect: invalidParam('Duplicate tag keys found. Please note that Tag keys are case insensitive.'),
      },
    ],
  },
  ...(['SessionTag1', 'sessiontag1'] as const).map(
    (key): ConformanceCase => ({
      id: `family/sts/chained-session-overrides-transitive-tag-${key}`,
      source: STS('TestSTSAssumeRoleTagging::test_iam_role_chaining_override_transitive_tags', '10-04-2025'),
      steps: [
        createRole('role-1', ACCOUNT_TRUST),
        { ...createRole('role-2', ACCOUNT_TRUST), save: { role2: 'Role.Arn' } },
        {
          action: 'PutRolePolicy',
          params: {
            RoleName: 'role-1',
            PolicyName: 'chain',
            PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: ['{{role2}}'] }] }),
          },
        },
        {
          ...assume('role-1', 'Session1', { ...tags([['SessionTag1', 'SessionValue1']]), 'TransitiveTagKeys.member.1': 'SessionTag1' }),
          saveCredentials: { name: 'role1', path: 'Credentials' },
        },
        {
          ...assume('role-2', 'Session2SessionTagOverride', tags([[key, 'SessionValue2']]), 'role1'),
          expect: invalidParam("One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session."),
        },
      ],
    }),
  ),
  {
    id: 'family/sts/session-name-too-long',
    source: STS('TestSTSIntegrations::test_assume_role_session_name_too_long', '09-02-2026'),
    steps: [
      createRole('role-1', ACCOUNT_TRUST),
      {
        ...assume('role-1', 's'.repeat(65)),
        expect: validation(
          `1 validation error detected: Value '${'s'.repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
        ),
      },
    ],
  },
];
