/** Jest settings for dashboard-feature-supervisor (the supervisor board); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-feature-supervisor');
