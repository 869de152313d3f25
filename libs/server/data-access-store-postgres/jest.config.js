/** Jest settings for server-data-access-store-postgres; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-data-access-store-postgres',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
