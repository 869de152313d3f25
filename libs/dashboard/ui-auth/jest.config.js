/** Jest settings for dashboard-ui-auth (the sign-in form and the signed-in user); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-ui-auth');
