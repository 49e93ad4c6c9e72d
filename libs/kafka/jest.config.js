module.exports = {
  ...require('../../jest.preset'),
  displayName: 'kafka',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../test-stack/src/global-setup.js',
};
