/** Jest settings for server-util-metrics; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-metrics',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
