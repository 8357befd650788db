// Response shapes of STS, key for key as recorded against AWS.
import type { ConformanceCase } from '../types.js';
import { ACCOUNT_TRUST, ls } from '../fixtures-shapes.js';

const src = (test: string, date: string) => ls('sts/test_sts', `test_sts.py::${test}`, date);
const CREDS = { AccessKeyId: '<any>', Expiration: '<datetime>', SecretAccessKey: '<any>', SessionToken: '<any>' };
const SESSION_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] });

export const cases: ConformanceCase[] = [
  {
    id: 'shape/sts/get-federation-token-packed-size',
    source: src('TestSTSIntegrations::test_get_federation_token', '05-06-2024'),
    steps: [
      { action: 'CreateUser', params: { UserName: 'fed' } },
      { action: 'AttachUserPolicy', params: { UserName: 'fed', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
      { action: 'CreateAccessKey', params: { UserName: 'fed' }, saveCredentials: { name: 'fed', path: 'AccessKey' } },
      {
        service: 'sts',
        action: 'GetFederationToken',
        as: 'fed',
        params: { Name: 'TestName' },
        expect: {
          result: {
            Credentials: CREDS,
            FederatedUser: { Arn: 'arn:aws:sts::{{account}}:federated-user/TestName', FederatedUserId: '{{account}}:TestName' },
            PackedPolicySize: 0,
          },
        },
      },
    ],
  },
  {
    id: 'shape/sts/assume-role-without-policy',
    source: src('TestSTSIntegrations::test_assume_role', '05-06-2024'),
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: ACCOUNT_TRUST }, save: { roleId: 'Role.RoleId' } },
      {
        service: 'sts',
        action: 'AssumeRole',
        params: { RoleArn: 'arn:aws:iam::{{account}}:role/r1', RoleSessionName: 's3-access-example' },
        expect: {
          result: {
            AssumedRoleUser: { Arn: 'arn:aws:sts::{{account}}:assumed-role/r1/s3-access-example', AssumedRoleId: '{{roleId}}:s3-access-example' },
            Credentials: CREDS,
          },
        },
        saveCredentials: { name: 'session', path: 'Credentials' },
      },
      {
        service: 'sts',
        action: 'GetCallerIdentity',
        as: 'session',
        expect: { result: { Account: '{{account}}', Arn: 'arn:aws:sts::{{account}}:assumed-role/r1/s3-access-example', UserId: '{{roleId}}:s3-access-example' } },
      },
    ],
  },
  {
    id: 'shape/sts/assume-role-with-policy-packed-size',
    source: src('TestSTSIntegrations::test_assume_role_with_policy', '09-02-2026') + ' (the size itself depends on the policy: only its presence is asserted)',
    steps: [
      { action: 'CreateRole', params: { RoleName: 'r1', AssumeRolePolicyDocument: ACCOUNT_TRUST }, save: { roleId: 'Role.RoleId' } },
      {
        service: 'sts',
        action: 'AssumeRole',
        params: { RoleArn: 'arn:aws:iam::{{account}}:role/r1', RoleSessionName: 'with-policy', Policy: SESSION_POLICY },
        expect: {
          result: {
            AssumedRoleUser: { Arn: 'arn:aws:sts::{{account}}:assumed-role/r1/with-policy', AssumedRoleId: '{{roleId}}:with-policy' },
            Credentials: CREDS,
            PackedPolicySize: '<any>',
          },
        },
      },
    ],
  },
  {
    id: 'shape/sts/caller-identity-root',
    source: 'AWS STS API reference, GetCallerIdentity: the result is Account, Arn and UserId; the account root\'s Arn is arn:aws:iam::<account>:root and its UserId the account id',
    steps: [{ service: 'sts', action: 'GetCallerIdentity', expect: { result: { Account: '{{account}}', Arn: 'arn:aws:iam::{{account}}:root', UserId: '{{account}}' } } }],
  },
];
