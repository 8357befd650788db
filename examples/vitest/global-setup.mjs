// vitest globalSetup: one iam-local for the whole run, started in vitest's main process. Test files
// (in their workers) get its endpoint and keys through inject('iamLocal').
import { fileURLToPath } from 'node:url';
import { startIamLocal } from 'iam-local';

export default async function setup(project) {
  const iam = await startIamLocal({ seed: fileURLToPath(new URL('../seed.yaml', import.meta.url)) });
  project.provide('iamLocal', { endpoint: iam.endpoint, region: iam.region, credentials: iam.credentials, accountId: iam.accountId });
  return () => iam.stop(); // teardown
}
