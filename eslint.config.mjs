import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';

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

// The arrows of STYLE.md's "shape of the house": the projects each project's production code may
// import (its own files aside). Inward only: adapters use the domain, the wire and the store's port,
// never each other; the store imports no transport and no read model; the domain imports no lib.
const arrows = {
  'type:domain': [],
  'type:contracts': ['type:domain'],
  'type:event-store': [],
  'type:application': ['type:domain', 'type:event-store'],
  'type:projections': ['type:domain', 'type:event-store'],
  'type:kafka': ['type:domain', 'type:contracts', 'type:event-store'],
  // API keys in the engine's database; the one runtime configuration that opens the stores.
  'type:access': ['type:domain', 'type:event-store'],
  'type:runtime': ['type:access', 'type:event-store', 'type:projections', 'type:kafka'],
  'type:engine': [
    'type:domain',
    'type:contracts',
    'type:application',
    'type:event-store',
    'type:projections',
    'type:kafka',
    'type:access',
    'type:runtime',
  ],
  'type:cli': [
    'type:domain',
    'type:contracts',
    'type:application',
    'type:event-store',
    'type:projections',
    'type:access',
    'type:runtime',
  ],
  // The console is a browser app that talks HTTP to the engine: no lib of the engine, no server code.
  'type:console': [],
  // What other teams install: it talks to the engine over HTTP and a child process, imports none of it.
  'type:testkit': [],
  'type:testing': [],
  'type:test-stack': [],
};

/** Packages a project may not import, beyond the arrows. */
const banned = {
  'type:domain': impure,
  'type:testing': impure,
  'type:console': [...impure, 'playwright-core', 'axe-core'],
};

// What tests may import besides: the test-only libs, and the command path to write histories with.
const testArrows = {
  ...Object.fromEntries(
    Object.entries(arrows).map(([tag, allowed]) => [tag, [...allowed, 'type:testing', 'type:test-stack']]),
  ),
  'type:testing': [],
  'type:test-stack': [],
  'type:projections': [...arrows['type:projections'], 'type:application', 'type:testing', 'type:test-stack'],
  'type:kafka': [...arrows['type:kafka'], 'type:application', 'type:testing', 'type:test-stack'],
};

/** Test-only files: specs, and the helpers only specs may import (fixtures, contract suites, children). */
const TEST_FILES = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.child.ts',
  'libs/*/src/testing/**/*.ts',
  'libs/event-store/src/contract/**/*.ts',
  'libs/testing/**/*.ts',
  'libs/test-stack/**/*.ts',
  'test/**/*.ts',
  'bench/**/*.ts',
  'tools/**/*.ts',
];

/** Imports of test helpers, refused in production files. */
const testHelpers = {
  group: ['@sce/*/testkit', '**/testing', '**/testing/*', '**/contract', '**/contract/*', '**/*.child'],
  message: 'test helpers (test kits, testing/, contract/, *.child) are for specs only',
};

const boundaries = (allowedByTag) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    banTransitiveDependencies: false,
    allow: [],
    depConstraints: [
      ...Object.entries(allowedByTag).map(([sourceTag, onlyDependOnLibsWithTags]) => ({
        sourceTag,
        onlyDependOnLibsWithTags,
        ...(banned[sourceTag] ? { bannedExternalImports: banned[sourceTag] } : {}),
      })),
      ...['type:e2e', 'type:tools', 'type:bench'].map((sourceTag) => ({ sourceTag, onlyDependOnLibsWithTags: ['*'] })),
    ],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', 'tmp', 'data', 'bench/results', 'coverage'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(arrows),
      // noUncheckedIndexedAccess makes `!` the honest way to say "this index exists".
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': boundaries(testArrows) },
  },
  {
    // Production code never reaches a test helper, whichever way it names it.
    files: ['**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [testHelpers] }] },
  },
  {
    // Nx's bannedExternalImports does not see Node's built-in modules: the domain's "no I/O" needs this.
    files: ['libs/domain/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules
            .flatMap((name) => [name, `node:${name}`])
            .map((name) => ({
              name,
              message: 'the domain does no I/O: no Node built-in module',
            })),
          patterns: [testHelpers],
        },
      ],
    },
  },
  prettier,
];
