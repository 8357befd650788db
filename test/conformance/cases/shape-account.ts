// Account-level answers: password policy, aliases, credential report, key for key as recorded against AWS.
import type { ConformanceCase } from '../types.js';
import { ls } from '../fixtures-shapes.js';

const pp = (test: string, date: string) => ls('iam/test_iam_account_password_policy', `test_iam_account_password_policy.py::${test}`, date);

export const cases: ConformanceCase[] = [
  {
    id: 'shape/account/password-policy-defaults',
    source: pp('TestAccountPasswordPolicy::test_update_account_password_policy_defaults', '13-02-2026'),
    steps: [
      { action: 'UpdateAccountPasswordPolicy', expect: { result: {} } },
      {
        action: 'GetAccountPasswordPolicy',
        expect: {
          result: {
            PasswordPolicy: {
              AllowUsersToChangePassword: false,
              ExpirePasswords: false,
              MinimumPasswordLength: 6,
              RequireLowercaseCharacters: false,
              RequireNumbers: false,
              RequireSymbols: false,
              RequireUppercaseCharacters: false,
            },
          },
        },
      },
    ],
  },
  {
    id: 'shape/account/password-policy-custom',
    source: pp('TestAccountPasswordPolicy::test_update_account_password_policy_custom_values', '13-02-2026'),
    steps: [
      {
        action: 'UpdateAccountPasswordPolicy',
        params: {
          AllowUsersToChangePassword: true,
          HardExpiry: true,
          MaxPasswordAge: 60,
          MinimumPasswordLength: 10,
          PasswordReusePrevention: 3,
          RequireLowercaseCharacters: true,
          RequireNumbers: true,
          RequireSymbols: true,
          RequireUppercaseCharacters: true,
        },
      },
      {
        action: 'GetAccountPasswordPolicy',
        expect: {
          result: {
            PasswordPolicy: {
              AllowUsersToChangePassword: true,
              ExpirePasswords: true,
              HardExpiry: true,
              MaxPasswordAge: 60,
              MinimumPasswordLength: 10,
              PasswordReusePrevention: 3,
              RequireLowercaseCharacters: true,
              RequireNumbers: true,
              RequireSymbols: true,
              RequireUppercaseCharacters: true,
            },
          },
        },
      },
    ],
  },
  {
    id: 'shape/account/password-policy-delete',
    source: pp('TestAccountPasswordPolicy::test_delete_account_password_policy', '13-02-2026'),
    steps: [
      { action: 'UpdateAccountPasswordPolicy' },
      { action: 'DeleteAccountPasswordPolicy', expect: { result: {} } },
    ],
  },
  {
    id: 'shape/account/alias',
    source: ls('iam/test_iam_account_aliases', 'test_iam_account_aliases.py::TestIAMAccountAliases::test_account_alias_lifecycle', '13-02-2026'),
    steps: [
      { action: 'CreateAccountAlias', params: { AccountAlias: 'conformance-alias-{{account}}' }, expect: { result: {} } },
      { action: 'DeleteAccountAlias', params: { AccountAlias: 'conformance-alias-{{account}}' }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/account/credential-report-not-present-has-no-message',
    source: ls('iam/test_iam_credential_report', 'test_iam_credential_report.py::TestIAMCredentialReport::test_get_credential_report_before_generated', '17-02-2026'),
    steps: [{ action: 'GetCredentialReport', expect: { status: 410, error: { Code: 'ReportNotPresent', Type: 'Sender' } } }],
  },
];
