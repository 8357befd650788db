// The Access Analyzer API against a live iam-local, through the real @aws-sdk/client-accessanalyzer
// and the AWS CLI: ValidatePolicy on the check reference's documented examples (each one asserted),
// finding locations, the REST-JSON error shapes, the custom policy checks, and policy generation
// round-tripped through the enforcement front.
//
// Facts and their sources: issue codes, finding types and the example policies are from AWS's "IAM
// policy validation check reference" (docs/access-analyzer.md lists them); Position's line counts
// from 1, column and offset from 0 (the API reference's Position shape). No recorded ValidatePolicy
// answer was found, so span values are asserted as iam-local computes them from those rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  AccessAnalyzerClient,
  CancelPolicyGenerationCommand,
  CheckAccessNotGrantedCommand,
  CheckNoNewAccessCommand,
  CheckNoPublicAccessCommand,
  GetGeneratedPolicyCommand,
  ListPolicyGenerationsCommand,
  StartPolicyGenerationCommand,
  ValidatePolicyCommand,
  type ValidatePolicyFinding,
} from '@aws-sdk/client-accessanalyzer';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetUserCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  CreatePolicyCommand,
  CreateAccessKeyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startServer, ROOT, type Credentials, type TestServer } from './helpers/server.js';

const AWS_CLI = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const hasAwsCli = spawnSync(AWS_CLI, ['accessanalyzer', 'validate-policy', 'help'], { stdio: 'ignore' }).status === 0;
if (!hasAwsCli) console.warn('access-analyzer.test: AWS CLI test SKIPPED: no aws command with accessanalyzer (apt-get install awscli)');

const analyzer = (t: TestServer, creds: Credentials = ROOT) =>
  new AccessAnalyzerClient({ endpoint: t.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const codes = (fs: ValidatePolicyFinding[]) => fs.map((f) => f.issueCode).sort();
const pathOf = (f: ValidatePolicyFinding) => f.locations![0]!.path!.map((p) => (p.index !== undefined ? p.index : p.value));

// The check reference's examples: document, policy type, the finding expected (code, type, path).
type Row = [name: string, doc: string, type: 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'SERVICE_CONTROL_POLICY', code: string, findingType: string, path: (string | number)[], resourceType?: string];
const S = (o: object) => ({ Effect: 'Allow', Resource: '*', ...o });
const EXAMPLES: Row[] = [
  ['invalid action (misspelt)', policy(S({ Action: 's3:GetObjectt' })), 'IDENTITY_POLICY', 'INVALID_ACTION', 'ERROR', ['Statement', 0, 'Action']],
  ['invalid service in action', policy(S({ Action: 's4:GetObject' })), 'IDENTITY_POLICY', 'INVALID_SERVICE_IN_ACTION', 'ERROR', ['Statement', 0, 'Action']],
  ['invalid effect', policy({ Effect: 'Alow', Action: 's3:GetObject', Resource: '*' }), 'IDENTITY_POLICY', 'INVALID_EFFECT', 'ERROR', ['Statement', 0, 'Effect']],
  ['missing effect', policy({ Action: 's3:GetObject', Resource: '*' }), 'IDENTITY_POLICY', 'MISSING_EFFECT', 'ERROR', ['Statement', 0]],
  ['missing action', policy({ Effect: 'Allow', Resource: '*' }), 'IDENTITY_POLICY', 'MISSING_ACTION', 'ERROR', ['Statement', 0]],
  ['missing resource', policy({ Effect: 'Allow', Action: 's3:GetObject' }), 'IDENTITY_POLICY', 'MISSING_RESOURCE', 'ERROR', ['Statement', 0]],
  ['missing statement', JSON.stringify({ Version: '2012-10-17' }), 'IDENTITY_POLICY', 'MISSING_STATEMENT', 'ERROR', []],
  ['invalid version', JSON.stringify({ Version: '2012-10-18', Statement: [S({ Action: 's3:GetObject' })] }), 'IDENTITY_POLICY', 'INVALID_VERSION', 'ERROR', ['Version']],
  ['missing version', JSON.stringify({ Statement: [S({ Action: 's3:GetObject' })] }), 'IDENTITY_POLICY', 'MISSING_VERSION', 'WARNING', []],
  ['invalid policy element', policy({ Effect: 'Allow', Action: 's3:GetObject', Resourse: '*', Resource: '*' }), 'IDENTITY_POLICY', 'INVALID_POLICY_ELEMENT', 'ERROR', ['Statement', 0, 'Resourse']],
  ['Action and NotAction together', policy(S({ Action: 's3:GetObject', NotAction: 's3:PutObject' })), 'IDENTITY_POLICY', 'UNSUPPORTED_ELEMENT_COMBINATION', 'ERROR', ['Statement', 0, 'NotAction']],
  ['Principal in an identity policy', policy(S({ Action: 's3:GetObject', Principal: { AWS: '123456789012' } })), 'IDENTITY_POLICY', 'UNSUPPORTED_PRINCIPAL', 'ERROR', ['Statement', 0, 'Principal']],
  ['missing principal in a resource policy', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'RESOURCE_POLICY', 'MISSING_PRINCIPAL', 'ERROR', ['Statement', 0]],
  ['invalid principal key', policy({ Effect: 'Allow', Principal: { Aws: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'RESOURCE_POLICY', 'INVALID_PRINCIPAL_KEY', 'ERROR', ['Statement', 0, 'Principal', 'Aws']],
  ['wildcard in a principal ARN', policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'RESOURCE_POLICY', 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'ERROR', ['Statement', 0, 'Principal', 'AWS']],
  ['Allow with NotPrincipal', policy({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'RESOURCE_POLICY', 'ALLOW_WITH_NOT_PRINCIPAL', 'SECURITY_WARNING', ['Statement', 0, 'NotPrincipal']],
  ['role ID as principal', policy({ Effect: 'Allow', Principal: { AWS: 'AROA1234567890EXAMPLE' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'RESOURCE_POLICY', 'INVALID_ROLE_REFERENCE', 'WARNING', ['Statement', 0, 'Principal', 'AWS']],
  ['duplicate Sid', policy(S({ Sid: 'A', Action: 's3:GetObject' }), S({ Sid: 'A', Action: 's3:PutObject' })), 'IDENTITY_POLICY', 'UNIQUE_SIDS_REQUIRED', 'ERROR', ['Statement', 1, 'Sid']],
  ['empty Sid', policy(S({ Sid: '', Action: 's3:GetObject' })), 'IDENTITY_POLICY', 'EMPTY_SID_VALUE', 'SUGGESTION', ['Statement', 0, 'Sid']],
  ['unsupported Sid characters', policy(S({ Sid: 'read objects', Action: 's3:GetObject' })), 'IDENTITY_POLICY', 'UNSUPPORTED_SID', 'ERROR', ['Statement', 0, 'Sid']],
  ['iam:PassRole with * resource', policy(S({ Action: 'iam:PassRole' })), 'IDENTITY_POLICY', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', 'SECURITY_WARNING', ['Statement', 0, 'Resource']],
  ['* action and * resource', policy(S({ Action: '*' })), 'IDENTITY_POLICY', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'SECURITY_WARNING', ['Statement', 0, 'Resource']],
  ['iam:PassRole with NotResource', policy({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::123456789012:role/admin' }), 'IDENTITY_POLICY', 'PASS_ROLE_WITH_NOT_RESOURCE', 'SECURITY_WARNING', ['Statement', 0, 'NotResource']],
  ['NotAction with * resource', policy(S({ NotAction: 's3:*' })), 'IDENTITY_POLICY', 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', 'SECURITY_WARNING', ['Statement', 0, 'Resource']],
  ['CreateServiceLinkedRole with * resource', policy(S({ Action: 'iam:CreateServiceLinkedRole' })), 'IDENTITY_POLICY', 'CREATE_SLR_WITH_STAR_IN_RESOURCE', 'WARNING', ['Statement', 0, 'Resource']],
  ['redundant action (iam:Get*, iam:GetCredentialReport)', policy(S({ Action: ['iam:Get*', 'iam:List*', 'iam:GetCredentialReport'] })), 'IDENTITY_POLICY', 'REDUNDANT_ACTION', 'SUGGESTION', ['Statement', 0, 'Action', 2]],
  ['redundant resource (jane*)', policy({ Effect: 'Allow', Action: 'iam:GetRole', Resource: ['arn:aws:iam::111122223333:role/jane-admin', 'arn:aws:iam::111122223333:role/jane*'] }), 'IDENTITY_POLICY', 'REDUNDANT_RESOURCE', 'SUGGESTION', ['Statement', 0, 'Resource', 0]],
  ['redundant statement', policy(S({ Action: 's3:GetObject' }), S({ Action: 's3:GetObject' })), 'IDENTITY_POLICY', 'REDUNDANT_STATEMENT', 'SUGGESTION', ['Statement', 1]],
  ['redundant numeric values', policy(S({ Action: 's3:GetObject', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } } })), 'IDENTITY_POLICY', 'REDUNDANT_CONDITION_VALUE_NUM', 'SUGGESTION', ['Statement', 0, 'Condition', 'NumericLessThan', 'aws:MultiFactorAuthAge']],
  ['wildcard without Like', policy(S({ Action: 's3:GetObject', Condition: { StringEquals: { 'aws:PrincipalTag/job-category': 'admin-*' } } })), 'IDENTITY_POLICY', 'WILDCARD_WITHOUT_LIKE_OPERATOR', 'WARNING', ['Statement', 0, 'Condition', 'StringEquals', 'aws:PrincipalTag/job-category']],
  ['empty action list', policy(S({ Action: [] })), 'IDENTITY_POLICY', 'EMPTY_ARRAY_ACTION', 'SUGGESTION', ['Statement', 0, 'Action']],
  ['empty resource list', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: [] }), 'IDENTITY_POLICY', 'EMPTY_ARRAY_RESOURCE', 'SUGGESTION', ['Statement', 0, 'Resource']],
  ['empty condition block', policy(S({ Action: 's3:GetObject', Condition: {} })), 'IDENTITY_POLICY', 'EMPTY_OBJECT_CONDITION', 'SUGGESTION', ['Statement', 0, 'Condition']],
  ['empty condition values', policy(S({ Action: 's3:GetObject', Condition: { StringEquals: { 's3:prefix': [] } } })), 'IDENTITY_POLICY', 'EMPTY_ARRAY_CONDITION', 'SUGGESTION', ['Statement', 0, 'Condition', 'StringEquals', 's3:prefix']],
  ['invalid condition operator', policy(S({ Action: 's3:GetObject', Condition: { StringEqual: { 's3:prefix': 'a' } } })), 'IDENTITY_POLICY', 'INVALID_CONDITION_OPERATOR', 'ERROR', ['Statement', 0, 'Condition', 'StringEqual']],
  ['NullIfExists', policy(S({ Action: 's3:GetObject', Condition: { NullIfExists: { 's3:prefix': 'true' } } })), 'IDENTITY_POLICY', 'NULL_WITH_IF_EXISTS', 'ERROR', ['Statement', 0, 'Condition', 'NullIfExists']],
  ['invalid global condition key', policy(S({ Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceIpp': 'x' } } })), 'IDENTITY_POLICY', 'INVALID_GLOBAL_CONDITION_KEY', 'ERROR', ['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceIpp']],
  ['invalid service condition key', policy(S({ Action: 's3:GetObject', Condition: { StringEquals: { 's3:prefixx': 'x' } } })), 'IDENTITY_POLICY', 'INVALID_SERVICE_CONDITION_KEY', 'ERROR', ['Statement', 0, 'Condition', 'StringEquals', 's3:prefixx']],
  ['condition key without prefix', policy(S({ Action: 's3:GetObject', Condition: { StringEquals: { prefix: 'x' } } })), 'IDENTITY_POLICY', 'INVALID_CONDITION_KEY_FORMAT', 'ERROR', ['Statement', 0, 'Condition', 'StringEquals', 'prefix']],
  ['string operator on a Bool key', policy(S({ Action: 's3:GetObject', Condition: { StringEquals: { 'aws:MultiFactorAuthPresent': 'true' } } })), 'IDENTITY_POLICY', 'TYPE_MISMATCH', 'WARNING', ['Statement', 0, 'Condition', 'StringEquals']],
  ['Bool with a non-Boolean value', policy(S({ Action: 's3:GetObject', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'yes' } } })), 'IDENTITY_POLICY', 'TYPE_MISMATCH_BOOLEAN', 'WARNING', ['Statement', 0, 'Condition', 'Bool', 'aws:MultiFactorAuthPresent']],
  ['Date with a non-date', policy(S({ Action: 's3:GetObject', Condition: { DateGreaterThan: { 'aws:CurrentTime': 'tomorrow' } } })), 'IDENTITY_POLICY', 'TYPE_MISMATCH_DATE', 'WARNING', ['Statement', 0, 'Condition', 'DateGreaterThan', 'aws:CurrentTime']],
  ['Date as epoch seconds', policy(S({ Action: 's3:GetObject', Condition: { DateGreaterThan: { 'aws:CurrentTime': '1700000000' } } })), 'IDENTITY_POLICY', 'INVALID_DATE_VALUE', 'WARNING', ['Statement', 0, 'Condition', 'DateGreaterThan', 'aws:CurrentTime']],
  ['Numeric with a non-number', policy(S({ Action: 's3:GetObject', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } } })), 'IDENTITY_POLICY', 'TYPE_MISMATCH_NUMBER', 'WARNING', ['Statement', 0, 'Condition', 'NumericLessThan', 'aws:MultiFactorAuthAge']],
  ['IpAddress with a non-range', policy(S({ Action: 's3:GetObject', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } } })), 'IDENTITY_POLICY', 'TYPE_MISMATCH_IP_RANGE', 'WARNING', ['Statement', 0, 'Condition', 'IpAddress', 'aws:SourceIp']],
  ['host bits in a CIDR', policy(S({ Action: 's3:GetObject', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.7/24' } } })), 'IDENTITY_POLICY', 'IMPROVE_IP_RANGE', 'SUGGESTION', ['Statement', 0, 'Condition', 'IpAddress', 'aws:SourceIp']],
  ['private aws:SourceIp only', policy(S({ Action: 's3:GetObject', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })), 'IDENTITY_POLICY', 'PRIVATE_IP_ADDRESS', 'ERROR', ['Statement', 0, 'Condition', 'IpAddress', 'aws:SourceIp']],
  ['private and public aws:SourceIp', policy(S({ Action: 's3:GetObject', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } } })), 'IDENTITY_POLICY', 'PRIVATE_IP_ADDRESS_SUBSET', 'SUGGESTION', ['Statement', 0, 'Condition', 'IpAddress', 'aws:SourceIp']],
  ['multi-valued key without qualifier', policy(S({ Action: 'iam:TagUser', Condition: { StringEquals: { 'aws:TagKeys': 'team' } } })), 'IDENTITY_POLICY', 'MISSING_QUALIFIER', 'ERROR', ['Statement', 0, 'Condition', 'StringEquals', 'aws:TagKeys']],
  ['ForAllValues on a single-valued key', policy(S({ Action: 's3:GetObject', Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/a' } } })), 'IDENTITY_POLICY', 'FORALLVALUES_WITH_SINGLE_VALUED_KEY', 'SECURITY_WARNING', ['Statement', 0, 'Condition', 'ForAllValues:StringEquals']],
  ['aws:ARN', policy(S({ Action: 's3:GetObject', Condition: { ArnEquals: { 'aws:ARN': 'arn:aws:iam::123456789012:user/a' } } })), 'IDENTITY_POLICY', 'DEPRECATED_GLOBAL_CONDITION_KEY', 'WARNING', ['Statement', 0, 'Condition', 'ArnEquals', 'aws:ARN']],
  ['policy variable with Numeric', policy(S({ Action: 's3:GetObject', Condition: { NumericEquals: { 'aws:MultiFactorAuthAge': '${aws:username}' } } })), 'IDENTITY_POLICY', 'INVALID_VARIABLE_FOR_OPERATOR', 'ERROR', ['Statement', 0, 'Condition', 'NumericEquals', 'aws:MultiFactorAuthAge']],
  ['policy variable in Action', policy(S({ Action: 's3:${aws:username}' })), 'IDENTITY_POLICY', 'VARIABLE_UNSUPPORTED_IN_ELEMENT', 'ERROR', ['Statement', 0, 'Action']],
  ['unclosed variable', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username' }), 'IDENTITY_POLICY', 'MISSING_BRACE_IN_VARIABLE', 'ERROR', ['Statement', 0, 'Resource']],
  ['empty variable', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${}' }), 'IDENTITY_POLICY', 'EMPTY_VARIABLE', 'ERROR', ['Statement', 0, 'Resource']],
  ["default without quotes (${aws:userid, 'anonymous'} written wrong)", policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:userid, anonymous}' }), 'IDENTITY_POLICY', 'MISSING_QUOTE_IN_VARIABLE', 'ERROR', ['Statement', 0, 'Resource']],
  ['variable with the 2008 version', JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}' }] }), 'IDENTITY_POLICY', 'VARIABLE_UNSUPPORTED_IN_VERSION', 'ERROR', ['Statement', 0, 'Resource']],
  ['resource without arn: prefix', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 's3:::bucket/*' }), 'IDENTITY_POLICY', 'INVALID_ARN_PREFIX', 'ERROR', ['Statement', 0, 'Resource']],
  ['resource ARN with too few fields', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:bucket' }), 'IDENTITY_POLICY', 'MISSING_ARN_FIELD', 'ERROR', ['Statement', 0, 'Resource']],
  ['unknown partition', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws-moon:s3:::bucket/*' }), 'IDENTITY_POLICY', 'INVALID_PARTITION', 'ERROR', ['Statement', 0, 'Resource']],
  ['service in capitals', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:S3:::bucket/*' }), 'IDENTITY_POLICY', 'INVALID_ARN_SERVICE_CASE', 'ERROR', ['Statement', 0, 'Resource']],
  ['account ID in an S3 ARN', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3::123456789012:bucket/*' }), 'IDENTITY_POLICY', 'ARN_ACCOUNT_NOT_ALLOWED', 'ERROR', ['Statement', 0, 'Resource']],
  ['Region in an IAM ARN', policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam:us-east-1:123456789012:user/a' }), 'IDENTITY_POLICY', 'ARN_REGION_NOT_ALLOWED', 'ERROR', ['Statement', 0, 'Resource']],
  ['account ID of 11 digits', policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::12345678901:user/a' }), 'IDENTITY_POLICY', 'INVALID_ARN_ACCOUNT', 'ERROR', ['Statement', 0, 'Resource']],
  ['wildcard in the service name', policy(S({ Action: 's3*:GetObject' })), 'IDENTITY_POLICY', 'WILDCARD_IN_SERVICE_NAME', 'SUGGESTION', ['Statement', 0, 'Action']],
  ['SCP: Principal', policy(S({ Action: 's3:*', Principal: '*' })), 'SERVICE_CONTROL_POLICY', 'SCP_SYNTAX_ERROR_PRINCIPAL', 'ERROR', ['Statement', 0, 'Principal']],
  ['SCP: wildcard inside an action', policy(S({ Action: 'iam:*Role' })), 'SERVICE_CONTROL_POLICY', 'SCP_SYNTAX_ERROR_ACTION_WILDCARD', 'ERROR', ['Statement', 0, 'Action']],
  ['SCP: Allow with a Condition', policy(S({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), 'SERVICE_CONTROL_POLICY', 'SCP_SYNTAX_ERROR_ALLOW_CONDITION', 'ERROR', ['Statement', 0, 'Condition']],
  ['S3 bucket policy naming an IAM action', policy({ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'iam:GetUser', Resource: 'arn:aws:s3:::b' }), 'RESOURCE_POLICY', 'UNSUPPORTED_ACTION_IN_POLICY', 'ERROR', ['Statement', 0, 'Action'], 'AWS::S3::Bucket'],
  ['S3 bucket policy naming an IAM resource', policy({ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:iam::123456789012:user/a' }), 'RESOURCE_POLICY', 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY', 'ERROR', ['Statement', 0, 'Resource'], 'AWS::S3::Bucket'],
  ['CreateServiceLinkedRole via iam:* on *', policy(S({ Action: 'iam:*' })), 'IDENTITY_POLICY', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', 'WARNING', ['Statement', 0, 'Resource']],
  ['iam:PassRole with NotAction and NotResource', policy({ Effect: 'Allow', NotAction: 's3:*', NotResource: 'arn:aws:s3:::b' }), 'IDENTITY_POLICY', 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE', 'SECURITY_WARNING', ['Statement', 0, 'NotResource']],
  ['duplicate condition keys in different case', policy(S({ Action: 's3:GetObject', Condition: { StringEquals: { 's3:prefix': 'a', 'S3:Prefix': 'b' } } })), 'IDENTITY_POLICY', 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE', 'ERROR', ['Statement', 0, 'Condition', 'StringEquals', 'S3:Prefix']],
  ['mixed JSON types in condition values', policy(S({ Action: 's3:GetObject', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600', 7200] } } })), 'IDENTITY_POLICY', 'INVALID_CONDITION_DATA_TYPE', 'ERROR', ['Statement', 0, 'Condition', 'NumericLessThan', 'aws:MultiFactorAuthAge']],
  ['ForAnyValue with no values', policy(S({ Action: 'iam:TagUser', Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [] } } })), 'IDENTITY_POLICY', 'EMPTY_ARRAY_CONDITION_FORANYVALUE', 'SUGGESTION', ['Statement', 0, 'Condition', 'ForAnyValue:StringEquals', 'aws:TagKeys']],
  ['Null with ForAllValues', policy(S({ Action: 's3:GetObject', Condition: { 'ForAllValues:Null': { 'aws:TagKeys': 'true' } } })), 'IDENTITY_POLICY', 'NULL_WITH_QUALIFIER', 'SUGGESTION', ['Statement', 0, 'Condition', 'ForAllValues:Null']],
  ['aws:RequestedRegion that is no Region', policy(S({ Action: 's3:GetObject', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-middle-1' } } })), 'IDENTITY_POLICY', 'INVALID_REGION', 'ERROR', ['Statement', 0, 'Condition', 'StringEquals', 'aws:RequestedRegion']],
  ['tag condition key without the tag', policy(S({ Action: 's3:GetObject', Condition: { StringEquals: { 'aws:ResourceTag': 'x' } } })), 'IDENTITY_POLICY', 'MISSING_TAG_KEY_IN_CONDITION', 'ERROR', ['Statement', 0, 'Condition', 'StringEquals', 'aws:ResourceTag']],
  ['space in a variable name', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:user name}' }), 'IDENTITY_POLICY', 'UNSUPPORTED_SPACE_IN_VARIABLE', 'ERROR', ['Statement', 0, 'Resource']],
  ['symbol in a variable name', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:user#name}' }), 'IDENTITY_POLICY', 'UNSUPPORTED_SYMBOL_IN_VARIABLE', 'ERROR', ['Statement', 0, 'Resource']],
  ['NotIpAddress with private ranges only', policy(S({ Action: 's3:GetObject', Condition: { NotIpAddress: { 'aws:SourceIp': '192.168.0.0/16' } } })), 'IDENTITY_POLICY', 'PRIVATE_NOT_IP_ADDRESS', 'ERROR', ['Statement', 0, 'Condition', 'NotIpAddress', 'aws:SourceIp']],
  ['BinaryEquals with text that is not base64', policy(S({ Action: 's3:GetObject', Condition: { BinaryEquals: { 'aws:UserAgent': 'not base64!' } } })), 'IDENTITY_POLICY', 'TYPE_MISMATCH_STRING', 'WARNING', ['Statement', 0, 'Condition', 'BinaryEquals', 'aws:UserAgent']],
  ['Bool with two values', policy(S({ Action: 's3:GetObject', Condition: { Bool: { 'aws:SecureTransport': ['true', 'false'] } } })), 'IDENTITY_POLICY', 'INVALID_CONDITION_MULTIPLE_BOOLEAN', 'ERROR', ['Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport']],
  ['duplicate Sid in a resource policy', policy({ Sid: 'A', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Sid: 'A', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }), 'RESOURCE_POLICY', 'UNIQUE_SIDS_RECOMMENDED', 'WARNING', ['Statement', 1, 'Sid']],
  ['Principal as a plain string', policy({ Effect: 'Allow', Principal: '123456789012', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'RESOURCE_POLICY', 'INVALID_PRINCIPAL_FORMAT', 'ERROR', ['Statement', 0, 'Principal']],
  ['empty principal list', policy({ Effect: 'Allow', Principal: { AWS: [] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'RESOURCE_POLICY', 'EMPTY_ARRAY_PRINCIPAL', 'SUGGESTION', ['Statement', 0, 'Principal', 'AWS']],
  ['SCP: NotResource', policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b' }), 'SERVICE_CONTROL_POLICY', 'SCP_SYNTAX_ERROR_NOTRESOURCE', 'ERROR', ['Statement', 0, 'NotResource']],
  ['a Statement that is a string', JSON.stringify({ Version: '2012-10-17', Statement: 'all' }), 'IDENTITY_POLICY', 'DATA_TYPE_MISMATCH', 'ERROR', ['Statement']],
  ['EC2 ARN without a Region', policy({ Effect: 'Allow', Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2::123456789012:instance/i-1' }), 'IDENTITY_POLICY', 'MISSING_ARN_REGION', 'ERROR', ['Statement', 0, 'Resource']],
  ['Region that does not exist', policy({ Effect: 'Allow', Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:moon-1:123456789012:instance/i-1' }), 'IDENTITY_POLICY', 'INVALID_ARN_REGION', 'ERROR', ['Statement', 0, 'Resource']],
  ['IAM ARN of no resource type', policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::123456789012:usr/a' }), 'IDENTITY_POLICY', 'INVALID_ARN_RESOURCE', 'ERROR', ['Statement', 0, 'Resource']],
  ['JSON syntax error', '{"Version": "2012-10-17", "Statement": [}', 'IDENTITY_POLICY', 'JSON_SYNTAX_ERROR', 'ERROR', []],
];

describe('Access Analyzer', () => {
  let t: TestServer;
  let aa: AccessAnalyzerClient;
  beforeAll(async () => {
    t = await startServer();
    aa = analyzer(t);
  });
  afterAll(() => t.close());

  describe('ValidatePolicy: the check reference examples', () => {
    it.each(EXAMPLES)('%s', async (_name, doc, policyType, code, findingType, path, resourceType) => {
      const r = await aa.send(new ValidatePolicyCommand({ policyDocument: doc, policyType, ...(resourceType ? { validatePolicyResourceType: resourceType as 'AWS::S3::Bucket' } : {}) }));
      const f = r.findings!.find((x) => x.issueCode === code);
      expect(f, `${code} in ${JSON.stringify(codes(r.findings!))}`).toBeDefined();
      expect(f!.findingType).toBe(findingType);
      expect(pathOf(f!)).toEqual(path);
      expect(f!.learnMoreLink).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/IAM\/latest\/UserGuide\/access-analyzer-reference-policy-checks\.html#access-analyzer-reference-policy-checks-(error|general-warning|security-warning|suggestion)-[a-z-]+$/);
      expect(f!.findingDetails!.length).toBeGreaterThan(10);
    });

    it('a clean policy has no findings', async () => {
      const r = await aa.send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }) }));
      expect(r.findings).toEqual([]);
    });

    it('spans: line from 1, column and offset from 0, around the value the finding is about', async () => {
      const doc = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObjectt", "Resource": "*"}]\n}';
      const r = await aa.send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: doc }));
      const span = r.findings![0]!.locations![0]!.span!;
      const at = doc.indexOf('"s3:GetObjectt"');
      expect(span).toEqual({ start: { line: 3, column: at - doc.indexOf('  "Statement"'), offset: at }, end: { line: 3, column: at - doc.indexOf('  "Statement"') + 15, offset: at + 15 } });
      expect(doc.slice(span.start!.offset, span.end!.offset)).toBe('"s3:GetObjectt"');
      expect(r.findings![0]!.findingDetails).toBe('The action s3:GetObjectt does not exist. Did you mean s3:GetObject?');
    });

    it('pages with maxResults and nextToken', async () => {
      const doc = JSON.stringify({ Statement: [S({ Action: ['s3:GetObjectt', 's4:Get', 'iam:PassRole'] })] });
      const all = (await aa.send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: doc }))).findings!;
      expect(all.length).toBe(4);
      const p1 = await aa.send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: doc, maxResults: 3 }));
      const p2 = await aa.send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: doc, maxResults: 3, nextToken: p1.nextToken }));
      expect([...p1.findings!, ...p2.findings!]).toEqual(all);
      expect(p2.nextToken).toBeUndefined();
    });
  });

  describe('errors as a REST-JSON service sends them', () => {
    it('an enum violation is a ValidationException with reason and fieldList', async () => {
      const e = await aa.send(new ValidatePolicyCommand({ policyType: 'USER_POLICY' as 'IDENTITY_POLICY', policyDocument: '{}' })).catch((x) => x);
      expect([e.name, e.$metadata.httpStatusCode, e.reason]).toEqual(['ValidationException', 400, 'fieldValidationFailed']);
      expect(e.message).toBe("1 validation error detected: Value 'USER_POLICY' at 'policyType' failed to satisfy constraint: Member must satisfy enum value set: [IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY]");
      expect(e.fieldList).toEqual([{ name: 'policyType', message: 'Member must satisfy enum value set: [IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY]' }]);
    });

    it('raw: x-amzn-ErrorType header and {"message"} body; an unsigned request is refused', async () => {
      const res = await fetch(`${t.url}/policy/validation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"policyType":"IDENTITY_POLICY","policyDocument":"{}"}' });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
      expect(Object.keys(await res.json())).toEqual(['message']);
    });

    it('a key iam-local does not know is UnrecognizedClientException; a wrong secret InvalidSignatureException', async () => {
      const t2 = await startServer({ enforce: 'on' });
      try {
        const unknown = await analyzer(t2, { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' }).send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: '{}' })).catch((x) => x);
        expect([unknown.name, unknown.$metadata.httpStatusCode, unknown.message]).toEqual(['UnrecognizedClientException', 403, 'The security token included in the request is invalid.']);
        const badSecret = await analyzer(t2, { accessKeyId: 'test', secretAccessKey: 'wrong' }).send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: '{}' })).catch((x) => x);
        expect([badSecret.name, badSecret.$metadata.httpStatusCode]).toEqual(['InvalidSignatureException', 403]);
      } finally {
        await t2.close();
      }
    });

    it('an unknown job is a ResourceNotFoundException', async () => {
      const e = await aa.send(new GetGeneratedPolicyCommand({ jobId: 'no-such-job' })).catch((x) => x);
      expect([e.name, e.$metadata.httpStatusCode]).toEqual(['ResourceNotFoundException', 404]);
    });
  });

  describe('custom policy checks through the SDK', () => {
    it('CheckAccessNotGranted, CheckNoNewAccess, CheckNoPublicAccess', async () => {
      const doc = policy({ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' });
      const denied = await aa.send(new CheckAccessNotGrantedCommand({ policyDocument: doc, policyType: 'IDENTITY_POLICY', access: [{ actions: ['s3:GetObject'] }] }));
      expect([denied.result, denied.reasons?.[0]?.statementIndex]).toEqual(['FAIL', 0]);
      expect((await aa.send(new CheckAccessNotGrantedCommand({ policyDocument: doc, policyType: 'IDENTITY_POLICY', access: [{ actions: ['s3:PutObject'] }] }))).result).toBe('PASS');
      const narrower = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' });
      expect((await aa.send(new CheckNoNewAccessCommand({ newPolicyDocument: narrower, existingPolicyDocument: doc, policyType: 'IDENTITY_POLICY' }))).result).toBe('PASS');
      expect((await aa.send(new CheckNoNewAccessCommand({ newPolicyDocument: doc, existingPolicyDocument: narrower, policyType: 'IDENTITY_POLICY' }))).result).toBe('FAIL');
      const bucket = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
      expect((await aa.send(new CheckNoPublicAccessCommand({ policyDocument: bucket, resourceType: 'AWS::S3::Bucket' }))).result).toBe('FAIL');
      const e = await aa.send(new CheckNoPublicAccessCommand({ policyDocument: 'not json', resourceType: 'AWS::S3::Bucket' })).catch((x) => x);
      expect([e.name, e.$metadata.httpStatusCode]).toEqual(['InvalidParameterException', 400]);
    });
  });

  it.skipIf(!hasAwsCli)('AWS CLI: aws accessanalyzer validate-policy --endpoint-url', async () => {
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(
        AWS_CLI,
        ['accessanalyzer', 'validate-policy', '--endpoint-url', t.url, '--region', 'us-east-1', '--policy-type', 'IDENTITY_POLICY', '--policy-document', policy(S({ Action: ['iam:PassRole', 's3:GetObjectt'] }))],
        { env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SESSION_TOKEN: '' }, cwd: '/' },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.code, out.stderr).toBe(0);
    expect(codes(JSON.parse(out.stdout).findings)).toEqual(['INVALID_ACTION', 'PASS_ROLE_WITH_STAR_IN_RESOURCE']);
  });
});

describe('policy generation round trip (IAM_LOCAL_ENFORCE=on)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer({ enforce: 'on' });
  });
  afterAll(() => t.close());

  it('the generated policy, attached to the role, allows exactly what the role used', async () => {
    const trust = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' });
    await t.iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trust }));
    await t.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await t.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const broad = await t.iam.send(new CreatePolicyCommand({ PolicyName: 'broad', PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) }));
    await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: broad.Policy!.Arn }));
    // Root may not assume roles: a deployer user may.
    await t.iam.send(new CreateUserCommand({ UserName: 'deployer' }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'deployer', PolicyName: 'assume', PolicyDocument: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) }));
    const key = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }))).AccessKey!;
    const deployer = t.stsAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    const session = async () => {
      const c = (await deployer.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 'generation' }))).Credentials!;
      return t.iamAs({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
    };
    const startTime = new Date(Date.now() - 1000);
    const app = await session();
    await app.send(new ListUsersCommand({}));
    await app.send(new GetUserCommand({ UserName: 'alice' }));

    const started = await analyzer(t).send(new StartPolicyGenerationCommand({
      policyGenerationDetails: { principalArn: 'arn:aws:iam::000000000000:role/app' },
      cloudTrailDetails: { trails: [{ cloudTrailArn: 'arn:aws:cloudtrail:us-east-1:000000000000:trail/local', allRegions: true }], accessRole: 'arn:aws:iam::000000000000:role/aa', startTime },
    }));
    const listed = await analyzer(t).send(new ListPolicyGenerationsCommand({ principalArn: 'arn:aws:iam::000000000000:role/app' }));
    expect(listed.policyGenerations!.map((g) => [g.jobId, g.status])).toEqual([[started.jobId, 'IN_PROGRESS']]);
    const got = await analyzer(t).send(new GetGeneratedPolicyCommand({ jobId: started.jobId }));
    expect(got.jobDetails!.status).toBe('SUCCEEDED');
    expect(got.generatedPolicyResult!.properties).toMatchObject({ isComplete: true, principalArn: 'arn:aws:iam::000000000000:role/app' });
    expect(got.generatedPolicyResult!.properties!.cloudTrailProperties!.trailProperties).toEqual([{ cloudTrailArn: 'arn:aws:cloudtrail:us-east-1:000000000000:trail/local', allRegions: true }]);
    const generated = got.generatedPolicyResult!.generatedPolicies!.map((p) => p.policy!);
    expect(generated).toHaveLength(1);
    const statements = JSON.parse(generated[0]!).Statement as { Action: string | string[]; Resource: string | string[] }[];
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual(['iam:GetUser', 'iam:ListUsers']);
    expect(statements.find((s) => s.Action === 'iam:GetUser')!.Resource).toBe('arn:aws:iam::000000000000:user/alice');

    // Swap the broad policy for the generated one: what was used still works, nothing else does.
    await t.iam.send(new DetachRolePolicyCommand({ RoleName: 'app', PolicyArn: broad.Policy!.Arn }));
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'generated', PolicyDocument: generated[0]! }));
    const narrowed = await session();
    await narrowed.send(new ListUsersCommand({}));
    expect((await narrowed.send(new GetUserCommand({ UserName: 'alice' }))).User!.UserName).toBe('alice');
    for (const call of [narrowed.send(new GetUserCommand({ UserName: 'bob' })), narrowed.send(new ListRolesCommand({}))]) {
      const e = await call.catch((x) => x);
      expect([e.name, e.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    }
    await t.iam.send(new DeleteRolePolicyCommand({ RoleName: 'app', PolicyName: 'generated' }));
  });

  it('cancel, conflicts and placeholders', async () => {
    const aa = analyzer(t);
    const a = await aa.send(new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: 'arn:aws:iam::000000000000:user/alice' } }));
    const e = await aa.send(new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: 'arn:aws:iam::000000000000:user/alice' } })).catch((x) => x);
    expect([e.name, e.$metadata.httpStatusCode]).toEqual(['ConflictException', 409]);
    await aa.send(new CancelPolicyGenerationCommand({ jobId: a.jobId }));
    const got = await aa.send(new GetGeneratedPolicyCommand({ jobId: a.jobId }));
    expect(got.jobDetails!.status).toBe('CANCELED');
    expect(got.generatedPolicyResult!.generatedPolicies).toBeUndefined();
    const missing = await aa.send(new StartPolicyGenerationCommand({ policyGenerationDetails: { principalArn: 'arn:aws:iam::000000000000:role/nobody' } })).catch((x) => x);
    expect(missing.name).toBe('ValidationException');

    const app = await aa.send(new ListPolicyGenerationsCommand({ principalArn: 'arn:aws:iam::000000000000:role/app' }));
    const withPlaceholders = await aa.send(new GetGeneratedPolicyCommand({ jobId: app.policyGenerations![0]!.jobId, includeResourcePlaceholders: true }));
    const st = JSON.parse(withPlaceholders.generatedPolicyResult!.generatedPolicies![0]!.policy!).Statement as { Action: string | string[]; Resource: string }[];
    expect(st.find((s) => [s.Action].flat().includes('iam:GetUser'))!.Resource).toBe('arn:aws:iam::000000000000:user/${UserNameWithPath}');
  });

  it('the caller needs access-analyzer permissions when enforcing', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'nobody-aa' }));
    const k = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'nobody-aa' }))).AccessKey!;
    const e = await analyzer(t, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! })
      .send(new ValidatePolicyCommand({ policyType: 'IDENTITY_POLICY', policyDocument: '{}' }))
      .catch((x) => x);
    expect([e.name, e.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 403]);
    expect(e.message).toBe('User: arn:aws:iam::000000000000:user/nobody-aa is not authorized to perform: access-analyzer:ValidatePolicy on resource: * because no identity-based policy allows the access-analyzer:ValidatePolicy action');
  });
});
