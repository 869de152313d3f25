/** Jest settings for dashboard-feature-language (the supervisors' Language page); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-feature-language');
