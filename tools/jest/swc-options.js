/**
 * SWC options shared by Jest and the server build: TypeScript with legacy decorators and
 * emitted design-time metadata, which NestJS needs to resolve constructor injection by type.
 */
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
