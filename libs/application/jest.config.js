module.exports = {
  ...require('../../jest.preset'),
  displayName: 'application',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../test-stack/src/global-setup.js',
};
