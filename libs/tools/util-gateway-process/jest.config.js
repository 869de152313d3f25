/** Jest settings for tools-util-gateway-process; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'tools-util-gateway-process',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
