const path = require('node:path');
const { startIamLocal } = require('iam-local');

module.exports = async function globalSetup() {
  const iam = await startIamLocal({ seed: path.join(__dirname, '..', 'seed.yaml') });
  globalThis.__IAM_LOCAL__ = iam; // for globalTeardown (same process)
  Object.assign(process.env, iam.env, { IAM_LOCAL_ACCOUNT_ID: iam.accountId });
};
