/** Jest settings for server-util-audio; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-audio',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
