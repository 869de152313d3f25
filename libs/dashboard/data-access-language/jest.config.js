/** Jest settings for dashboard-data-access-language (the language model API); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-data-access-language');
