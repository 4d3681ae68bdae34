// The extension as the real extension host sees it: present, activates cheaply, registers what it contributes.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { COMMANDS, EXTENSION_ID } from '../../src/constants';
import { skip, test } from './runner';

interface ContributedCommand {
  command: string;
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

function contributedCommands(): string[] {
  const commands = (extension().packageJSON?.contributes?.commands ?? []) as ContributedCommand[];
  return commands.map((c) => c.command);
}

/** Modules Node has loaded from the extension's dist/ folder. */
function loadedBundles(): string[] {
  const root = extension().extensionPath;
  return Object.keys(require.cache).filter((p) => p.startsWith(`${root}/dist/`));
}

test('the extension is present with its identity', () => {
  const ext = extension();
  assert.equal(ext.id.toLowerCase(), EXTENSION_ID);
  assert.equal(ext.packageJSON.publisher, 'clusterpass');
  assert.equal(ext.packageJSON.name, 'cluster-pass');
  assert.equal(ext.packageJSON.displayName, 'Cluster Pass');
});

test('the extension activates', async () => {
  const ext = extension();
  await ext.activate();
  assert.equal(ext.isActive, true);
});

test('activation loads no bundle but dist/extension.js (not aws.js, jupyter.js or bridge.js)', () => {
  const bundles = loadedBundles();
  assert.ok(bundles.some((p) => p.endsWith('/dist/extension.js')), `extension.js not among loaded modules: ${bundles.join(', ')}`);
  assert.deepEqual(bundles.filter((p) => /\/dist\/(aws|jupyter|bridge)\.js$/.test(p)), []);
});

test('every Cluster Pass command that package.json contributes is registered', async () => {
  const known = new Set<string>(Object.values(COMMANDS));
  const contributed = contributedCommands().filter((id) => known.has(id));
  const registered = new Set(await vscode.commands.getCommands(true));
  const missing = contributed.filter((id) => !registered.has(id));
  assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  console.log(`    (${contributed.length} of ${known.size} ids in src/constants.ts COMMANDS are contributed and registered)`);
});

test('every contributed command is registered (no dead menu entries)', async () => {
  const registered = new Set(await vscode.commands.getCommands(true));
  const missing = contributedCommands().filter((id) => !registered.has(id));
  assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
});

test('the extension host sees the isolated AWS config the harness wrote', () => {
  // Only meaningful when started by test/harness (which sets this); a desktop run uses the developer's own config.
  if (!process.env.CLUSTER_PASS_HARNESS) skip('not started by test/harness: the extension host reads the developer\'s own AWS config');
  const config = process.env.AWS_CONFIG_FILE;
  assert.ok(config && existsSync(config), `AWS_CONFIG_FILE=${config} does not exist in the extension host`);
  assert.ok(process.env.AWS_SHARED_CREDENTIALS_FILE && existsSync(process.env.AWS_SHARED_CREDENTIALS_FILE));
});
