/** Jest settings for users-cli; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'users-cli',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
