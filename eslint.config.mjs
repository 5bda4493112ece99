// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-results/',
      '**/*.js',
      '**/*.mjs',
      // The explorer's browser modules are ours and are linted (their types are checked by their own tsconfig).
      '!src/explorer/public/*.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/explorer/public/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
);
