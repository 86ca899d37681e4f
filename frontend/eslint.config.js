import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'e2e-artifacts', 'coverage', 'src/lib/api/openapi.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...pluginQuery.configs['flat/recommended'],
  reactHooks.configs.flat['recommended-latest'],
  {
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  // Features never import each other nor the app; the app layer composes them.
  {
    files: ['src/features/auth/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@/features/sessions/*',
            '@/features/simulator/*',
            '@/features/dead-letters/*',
            '@/app/*',
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/sessions/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@/features/auth/*', '@/features/simulator/*', '@/features/dead-letters/*', '@/app/*'] },
      ],
    },
  },
  {
    files: ['src/features/simulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@/features/auth/*', '@/features/sessions/*', '@/features/dead-letters/*', '@/app/*'] },
      ],
    },
  },
  {
    files: ['src/features/dead-letters/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@/features/auth/*', '@/features/sessions/*', '@/features/simulator/*', '@/app/*'] },
      ],
    },
  },
  {
    files: ['src/lib/**', 'src/components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@/features/*', '@/app/*'] }],
    },
  },
  {
    files: ['*.js', '*.ts', 'e2e/**', 'scripts/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
