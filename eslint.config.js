import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const pattern = (group, message) => ({ group, message });
const ioModules = [
  'electron',
  'better-sqlite3',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'crypto',
];
const noIo = (message) => ({
  paths: ioModules.map((name) => ({ name, message })),
  patterns: [pattern(['node:*'], message)],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'build/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'docs/*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='sendSync']",
          message: 'Synchronous IPC blocks the renderer: use invoke.',
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser },
    },
  },
  // Layer rules (style.md): what each folder may import.
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noIo('core/ is pure: no I/O, Electron or database imports.'),
          patterns: [
            pattern(['node:*'], 'core/ is pure: no I/O.'),
            pattern(
              ['**/db/**', '**/electron/**', '**/renderer/**', '**/cli/**'],
              'core/ imports no other layer.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'db/ never imports Electron.' }],
          patterns: [
            pattern(['**/electron/**', '**/renderer/**', '**/cli/**'], 'db/ may import only core.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The service is Electron-free: the CLI, browser mode and tests drive it.',
            },
          ],
          patterns: [
            pattern(['**/renderer/**', '**/cli/**'], 'The service imports core and db only.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noIo('The renderer runs in a sandboxed page: no Node, Electron or database.')
            .paths,
          patterns: [
            pattern(['node:*'], 'The renderer runs in a sandboxed page: no Node.'),
            pattern(
              ['**/db/**', '**/cli/**', '**/electron/service/**'],
              'The renderer reaches the app only through window.api.',
            ),
            {
              group: ['**/electron/**'],
              allowTypeImports: true,
              message: 'Only `import type` from electron/contract.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
