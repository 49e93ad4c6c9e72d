// `npm test` runs every project's suites in one jest run: each lib, app and the test/ folder.
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const configsIn = (dir) =>
  existsSync(join(__dirname, dir))
    ? readdirSync(join(__dirname, dir))
        .map((name) => join(__dirname, dir, name, 'jest.config.js'))
        .filter((path) => existsSync(path))
    : [];

module.exports = {
  testTimeout: 120_000,
  projects: [
    ...configsIn('libs'),
    ...configsIn('apps'),
    join(__dirname, 'tools/jest.config.js'),
    ...configsIn('.').filter((p) => p.includes('/test/')),
  ],
};
