/** Jest settings for bench-modules; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'bench-modules',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
