/** Jest settings for dashboard-feature-assist-cards (the supervisors' Cards page); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-feature-assist-cards');
