module.exports = require('../../eslint.packages.js')(__dirname);
