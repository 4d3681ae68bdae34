// What a new user sees first: Cluster Pass's icon in the Extensions view, and its getting-started walkthrough on the
// Welcome page, whose first step completes when its button has run the command.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { startUiRun, type UiRun } from '../harness/uiRun';

let run: UiRun;

before(async () => {
  run = await startUiRun('ui-walkthrough');
});
after(() => run?.close());
afterEach(() => {
  run.assertNoLeaks();
});

test('the Extensions view shows Cluster Pass with its icon', { timeout: 45_000 }, async () => {
  const { wb } = run;
  await wb.runCommand('Extensions: Show Installed Extensions');
  const row = wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Cluster Pass' }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  const icon = row.locator('img.icon').first();
  await icon.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match((await icon.getAttribute('src')) ?? '', /icon\.png/);
  // Loaded, not the grey placeholder: the browser decoded a square image. The list may re-render its rows while the
  // image loads, so the row's current image is looked up on every check instead of holding on to one element.
  const decoded = (): Promise<boolean> => icon.evaluate((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth >= 128 && img.naturalWidth === img.naturalHeight, undefined, { timeout: 2_000 }).catch(() => false);
  for (const deadline = Date.now() + 20_000; !(await decoded()); await wb.page.waitForTimeout(250)) {
    assert.ok(Date.now() < deadline, 'the Extensions view shows a decoded square icon of at least 128 px');
  }
  await row.click();
  await wb.page.locator('.extension-editor .header .icon-container img').first().waitFor({ state: 'visible', timeout: 10_000 });
  await wb.screenshot('extensions-view-icon');
});

test('the walkthrough opens from Welcome, and its first step completes with its button', { timeout: 60_000 }, async () => {
  const { wb } = run;
  await wb.runCommand('Help: Welcome');
  const welcome = wb.page.locator('.gettingStartedContainer');
  await welcome.waitFor({ state: 'visible', timeout: 20_000 });
  // VS Code lists an extension's walkthrough a few seconds after the extension host starts, and the page may first
  // open VS Code's own featured walkthrough: go back to the list until Cluster Pass's entry is there.
  const entry = welcome.locator('.getting-started-category', { hasText: 'Get started with Cluster Pass' }).first();
  const back = welcome.locator('.prev-button');
  for (const deadline = Date.now() + 30_000; !(await entry.isVisible()); ) {
    assert.ok(Date.now() < deadline, 'the Welcome page never listed "Get started with Cluster Pass"');
    if (await back.isVisible()) await back.click();
    await wb.page.waitForTimeout(250);
  }
  await entry.click();

  const steps = welcome.locator('.getting-started-step');
  await steps.first().waitFor({ state: 'visible', timeout: 10_000 });
  const titles = (await steps.locator('.step-title').allInnerTexts()).map((t) => t.trim());
  for (const expected of ['Configure or discover AWS profiles', 'Open the Cluster Pass view', 'Get short-lived credentials', 'Connect a notebook']) {
    assert.ok(titles.includes(expected), `step "${expected}" missing from ${JSON.stringify(titles)}`);
  }
  const first = steps.filter({ hasText: 'Configure or discover AWS profiles' }).first();
  const done = first.locator('.codicon-pass-filled, .codicon-getting-started-step-checked');
  await first.click();
  // Its Markdown page is shown beside the steps (the page keeps a hidden media container per kind: wait for a shown one).
  await wb.page.locator('.getting-started-media:visible').first().waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await done.count(), 0, 'complete before its button ran');

  await first.getByRole('button', { name: 'Select Profiles' }).click();
  await wb.waitForQuickInput('Profiles to show in Cluster Pass');
  const profiles = await wb.quickItems();
  assert.ok(['analytics', 'demo'].every((name) => profiles.some((item) => item.startsWith(name))), `the run's profiles are offered: ${profiles.join(' | ')}`);
  await wb.dismissQuickInput();
  await done.first().waitFor({ state: 'visible', timeout: 10_000 });
  await wb.screenshot('walkthrough');
});
