/** Jest settings for shared-util-audiohook; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'shared-util-audiohook',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
