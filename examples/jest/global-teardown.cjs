module.exports = async function globalTeardown() {
  await globalThis.__IAM_LOCAL__.stop();
};
