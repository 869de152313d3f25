/** Jest settings for the cluster launcher; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'cluster',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
