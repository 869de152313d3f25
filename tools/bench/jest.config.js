/** Jest settings for the benchmark helpers; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'bench',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
