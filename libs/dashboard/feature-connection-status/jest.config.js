/**
 * Jest settings for dashboard-feature-connection-status (the connection banner wired to the socket);
 * shared settings live in ../jest.angular.js.
 */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-feature-connection-status');
