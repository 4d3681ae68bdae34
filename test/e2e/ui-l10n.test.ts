// The workbench in German (code-server --locale de): Cluster Pass's contributions come from package.nls.de.json and
// its messages from l10n/bundle.l10n.de.json. VS Code's own UI stays English (no language pack is installed).
import * as assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { startUiRun, type UiRun } from '../harness/uiRun';

let run: UiRun;

before(async () => {
  run = await startUiRun('ui-l10n', {
    locale: 'de',
    settings: (aws, emulatorRegions) => ({ 'clusterPass.profiles': aws.profiles.map((p) => p.name), 'clusterPass.regions': emulatorRegions.slice(0, 2) }),
  });
});
after(() => run?.close());
afterEach(() => {
  run.assertNoLeaks();
});

test('in German: a translated view name, a translated command title in the palette and a translated message', { timeout: 60_000 }, async () => {
  const { wb } = run;
  const sidebar = await wb.openContainer('Cluster Pass');
  // The view's name: "Clusters" in English, "Cluster" in German (its only view's header is hidden, but named).
  const header = sidebar.locator('.pane-header[aria-label]').first();
  await header.waitFor({ state: 'attached', timeout: 20_000 });
  assert.match((await header.getAttribute('aria-label')) ?? '', /^Cluster\b(?!s)/);

  // A command title from package.nls.de.json; running it with no session shows a message from bundle.l10n.de.json.
  await wb.runCommand('Cluster Pass: Sitzungen anzeigen');
  const toast = await wb.waitForToastShown('Keine aktive Cluster-Pass-Sitzung');
  assert.match(await toast.innerText(), /Rufen Sie zuerst in der Cluster-Pass-Ansicht Anmeldedaten ab\./);
  assert.ok(!(await wb.notifications()).some((n) => /No active Cluster Pass session/.test(n)), 'no English message');
  await wb.screenshot('german-message');
});

test('in German: text the lazily loaded AWS bundle defines as data (a service group label) is translated', { timeout: 60_000 }, async () => {
  const { wb, emulator } = run;
  await wb.openContainer('Cluster Pass');
  await wb.expand(wb.treeRow('demo', 1));
  await wb.expand(wb.treeRow(emulator.regions[0], 2));
  // The labels are module-level constants of dist/aws.js, evaluated when it is required after activation.
  const groups = await wb.waitForRowsAtLevel(3, 4);
  assert.deepEqual(groups, ['EMR-Cluster', 'EMR on EKS', 'Redshift', 'Redshift Serverless']);
  await wb.screenshot('german-groups');
});
