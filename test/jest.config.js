module.exports = {
  ...require('../jest.preset'),
  displayName: 'e2e',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../libs/test-stack/src/global-setup.js',
};
