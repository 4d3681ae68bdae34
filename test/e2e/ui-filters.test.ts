// What the tree shows, chosen from the view's title bar: Select Profiles… with one profile skips the profile level;
// Select Regions… with two regions shows region nodes; Show or Hide Terminated adds and removes terminated ones.
// The choices are machine-scoped settings, written where a workspace cannot override them.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, test } from 'node:test';
import { filesUnder } from '../harness/secrets';
import { startUiRun, type UiRun } from '../harness/uiRun';

let run: UiRun;
let regions: string[];

before(async () => {
  // Default: `demo` in the emulator's first region, `analytics` in its second.
  run = await startUiRun('ui-filters');
  regions = run.emulator.regions.slice(0, 2);
});
after(() => run?.close());
afterEach(async () => {
  // A menu left open by a failed step would swallow the next test's clicks.
  if (await run.wb.page.locator('.context-view .monaco-menu').isVisible().catch(() => false)) await run.wb.page.keyboard.press('Escape');
  await run.wb.dismissQuickInput().catch(() => undefined);
  run.assertNoLeaks();
});

/** Opens the view title's "More Actions…" menu and chooses `label`. */
async function moreActions(label: string): Promise<void> {
  const { wb } = run;
  // With one view in the container, its overflow is the side bar title's "Views and More Actions...".
  await wb.page.locator('.part.sidebar .title-actions .action-label[aria-label*="More Actions"]').filter({ visible: true }).first().click();
  const item = wb.page.locator('.context-view .monaco-menu .action-item', { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  // A click that arrives with no pointer movement since the menu opened is ignored by the menu: hover first.
  await item.hover();
  await item.click();
  const menu = wb.page.locator('.context-view .monaco-menu');
  const closed = await menu.waitFor({ state: 'detached', timeout: 3_000 }).then(() => true, () => false);
  if (!closed) {
    // On a loaded machine the click can still land before the menu takes pointer input: choose it by keyboard,
    // as a user would (hovering focuses the item; Enter runs it).
    await item.hover();
    await wb.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached', timeout: 5_000 });
  }
}

/** Toggles the checkbox of the multi-select QuickPick row whose label is exactly `label` (filtering first). */
async function toggle(label: string): Promise<void> {
  const { wb } = run;
  await wb.typeInQuickInput(label);
  const row = wb.quickInput().locator('.quick-input-list .monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.locator('input[type="checkbox"], .monaco-custom-toggle').first().click();
}

/** The row's checkbox state in the open multi-select QuickPick. */
async function checkedLabels(): Promise<string[]> {
  return run.wb.quickInput().locator('.quick-input-list .monaco-list-row').evaluateAll((rows) =>
    rows
      .filter((r) => r.querySelector('input[type="checkbox"]')?.matches(':checked') || r.querySelector('.monaco-custom-toggle')?.classList.contains('checked') || r.getAttribute('aria-checked') === 'true')
      .map((r) => r.querySelector('.label-name')?.textContent?.trim() ?? ''),
  );
}

/** The user settings files of the run that mention `key`. */
function settingsFilesWith(key: string): string[] {
  return filesUnder([run.wb.server.dataDir]).filter((f) => f.endsWith('settings.json') && readFileSync(f, 'utf8').includes(key));
}

test('Select Profiles… with one profile: the tree skips the profile level', { timeout: 45_000 }, async () => {
  const { wb } = run;
  await wb.openContainer('Cluster Pass');
  assert.deepEqual((await wb.waitForRowsAtLevel(1, 2)).sort(), ['analytics', 'demo']);

  await moreActions('Select Profiles…');
  await wb.waitForQuickInput(/Profiles to show in Cluster Pass/);
  await wb.quickInput().locator('.quick-input-list .monaco-list-row').nth(1).waitFor();
  assert.deepEqual((await checkedLabels()).sort(), ['analytics', 'demo'], 'none chosen yet means all');
  await toggle('analytics');
  await wb.typeInQuickInput('');
  assert.deepEqual(await checkedLabels(), ['demo']);
  await wb.screenshot('select-profiles');
  await wb.acceptQuickInput();

  // One profile with one region: its service groups are the root.
  await wb.page.waitForFunction(
    () => Array.from(document.querySelectorAll('[id="workbench.view.extension.clusterPass"] [role="treeitem"][aria-level="1"] .label-name')).map((e) => e.textContent).join('|') === 'EMR clusters|EMR on EKS|Redshift|Redshift Serverless',
    undefined,
    { timeout: 20_000 },
  );
  await wb.screenshot('one-profile');
  // Saved in the machine's settings (a workspace's .vscode/settings.json cannot change which profiles are used).
  assert.deepEqual(settingsFilesWith('clusterPass.profiles').map((f) => f.split('/').slice(-2).join('/')), ['Machine/settings.json']);
});

test('Select Regions… with two regions: region nodes appear, each with its own clusters', { timeout: 45_000 }, async () => {
  const { wb } = run;
  await moreActions('Select Regions…');
  await wb.waitForQuickInput(/Regions to show in Cluster Pass/);
  assert.deepEqual(await checkedLabels(), [], "none chosen means each profile's own region");
  for (const region of regions) await toggle(region);
  await wb.typeInQuickInput('');
  assert.deepEqual((await checkedLabels()).sort(), [...regions].sort());
  await wb.screenshot('select-regions');
  await wb.acceptQuickInput();

  await wb.page.waitForFunction(
    (expected) => Array.from(document.querySelectorAll('[id="workbench.view.extension.clusterPass"] [role="treeitem"][aria-level="1"] .label-name')).map((e) => e.textContent).sort().join('|') === expected,
    [...regions].sort().join('|'),
    { timeout: 20_000 },
  );
  await wb.expand(wb.treeRow(regions[1], 1));
  await wb.expand(wb.treeRow('EMR clusters', 2));
  await wb.treeItem('eu-analytics, RUNNING').waitFor({ timeout: 20_000 });
  await wb.screenshot('two-regions');
  assert.deepEqual(settingsFilesWith('clusterPass.regions').map((f) => f.split('/').slice(-2).join('/')), ['Machine/settings.json']);
});

test('Show or Hide Terminated toggles terminated virtual clusters and endpoints', { timeout: 45_000 }, async () => {
  const { wb } = run;
  await wb.collapseAll();
  await wb.expand(wb.treeRow(regions[0], 1));
  await wb.expand(wb.treeRow('EMR on EKS', 2));
  await wb.treeItem('analytics-eks, RUNNING').waitFor({ timeout: 20_000 });
  const retired = wb.treeItem('retired-eks, TERMINATED');
  assert.equal(await retired.count(), 0, 'terminated virtual clusters are hidden by default');

  await wb.clickViewTitleAction('Show or Hide Terminated');
  await retired.waitFor({ timeout: 20_000 });
  assert.equal(await retired.locator('.codicon-circle-slash').count(), 1);
  await wb.expand(wb.treeItem('analytics-eks, RUNNING'));
  await wb.treeItem('notebooks-old, TERMINATED').waitFor({ timeout: 20_000 });
  await wb.treeItem('notebooks-broken, TERMINATED_WITH_ERRORS').waitFor({ timeout: 20_000 });
  await wb.screenshot('terminated-shown');

  await wb.clickViewTitleAction('Show or Hide Terminated');
  await retired.waitFor({ state: 'detached', timeout: 20_000 });
  await wb.treeItem('analytics-eks, RUNNING').waitFor({ timeout: 20_000 });
  assert.equal(await wb.treeItem('notebooks-old, TERMINATED').count(), 0);
  await wb.screenshot('terminated-hidden');
});
