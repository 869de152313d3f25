/** Jest settings for extensions-talk-metrics; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'extensions-talk-metrics',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
