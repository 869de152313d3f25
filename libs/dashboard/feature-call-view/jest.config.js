/** Jest settings for dashboard-feature-call-view (the per-call view); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-feature-call-view');
