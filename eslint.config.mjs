import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

// Packages the pure domain must never reach: frameworks, validation, I/O and transport clients.
const impure = [
  '@nestjs/*',
  'class-validator',
  'class-transformer',
  'rxjs',
  'reflect-metadata',
  'better-sqlite3',
  'pg',
  'pg-*',
  'kafkajs',
  '@kurrent/*',
  '@eventstore/*',
  'testcontainers',
  '@testcontainers/*',
  'pino',
  'prom-client',
  'fs',
  'node:*',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', 'tmp', 'data', 'bench/results', 'coverage'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:testing'],
              bannedExternalImports: impure,
            },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:adapter',
                'type:testing',
                'type:test-stack',
              ],
            },
            {
              sourceTag: 'type:test-stack',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:testing'],
            },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [], bannedExternalImports: impure },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:adapter', 'type:testing'],
            },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      // noUncheckedIndexedAccess makes `!` the honest way to say "this index exists".
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  prettier,
];
