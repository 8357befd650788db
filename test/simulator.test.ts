// The Policy Simulator over the real IAM SDK: SimulateCustomPolicy, SimulatePrincipalPolicy
// (user + groups, role, boundary, extra policies, resource policy, caller, context entries of every
// type, pagination) and GetContextKeysFor*Policy, with AWS's errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type ContextEntry,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

const A = '000000000000';
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const pretty = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement }, null, 2);

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
  await t.iam.send(new CreateUserCommand({ UserName: 'alice' }));
  await t.iam.send(new CreateGroupCommand({ GroupName: 'Devs' }));
  await t.iam.send(new AddUserToGroupCommand({ GroupName: 'Devs', UserName: 'alice' }));
  await t.iam.send(
    new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'AliceS3', PolicyDocument: pretty({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }) }),
  );
  await t.iam.send(
    new PutGroupPolicyCommand({ GroupName: 'Devs', PolicyName: 'NoDelete', PolicyDocument: pretty({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }) }),
  );
  await t.iam.send(new CreatePolicyCommand({ PolicyName: 'ListAll', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }) }));
  await t.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: `arn:aws:iam::${A}:policy/ListAll` }));
  await t.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
});
afterAll(() => t.close());

describe('SimulateCustomPolicy', () => {
  // Positions as AWS reports them: just after the statement's `{` and just after its `}` (AWS CLI reference,
  // simulate-custom-policy example: a one-line policy whose statement `{` is the 37th character starts at column 38).
  it('decides each action × resource with the matched statement and its position', async () => {
    const policy = pretty({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' });
    const r = await t.iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['s3:GetObject', 's3:PutObject'], ResourceArns: ['arn:aws:s3:::my-bucket/a.txt'] }),
    );
    expect(r.IsTruncated).toBe(false);
    expect(r.EvaluationResults).toEqual([
      {
        EvalActionName: 's3:GetObject',
        EvalResourceName: 'arn:aws:s3:::my-bucket/a.txt',
        EvalDecision: 'allowed',
        MatchedStatements: [
          { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 4, Column: 6 }, EndPosition: { Line: 8, Column: 6 } },
        ],
        MissingContextValues: [],
        // Same account with a resource list: present but empty, as AWS documents.
        EvalDecisionDetails: {},
        ResourceSpecificResults: [
          {
            EvalResourceName: 'arn:aws:s3:::my-bucket/a.txt',
            EvalResourceDecision: 'allowed',
            MatchedStatements: [
              { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 4, Column: 6 }, EndPosition: { Line: 8, Column: 6 } },
            ],
            MissingContextValues: [],
          },
        ],
      },
      expect.objectContaining({ EvalActionName: 's3:PutObject', EvalDecision: 'implicitDeny', MatchedStatements: [] }),
    ]);
  });

  it('without ResourceArns the resource is "*"; conditions without context report MissingContextValues', async () => {
    const policy = doc({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } });
    const r = await t.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['s3:GetObject'] }));
    expect(r.EvaluationResults![0]).toMatchObject({ EvalResourceName: '*', EvalDecision: 'implicitDeny', MissingContextValues: ['aws:SourceIp'] });
    expect(r.EvaluationResults![0]!.ResourceSpecificResults).toBeUndefined();
    const ctx = (ip: string): ContextEntry[] => [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: [ip] }];
    const inside = await t.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['s3:GetObject'], ContextEntries: ctx('203.0.113.9') }));
    expect(inside.EvaluationResults![0]).toMatchObject({ EvalDecision: 'allowed', MissingContextValues: [] });
    const outside = await t.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['s3:GetObject'], ContextEntries: ctx('198.51.100.1') }));
    expect(outside.EvaluationResults![0]!.EvalDecision).toBe('implicitDeny');
  });

  it('context entries of every type', async () => {
    const cases: [object, ContextEntry, boolean][] = [
      [{ StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, { ContextKeyName: 'aws:PrincipalTag/team', ContextKeyType: 'string', ContextKeyValues: ['blue'] }, true],
      [{ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } }, { ContextKeyName: 'aws:TagKeys', ContextKeyType: 'stringList', ContextKeyValues: ['owner', 'env'] }, true],
      [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, { ContextKeyName: 'aws:TagKeys', ContextKeyType: 'stringList', ContextKeyValues: ['owner', 'env'] }, false],
      [{ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { ContextKeyName: 'aws:MultiFactorAuthAge', ContextKeyType: 'numeric', ContextKeyValues: ['120'] }, true],
      [{ 'ForAnyValue:NumericEquals': { 'test:Ports': '443' } }, { ContextKeyName: 'test:Ports', ContextKeyType: 'numericList', ContextKeyValues: ['80', '443'] }, true],
      [{ Bool: { 'aws:SecureTransport': 'true' } }, { ContextKeyName: 'aws:SecureTransport', ContextKeyType: 'boolean', ContextKeyValues: ['false'] }, false],
      [{ 'ForAnyValue:Bool': { 'test:Flags': 'true' } }, { ContextKeyName: 'test:Flags', ContextKeyType: 'booleanList', ContextKeyValues: ['false', 'true'] }, true],
      [{ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, { ContextKeyName: 'aws:CurrentTime', ContextKeyType: 'date', ContextKeyValues: ['2026-11-29T12:00:00Z'] }, true],
      [{ 'ForAnyValue:DateGreaterThan': { 'test:Dates': '2025-01-01T00:00:00Z' } }, { ContextKeyName: 'test:Dates', ContextKeyType: 'dateList', ContextKeyValues: ['2020-01-01T00:00:00Z'] }, false],
      [{ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['192.0.2.1'] }, true],
      [{ 'ForAnyValue:IpAddress': { 'test:Ips': '2001:db8::/32' } }, { ContextKeyName: 'test:Ips', ContextKeyType: 'ipList', ContextKeyValues: ['192.0.2.1', '2001:db8::1'] }, true],
      [{ BinaryEquals: { 'test:Blob': 'QmluYXJ5' } }, { ContextKeyName: 'test:Blob', ContextKeyType: 'binary', ContextKeyValues: ['QmluYXJ5'] }, true],
      [{ 'ForAnyValue:BinaryEquals': { 'test:Blobs': 'QmluYXJ5' } }, { ContextKeyName: 'test:Blobs', ContextKeyType: 'binaryList', ContextKeyValues: ['T3RoZXI=', 'QmluYXJ5'] }, true],
    ];
    for (const [Condition, entry, expected] of cases) {
      const r = await t.iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition })],
          ActionNames: ['s3:GetObject'],
          ContextEntries: [entry],
        }),
      );
      expect([entry.ContextKeyType, r.EvaluationResults![0]!.EvalDecision]).toEqual([entry.ContextKeyType, expected ? 'allowed' : 'implicitDeny']);
    }
  });

  it('a permissions boundary input: PermissionsBoundaryDecisionDetail', async () => {
    const r = await t.iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })],
        PermissionsBoundaryPolicyInputList: [doc({ Effect: 'Allow', Action: 'iam:CreateUser', Resource: 'arn:aws:iam::*:user/dev/*' })],
        ActionNames: ['iam:CreateUser'],
        ResourceArns: [`arn:aws:iam::${A}:user/dev/bot`, `arn:aws:iam::${A}:user/prod/bot`],
      }),
    );
    expect(r.EvaluationResults!.map((e) => [e.EvalResourceName, e.EvalDecision, e.PermissionsBoundaryDecisionDetail])).toEqual([
      [`arn:aws:iam::${A}:user/dev/bot`, 'allowed', { AllowedByPermissionsBoundary: true }],
      [`arn:aws:iam::${A}:user/prod/bot`, 'implicitDeny', { AllowedByPermissionsBoundary: false }],
    ]);
  });

  it('a resource policy with a caller, and cross-account ResourceOwner: EvalDecisionDetails', async () => {
    const bucketPolicy = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' });
    const same = await t.iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' })],
        ResourcePolicy: bucketPolicy,
        CallerArn: `arn:aws:iam::${A}:user/alice`,
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::shared/x'],
      }),
    );
    expect(same.EvaluationResults![0]).toMatchObject({
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'resource' }],
      EvalDecisionDetails: { 'IAM Policy': 'implicitDeny', 'Resource Policy': 'allowed' },
    });
    const cross = await t.iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' })],
        ResourcePolicy: bucketPolicy,
        ResourceOwner: '111122223333',
        CallerArn: `arn:aws:iam::${A}:user/alice`,
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::shared/x'],
      }),
    );
    expect(cross.EvaluationResults![0]).toMatchObject({ EvalDecision: 'implicitDeny' });
    // The caller must be an IAM user, and is required with a resource policy.
    for (const CallerArn of [undefined, `arn:aws:sts::${A}:assumed-role/R/s`, `arn:aws:iam::${A}:role/R`])
      expect(
        await sdkError(t.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' })], ResourcePolicy: bucketPolicy, CallerArn, ActionNames: ['s3:GetObject'] }))),
      ).toEqual({ name: 'InvalidInputException', status: 400, message: 'Invalid caller - Caller must be an IAM user in this context.' });
  });

  it('service control policies (OrderedOrganizationPolicyInputList): OrganizationsDecisionDetail', async () => {
    const admin = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
    const scpAllowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
    const scpNoIam = doc({ Effect: 'Deny', Action: 'iam:*', Resource: '*' });
    const scpOnlyS3 = doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const r = await t.iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [admin],
        OrderedOrganizationPolicyInputList: [{ ServiceControlPolicyInputList: [scpAllowAll, scpNoIam] }, { ServiceControlPolicyInputList: [scpOnlyS3] }],
        ActionNames: ['s3:GetObject', 'ec2:RunInstances', 'iam:CreateUser'],
      }),
    );
    expect(r.EvaluationResults!.map((e) => [e.EvalActionName, e.EvalDecision, e.OrganizationsDecisionDetail])).toEqual([
      ['s3:GetObject', 'allowed', { AllowedByOrganizations: true }],
      ['ec2:RunInstances', 'implicitDeny', { AllowedByOrganizations: false }],
      ['iam:CreateUser', 'explicitDeny', { AllowedByOrganizations: false }],
    ]);
    expect(r.EvaluationResults![2]!.MatchedStatements).toEqual([
      expect.objectContaining({ SourcePolicyId: 'OrderedOrganizationPolicyInputList.1.ServiceControlPolicyInputList.2' }),
    ]);
  });

  it('pagination with MaxItems and Marker', async () => {
    const input = { PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })], ActionNames: ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances'] };
    const p1 = await t.iam.send(new SimulateCustomPolicyCommand({ ...input, MaxItems: 2 }));
    expect(p1.EvaluationResults!.map((e) => e.EvalActionName)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(p1.IsTruncated).toBe(true);
    const p2 = await t.iam.send(new SimulateCustomPolicyCommand({ ...input, MaxItems: 2, Marker: p1.Marker }));
    expect(p2.EvaluationResults!.map((e) => [e.EvalActionName, e.EvalDecision])).toEqual([['ec2:RunInstances', 'implicitDeny']]);
    expect(p2.IsTruncated).toBe(false);
    expect(p2.Marker).toBeUndefined();
  });

  it('a malformed policy is InvalidInput', async () => {
    const err = await sdkError(t.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Version":"2012-10-17","Statement":[{"Action":"s3:*"'], ActionNames: ['s3:GetObject'] })));
    expect(err).toMatchObject({ name: 'InvalidInputException', status: 400 });
  });
});

describe('SimulatePrincipalPolicy', () => {
  it("a user: its own inline and managed policies and its groups' — ids and types as AWS reports them", async () => {
    const r = await t.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${A}:user/alice`,
        ActionNames: ['s3:GetObject', 's3:DeleteObject', 's3:ListBucket', 'iam:GetUser', 'ec2:RunInstances'],
        ResourceArns: ['arn:aws:s3:::my-bucket/report.csv'],
      }),
    );
    const byAction: Record<string, EvaluationResult> = Object.fromEntries(r.EvaluationResults!.map((e) => [e.EvalActionName!, e]));
    expect(byAction['s3:GetObject']!.EvalDecision).toBe('allowed');
    expect(byAction['s3:GetObject']!.MatchedStatements!.map((m) => [m.SourcePolicyId, m.SourcePolicyType])).toEqual([
      ['AliceS3', 'user'],
      ['ReadOnlyAccess', 'aws-managed'],
    ]);
    expect(byAction['s3:DeleteObject']).toMatchObject({ EvalDecision: 'explicitDeny', MatchedStatements: [{ SourcePolicyId: 'NoDelete', SourcePolicyType: 'group' }] });
    expect(byAction['s3:ListBucket']!.MatchedStatements!.map((m) => [m.SourcePolicyId, m.SourcePolicyType])).toContainEqual(['ListAll', 'user-managed']);
    expect(byAction['iam:GetUser']!.EvalDecision).toBe('allowed');
    expect(byAction['ec2:RunInstances']!.EvalDecision).toBe('implicitDeny');
  });

  it("PolicyInputList adds policies; the user's boundary applies unless PermissionsBoundaryPolicyInputList replaces it", async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'bounded' }));
    await t.iam.send(new PutUserPolicyCommand({ UserName: 'bounded', PolicyName: 'All', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }));
    await t.iam.send(new CreatePolicyCommand({ PolicyName: 'OnlyS3', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }));
    await t.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded', PermissionsBoundary: `arn:aws:iam::${A}:policy/OnlyS3` }));
    const arn = `arn:aws:iam::${A}:user/bounded`;
    const r = await t.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 'iam:CreateUser'] }));
    expect(r.EvaluationResults!.map((e) => [e.EvalActionName, e.EvalDecision, e.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual([
      ['s3:GetObject', 'allowed', true],
      ['iam:CreateUser', 'implicitDeny', false],
    ]);
    const replaced = await t.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: arn,
        ActionNames: ['iam:CreateUser'],
        PermissionsBoundaryPolicyInputList: [doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })],
        PolicyInputList: [doc({ Effect: 'Deny', Action: 'iam:CreateUser', Resource: `arn:aws:iam::${A}:user/prod/*` })],
        ResourceArns: [`arn:aws:iam::${A}:user/dev/x`, `arn:aws:iam::${A}:user/prod/x`],
      }),
    );
    expect(replaced.EvaluationResults!.map((e) => e.EvalDecision)).toEqual(['allowed', 'explicitDeny']);
    expect(replaced.EvaluationResults![1]!.MatchedStatements).toEqual([
      { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 1, Column: 39 }, EndPosition: { Line: 1, Column: 132 } },
    ]);
  });

  it('a role and a group', async () => {
    await t.iam.send(
      new CreateRoleCommand({ RoleName: 'EC2-AppRole', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }),
    );
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'EC2-AppRole', PolicyName: 'AppS3', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }) }));
    const role = await t.iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${A}:role/EC2-AppRole`, ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::my-bucket/x'] }),
    );
    expect(role.EvaluationResults![0]).toMatchObject({ EvalDecision: 'allowed', MatchedStatements: [{ SourcePolicyId: 'AppS3', SourcePolicyType: 'role' }] });
    const group = await t.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${A}:group/Devs`, ActionNames: ['s3:DeleteObject'] }));
    expect(group.EvaluationResults![0]).toMatchObject({ EvalDecision: 'explicitDeny', MatchedStatements: [{ SourcePolicyId: 'NoDelete', SourcePolicyType: 'group' }] });
  });

  it("AWS's errors: unknown entity, role with a resource policy and no caller", async () => {
    expect(await sdkError(t.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${A}:user/ghost`, ActionNames: ['s3:GetObject'] })))).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user with name ghost cannot be found.',
    });
    expect(await sdkError(t.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${A}:role/automation-role`, ActionNames: ['s3:GetObject'] })))).toMatchObject({
      message: 'The role with name automation-role cannot be found.',
    });
    expect(
      await sdkError(
        t.iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: `arn:aws:iam::${A}:role/EC2-AppRole`,
            ActionNames: ['s3:GetObject'],
            ResourcePolicy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }),
          }),
        ),
      ),
    ).toEqual({ name: 'InvalidInputException', status: 400, message: 'Invalid caller - Caller must be an IAM user in this context.' });
  });
});

describe('GetContextKeysFor*Policy', () => {
  it('lists the condition and variable keys as the policies spell them', async () => {
    const p = doc(
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' }, Bool: { 'aws:sourceip': 'x' } } },
    );
    const r = await t.iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [p] }));
    expect(r.ContextKeyNames).toEqual(['aws:username', 'aws:SourceIp', 'aws:ResourceTag/env']);
  });

  it("a principal's keys include its groups' policies and PolicyInputList", async () => {
    await t.iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'Devs',
        PolicyName: 'MfaOnly',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
      }),
    );
    const r = await t.iam.send(
      new GetContextKeysForPrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${A}:user/alice`,
        PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } })],
      }),
    );
    expect(r.ContextKeyNames).toEqual(expect.arrayContaining(['aws:MultiFactorAuthPresent', 'aws:CurrentTime']));
    expect(await sdkError(t.iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${A}:group/Nope` })))).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The group with name Nope cannot be found.',
    });
  });
});
