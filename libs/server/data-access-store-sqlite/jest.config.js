/** Jest settings for server-data-access-store-sqlite; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-data-access-store-sqlite',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
