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
      'bench/peer/',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      // The explorer's browser modules are ours and are linted (their types are checked by their own tsconfig).
      '!src/explorer/public/*.js',
      '!src/curate/public/*.js',
    ],
  },
  eslint.configs.recommended,
  // Type-aware rules: unsafe `any` flows, floating promises, misused awaits, needless casts.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Apollo's plugin hooks and other interfaces we implement must return promises: `async` without an
      // `await` is the plain way to do that, not a mistake.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['tests/**/*.ts'],
    // jest's asymmetric matchers (expect.stringMatching, expect.any...) are typed `any` by design.
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['src/explorer/public/*.js', 'src/curate/public/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: globals.browser,
      parserOptions: {
        projectService: false,
        project: ['./src/explorer/public/tsconfig.json', './src/curate/public/tsconfig.json'],
      },
    },
    // A JSDoc cast, /** @type {T} */ (x), is invisible to these rules (they see x, often Cytoscape's `any`);
    // `tsc -p src/explorer/public` checks these files strictly instead.
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
