/** Jest settings for dashboard-data-access-alert-rules (the rules API, the Rules page's state); see ../jest.angular.js. */
module.exports = require('../jest.angular.js')(__dirname, 'dashboard-data-access-alert-rules');
