// A first run without any AWS profile: the view shows its welcome content (what to do, a Refresh button, a link to
// AWS's guide). The user then writes a profile into the config file and clicks Refresh: the tree shows it.
import * as assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { writeAwsConfig } from '../harness/awsConfig';
import { startUiRun, type UiRun } from '../harness/uiRun';

let run: UiRun;

before(async () => {
  // Empty config and credentials files (the env still points at them, so nothing outside the run is read).
  run = await startUiRun('ui-welcome', { profiles: () => [] });
});
after(() => run?.close());
afterEach(() => {
  run.assertNoLeaks();
});

test('no profile: welcome content with Refresh and a link; after adding a profile, Refresh shows it', { timeout: 45_000 }, async () => {
  const { wb, emulator, aws } = run;
  assert.deepEqual(aws.profiles, []);
  const sidebar = await wb.openContainer('Cluster Pass');
  const welcome = sidebar.locator('.welcome-view-content');
  await welcome.waitFor({ state: 'visible', timeout: 20_000 });
  const text = await welcome.innerText();
  assert.match(text, /No AWS profile was found in your shared config or credentials files\./);
  assert.match(text, /"aws configure --profile NAME" or "aws configure sso"/);
  // Welcome content renders links only: Markdown code spans would show their backticks.
  assert.doesNotMatch(text, /`/);
  const refresh = welcome.getByRole('button', { name: 'Refresh' });
  await refresh.waitFor({ state: 'visible' });
  // A link alone on its line is rendered as a button too. It leads to AWS's guide: VS Code asks before opening it.
  const guide = welcome.getByRole('button', { name: 'Read how to configure profiles' });
  await guide.click();
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await dialog.innerText(), /https:\/\/docs\.aws\.amazon\.com\/cli\/latest\/userguide\/cli-configure-files\.html/);
  await wb.screenshot('welcome-link-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
  assert.equal(await sidebar.locator('[role="treeitem"]').count(), 0, 'no tree row besides the welcome content');
  await wb.screenshot('welcome');

  // The user configures a profile (as `aws configure` would), then clicks the welcome view's Refresh.
  const region = emulator.regions[0];
  writeAwsConfig(dirname(aws.configFile), emulator, [{ name: 'demo', region }]);
  await refresh.click();
  // One profile, one region: the tree skips those levels and shows the profile's service groups.
  const groups = await wb.waitForRowsAtLevel(1, 4);
  assert.deepEqual(groups, ['EMR clusters', 'EMR on EKS', 'Redshift', 'Redshift Serverless']);
  await welcome.waitFor({ state: 'hidden', timeout: 5_000 });
  await wb.expand(wb.treeRow('EMR clusters', 1));
  await wb.treeItem('analytics-prod, RUNNING').waitFor({ timeout: 20_000 });
  const listed = emulator.requests.filter((r) => r.operation === 'ListClusters');
  assert.ok(listed.length >= 1 && listed.every((r) => r.region === region), 'the new profile listed its region');
  await wb.screenshot('profile-added');
});
