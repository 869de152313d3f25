/** Jest settings for server-util-rate-limit; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-rate-limit',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
