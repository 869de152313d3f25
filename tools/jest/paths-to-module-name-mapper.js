const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Builds Jest's moduleNameMapper from the `paths` of tsconfig.base.json, so each alias has one
 * source of truth. Only exact aliases (no `*` wildcards) are used in this workspace.
 * @returns {Record<string, string>}
 */
function pathsToModuleNameMapper() {
  const root = join(__dirname, '..', '..');
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    mapper[`^${alias.replace(/[/.]/g, '\\$&')}$`] = join(root, target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
