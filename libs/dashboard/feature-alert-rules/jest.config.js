/** Jest settings for dashboard-feature-alert-rules (the Rules page); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-feature-alert-rules');
