// Jest: one iam-local for the whole run. globalSetup starts it and puts its endpoint and keys in
// process.env (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION), which the
// test workers inherit, so SDK clients created with no options talk to it.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.cjs'],
  globalSetup: './global-setup.cjs',
  globalTeardown: './global-teardown.cjs',
};
