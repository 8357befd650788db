import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IAMClient,
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteServiceLinkedRoleCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  ListAttachedRolePoliciesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { ROOT, sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ACCOUNT = '000000000000';
const PROTECTED = (name: string) => ({
  name: 'UnmodifiableEntityException',
  message: `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`,
  status: 400,
});

describe('service-linked roles', () => {
  it("creates AWS's role for the service: name, path, trust policy and managed policy", async () => {
    const res = await t.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com', Description: 'for ECS' }));
    expect(res.Role).toMatchObject({
      RoleName: 'AWSServiceRoleForECS',
      Path: '/aws-service-role/ecs.amazonaws.com/',
      Arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
      Description: 'for ECS',
    });
    expect(res.Role!.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(JSON.parse(decodeURIComponent(res.Role!.AssumeRolePolicyDocument!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const attached = await t.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'AWSServiceRoleForECS' }));
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: 'AmazonECSServiceRolePolicy', PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy' },
    ]);
    const got = await t.iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForECS' }));
    expect(got.Role!.Path).toBe('/aws-service-role/ecs.amazonaws.com/');

    const dup = await sdkError(t.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' })));
    expect(dup).toEqual({
      name: 'InvalidInputException',
      message: 'Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.',
      status: 400,
    });
  });

  it('applies the custom suffix rules', async () => {
    const asg = await t.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'web' }));
    expect(asg.Role!.RoleName).toBe('AWSServiceRoleForAutoScaling_web');
    const plain = await t.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }));
    expect(plain.Role!.RoleName).toBe('AWSServiceRoleForAutoScaling');
    const noSuffix = await sdkError(t.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'es.amazonaws.com', CustomSuffix: 'x' })));
    expect(noSuffix).toEqual({ name: 'InvalidInputException', message: 'Custom suffix is not allowed for es.amazonaws.com', status: 400 });
    const notAService = await sdkError(t.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'example.com' })));
    expect(notAService.name).toBe('InvalidInputException');
  });

  it('refuses the edits AWS forbids with UnmodifiableEntity', async () => {
    await t.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'rds.amazonaws.com' }));
    const name = 'AWSServiceRoleForRDS';
    expect(await sdkError(t.iam.send(new DeleteRoleCommand({ RoleName: name })))).toEqual(PROTECTED(name));
    expect(
      await sdkError(t.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }))),
    ).toEqual(PROTECTED(name));
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    expect(await sdkError(t.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'x', PolicyDocument: doc })))).toEqual(PROTECTED(name));
    expect(
      await sdkError(t.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))),
    ).toEqual(PROTECTED(name));
  });

  it('deletes through a deletion task: NOT_STARTED, IN_PROGRESS, then SUCCEEDED', async () => {
    await t.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticloadbalancing.amazonaws.com' }));
    const { DeletionTaskId } = await t.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForElasticLoadBalancing' }));
    expect(DeletionTaskId).toMatch(
      /^task\/aws-service-role\/elasticloadbalancing\.amazonaws\.com\/AWSServiceRoleForElasticLoadBalancing\/[0-9a-f-]{36}$/,
    );
    expect((await t.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status).toBe('NOT_STARTED');
    expect((await t.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status).toBe('IN_PROGRESS');
    expect((await t.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status).toBe('SUCCEEDED');
    expect((await t.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status).toBe('SUCCEEDED');
    const gone = await sdkError(t.iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForElasticLoadBalancing' })));
    expect(gone.name).toBe('NoSuchEntityException');
    // It can be created again; unwatched, its next deletion finishes by the clock.
    await t.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticloadbalancing.amazonaws.com' }));
    const second = await t.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForElasticLoadBalancing' }));
    const { json } = await t.admin('POST', '/_iam/clock', { advanceSeconds: 60 });
    const later = new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1, systemClockOffset: json.offsetSeconds * 1000 });
    expect((await later.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: second.DeletionTaskId }))).Status).toBe('SUCCEEDED');
    await t.admin('POST', '/_iam/clock', { reset: true });

    const missing = await sdkError(t.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'NoSuchRole' })));
    expect(missing).toEqual({ name: 'NoSuchEntityException', message: 'The role with name NoSuchRole cannot be found.', status: 404 });
    const badTask = await sdkError(t.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'nonsense' })));
    expect(badTask.name).toBe('InvalidInputException');
    const noTask = await sdkError(
      t.iam.send(
        new GetServiceLinkedRoleDeletionStatusCommand({
          DeletionTaskId: 'task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/00000000-0000-0000-0000-000000000000',
        }),
      ),
    );
    expect(noTask.name).toBe('NoSuchEntityException');

    // An ordinary role is not deleted this way: the task fails.
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'plain',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const plain = await t.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'plain' }));
    const status = await t.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: plain.DeletionTaskId }));
    expect(status.Status).toBe('FAILED');
    expect((await t.iam.send(new GetRoleCommand({ RoleName: 'plain' }))).Role!.RoleName).toBe('plain');
  });
});
