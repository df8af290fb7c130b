module.exports = require('../libs/testing/jest.preset.js').jestProject(__dirname, 'unit');
