// Policy-document validation by CreatePolicy: each invalid document answers with IAM's first failing check and
// its exact message; each valid one is accepted. Documents and answers as recorded against AWS.
import type { ConformanceCase } from '../types.js';

const LS = 'localstack/localstack tests/aws/services/iam/test_iam_policies.snapshot.json TestPolicyDocumentValidity';
const B = 'arn:aws:s3:::example_bucket';
const V = '2012-10-17';
type Doc = string | Record<string, unknown>;
const S = (Statement: unknown): Doc => ({ Version: V, Statement });
const text = (d: Doc) => (typeof d === 'string' ? d : JSON.stringify(d));

const SYNTAX = 'Syntax errors in policy.';
const VERSION = 'Policy document must be version 2012-10-17 or greater.';
const LEGACY = 'The policy failed legacy parsing';
const VENDOR = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
const ONE_COLON = 'Actions/Condition can contain only one colon.';
const NO_ACTIONS = 'Policy statement must contain actions.';
const NO_RESOURCES = 'Policy statement must contain resources.';
const IAM_PATH =
  'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.';

/** [index in the recording, document, AWS's message] */
const INVALID: [number, Doc, string][] = [
  [0, 'This is not a json document', SYNTAX],
  [1, { Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: B } }, VERSION],
  [2, { Version: '2008-10-17', Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: B } }, VERSION],
  [3, { Version: '2013-10-17', Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: B } }, SYNTAX],
  [4, { Version: V }, SYNTAX],
  [5, { Version: V, Statement: ['afd'] }, SYNTAX],
  [6, { Version: V, Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: B }, 'Extra field': 'value' }, SYNTAX],
  [7, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, 'Extra field': 'value' }), SYNTAX],
  [8, { Version: V, Id: ['cd3a324d2343d942772346-34234234423404-4c2242343242349d1642ee'], Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: B } }, SYNTAX],
  [9, { Version: V, Id: {}, Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: B } }, SYNTAX],
  [10, S({ Effect: 'invalid', Action: 's3:ListBucket', Resource: B }), SYNTAX],
  [11, S({ Effect: 'Allow', Action: 'invalid', Resource: B }), VENDOR],
  [12, S({ Effect: 'Allow', NotAction: '', Resource: B }), VENDOR],
  [13, S({ Effect: 'Allow', Action: 'a a:ListBucket', Resource: B }), 'Vendor a a is not valid'],
  [14, S({ Effect: 'Allow', Action: 's3:List:Bucket', Resource: B }), ONE_COLON],
  [15, S([{ Effect: 'Allow', Action: 's3s:ListBucket', Resource: B }, { Effect: 'Allow', Action: 's:3s:ListBucket', Resource: B }]), ONE_COLON],
  [16, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'invalid resource' }), 'Resource invalid resource must be in ARN format or "*".'],
  [
    17,
    S([
      { Sid: 'EnableDisableHongKong', Effect: 'Allow', Action: ['account:EnableRegion', 'account:DisableRegion'], Resource: '', Condition: { StringEquals: { 'account:TargetRegion': 'ap-east-1' } } },
      { Sid: 'ViewConsole', Effect: 'Allow', Action: ['aws-portal:ViewAccount', 'account:ListRegions'], Resource: '' },
    ]),
    'Resource  must be in ARN format or "*".',
  ],
  [18, S({ Effect: 'Allow', Action: 's:3:ListBucket', Resource: 'sdfsadf' }), 'Resource sdfsadf must be in ARN format or "*".'],
  [19, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: ['adf'] }), 'Resource adf must be in ARN format or "*".'],
  [20, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '' }), 'Resource  must be in ARN format or "*".'],
  [21, S({ Effect: 'Allow', NotAction: 's3s:ListBucket', Resource: 'a:bsdfdsafsad' }), 'Partition "bsdfdsafsad" is not valid for resource "arn:bsdfdsafsad:*:*:*:*".'],
  [22, S({ Effect: 'Allow', NotAction: 's3s:ListBucket', Resource: 'a:b:cadfsdf' }), 'Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".'],
  [23, S({ Effect: 'Allow', NotAction: 's3s:ListBucket', Resource: 'a:b:c:d:e:f:g:h' }), 'Partition "b" is not valid for resource "arn:b:c:d:e:f:g:h".'],
  [24, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'aws:s3:::example_bucket' }), 'Partition "s3" is not valid for resource "arn:s3:::example_bucket:*".'],
  [25, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: ['arn:error:s3:::example_bucket', 'arn:error:s3::example_bucket'] }), 'Partition "error" is not valid for resource "arn:error:s3:::example_bucket".'],
  [26, { Version: V, Statement: [] }, SYNTAX],
  [27, S({ Effect: 'Allow', Action: 's3:ListBucket' }), NO_RESOURCES],
  [28, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: [] }), NO_RESOURCES],
  [29, S({ Effect: 'Allow', Action: 'invalid' }), NO_RESOURCES],
  [30, S({ Effect: 'Allow', Resource: B }), NO_ACTIONS],
  [31, S({ Action: 's3:ListBucket', Resource: B }), SYNTAX],
  [32, S({ Effect: 'Allow' }), NO_ACTIONS],
  [33, S({ Effect: 'Allow', Action: [], Resource: B }), NO_ACTIONS],
  [34, S([{ Effect: 'Deny' }, { Effect: 'Allow', Action: 's3:ListBucket', Resource: B }]), NO_ACTIONS],
  [35, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:iam:::example_bucket' }), IAM_PATH],
  [36, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3::example_bucket' }), LEGACY],
  [37, S({ Effect: 'Allow', Resource: 'arn:aws:s3::example_bucket' }), LEGACY],
  [38, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws' }), 'Resource vendor must be fully qualified and cannot contain regexes.'],
  [39, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: { a: B } }), SYNTAX],
  [40, S({ Effect: 'Deny', Action: 's3:ListBucket', Resource: ['adfdf', {}] }), SYNTAX],
  [41, S({ Effect: 'Allow', NotAction: 's3:ListBucket', Resource: B, NotResource: [] }), SYNTAX],
  [42, S({ Effect: 'Deny', Action: [[]], Resource: B }), SYNTAX],
  [43, S({ Effect: 'Allow', NotAction: 's3s:ListBucket', Action: [], Resource: B }), SYNTAX],
  [44, S({ Effect: 'Allow', Action: {}, Resource: B }), SYNTAX],
  [45, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: [] }), SYNTAX],
  [46, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: 'a' }), SYNTAX],
  [47, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { a: 'b' } }), SYNTAX],
  [48, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { DateGreaterThan: 'b' } }), SYNTAX],
  [49, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { DateGreaterThan: [] } }), SYNTAX],
  [50, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { DateGreaterThan: { a: {} } } }), SYNTAX],
  [51, S({ Effect: 'Allow', Resource: B, Condition: { DateGreaterThan: { a: {} } } }), SYNTAX],
  [52, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { x: { a: '1' } } }), SYNTAX],
  [53, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { 'ForAnyValue::StringEqualsIfExists': { a: 'asf' } } }), SYNTAX],
  [54, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'Department' } }] }), SYNTAX],
  [55, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:iam:us-east-1::example_bucket' }), 'IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information.'],
  [56, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:us-east-1::example_bucket' }), 'Resource arn:aws:s3:us-east-1::example_bucket can not contain region information.'],
  [57, S({ Sid: {}, Effect: 'Allow', Action: 's3:ListBucket', Resource: B }), SYNTAX],
  [58, S({ Sid: [], Effect: 'Allow', Action: 's3:ListBucket', Resource: B }), SYNTAX],
  [59, S([{ Sid: 'sdf', Effect: 'Allow', Action: 's3:ListBucket', Resource: B }, { Sid: 'sdf', Effect: 'Allow' }]), 'Statement IDs (SID) in a single policy must be unique.'],
  [60, { Statement: [{ Sid: 'sdf', Effect: 'Allow', Action: 's3:ListBucket', Resource: B }, { Sid: 'sdf', Effect: 'Allow' }] }, VERSION],
  [61, S({ Effect: 'Allow', NotAction: 's3:ListBucket', Action: 'iam:dsf', Resource: B }), SYNTAX],
  [62, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, NotResource: '*' }), SYNTAX],
  [63, S({ Effect: 'denY', Action: 's3:ListBucket', Resource: B }), LEGACY],
  [64, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { DateGreaterThan: { a: 'sdfdsf' } } }), LEGACY],
  [65, { Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { DateGreaterThan: { a: 'sdfdsf' } } } }, VERSION],
  [66, { Statement: { Effect: 'denY', Action: 's3:ListBucket', Resource: B } }, VERSION],
  [67, S({ Effect: 'Allow', Condition: { DateGreaterThan: { a: 'sdfdsf' } } }), LEGACY],
  [68, S({ Effect: 'Allow', NotAction: 's3:ListBucket', Resource: 'arn:aws::::example_bucket' }), LEGACY],
  [69, S({ Effect: 'allow', Resource: 'arn:aws:s3:us-east-1::example_bucket' }), LEGACY],
  [70, S([{ Sid: 'sdf', Effect: 'aLLow', Action: 's3:ListBucket', Resource: B }, { Sid: 'sdf', Effect: 'Allow' }]), LEGACY],
  [71, S({ Effect: 'Allow', Action: 's3:ListBucket', NotResource: 'arn:aws:s3::example_bucket' }), LEGACY],
  [72, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { DateLessThanEquals: { a: '234-13' } } }), LEGACY],
  [73, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.593194+1' } } }), LEGACY],
  [74, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.1999999999+10:59' } } }), LEGACY],
  [75, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, Condition: { DateLessThan: { a: '9223372036854775808' } } }), LEGACY],
  [76, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:error:s3:::example_bucket', Condition: { DateGreaterThan: { a: 'sdfdsf' } } }), LEGACY],
  [77, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws::fdsasf' }), LEGACY],
];

const st = (extra: Record<string, unknown>) => S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: B, ...extra });
/** [index in the recording, document] — each accepted by CreatePolicy. */
const VALID: [number, Doc][] = [
  [0, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: [B] })],
  [1, S({ Effect: 'Allow', Action: 'iam: asdf safdsf af ', Resource: B })],
  [2, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: [B, '*'] })],
  [3, S({ Effect: 'Allow', Action: '*', Resource: B })],
  [5, S({ Effect: 'Allow', Action: 'service-prefix:action-name', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2017-07-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2017-12-31T23:59:59Z' } } })],
  [7, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:iam:::user/example_bucket' })],
  [8, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s33:::example_bucket' })],
  [9, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:fdsasf' })],
  [10, st({ Condition: {} })],
  [12, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:cloudwatch:us-east-1::example_bucket' })],
  [15, S({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:invalid-service:us-east-1::example_bucket' })],
  [17, st({ Condition: { DateGreaterThan: {} } })],
  [18, st({ Condition: { DateGreaterThan: { a: [] } } })],
  [19, st({ Condition: { a: {} } })],
  [23, S({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'] })],
  [24, { Version: V, Id: 'sdfsdfsdf', Statement: { Effect: 'Allow', NotAction: 's3:ListBucket', Resource: B } }],
  [26, S({ Effect: 'Allow', Action: 's3-s:ListBucket', Resource: B })],
  [27, S({ Effect: 'Allow', Action: 's3.s:ListBucket', Resource: B })],
  [30, st({ Condition: { DateGreaterThan: { a: '01T' } } })],
  [31, st({ Condition: { x: {}, y: {} } })],
  [33, st({ Condition: { 'ForAnyValue:StringEqualsIfExists': { a: 'asf' } } })],
  [35, st({ Condition: { DateLessThanEquals: { a: '2016-12-13T21:20:37.593194+00:00' } } })],
  [36, st({ Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.593194+23' } } })],
  [37, st({ Condition: { DateLessThan: { a: '-292275054' } } })],
  [
    43,
    S([
      { Sid: 'ListYourObjects', Effect: 'Allow', Action: 's3:ListBucket', Resource: ['arn:aws:s3:::bucket-name'], Condition: { StringLike: { 's3:prefix': ['cognito/application-name/${cognito-identity.amazonaws.com:sub}'] } } },
      { Sid: 'ReadWriteDeleteYourObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: ['arn:aws:s3:::bucket-name/cognito/application-name/${cognito-identity.amazonaws.com:sub}', 'arn:aws:s3:::bucket-name/cognito/application-name/${cognito-identity.amazonaws.com:sub}/*'] },
    ]),
  ],
  [46, S([{ Sid: 'AllowManageOwnPasswords', Effect: 'Allow', Action: ['iam:ChangePassword', 'iam:GetUser'], Resource: 'arn:aws:iam::*:user/${aws:username}' }])],
  [48, S([{ Effect: 'Allow', Action: 'rds:*', Resource: ['arn:aws:rds:region:*:*'] }, { Effect: 'Allow', Action: ['rds:Describe*'], Resource: ['*'] }])],
  [49, S([{ Sid: '', Effect: 'Allow', Action: 'rds:*', Resource: ['arn:aws:rds:region:*:*'] }, { Sid: '', Effect: 'Allow', Action: ['rds:Describe*'], Resource: ['*'] }])],
  [50, S([{ Sid: '', Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point', 'arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/*'] }])],
];

export const cases: ConformanceCase[] = [
  ...INVALID.map(([i, doc, message]): ConformanceCase => ({
    id: `policy-documents/invalid-${i}`,
    source: `${LS}::test_create_policy_invalid_document[invalid-${i}] (recorded 18-02-2026)`,
    steps: [
      {
        action: 'CreatePolicy',
        params: { PolicyName: `p${i}`, PolicyDocument: text(doc) },
        expect: { status: 400, error: { Code: 'MalformedPolicyDocument', Message: message, Type: 'Sender' } },
      },
    ],
  })),
  ...VALID.map(([i, doc]): ConformanceCase => ({
    id: `policy-documents/valid-${i}`,
    source: `${LS}::test_create_policy_valid_document[valid-${i}] (recorded 10-02-2026)`,
    steps: [
      {
        action: 'CreatePolicy',
        params: { PolicyName: `v${i}`, PolicyDocument: text(doc) },
        expect: {
          result: {
            Policy: {
              Arn: `arn:aws:iam::{{account}}:policy/v${i}`,
              AttachmentCount: 0,
              CreateDate: '<datetime>',
              DefaultVersionId: 'v1',
              IsAttachable: true,
              Path: '/',
              PermissionsBoundaryUsageCount: 0,
              PolicyId: '<any>',
              PolicyName: `v${i}`,
              UpdateDate: '<datetime>',
            },
          },
        },
      },
    ],
  })),
];
