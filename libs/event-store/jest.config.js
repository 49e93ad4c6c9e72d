module.exports = {
  ...require('../../jest.preset'),
  displayName: 'event-store',
  rootDir: __dirname,
  testTimeout: 120_000,
  globalSetup: '<rootDir>/../test-stack/src/global-setup.js',
};
