/** Jest settings for server-data-access-bus-redis; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-data-access-bus-redis',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
