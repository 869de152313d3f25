/** Jest settings for dashboard-data-access-assist-cards (the agent-assist cards API); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-data-access-assist-cards');
