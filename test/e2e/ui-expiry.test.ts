// A short session runs out while the user watches: the status bar says "expired" and the clipboard is cleared, but
// only if it still holds the secret. EMR on EKS allows durations from 1 second, so the sessions here last 8 s.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { DEFAULT_IDS } from '../emulator/index';
import { COUNTDOWN_ITEM, countdownSeconds, startUiRun, type UiRun } from '../harness/uiRun';

const SECONDS = 8;
let run: UiRun;

before(async () => {
  run = await startUiRun('ui-expiry', {
    profiles: (regions) => [{ name: 'demo', region: regions[0] }],
    settings: () => ({ 'clusterPass.defaultFormat': 'token' }),
  });
});
after(() => run?.close());
afterEach(async () => {
  await run.wb.clearNotifications().catch(() => undefined);
  run.assertNoLeaks();
});

/** Gets an 8-second token for the ACTIVE endpoint from its inline action; returns the token the emulator issued. */
async function getShortToken(): Promise<string> {
  const { wb, emulator } = run;
  emulator.clearLog();
  await wb.openContainer('Cluster Pass');
  const endpoint = wb.treeItem('notebooks-gateway, ACTIVE');
  if (!(await endpoint.isVisible())) {
    await wb.expand(wb.treeRow('EMR on EKS', 1));
    await wb.expand(wb.treeItem('analytics-eks, RUNNING'));
  }
  await wb.clickInlineAction(endpoint, 'Get Credentials');
  await wb.waitForQuickInput(/Execution role ARN: pick one/);
  await wb.pickQuickItem(DEFAULT_IDS.eks.executionRoleArn);
  await wb.waitForQuickInput(/How long the token is valid/);
  await wb.typeInQuickInput(String(SECONDS));
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/separates this session in the S3 logs/);
  await wb.acceptQuickInput();
  await wb.waitForNotification(/Copied Session token for notebooks-gateway/);
  const issued = emulator.issuedSecrets.filter((s) => s.operation === 'GetManagedEndpointSessionCredentials');
  assert.equal(issued.length, 1);
  assert.equal(emulator.requests.find((r) => r.operation === 'GetManagedEndpointSessionCredentials')?.params.durationInSeconds, SECONDS);
  return issued[0].secret;
}

test('an expired session: the status bar says "expired" and the clipboard holding its token is cleared', { timeout: 60_000 }, async () => {
  const { wb } = run;
  const token = await getShortToken();
  await wb.waitForClipboard((t) => t === token, 5_000, 'the issued token');
  const counting = await wb.waitForStatusBarText(COUNTDOWN_ITEM, (t) => /notebooks-gateway 0:0\d/.test(t));
  assert.ok(countdownSeconds(counting)! <= SECONDS);
  await wb.screenshot('short-session-counting');
  await wb.waitForStatusBarText(COUNTDOWN_ITEM, /notebooks-gateway expired/, (SECONDS + 5) * 1000);
  await wb.waitForClipboard((t) => t === '', 5_000, 'nothing (cleared at expiry)');
  await wb.screenshot('short-session-expired');
});

test('what the user copied after the token is left alone when the token expires', { timeout: 60_000 }, async () => {
  const { wb } = run;
  const token = await getShortToken();
  await wb.waitForClipboard((t) => t === token, 5_000, 'the issued token');
  await wb.waitForStatusBarText(COUNTDOWN_ITEM, (t) => /notebooks-gateway 0:0\d/.test(t));
  const mine = 'my own notes, copied after the token';
  await wb.writeClipboard(mine);
  await wb.waitForStatusBarText(COUNTDOWN_ITEM, /notebooks-gateway expired/, (SECONDS + 5) * 1000);
  // The clear runs at expiry, the status bar notices within a second: give it that second, then it must still be ours.
  await wb.page.waitForTimeout(1500);
  assert.equal(await wb.readClipboard(), mine, 'the user’s own clipboard content was cleared');
  await wb.screenshot('user-copy-kept');
});
