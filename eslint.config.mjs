import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ELECTRON_GLUE = [
  'main/index.ts',
  'main/window.ts',
  'main/security.ts',
  'main/preload/**',
  'main/ipc/register-electron.ts',
  'main/adapters/**',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
      // Only the Electron glue may touch Electron: everything else runs in plain Node tests.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                "Only the Electron glue (main/index, window, security, preload, ipc/register-electron, adapters) may import 'electron'.",
            },
            { name: 'electron-store', message: 'electron-store is an adapter: use it only in main/adapters.' },
          ],
        },
      ],
    },
  },
  { files: ELECTRON_GLUE, rules: { 'no-restricted-imports': 'off' } },
  // CommonJS files exist where a loader needs them (the boot test's stand-in for 'electron').
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'electron', 'react'],
              message: 'shared/ is pure TypeScript: no Node, DOM or Electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Loading effects call async loaders that set state after an await; the rule cannot
      // tell those from synchronous cascades.
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'electron', '**/main/**'],
              message: 'The renderer talks to main only through window.api.',
            },
          ],
        },
      ],
    },
  },
);
