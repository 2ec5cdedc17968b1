// ESLint for the TypeScript sources (`npm run lint`, part of `npm test`). Layer rules live in
// .dependency-cruiser.cjs (`npm run lint:deps`); this file is about code.
//
// typescript-eslint's `recommended` set plus the type-aware rules that catch lost promises, the bug class
// that hurts a server most (an unhandled rejection, a guard that never awaited). The full
// `recommendedTypeChecked` set was measured at about 70 s here (2 cores) with 700+ `no-unsafe-*` reports,
// nearly all on supertest's `res.body: any` in tests; the three rules below cost one type-checked program
// (the whole lint takes about 25 s of CPU).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'packages/*/dist/**', 'packages/client/src/generated/**', 'examples/*/dist/**'] },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts', 'migrations/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      // Explicit projects build one program up front: about a third less CPU than projectService here.
      parserOptions: { project: ['./tsconfig.json', './test/bench/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `const { passwordHash, ...user } = row` is how a secret is left out of a returned object.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // @identsphere/verify and the resource-server example (Node code): the same rules, with type information
    // from their lint tsconfigs (sources and tests in one program, as the client and spa packages below).
    files: ['packages/verify/**/*.ts', 'examples/resource-server/**/*.{ts,js}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { project: ['./packages/verify/tsconfig.lint.json', './examples/resource-server/tsconfig.lint.json'], tsconfigRootDir: import.meta.dirname },
      globals: { console: 'readonly', process: 'readonly' },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The Vite example SPA, with its own tsconfig for its browser code.
    files: ['examples/spa/src/**/*.ts', 'examples/spa/vite.config.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { parserOptions: { project: ['./examples/spa/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Its DOM helper takes event handlers as properties (`onclick: () => save().catch(show)`): a handler
      // returning its already-handled promise is fine there; promises passed elsewhere are still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { properties: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Tests read untyped JSON (HTTP bodies, parsed manifests, forged JWT claims) and assert its shape with
    // expect(); typing every body would restate the DTOs the tests exist to check.
    files: ['test/**/*.ts', '**/*.spec.ts', 'packages/*/test/**/*.ts', 'examples/*/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // @identsphere/client and @identsphere/spa: browser code (DOM types), each with its lint tsconfig.
    files: ['packages/client/**/*.ts', 'packages/spa/**/*.ts'],
    ignores: ['packages/*/src/generated/**', 'packages/*/dist/**'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { project: ['./packages/client/tsconfig.lint.json', './packages/spa/tsconfig.lint.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Their tests read untyped page results and JSON, as the service's tests do.
  { files: ['packages/client/test/**/*.ts', 'packages/spa/test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
