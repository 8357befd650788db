// lintPolicy: what Access Analyzer's ValidatePolicy would report, each finding at the key or value it
// is about. Issue codes and finding types are Access Analyzer's (ValidatePolicyFinding and the IAM
// policy validation check reference); the findingDetails wording is unconfirmed against a recorded
// AWS answer (no public snapshot of ValidatePolicy findings was found), so only the codes, positions
// and the named values are asserted exactly.
import { describe, expect, it } from 'vitest';
import { causeOfRefusal, lintPolicy } from '../src/policy/lint.js';
import { catalogFor } from '../src/access-analyzer/catalog.js';
import { awsPolicyDocument } from '../src/iam/aws-managed/catalog.js';

const lint = async (doc: string, kind: 'identity' | 'trust' = 'identity') => lintPolicy(doc, kind, await catalogFor(doc));
const brief = (fs: Awaited<ReturnType<typeof lint>>) => fs.map((f) => `${f.issueCode}@${f.start.line}:${f.start.column}-${f.end.line}:${f.end.column}`);

describe('lintPolicy', () => {
  it('a clean policy has no findings; one without Version only the MISSING_VERSION warning', async () => {
    expect(await lint('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","ec2:Describe*","iam:*User"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a","s3:prefix":"x"},"IpAddress":{"aws:SourceIp":"1.2.3.4"}}}]}')).toEqual([]);
    const f = await lint('{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}');
    expect(f.map((x) => [x.issueCode, x.findingType])).toEqual([['MISSING_VERSION', 'WARNING']]);
    // aws:SourceIp is an IPAddress key: a string operator on it is Access Analyzer's TYPE_MISMATCH.
    const t = await lint('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceIp":"1.2.3.4"}}}]}');
    expect(t.map((x) => [x.issueCode, x.findingType])).toEqual([['TYPE_MISMATCH', 'WARNING']]);
  });

  it('points at the misspelt element, the bad Effect value, unknown actions, services and condition keys', async () => {
    const doc = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [{',
      '    "Effect": "Alow",',
      '    "Action": ["s3:GetObjectt", "s4:GetObject", "s3:Gett*"],',
      '    "Resourse": "*",',
      '    "Condition": { "StringEquals": { "aws:SourceIpp": "x", "s3:prefixx": "y", "saml:aud": "z", "accounts.google.com:aud": "w" } }',
      '  }]',
      '}',
    ].join('\n');
    const f = await lint(doc);
    expect(brief(f)).toEqual([
      'MISSING_RESOURCE@3:17-3:18',
      'INVALID_EFFECT@4:15-4:21',
      'INVALID_ACTION@5:16-5:31',
      'INVALID_SERVICE_IN_ACTION@5:33-5:47',
      'INVALID_ACTION@5:49-5:59',
      'INVALID_POLICY_ELEMENT@6:5-6:15',
      'INVALID_GLOBAL_CONDITION_KEY@7:38-7:53',
      'INVALID_SERVICE_CONDITION_KEY@7:60-7:72',
    ]);
    const by = (c: string) => f.find((x) => x.issueCode === c)!;
    expect(by('INVALID_POLICY_ELEMENT').findingDetails).toContain('Resourse');
    expect(by('INVALID_POLICY_ELEMENT').hint).toContain('"Resource"');
    expect(by('INVALID_EFFECT').hint).toContain('"Allow"');
    expect(f.filter((x) => x.issueCode === 'INVALID_ACTION')[0]!.hint).toContain('s3:GetObject?');
    expect(by('INVALID_SERVICE_IN_ACTION').hint).toContain('"s3"');
    expect(by('INVALID_GLOBAL_CONDITION_KEY').hint).toContain('aws:SourceIp?');
    expect(by('INVALID_SERVICE_CONDITION_KEY').hint).toContain('s3:prefix?');
    // IAM itself refuses the misspelt element and the Effect; an unknown action it accepts.
    expect(f.filter((x) => x.iamRefuses).map((x) => x.issueCode).sort()).toEqual(['INVALID_EFFECT', 'INVALID_POLICY_ELEMENT', 'MISSING_RESOURCE']);
    expect(causeOfRefusal('Syntax errors in policy.', 0, f)?.issueCode).toBe('INVALID_POLICY_ELEMENT');
    expect(causeOfRefusal('The policy failed legacy parsing', 0, f)?.issueCode).toBe('INVALID_EFFECT');
  });

  it('trust policies: a Principal is required, federation condition keys are not services', async () => {
    const f = await lint('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Federated":"accounts.google.com"},"Condition":{"StringEquals":{"accounts.google.com:aud":"x","sts:ExternalIdd":"y"}}},{"Effect":"Allow","Action":"sts:AssumeRole"}]}', 'trust');
    expect(f.map((x) => x.issueCode)).toEqual(['INVALID_SERVICE_CONDITION_KEY', 'MISSING_PRINCIPAL']);
  });

  it('a JSON syntax error is one finding with its position', async () => {
    expect(brief(await lint('{\n  "Version": "2012-10-17",\n  "Statement": [ {"Effect": "Allow",, } ]\n}'))).toEqual(['JSON_SYNTAX_ERROR@3:37-3:38']);
  });

  it('AWS managed policies that IAM and Access Analyzer accept draw none of these findings', async () => {
    // Wildcard account/Region in EC2 ARNs, kms:EncryptionContext:<key>, SSM ARNs with wildcards in
    // the resource part, ArnEquals with wildcards (which match as in ArnLike).
    for (const name of ['AmazonEBSCSIDriverEKSClusterScopedPolicy', 'AmazonBedrockStudioPermissionsBoundary', 'AWSMarketplaceImageBuildFullAccess', 'AIOpsConsoleAdminPolicy']) {
      const doc = awsPolicyDocument(`arn:aws:iam::aws:policy/${name}`);
      expect(doc, name).toBeDefined();
      const f = await lint(doc!);
      expect(f.filter((x) => ['ARN_ACCOUNT_NOT_ALLOWED', 'ARN_REGION_NOT_ALLOWED', 'INVALID_SERVICE_CONDITION_KEY', 'WILDCARD_WITHOUT_LIKE_OPERATOR'].includes(x.issueCode)), name).toEqual([]);
    }
  });
});
