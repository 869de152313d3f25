/** Jest settings for tools-util-protocol-client; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'tools-util-protocol-client',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
