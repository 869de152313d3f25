/** Jest settings for server-util-errors; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-errors',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
