module.exports = {
  ...require('../../jest.preset'),
  displayName: 'projections',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../test-stack/src/global-setup.js',
};
