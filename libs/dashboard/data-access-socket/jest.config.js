/** Jest settings for dashboard-data-access-socket (the reconnecting UI socket); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-data-access-socket');
