/** Jest settings for shared-util-spoken-numbers; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'shared-util-spoken-numbers',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
