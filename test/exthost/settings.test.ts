// Settings scopes: the settings that choose profiles and regions (where signed requests go) are machine-scoped, so a
// workspace's .vscode/settings.json cannot set them. With a workspace folder open (the code-server harness opens one
// whose settings file sets them), VS Code must ignore those values; the contributed scopes are checked in any case.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { skip, test } from './runner';
import { clusterPassApi, labelOf } from './support';

const MACHINE_SCOPED = ['clusterPass.profiles', 'clusterPass.regions', 'clusterPass.identityCenter.accounts', 'clusterPass.redshift.defaultDbUser'];

interface ContributedSetting {
  scope?: string;
}

test('profiles, regions, discovered accounts and the default database user are contributed as machine-scoped', () => {
  const properties = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON?.contributes?.configuration?.properties as Record<string, ContributedSetting>;
  for (const key of MACHINE_SCOPED) assert.equal(properties[key]?.scope, 'machine', `${key} scope`);
  // No setting redirects requests: nothing in the contributed settings names an endpoint.
  assert.deepEqual(Object.keys(properties).filter((k) => /endpoint|url/i.test(k)), []);
});

test('a workspace settings file cannot set machine-scoped settings (it can set window-scoped ones)', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const config = vscode.workspace.getConfiguration('clusterPass');
  const control = config.inspect<number>('statusBar.warningMinutes');
  if (!folder || control?.workspaceValue === undefined) skip('no workspace folder with Cluster Pass settings open');
  // The same file's window-scoped value is read: so the file was loaded, and the machine-scoped ones were dropped.
  assert.equal(control.workspaceValue, 7);
  for (const key of ['profiles', 'regions', 'redshift.defaultDbUser']) {
    const inspected = config.inspect(key);
    assert.equal(inspected?.workspaceValue, undefined, `clusterPass.${key} has a workspace value: ${JSON.stringify(inspected?.workspaceValue)}`);
    assert.equal(inspected?.workspaceFolderValue, undefined, `clusterPass.${key} has a folder value`);
  }
  assert.deepEqual(config.get('profiles'), []);
  // And the tree shows every profile, not the one the workspace named.
  if (process.env.CLUSTER_PASS_EMULATOR_URL) {
    const { tree } = await clusterPassApi();
    const roots = await Promise.all(((await tree.getChildren()) ?? []).map((n) => tree.getTreeItem(n)));
    assert.ok(!roots.some((i) => labelOf(i).includes('workspace-chosen-profile')));
    assert.ok(roots.some((i) => labelOf(i) === 'demo'));
  }
});
