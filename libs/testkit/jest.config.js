module.exports = {
  ...require('../../jest.preset'),
  displayName: 'testkit',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../test-stack/src/global-setup.js',
};
