/** Jest settings for dashboard-feature-history (the history page and past calls); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-feature-history');
