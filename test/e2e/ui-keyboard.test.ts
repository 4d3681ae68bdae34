// Keyboard only: focus the Cluster Pass view from the command palette, walk the tree with the arrow keys, press
// Ctrl+Enter on an EMR cluster row and answer the prompts with the keyboard; the clipboard gets the password. Then
// Ctrl+Alt+K opens the sessions QuickPick. No mouse click on the tree or the prompts.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { DEFAULT_IDS } from '../emulator/index';
import { COUNTDOWN_ITEM, startUiRun, type UiRun } from '../harness/uiRun';

let run: UiRun;

before(async () => {
  run = await startUiRun('ui-keyboard', {
    profiles: (regions) => [{ name: 'demo', region: regions[0] }],
    settings: () => ({ 'clusterPass.defaultFormat': 'ask' }),
  });
});
after(() => run?.close());
afterEach(async () => {
  await run.wb.clearNotifications().catch(() => undefined);
  run.assertNoLeaks();
});

test('Ctrl+Enter on a focused EMR cluster row gets credentials, prompts answered with the keyboard', { timeout: 60_000 }, async () => {
  const { wb, emulator } = run;
  const { page } = wb;
  emulator.clearLog();

  // The view's own focus command (clusterPass.targets.focus), from the palette (F1 is a keyboard shortcut too).
  await wb.activityBarEntry('Cluster Pass').waitFor({ timeout: 20_000 }); // the extension's contributions are loaded
  await wb.runCommand('Focus on Clusters View');
  await wb.container().waitFor({ state: 'visible', timeout: 20_000 });
  await wb.waitForRowsAtLevel(1, 4);
  // The first run opens the view and activates the extension; VS Code asks for the focus before the extension has
  // created the tree, so it lands nowhere. Once the rows are there, the same command focuses the tree.
  if (!(await wb.treeHasFocus())) await wb.runCommand('Focus on Clusters View');
  await wb.waitForTreeFocus();

  // Arrow keys: to the "EMR clusters" group, Right to expand it, Down until the running cluster has the focus.
  await wb.focusTreeRowByKeyboard((label) => label.startsWith('EMR clusters'));
  await page.keyboard.press('ArrowRight');
  await wb.treeItem('analytics-prod, RUNNING').waitFor({ timeout: 20_000 });
  const focused = await wb.focusTreeRowByKeyboard((label) => label.startsWith('analytics-prod, RUNNING'));
  assert.equal(focused, 'analytics-prod, RUNNING');
  await wb.screenshot('cluster-focused');

  await page.keyboard.press('Control+Enter');
  // The prompts are those of the focused cluster (not the palette's target picker).
  await wb.waitForQuickInput(/Runtime IAM role/);
  assert.doesNotMatch(await wb.quickInput().innerText(), /Get credentials for/i);
  await page.keyboard.type(DEFAULT_IDS.emr.runtimeRoleArn);
  await wb.screenshot('role-typed');
  await page.keyboard.press('Enter');
  await wb.waitForQuickInput(/Copy credentials as/, 15_000);
  const formats = await wb.quickItems();
  assert.match(formats[0], /^Password/, `first format: ${formats.join(' | ')}`);
  await page.keyboard.press('Enter'); // the first (highlighted) format

  const issued = emulator.issuedSecrets.filter((s) => s.operation === 'GetClusterSessionCredentials');
  assert.equal(issued.length, 1);
  assert.equal(issued[0].target, DEFAULT_IDS.emr.running);
  await wb.waitForClipboard((t) => t === issued[0].secret, 10_000, 'the issued EMR password');
  await wb.waitForStatusBarText(COUNTDOWN_ITEM, /analytics-prod \d+:\d\d/);
  await wb.screenshot('copied');
});

test('Ctrl+Alt+K opens the sessions QuickPick; Escape closes it', { timeout: 30_000 }, async () => {
  const { wb } = run;
  await wb.waitForStatusBarText(COUNTDOWN_ITEM, /analytics-prod/);
  await wb.page.keyboard.press('Control+Alt+KeyK');
  await wb.waitForQuickInput(/What to do with this session/);
  const items = await wb.quickItems();
  assert.deepEqual(items.map((i) => i.replace(/\s+/g, ' ')), ['Copy again…', 'Renew', 'Forget']);
  await wb.screenshot('sessions-quickpick');
  await wb.page.keyboard.press('Escape');
  await wb.quickInput().waitFor({ state: 'hidden', timeout: 5_000 });
});
