import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-vsix/**', 'out/**', 'test-output/**', 'node_modules/**', '.cache/**', '**/out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Logic modules take the vscode API as a parameter; only the wiring layer may import it as a value.
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts', 'src/vscode/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Import vscode as a type only; take the API as a parameter.', allowTypeImports: true }],
      }],
    },
  },
);
