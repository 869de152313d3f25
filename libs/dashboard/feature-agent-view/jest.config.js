/** Jest settings for dashboard-feature-agent-view (the agent view); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-feature-agent-view');
