module.exports = {
  ...require('../../jest.preset'),
  displayName: 'engine',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../libs/test-stack/src/global-setup.js',
};
