/** Jest settings for bench-persistence; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'bench-persistence',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
