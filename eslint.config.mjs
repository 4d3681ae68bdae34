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
  {
    // User-facing text goes through vscode.l10n.t (l10n/bundle.l10n.json; `npm run l10n:export`). A safety net for
    // strings written, or merged, without it: text reaching VS Code's messages, quick picks, input boxes, progress,
    // the status bar or tree items. "Text" is a string or template literal with a word in it outside `$(icon)`.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...untranslated()],
    },
  },
);

/** no-restricted-syntax entries: text literals in the places VS Code shows them. */
function untranslated() {
  // A word of two letters not inside `$(icon)`; template literals count when one of their literal parts has one.
  const word = String.raw`/(^|[^$(\w]|[^$]\()[A-Za-z]{2}/`;
  const text = `:matches(Literal[value=${word}], TemplateLiteral:has(TemplateElement[value.raw=${word}]))`;
  const message = 'User-facing text must go through l10n.t (vscode.l10n.t, or src/l10n.ts in logic modules).';
  const calls = 'showInformationMessage|showWarningMessage|showErrorMessage|setStatusBarMessage|showQuickPick|showInputBox|withProgress|createTerminal';
  const uiProps = 'title|placeHolder|placeholder|prompt|label|description|detail|tooltip';
  const itemProps = 'text|tooltip|description|label|name|detail|accessibilityInformation';
  return [
    // Messages, notification buttons and status-bar messages: the text arguments themselves.
    `CallExpression[callee.property.name=/^(${calls})$/] > ${text}`,
    // Options of quick picks, input boxes, progress and terminals, and quick-pick items written inline.
    `CallExpression[callee.property.name=/^(${calls})$/] > ObjectExpression > Property[key.name=/^(${uiProps})$/] > ${text}`,
    `CallExpression[callee.property.name=/^(${calls})$/] > ArrayExpression > ObjectExpression > Property[key.name=/^(${uiProps})$/] > ${text}`,
    `CallExpression[callee.property.name=/^(${calls})$/] ConditionalExpression > ${text}`,
    // Input validation messages.
    `Property[key.name='validateInput'] > ArrowFunctionExpression ConditionalExpression > ${text}`,
    // Tree items and status-bar items: constructor labels, commands' titles, and the shown properties.
    `NewExpression[callee.name='TreeItem'] > ${text}`,
    `NewExpression[callee.property.name='TreeItem'] > ${text}`,
    `ObjectExpression:has(Property[key.name='command']) > Property[key.name='title'] > ${text}`,
    `AssignmentExpression[left.property.name=/^(${itemProps})$/]:not([left.object.type='ThisExpression']) > ${text}`,
  ].map((selector) => ({ selector, message }));
}
