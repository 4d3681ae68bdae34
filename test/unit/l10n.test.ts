// Localisation: every message the code passes to l10n.t is in l10n/bundle.l10n.json (as @vscode/l10n-dev extracts
// it) and translated; every %key% package.json uses is in package.nls.json and translated; the lint rule catches
// text that reaches VS Code's UI without l10n.t; the English fallback fills placeholders as vscode.l10n.t does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { l10n, useL10n } from '../../src/l10n';

const ROOT = join(__dirname, '..', '..');
const LANGUAGES = ['de'];
const readJson = (...path: string[]) => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8')) as Record<string, unknown>;
const exporter = () => import(pathToFileURL(join(ROOT, 'scripts', 'l10n-export.mjs')).href) as Promise<typeof import('../../scripts/l10n-export.mjs', { with: { 'resolution-mode': 'import' } })>;
const placeholders = (text: string) => [...text.matchAll(/\{[^{}]+\}/g)].map((m) => m[0]).sort();

test('l10n/bundle.l10n.json holds exactly the messages @vscode/l10n-dev extracts from src/ (else: npm run l10n:export)', async () => {
  const { extractMessages } = await exporter();
  const extracted = Object.keys(await extractMessages()).sort();
  const committed = Object.keys(readJson('l10n', 'bundle.l10n.json')).sort();
  assert.deepEqual(committed, extracted);
  assert.ok(extracted.length > 100, `only ${extracted.length} messages extracted`);
});

test('every source file that calls l10n.t is one the extractor reads', async () => {
  const { extractMessages, sourceFiles } = await exporter();
  const calling = sourceFiles().filter((file) => /\bl10n\.t\(/.test(readFileSync(join(ROOT, file), 'utf8')) && !file.endsWith('src/l10n.ts'));
  assert.ok(calling.length >= 10, `only ${calling.length} files call l10n.t`);
  const unread: string[] = [];
  for (const file of calling) if (!Object.keys(await extractMessages([file])).length) unread.push(file);
  assert.deepEqual(unread, [], 'these files call l10n.t, but the extractor finds nothing in them');
});

for (const language of LANGUAGES) {
  test(`l10n/bundle.l10n.${language}.json translates every message, keeping its placeholders`, () => {
    const english = readJson('l10n', 'bundle.l10n.json');
    const translated = readJson('l10n', `bundle.l10n.${language}.json`);
    assert.deepEqual(Object.keys(translated).sort(), Object.keys(english).sort());
    for (const [key, value] of Object.entries(translated)) {
      assert.equal(typeof value, 'string', key);
      assert.deepEqual(placeholders(value as string), placeholders(key), `placeholders of "${key}"`);
    }
  });

  test(`package.nls.${language}.json translates every key of package.nls.json, keeping command links`, () => {
    const english = readJson('package.nls.json');
    const translated = readJson(`package.nls.${language}.json`);
    assert.deepEqual(Object.keys(translated).sort(), Object.keys(english).sort());
    const links = (text: unknown) => [...String(text).matchAll(/\]\((command:[^)]+|https:[^)]+)\)/g)].map((m) => m[1]);
    for (const key of Object.keys(english)) assert.deepEqual(links(translated[key]), links(english[key]), `links of ${key}`);
  });
}

test('every %key% package.json uses is in package.nls.json, and every key there is used', () => {
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
  const defined = new Set(Object.keys(readJson('package.nls.json')));
  assert.ok(used.size > 40, `package.json uses only ${used.size} keys`);
  assert.deepEqual([...used].filter((k) => !defined.has(k)), [], 'used in package.json, missing from package.nls.json');
  assert.deepEqual([...defined].filter((k) => !used.has(k)), [], 'in package.nls.json, used nowhere');
});

test('package.json shows no untranslated text: titles, names and descriptions are %key% references', () => {
  const pkg = readJson('package.json') as { contributes: Record<string, unknown>; displayName: string; description: string };
  const texts: string[] = [pkg.displayName, pkg.description];
  const visit = (value: unknown, key?: string) => {
    if (typeof value === 'string' && key && /^(title|name|description|markdownDescription|contents|contextualTitle|category)$/.test(key)) texts.push(value);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, Array.isArray(value) ? key : k);
  };
  visit(pkg.contributes);
  assert.ok(texts.length > 60);
  assert.deepEqual(texts.filter((t) => !/^%[^%]+%$/.test(t)), []);
});

test('the English fallback fills positional and named placeholders as vscode.l10n.t does', () => {
  assert.equal(l10n.t('Copied {0} for {1}.', 'Password', 'j-1'), 'Copied Password for j-1.');
  assert.equal(l10n.t('{0} and {0}, {2}', 'a', 'b', 3), 'a and a, 3');
  assert.equal(l10n.t('Hello {name}', { name: 'you' }), 'Hello you');
  assert.equal(l10n.t({ message: 'At {0}', args: ['noon'], comment: 'time' }), 'At noon');
  assert.equal(l10n.t('Keeps {unknown}'), 'Keeps {unknown}');
});

test('a translator set through one copy of src/l10n.ts is used by every copy, at call time (each bundle has its own)', (t) => {
  // A second instance of the module, as dist/aws.js carries: out of the require cache, it is evaluated anew.
  const path = require.resolve('../../src/l10n');
  delete require.cache[path];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of a module already loaded
  const copy = require(path) as typeof import('../../src/l10n');
  assert.notEqual(copy.l10n, l10n, 'not a second copy');
  const german: Record<string, string> = { 'EMR clusters': 'EMR-Cluster', 'Copied {0}.': '{0} kopiert.' };
  const before = { copy: copy.l10n.t('EMR clusters'), here: l10n.t('Copied {0}.', 'x') };
  t.after(() => delete (globalThis as Record<symbol, unknown>)[Symbol.for('cluster-pass/l10n-translator')]);
  useL10n({ t: ((message: string, ...args: string[]) => (german[message] ?? message).replace('{0}', args[0] ?? '')) as typeof l10n.t });
  assert.deepEqual(before, { copy: 'EMR clusters', here: 'Copied x.' });
  assert.equal(copy.l10n.t('EMR clusters'), 'EMR-Cluster');
  assert.equal(copy.l10n.t('Copied {0}.', 'y'), 'y kopiert.');
  assert.equal(l10n.t('EMR clusters'), 'EMR-Cluster');
});

test('lint: text reaching VS Code messages, quick picks, input boxes, progress, status bar or tree items needs l10n.t', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const problems = async (code: string) => {
    const [result] = await eslint.lintText(`import * as vscode from 'vscode';\ndeclare const item: vscode.StatusBarItem;\ndeclare const name: string;\n${code}\n`, { filePath: join(ROOT, 'src', 'vscode', 'lint-probe.ts') });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
  };
  const untranslated = [
    "void vscode.window.showInformationMessage('Copied it.');",
    'void vscode.window.showErrorMessage(`Could not connect ${name}.`);',
    "void vscode.window.showWarningMessage(vscode.l10n.t('Expires soon.'), 'Renew');",
    "void vscode.window.setStatusBarMessage('Copied', 3000);",
    "void vscode.window.showQuickPick([], { title: 'Pick one', placeHolder: vscode.l10n.t('Which?') });",
    "void vscode.window.showQuickPick([{ label: 'First choice' }]);",
    "void vscode.window.showInputBox({ prompt: `Enter ${name}` });",
    "void vscode.window.showInputBox({ validateInput: (v) => (v ? undefined : 'Required.') });",
    "void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Listing' }, async () => undefined);",
    "item.text = `$(key) ${name} expires soon`;",
    "item.tooltip = 'Click to renew';",
    "new vscode.TreeItem('Load more…');",
    "const command = { command: 'x', title: 'Retry', arguments: [] }; void command;",
  ];
  const translated = [
    "void vscode.window.showInformationMessage(vscode.l10n.t('Copied it.'));",
    "void vscode.window.showErrorMessage(vscode.l10n.t('Could not connect {0}.', name));",
    "void vscode.window.showWarningMessage(vscode.l10n.t('Expires soon.'), vscode.l10n.t('Renew'));",
    "void vscode.window.showQuickPick([{ label: name }], { title: vscode.l10n.t('Pick one') });",
    'item.text = `$(key) ${name} (+1)`;',
    "void vscode.window.showInputBox({ validateInput: (v) => (/^\\d+$/.test(v) ? undefined : vscode.l10n.t('Digits.')) });",
    "new vscode.TreeItem(name);",
    "class E extends Error { constructor() { super('x'); this.name = 'E'; } } void E;",
  ];
  for (const code of untranslated) assert.ok((await problems(code)) >= 1, `not caught: ${code}`);
  for (const code of translated) assert.equal(await problems(code), 0, `flagged though translated: ${code}`);
});
