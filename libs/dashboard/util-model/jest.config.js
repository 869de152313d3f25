/** Jest settings for dashboard-util-model (view model types and pure helpers); shared settings live in ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-util-model');
