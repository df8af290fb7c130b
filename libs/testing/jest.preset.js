// Shared Jest settings for every project. Two tiers (see STYLE.md):
//   <project>/jest.config.js              unit tests, `*.spec.ts`, no I/O
//   <project>/jest.integration.config.js  `*.integration-spec.ts`, real broker + PostgreSQL
const path = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

const root = path.resolve(__dirname, '../..');

/** Maps the `@cargo/*` aliases of tsconfig.base.json to their source entry points. */
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(root, target),
  ]),
);

const transform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        target: 'es2022',
        keepClassNames: true,
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

/**
 * @param {string} projectDir absolute directory of the project
 * @param {'unit'|'integration'} tier
 */
function jestProject(projectDir, tier) {
  const name = path.relative(root, projectDir);
  const integration = tier === 'integration';
  return {
    displayName: `${name}${integration ? ' (integration)' : ''}`,
    rootDir: projectDir,
    testEnvironment: 'node',
    transform,
    moduleNameMapper,
    moduleFileExtensions: ['ts', 'js', 'json'],
    testMatch: integration ? ['<rootDir>/**/*.integration-spec.ts'] : ['<rootDir>/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    ...(integration
      ? {
          testTimeout: 120_000,
          setupFilesAfterEnv: [path.join(__dirname, 'integration-timeout.setup.js')],
          slowTestThreshold: 30,
          globalSetup: path.join(__dirname, 'src/global-setup.ts'),
          globalTeardown: path.join(__dirname, 'src/global-teardown.ts'),
        }
      : { testTimeout: 10_000 }),
  };
}

module.exports = { jestProject, moduleNameMapper, transform, root };
