// Unit specs of the console's plain modules (formatting, dates, the API client); no browser.
module.exports = { ...require('../../jest.preset'), displayName: 'console', rootDir: __dirname };
