module.exports = {
  ...require('../../jest.preset'),
  displayName: 'cli',
  rootDir: __dirname,
};
