/** Jest settings for server-data-access-users; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-data-access-users',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
