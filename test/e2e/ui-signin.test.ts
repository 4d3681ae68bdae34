// Signing in again from the tree. A profile whose keys AWS refuses shows an error node with a Sign In action; the user
// fixes the credentials file and chooses Retry in the message the Sign In action shows: the profile's groups list.
// An SSO profile without a valid sign-in gets the same node, and Sign In opens a terminal running `aws sso login`.
import * as assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { writeAwsConfig, type AwsProfileSpec } from '../harness/awsConfig';
import { startUiRun, type UiRun } from '../harness/uiRun';

const WRONG_KEY_ID = 'AKIAWRONGWRONGWRONG1';
let run: UiRun;
let region: string;

function profiles(regions: string[], broken: boolean): AwsProfileSpec[] {
  return [
    { name: 'demo', region: regions[0] },
    { name: 'analytics', region: regions[0], ...(broken ? { accessKeyId: WRONG_KEY_ID, secretAccessKey: 'not-the-secret-the-emulator-knows' } : {}) },
    {
      name: 'sso-dev',
      region: regions[0],
      withoutKeys: true,
      extraConfig: { sso_start_url: 'https://cluster-pass-test.awsapps.com/start', sso_region: regions[0], sso_account_id: '123456789012', sso_role_name: 'Analyst' },
    },
  ];
}

before(async () => {
  run = await startUiRun('ui-signin', { profiles: (regions) => profiles(regions, true) });
  region = run.emulator.regions[0];
});
after(() => run?.close());
afterEach(async () => {
  await run.wb.clearNotifications().catch(() => undefined);
  run.assertNoLeaks();
});

test('refused keys: an error node with Sign In; after fixing the credentials file, Retry lists the groups', { timeout: 45_000 }, async () => {
  const { wb, emulator, aws } = run;
  await wb.openContainer('Cluster Pass');
  assert.deepEqual((await wb.waitForRowsAtLevel(1, 3)).sort(), ['analytics', 'demo', 'sso-dev']);
  await wb.expand(wb.treeRow('analytics', 1));
  const node = wb.treeItem(/did not accept the credentials of profile "analytics"/);
  await node.waitFor({ timeout: 20_000 });
  assert.match(await node.innerText(), /InvalidClientTokenId|SignatureDoesNotMatch/);
  assert.ok(emulator.requests.some((r) => r.accessKeyId === WRONG_KEY_ID && r.status >= 400), 'the emulator refused the wrong key');
  await wb.screenshot('refused-keys');

  await wb.clickInlineAction(node, 'Sign In Again');
  const toast = await wb.waitForToastShown(/Refresh the credentials of profile "analytics" .*then retry/);
  await wb.screenshot('sign-in-message');

  // The user fixes the keys (as `aws configure --profile analytics` would), then chooses Retry.
  writeAwsConfig(dirname(aws.configFile), emulator, profiles(emulator.regions, false));
  emulator.clearLog();
  await wb.clickNotificationButton(toast, 'Retry');
  const analytics = wb.treeRow('analytics', 1);
  await wb.expand(analytics);
  const groups = await waitForChildren('analytics', 4);
  assert.deepEqual(groups, ['EMR clusters', 'EMR on EKS', 'Redshift', 'Redshift Serverless']);
  // Its account, from sts:GetCallerIdentity with the fixed keys.
  await analytics.locator('.label-description', { hasText: /^\d{12}$/ }).waitFor({ timeout: 15_000 });
  assert.ok(!emulator.requests.some((r) => r.accessKeyId === WRONG_KEY_ID), 'the wrong key was not used again');
  await wb.expand(wb.treeRow('EMR clusters', 2)); // only analytics is expanded
  await wb.treeItem('analytics-prod, RUNNING').waitFor({ timeout: 20_000 });
  assert.ok(emulator.requests.some((r) => r.operation === 'ListClusters' && r.region === region && r.status === 200));
  await wb.screenshot('signed-in');
});

test('an SSO profile without a valid sign-in: Sign In opens a terminal with aws sso login', { timeout: 45_000 }, async () => {
  const { wb } = run;
  await wb.openContainer('Cluster Pass');
  await wb.collapseAll();
  await wb.expand(wb.treeRow('sso-dev', 1));
  const node = wb.treeItem(/profile "sso-dev"/);
  await node.waitFor({ timeout: 20_000 });
  assert.match(await node.innerText(), /sign-in for profile "sso-dev" has expired.*aws sso login --profile sso-dev/);
  await wb.screenshot('sso-expired');
  // The node itself is the Sign In action too.
  await node.click();
  await wb.waitForToastShown(/Finish the sign-in in the terminal, then retry\./);
  await wb.terminalTab('AWS sign-in (sso-dev)').waitFor({ state: 'visible', timeout: 15_000 });
  await wb.screenshot('sso-terminal');
  await wb.waitForTerminalText(/aws sso login --profile sso-dev/);
});

/** Labels of the rows directly under the root row `label` (level 2), once at least `min` are rendered. */
async function waitForChildren(label: string, min: number): Promise<string[]> {
  const { wb } = run;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const labels = await wb.page.evaluate(
      ({ containerId, parent }) => {
        const rows = Array.from(document.querySelectorAll(`[id="${containerId}"] [role="treeitem"]`));
        const start = rows.findIndex((r) => r.getAttribute('aria-level') === '1' && r.querySelector('.label-name')?.textContent === parent);
        const out: string[] = [];
        for (const r of rows.slice(start + 1)) {
          if (r.getAttribute('aria-level') === '1') break;
          if (r.getAttribute('aria-level') === '2') out.push(r.querySelector('.label-name')?.textContent ?? '');
        }
        return start < 0 ? [] : out;
      },
      { containerId: 'workbench.view.extension.clusterPass', parent: label },
    );
    if (labels.length >= min) return labels;
    if (Date.now() > deadline) throw new Error(`expected ${min}+ rows under ${label}, saw ${JSON.stringify(labels)}`);
    await wb.page.waitForTimeout(100);
  }
}
