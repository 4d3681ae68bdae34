// UI smoke test, as a user would: the packaged .vsix installed into a real VS Code (code-server) in Chromium, two AWS
// profiles pointing at the emulator; open Cluster Pass from the activity bar and walk the tree
// profile → region → service group → targets.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AWS_ENV_TO_CLEAR, writeAwsConfig } from '../harness/awsConfig';
import { packageVsixIfStale } from '../harness/build';
import { startEmulatorInProcess } from '../harness/emulator';
import { makeWorkbenchRunDir } from '../harness/paths';
import { openWorkbench, type Workbench } from '../harness/workbench';

/** Labels of the tree rows at one depth (1 = root) in the Cluster Pass side bar. */
async function rowsAtLevel(wb: Workbench, level: number): Promise<string[]> {
  const labels = wb.container().locator(`[role="treeitem"][aria-level="${level}"] .label-name`);
  return (await labels.allInnerTexts()).map((t) => t.trim());
}

/** Waits until at least `min` rows exist at `level`; returns their labels. */
async function waitForRows(wb: Workbench, level: number, min = 1, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const labels = await rowsAtLevel(wb, level);
    if (labels.length >= min) return labels;
    if (Date.now() > deadline) throw new Error(`expected ${min}+ tree rows at level ${level}, saw ${JSON.stringify(labels)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The row at `level` whose label is exactly `label`. */
function row(wb: Workbench, level: number, label: string) {
  return wb
    .container()
    .locator(`[role="treeitem"][aria-level="${level}"]`)
    .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
    .first();
}

test('Cluster Pass opens from the activity bar and shows profiles, regions, service groups and targets', { timeout: 180_000 }, async (t) => {
  const vsix = await packageVsixIfStale();
  const emulator = await startEmulatorInProcess();
  t.after(() => emulator.stop());
  const dir = makeWorkbenchRunDir('ui-smoke');
  const aws = writeAwsConfig(join(dir, 'aws'), emulator);
  const regions = emulator.regions.slice(0, 2);

  const wb = await openWorkbench({
    dataDir: join(dir, 'code-server'),
    vsix: [vsix],
    clearEnv: AWS_ENV_TO_CLEAR,
    env: { ...aws.env, CLUSTER_PASS_HARNESS: 'code-server' },
    settings: { 'clusterPass.profiles': aws.profiles.map((p) => p.name), 'clusterPass.regions': regions },
    screenshotPrefix: 'ui-smoke',
  });
  t.after(() => wb.close());

  const installed = readdirSync(wb.server.extensionsDir).filter((d) => d.startsWith('clusterpass.cluster-pass-'));
  assert.equal(installed.length, 1, `the .vsix is not installed in ${wb.server.extensionsDir}`);
  assert.ok(existsSync(join(wb.server.extensionsDir, installed[0], 'dist', 'extension.js')));
  await wb.screenshot('workbench');

  await wb.openContainer('Cluster Pass');
  const profiles = await waitForRows(wb, 1, 2);
  await wb.screenshot('container');
  for (const p of aws.profiles) assert.ok(profiles.includes(p.name), `profile ${p.name} not in the tree: ${JSON.stringify(profiles)}`);

  await wb.expand(row(wb, 1, aws.profiles[0].name));
  const regionRows = await waitForRows(wb, 2, regions.length);
  assert.deepEqual([...regionRows].sort(), [...regions].sort(), 'the regions under the first profile');

  await wb.expand(row(wb, 2, regions[0]));
  const groups = await waitForRows(wb, 3, 3);
  t.diagnostic(`service groups: ${groups.join(', ')}`);
  for (const g of ['EMR clusters', 'EMR on EKS', 'Redshift']) assert.ok(groups.includes(g), `service group ${g} missing: ${JSON.stringify(groups)}`);

  await wb.expand(row(wb, 3, groups[0]));
  const targets = await waitForRows(wb, 4, 1);
  t.diagnostic(`${groups[0]}: ${targets.length} rows, first ${targets.slice(0, 3).join(', ')}`);
  // Each target row says its state: the accessible name is "NAME, STATE".
  const running = wb.container().locator('[role="treeitem"][aria-level="4"]', { hasText: 'RUNNING' }).first();
  assert.match((await running.getAttribute('aria-label')) ?? '', /^.+, RUNNING$/);
  const shot = await wb.screenshot('tree-expanded');
  t.diagnostic(`screenshot: ${shot}`);
});
