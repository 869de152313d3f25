/** Jest settings for dashboard-ui-calls (call cards and the call filter); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-ui-calls');
