// What the Marketplace and Open VSX expect of the package: identity and links, an icon they can show, a changelog
// for this version, categories they know, a licence, no proposed API, and a .vsix of runtime files only.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & {
  version: string;
  icon: string;
  license: string;
  categories: string[];
  keywords: string[];
  repository: { type: string; url: string };
  bugs: { url: string };
  homepage: string;
  galleryBanner: { color: string; theme: string };
  devDependencies: Record<string, string>;
};

// The Marketplace's categories (vsce refuses others).
const CATEGORIES = ['Azure', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'AI', 'Chat'];

test('repository, bugs and homepage are public https addresses of one repository', () => {
  assert.equal(pkg.repository.type, 'git');
  const repo = pkg.repository.url.replace(/\.git$/, '');
  assert.match(repo, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
  assert.equal(pkg.bugs.url, `${repo}/issues`);
  assert.ok(pkg.homepage.startsWith(repo), pkg.homepage);
});

test('the icon is a square PNG of at least 128 px, and the gallery banner has a colour and theme', () => {
  assert.match(pkg.icon, /\.png$/);
  const png = readFileSync(join(ROOT, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  assert.ok(width >= 128 && width === height, `${width}×${height}`);
  assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
});

test('categories are the Marketplace\'s, keywords at most 30 and unique', () => {
  assert.deepEqual(pkg.categories.filter((c) => !CATEGORIES.includes(c)), []);
  assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30, `${pkg.keywords.length} keywords`);
  assert.equal(new Set(pkg.keywords).size, pkg.keywords.length);
});

test('CHANGELOG.md has a section for this version', () => {
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'));
});

test('Open VSX: a licence file matching the licence field, and no proposed API', () => {
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /MIT License/);
  assert.equal(pkg.enabledApiProposals, undefined);
  assert.equal(JSON.stringify(pkg).includes('vscode.proposed'), false);
});

test('the design\'s test packages are devDependencies: @vscode/test-electron, @vscode/l10n-dev, @vscode/vsce', () => {
  for (const name of ['@vscode/test-electron', '@vscode/l10n-dev', '@vscode/vsce']) assert.ok(pkg.devDependencies[name], name);
});

test('the .vsix holds only runtime files (vsce ls)', { skip: !existsSync(join(ROOT, 'dist', 'extension.js')) && 'dist/ not built' }, () => {
  const files = execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').sort();
  const runtime = /^(package\.json|package\.nls(\.[\w-]+)?\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/(extension|aws|jupyter|bridge)\.js|l10n\/bundle\.l10n(\.[\w-]+)?\.json|media\/(icon\.png|cluster-pass\.svg|walkthrough\/\w+\.md))$/;
  assert.deepEqual(files.filter((f) => !runtime.test(f)), [], 'not needed at run time');
  for (const needed of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', pkg.icon, 'dist/extension.js', 'dist/bridge.js', 'l10n/bundle.l10n.de.json', 'package.nls.de.json']) {
    assert.ok(files.includes(needed), `${needed} missing from the package`);
  }
});
