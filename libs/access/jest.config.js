module.exports = {
  ...require('../../jest.preset'),
  displayName: 'access',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../test-stack/src/global-setup.js',
};
