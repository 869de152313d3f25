/** Jest settings for server-util-security; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-security',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
