/** Jest settings for dashboard-feature-auth (sign-in page, guards, sign-out); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-feature-auth');
