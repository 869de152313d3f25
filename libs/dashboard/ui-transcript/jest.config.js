/** Jest settings for dashboard-ui-transcript (the conversation view and call header); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-ui-transcript');
