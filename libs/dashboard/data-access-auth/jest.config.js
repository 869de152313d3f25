/** Jest settings for dashboard-data-access-auth (sign-in, the session and its token); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-data-access-auth');
