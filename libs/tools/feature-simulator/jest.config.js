/** Jest settings for tools-feature-simulator; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'tools-feature-simulator',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
