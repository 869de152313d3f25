/**
 * Jest settings for dashboard-data-access-history (the history API: search, transcripts, exports);
 * shared settings live in ../jest.angular.js.
 */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-data-access-history');
