// What goes wrong, as a user meets it: invalid input is refused in the input box (and nothing is sent), throttling is
// retried until it succeeds, a cluster deleted since it was listed gets a translated message with a Refresh action,
// and a credential type this version does not know gets a clear message. One code-server and browser for the file.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { DEFAULT_IDS } from '../emulator/index';
import { startUiRun, type UiRun } from '../harness/uiRun';

const CREDENTIAL_OPERATIONS = ['GetClusterSessionCredentials', 'GetManagedEndpointSessionCredentials', 'GetClusterCredentials', 'GetClusterCredentialsWithIAM', 'GetCredentials'];

let run: UiRun;

before(async () => {
  run = await startUiRun('ui-errors', {
    profiles: (regions) => [{ name: 'demo', region: regions[0] }],
    // Not about formats: copy the password (EMR, Redshift) without asking.
    settings: () => ({ 'clusterPass.defaultFormat': 'password' }),
  });
});
after(() => run?.close());
afterEach(async () => {
  await run.wb.clearNotifications().catch(() => undefined);
  run.assertNoLeaks();
});

function credentialRequests() {
  return run.emulator.requests.filter((r) => CREDENTIAL_OPERATIONS.includes(r.operation));
}

/** Shows the tree with only `group` expanded (the EMR list is long); returns nothing. */
async function showGroup(group: string): Promise<void> {
  const { wb } = run;
  await wb.openContainer('Cluster Pass');
  await wb.collapseAll();
  await wb.expand(wb.treeRow(group, 1));
}

/** The EMR role step: picks `arn` when it is offered as used before, else types it. Leaves the input box open when typed. */
async function enterEmrRole(arn: string): Promise<void> {
  const { wb } = run;
  await wb.waitForQuickInput(/Runtime IAM role|Execution role ARN: pick one/);
  if ((await wb.quickItems()).some((i) => i.includes(arn))) {
    await wb.pickQuickItem(arn);
    return;
  }
  await wb.typeInQuickInput(arn);
  await wb.acceptQuickInput();
}

test('invalid input is refused in the input box with what is allowed, and nothing is sent', { timeout: 90_000 }, async () => {
  const { wb, emulator } = run;
  emulator.clearLog();

  // A malformed role ARN for an EMR cluster.
  await showGroup('EMR clusters');
  await wb.clickInlineAction(wb.treeItem('analytics-prod, RUNNING'), 'Get Credentials');
  await wb.waitForQuickInput(/Runtime IAM role/);
  await wb.typeInQuickInput('arn:aws:iam::123456789012:user/alice');
  const roleMessage = await wb.waitForQuickInputMessage(/Must be a role ARN/);
  assert.match(roleMessage, /role\//);
  await wb.screenshot('invalid-role-arn');
  await wb.acceptQuickInput(); // Enter does not accept an invalid value
  assert.match(await wb.quickInputMessage(), /Must be a role ARN/);
  await wb.dismissQuickInput();

  // An out-of-range duration for an EMR on EKS endpoint.
  await showGroup('EMR on EKS');
  await wb.expand(wb.treeItem('analytics-eks, RUNNING'));
  const endpoint = wb.treeItem('notebooks-gateway, ACTIVE');
  await wb.clickInlineAction(endpoint, 'Get Credentials');
  await wb.waitForQuickInput(/Execution role ARN: pick one/);
  await wb.pickQuickItem(DEFAULT_IDS.eks.executionRoleArn);
  await wb.waitForQuickInput(/How long the token is valid/);
  await wb.typeInQuickInput('50000');
  assert.match(await wb.waitForQuickInputMessage(/from 1 to 43200/), /it is 50000/);
  await wb.screenshot('invalid-duration');
  await wb.typeInQuickInput('0');
  await wb.waitForQuickInputMessage(/it is 0/);
  await wb.dismissQuickInput();

  // A log context with characters it may not hold.
  await wb.clickInlineAction(endpoint, 'Get Credentials');
  await wb.waitForQuickInput(/Execution role ARN: pick one/);
  await wb.pickQuickItem(DEFAULT_IDS.eks.executionRoleArn);
  await wb.waitForQuickInput(/How long the token is valid/);
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/separates this session in the S3 logs/);
  await wb.typeInQuickInput('Bad_Context');
  await wb.waitForQuickInputMessage(/Only lowercase letters, digits/);
  await wb.screenshot('invalid-log-context');
  await wb.typeInQuickInput('xn--notebook');
  await wb.waitForQuickInputMessage(/must not start with "xn--"/i);
  await wb.dismissQuickInput();

  assert.deepEqual(credentialRequests(), [], 'the emulator received no credential request');
  assert.equal(await wb.statusBarText('clusterPass.countdown'), undefined, 'no session was created');
});

test('a throttled call succeeds after the SDK retries it', { timeout: 90_000 }, async () => {
  const { wb, emulator } = run;
  emulator.clearLog();
  emulator.setFault('GetClusterSessionCredentials', { kind: 'throttle', count: 2 });
  await showGroup('EMR clusters');
  await wb.clickInlineAction(wb.treeItem('analytics-prod, RUNNING'), 'Get Credentials');
  await enterEmrRole(DEFAULT_IDS.emr.runtimeRoleArn);
  await wb.waitForNotification(/Copied Password for analytics-prod/, 30_000);
  const calls = credentialRequests();
  assert.deepEqual(calls.map((c) => c.status >= 400 ? 'refused' : 'ok'), ['refused', 'refused', 'ok'], JSON.stringify(calls.map((c) => [c.status, c.error])));
  assert.match(calls[0].error ?? '', /Throttl/);
  const issued = emulator.issuedSecrets.filter((s) => s.operation === 'GetClusterSessionCredentials');
  assert.equal(issued.length, 1);
  await wb.waitForClipboard((t) => t === issued[0].secret, 10_000, 'the password issued on the third attempt');
  await wb.waitForStatusBarText('clusterPass.countdown', /analytics-prod/);
  await wb.screenshot('throttled-then-copied');
});

test('a cluster deleted since it was listed: the translated message, and Refresh updates the tree', { timeout: 90_000 }, async () => {
  const { wb, emulator } = run;
  emulator.clearLog();
  await showGroup('Redshift');
  const row = wb.treeItem('reporting-01, available');
  await row.waitFor({ timeout: 20_000 });
  const clusters = emulator.world.regions[DEFAULT_IDS.region].redshiftClusters;
  clusters.splice(clusters.findIndex((c) => c.identifier === 'reporting-01'), 1);

  await wb.clickInlineAction(row, 'Get Credentials');
  await wb.waitForQuickInput(/Which kind of credentials/);
  await wb.pickQuickItem(/GetClusterCredentialsWithIAM/);
  await wb.waitForQuickInput(/Database to log on to/);
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/How long the password is valid/);
  await wb.acceptQuickInput();
  const toast = await wb.waitForToastShown(/Redshift cluster "reporting-01" was not found/, 20_000);
  assert.match(await toast.innerText(), /Refresh the tree/);
  await wb.screenshot('cluster-not-found');
  assert.equal(credentialRequests().at(-1)?.error, 'ClusterNotFound');

  await wb.clickNotificationButton(toast, 'Refresh');
  await wb.treeItem('analytics-dw, available').waitFor({ timeout: 20_000 });
  await wb.page.waitForFunction(
    () => !Array.from(document.querySelectorAll('[id="workbench.view.extension.clusterPass"] [role="treeitem"]')).some((e) => e.getAttribute('aria-label')?.startsWith('reporting-01,')),
    undefined,
    { timeout: 20_000 },
  );
  await wb.screenshot('refreshed-without-deleted-cluster');
});

test('a credential type this version does not know gets a clear message, not a crash', { timeout: 90_000 }, async () => {
  const { wb, emulator } = run;
  emulator.clearLog();
  emulator.setFault('GetClusterSessionCredentials', { kind: 'unknownUnion' });
  await showGroup('EMR clusters');
  await wb.clickInlineAction(wb.treeItem('notebooks-shared, WAITING'), 'Get Credentials');
  await enterEmrRole(DEFAULT_IDS.emr.runtimeRoleArn);
  const toast = await wb.waitForToastShown(/does not support/, 20_000);
  assert.match(await toast.innerText(), /credential type .* that this version of Cluster Pass does not support/);
  await wb.screenshot('unknown-union');
  // The extension is still alive: the status bar still counts down the earlier session.
  await wb.waitForStatusBarText('clusterPass.countdown', /analytics-prod \d+:\d\d/);
});
