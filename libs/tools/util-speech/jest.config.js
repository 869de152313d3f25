/** Jest settings for tools-util-speech; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'tools-util-speech',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
