// ESLint flat config: type-aware typescript-eslint for TS sources, plain rules for scripts, import boundaries for the engine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's globals for plain JS scripts (listed here rather than pulling in another package). */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'require', 'module', '__dirname', '__filename', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'performance', 'fetch'].map(
    (name) => [name, 'readonly'],
  ),
);

export default tseslint.config(
  {
    // Build output, installed code, and deliberately vulnerable or broken inputs.
    ignores: [
      '**/node_modules/**',
      'out/**',
      'dist/**',
      'bench/corpus/**',
      'bench/results/**',
      'test-fixtures/**',
      'rules/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // AST code compares `node.type` with string literals (typescript-estree's own idiom);
      // the enum-only rule would force importing AST_NODE_TYPES everywhere for no safety gain.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: nodeGlobals,
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The engine is pure: no editor, no LSP, no front end may leak in.
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The engine is pure: no vscode imports.' }],
          patterns: [
            { group: ['vscode-languageserver', 'vscode-languageserver*', 'vscode-languageserver/**', 'vscode-languageserver*/**'], message: 'The engine is pure: no LSP imports.' },
            { group: ['**/lsp', '**/lsp/**', '**/server/src/lsp/**'], message: 'engine/ must not import server/src/lsp.' },
            { group: ['**/cli', '**/cli/**', '**/server/src/cli/**'], message: 'engine/ must not import server/src/cli.' },
          ],
        },
      ],
    },
  },
);
