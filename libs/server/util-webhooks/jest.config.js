/** Jest settings for server-util-webhooks; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-webhooks',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
