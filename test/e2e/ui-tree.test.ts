// The explorer as a user sees it: two AWS profiles and two regions against the emulator. Opens the container from the
// activity bar, walks profile → region → service group → targets with their states, expands a virtual cluster to its
// managed endpoints, and pages EMR clusters beyond AWS's 50 per page with "Load more…".
import * as assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { startUiRun, type UiRun } from '../harness/uiRun';

let run: UiRun;
let regions: string[];

before(async () => {
  run = await startUiRun('ui-tree', {
    settings: (aws, emulatorRegions) => ({ 'clusterPass.profiles': aws.profiles.map((p) => p.name), 'clusterPass.regions': emulatorRegions.slice(0, 2) }),
  });
  regions = run.emulator.regions.slice(0, 2);
});
after(() => run?.close());
afterEach(() => {
  run.assertNoLeaks();
});

/** aria-setsize of the rows at `level`: how many siblings the tree has there, rendered or not. */
async function setSize(level: number): Promise<number> {
  const value = await run.wb.container().locator(`[role="treeitem"][aria-level="${level}"]`).first().getAttribute('aria-setsize');
  return Number(value);
}

test('the activity bar opens Cluster Pass: profiles, regions and service groups', { timeout: 60_000 }, async () => {
  const { wb, aws } = run;
  const entry = wb.activityBarEntry('Cluster Pass');
  await entry.waitFor({ timeout: 20_000 });
  await entry.click();
  await wb.container().waitFor({ state: 'visible' });
  const profiles = await wb.waitForRowsAtLevel(1, 2);
  assert.deepEqual([...profiles].sort(), aws.profiles.map((p) => p.name).sort());
  // Before expansion a profile shows its own region; once expanded, its account (sts:GetCallerIdentity).
  assert.equal((await wb.treeRow('analytics', 1).locator('.label-description').innerText()).trim(), regions[1]);
  await wb.screenshot('profiles');

  await wb.expand(wb.treeRow('demo', 1));
  await wb.treeRow('demo', 1).locator('.label-description', { hasText: /^\d{12}$/ }).waitFor({ timeout: 15_000 });
  assert.deepEqual((await wb.waitForRowsAtLevel(2, 2)).sort(), [...regions].sort());
  await wb.expand(wb.treeRow(regions[0], 2));
  const groups = await wb.waitForRowsAtLevel(3, 4);
  assert.deepEqual(groups, ['EMR clusters', 'EMR on EKS', 'Redshift', 'Redshift Serverless']);
  await wb.screenshot('groups');
});

test('targets show their states; terminated ones are hidden; "Load more…" pages past 50 EMR clusters', { timeout: 60_000 }, async () => {
  const { wb } = run;
  await wb.expand(wb.treeRow('EMR clusters', 3));
  for (const name of ['etl-starting, STARTING', 'etl-bootstrapping, BOOTSTRAPPING', 'analytics-prod, RUNNING', 'notebooks-shared, WAITING']) {
    await wb.treeItem(name).waitFor({ timeout: 20_000 });
  }
  // Each state is visible as the row's description and icon.
  const running = wb.treeItem('analytics-prod, RUNNING');
  assert.equal((await running.locator('.label-description').innerText()).trim(), 'RUNNING');
  assert.equal(await running.locator('.codicon-pass-filled').count(), 1);
  assert.equal(await wb.treeItem('etl-starting, STARTING').locator('.codicon-loading').count(), 1);
  await wb.screenshot('emr-first-page');
  // AWS returns at most 50 per ListClusters page: 50 clusters and a "Load more…" row.
  assert.equal(await setSize(4), 51);
  assert.equal(await wb.container().getByRole('treeitem', { name: /etl-2025-05-30|etl-failed-oom|etl-terminating/ }).count(), 0, 'terminated clusters are hidden');

  const more = await wb.scrollTreeTo(wb.treeItem('Load more…'));
  await wb.screenshot('emr-load-more');
  await more.click();
  await wb.page.waitForFunction(
    () => Number(document.querySelector('[id="workbench.view.extension.clusterPass"] [role="treeitem"][aria-level="4"]')?.getAttribute('aria-setsize')) > 51,
    undefined,
    { timeout: 15_000 },
  );
  const total = await setSize(4);
  const active = run.emulator.world.regions[regions[0]].emrClusters.filter((c) => ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING'].includes(c.state)).length;
  assert.equal(total, active, 'every active cluster is listed after the second page, without a further "Load more…"');
  assert.ok(total > 50);
  await wb.scrollTreeTo(wb.treeItem(/^batch-60, /));
  await wb.screenshot('emr-second-page');
  const listCalls = run.emulator.requests.filter((r) => r.operation === 'ListClusters' && r.region === regions[0]);
  assert.ok(listCalls.length >= 2, 'two ListClusters pages were requested');
});

test('a virtual cluster expands to its managed endpoints; Redshift clusters show their states', { timeout: 60_000 }, async () => {
  const { wb } = run;
  await wb.collapseAll();
  await wb.expand(wb.treeRow('demo', 1));
  await wb.expand(wb.treeRow(regions[0], 2));
  await wb.expand(wb.treeRow('EMR on EKS', 3));
  const vc = wb.treeItem('analytics-eks, RUNNING');
  await vc.waitFor({ timeout: 20_000 });
  assert.equal(await wb.container().getByRole('treeitem', { name: /^retired-eks, / }).count(), 0, 'the terminated virtual cluster is hidden');
  await wb.expand(vc);
  const endpoints = await wb.waitForRowsAtLevel(5, 2);
  assert.deepEqual([...endpoints].sort(), ['notebooks-gateway', 'notebooks-next']);
  await wb.treeItem('notebooks-gateway, ACTIVE').waitFor();
  await wb.treeItem('notebooks-next, CREATING').waitFor();
  await wb.screenshot('eks-endpoints');

  await wb.expand(wb.treeRow('Redshift', 3));
  await wb.treeItem('analytics-dw, available').waitFor({ timeout: 20_000 });
  await wb.treeItem('new-dw, creating').waitFor();
  assert.equal(await wb.container().getByRole('treeitem', { name: /^archive-dw, / }).count(), 0, 'the paused cluster is hidden');
  await wb.screenshot('redshift');

  // The other profile lists its own region's targets.
  await wb.collapseAll();
  await wb.expand(wb.treeRow('analytics', 1));
  await wb.expand(wb.treeRow(regions[1], 2));
  await wb.expand(wb.treeRow('EMR clusters', 3));
  await wb.treeItem('eu-analytics, RUNNING').waitFor({ timeout: 20_000 });
  await wb.screenshot('second-profile');
});
