// The supported VS Code range is one decision written in several places (README "Supported VS Code versions"):
// engines.vscode, the @types/vscode the code compiles against, the oldest build the suite runs on, and the Node that
// build's extension host has. These tests keep them in step.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
};
type Installer = typeof import('../../scripts/install-code-server.mjs', { with: { 'resolution-mode': 'import' } });
const installer = (): Promise<Installer> => import(pathToFileURL(join(ROOT, 'scripts', 'install-code-server.mjs')).href) as Promise<Installer>;

/** `^1.103.0` → [1, 103]; anything but a caret range on a .0 release fails. */
function engineFloor(): [number, number] {
  const m = /^\^(\d+)\.(\d+)\.0$/.exec(pkg.engines.vscode);
  assert.ok(m, `engines.vscode is ${pkg.engines.vscode}; expected ^MAJOR.MINOR.0`);
  return [Number(m[1]), Number(m[2])];
}

const minor = (version: string): string => version.split('.').slice(0, 2).join('.');

test('@types/vscode is exactly the engines.vscode floor, so no API newer than the oldest supported VS Code compiles', () => {
  const floor = engineFloor().join('.');
  assert.equal(pkg.devDependencies['@types/vscode'], `${floor}.0`);
  const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')) as { version: string };
  assert.equal(minor(installed.version), floor, `node_modules has @types/vscode ${installed.version}: run npm ci`);
});

test('the oldest VS Code the suite runs on is the engines.vscode floor; the newest is newer', async () => {
  const { VSCODE_BUILDS } = await installer();
  assert.equal(minor(VSCODE_BUILDS.oldest.vscode), engineFloor().join('.'));
  assert.match(VSCODE_BUILDS.oldest.codeServer, /^4\.\d+\.\d+$/);
  const [, newestMinor] = VSCODE_BUILDS.newest.vscode.split('.').map(Number);
  assert.ok(newestMinor > engineFloor()[1], `newest ${VSCODE_BUILDS.newest.vscode} is not newer than the floor`);
});

test('every supported extension host runs Node 22 or later (the AWS SDK needs it from January 2027), and the bundle targets it', async () => {
  const { VSCODE_BUILDS } = await installer();
  const major = (v: string) => Number(v.split('.')[0]);
  assert.ok(major(VSCODE_BUILDS.oldest.node) >= 22, `oldest build runs Node ${VSCODE_BUILDS.oldest.node}`);
  assert.ok(major(VSCODE_BUILDS.newest.node) >= major(VSCODE_BUILDS.oldest.node));
  const target = /target: 'node(\d+)'/.exec(readFileSync(join(ROOT, 'esbuild.mjs'), 'utf8'));
  assert.equal(Number(target?.[1]), major(VSCODE_BUILDS.oldest.node), 'esbuild.mjs targets the oldest extension host\'s Node');
});
