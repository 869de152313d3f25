/** Jest settings for dashboard-ui-connection (the connection banner); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-ui-connection');
