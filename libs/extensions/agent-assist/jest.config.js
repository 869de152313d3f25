/** Jest settings for extensions-agent-assist; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'extensions-agent-assist',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
