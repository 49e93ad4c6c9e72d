module.exports = {
  ...require('../../jest.preset'),
  displayName: 'runtime',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../test-stack/src/global-setup.js',
};
