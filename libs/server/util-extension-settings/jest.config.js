/** Jest settings for server-util-extension-settings; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-extension-settings',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
