// Lint for the whole workspace. The module boundaries below are the architecture's fences:
//   apps never import apps; contracts import nothing of ours and no framework;
//   infrastructure libs import contracts (and each other); seeds (type:data) import contracts only;
//   domain libs (type:domain-lib, e.g. libs/cargo-imp) import nothing of ours and no framework.
import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync } from '@nx/devkit';

// @nx/enforce-module-boundaries reads the *cached* project graph and silently skips itself when
// there is none (a fresh clone, CI). Build (or refresh) the graph before any rule runs.
await createProjectGraphAsync({ exitOnError: true });

const frameworkPackages = ['@nestjs/*', 'kafkajs', 'typeorm', 'pg', 'express', 'rxjs', '@opentelemetry/*'];

const testHarnessRestriction = { name: '@cargo/testing', message: 'The test harness is for tests only.' };
const portsMessage = 'domain/ and application/ use ports; adapters live in infrastructure/.';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/node_modules', '**/dist', '**/.data', '**/.nx', '**/coverage', '**/test-artifacts', '**/*.bundle.js'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: false,
          checkDynamicDependenciesExceptions: [],
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain-lib', 'type:data', 'type:testing'],
            },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain-lib', 'type:data', 'type:testing'],
            },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:data'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: frameworkPackages },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworkPackages },
            // Framework-free message formats (libs/cargo-imp): nothing of ours, no framework; apps and infra may use them.
            { sourceTag: 'type:domain-lib', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworkPackages },
            { sourceTag: 'scope:station-intake', onlyDependOnLibsWithTags: ['scope:station-intake', 'scope:shared'] },
            { sourceTag: 'scope:customs-hold', onlyDependOnLibsWithTags: ['scope:customs-hold', 'scope:shared'] },
            { sourceTag: 'scope:flight-assignment', onlyDependOnLibsWithTags: ['scope:flight-assignment', 'scope:shared'] },
            { sourceTag: 'scope:tracking', onlyDependOnLibsWithTags: ['scope:tracking', 'scope:shared'] },
            { sourceTag: 'scope:launcher', onlyDependOnLibsWithTags: ['scope:launcher', 'scope:shared'] },
            { sourceTag: 'scope:simulator', onlyDependOnLibsWithTags: ['scope:simulator', 'scope:shared'] },
            { sourceTag: 'scope:identity-provider', onlyDependOnLibsWithTags: ['scope:identity-provider', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Class properties keep their type: decorator metadata (config conversion, DTOs) reads it.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
    },
  },
  {
    // The test harness is for tests only: production code never imports it.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.spec-helper.ts', 'libs/testing/**', '**/bench/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [testHarnessRestriction] }],
    },
  },
  {
    // The layers inside a service: domain/ (pure rules) and application/ (use cases) reach the database
    // and other adapters only through ports (abstract classes in application/); the adapters
    // implementing them live in infrastructure/. A later no-restricted-imports replaces an earlier one
    // for the same file, so the test-harness restriction above is repeated here.
    files: ['apps/*/src/domain/**/*.ts', 'apps/*/src/application/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.spec-helper.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            testHarnessRestriction,
            { name: 'typeorm', message: portsMessage },
            { name: '@nestjs/typeorm', message: portsMessage },
            { name: 'pg', message: portsMessage },
          ],
          patterns: [
            { group: ['typeorm/*', '@nestjs/typeorm/*', 'pg/*'], message: portsMessage },
            { group: ['**/infrastructure', '**/infrastructure/**', '../infrastructure/*', './infrastructure/*'], message: portsMessage },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/jest*.config.js', 'libs/testing/jest.preset.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
