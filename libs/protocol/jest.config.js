/** Jest settings for protocol; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'protocol',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
