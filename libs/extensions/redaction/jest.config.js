/** Jest settings for extensions-redaction; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'extensions-redaction',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
