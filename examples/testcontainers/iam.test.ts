// needs Docker: iam-local in a container for a project's own tests (testcontainers + vitest + the
// AWS SDK). Build the image first (`docker build -t iam-local .` in this repository), then, in a
// project with `testcontainers`, `vitest` and `@aws-sdk/client-iam` installed, run this file from
// the repository root (the seed file's path is relative to it). Not part of iam-local's own tests.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';

let container: StartedTestContainer;
let iam: IAMClient;

beforeAll(async () => {
  container = await new GenericContainer('iam-local') // the image built above
    .withExposedPorts(4577)
    .withEnvironment({ IAM_LOCAL_DB: ':memory:', IAM_LOCAL_SEED: '/seed/seed.yaml' })
    .withCopyFilesToContainer([{ source: './examples/testcontainers/seed.yaml', target: '/seed/seed.yaml' }])
    .withWaitStrategy(Wait.forHttp('/_iam/health', 4577).forStatusCode(200))
    .start();
  process.env.AWS_ENDPOINT_URL = `http://${container.getHost()}:${container.getMappedPort(4577)}`;
  iam = new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}, 120_000);

afterAll(async () => {
  await container?.stop();
});

it('the seeded analyst may read reports and nothing else', async () => {
  const sim = await iam.send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: 'arn:aws:iam::000000000000:user/analyst',
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ResourceArns: ['arn:aws:s3:::reports/q1.csv'],
    }),
  );
  expect(sim.EvaluationResults?.map((r) => r.EvalDecision)).toEqual(['allowed', 'implicitDeny']);
});
