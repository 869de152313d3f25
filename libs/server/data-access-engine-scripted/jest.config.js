/** Jest settings for server-data-access-engine-scripted; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-data-access-engine-scripted',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
