/** Jest settings for shared-util-testing; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'shared-util-testing',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
