/** Jest settings for dashboard-data-access-calls (the call and transcript store); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-data-access-calls');
