// Two sessions at once, as the status bar and the sessions QuickPick show them: the soonest one with "(+1)", a
// tooltip that lists both, the warning colour and the "expire in" notification with Renew once a session is inside
// the warning window, then Copy again (in a chosen format), Renew (a new secret, the countdown restarts) and Forget
// (the status bar hides when none is left). The warning window is 30 minutes here: the 15-minute EMR on EKS token is
// inside it from the start, the one-hour EMR session is not.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { DEFAULT_IDS } from '../emulator/index';
import { COUNTDOWN_ITEM, countdownSeconds, startUiRun, type UiRun } from '../harness/uiRun';

let run: UiRun;

before(async () => {
  run = await startUiRun('ui-sessions', {
    profiles: (regions) => [{ name: 'demo', region: regions[0] }],
    settings: () => ({ 'clusterPass.defaultFormat': 'ask', 'clusterPass.statusBar.warningMinutes': 30, 'clusterPass.notifyBeforeExpiry': true }),
  });
});
after(() => run?.close());
afterEach(() => {
  run.assertNoLeaks();
});

function issued(operation: string) {
  return run.emulator.issuedSecrets.filter((s) => s.operation === operation);
}

/** Clicks the countdown in the status bar; with several sessions, picks `session` in the QuickPick that opens. */
async function openSession(session: string, several: boolean): Promise<void> {
  const { wb } = run;
  await wb.statusBarItem(COUNTDOWN_ITEM).click();
  if (several) {
    await wb.waitForQuickInput(/Choose a session/);
    await wb.pickQuickItem(new RegExp(`^${session}`));
  }
  await wb.waitForQuickInput(/What to do with this session/);
  assert.match(await wb.quickInput().innerText(), new RegExp(session));
}

test('two sessions: the soonest with "(+1)", a tooltip listing both, the warning colour and a Renew notification', { timeout: 60_000 }, async () => {
  const { wb } = run;
  await wb.openContainer('Cluster Pass');

  // A one-hour EMR session: outside the 30-minute warning window.
  await wb.expand(wb.treeRow('EMR clusters', 1));
  await wb.clickInlineAction(wb.treeItem('analytics-prod, RUNNING'), 'Get Credentials');
  await wb.waitForQuickInput(/Runtime IAM role/);
  await wb.typeInQuickInput(DEFAULT_IDS.emr.runtimeRoleArn);
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/Copy credentials as/, 15_000);
  await wb.pickQuickItem(/^Password/);
  await wb.waitForStatusBarText(COUNTDOWN_ITEM, /^analytics-prod \d+:\d\d$/);
  assert.equal(await wb.statusBarHasWarningColour(COUNTDOWN_ITEM), false, 'a session with an hour left is not in the warning colour');
  await wb.clearNotifications();

  // A 15-minute EMR on EKS token (AWS's default duration): inside the window.
  await wb.collapseAll();
  await wb.expand(wb.treeRow('EMR on EKS', 1));
  await wb.expand(wb.treeItem('analytics-eks, RUNNING'));
  await wb.clickInlineAction(wb.treeItem('notebooks-gateway, ACTIVE'), 'Get Credentials');
  await wb.waitForQuickInput(/Execution role ARN: pick one/);
  await wb.pickQuickItem(DEFAULT_IDS.eks.executionRoleArn);
  await wb.waitForQuickInput(/How long the token is valid/);
  await wb.acceptQuickInput(); // 900 s
  await wb.waitForQuickInput(/separates this session in the S3 logs/);
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/Copy credentials as/, 15_000);
  await wb.pickQuickItem(/^Session token/);

  const text = await wb.waitForStatusBarText(COUNTDOWN_ITEM, /^notebooks-gateway 1\d:\d\d \(\+1\)$/);
  assert.ok(countdownSeconds(text)! <= 900);
  assert.equal(await wb.statusBarHasWarningColour(COUNTDOWN_ITEM), true, 'the 15-minute session shows the warning colour');
  const aria = await wb.statusBarItem(COUNTDOWN_ITEM).locator('a').first().getAttribute('aria-label');
  assert.match(aria ?? '', /^Cluster Pass: notebooks-gateway expires in 1\d:\d\d/);

  const tooltip = await wb.statusBarTooltip(COUNTDOWN_ITEM, { keepOpen: true });
  assert.match(tooltip, /notebooks-gateway as \S+ \(demo, [\w-]+\): expires in 1\d:\d\d/);
  assert.match(tooltip, /analytics-prod as \S+ \(demo, [\w-]+\): expires in \d+:\d\d/);
  assert.match(tooltip, /Click to copy again, renew or forget\./);
  assert.ok(tooltip.indexOf('notebooks-gateway') < tooltip.indexOf('analytics-prod'), 'soonest first');
  await wb.screenshot('two-sessions-tooltip');
  await wb.closeHover();

  // The "expire in" notification, with Renew: a new token is issued.
  const toast = await wb.waitForToastShown(/Cluster Pass: credentials for notebooks-gateway expire in 1\d:\d\d\./);
  await wb.screenshot('warning-notification');
  const before = issued('GetManagedEndpointSessionCredentials').length;
  await wb.clickNotificationButton(toast, 'Renew');
  await waitFor(() => issued('GetManagedEndpointSessionCredentials').length === before + 1, 'a renewed token');
  await wb.clearNotifications();
});

test('clicking the status bar: Copy again in a chosen format, Renew restarts the countdown', { timeout: 45_000 }, async () => {
  const { wb } = run;
  // Copy again… → the format QuickPick → the Authorization header of the current token.
  await openSession('notebooks-gateway', true);
  await wb.screenshot('session-actions');
  await wb.pickQuickItem(/Copy again/);
  await wb.waitForQuickInput(/Copy credentials as/);
  await wb.pickQuickItem(/^Authorization header/);
  const token = issued('GetManagedEndpointSessionCredentials').at(-1)!.secret;
  await wb.waitForClipboard((t) => t === `Authorization: token ${token}`, 10_000, 'the Authorization header with the current token');
  await wb.waitForNotification(/Copied Authorization header for notebooks-gateway/);

  // Renew the EMR session: the emulator issues a new password and its countdown starts again from the top.
  const countdown = async () => {
    await openSession('analytics-prod', true);
    const title = await wb.quickInput().innerText();
    await wb.dismissQuickInput();
    return countdownSeconds(/analytics-prod.*expires in ([\d:]+)/.exec(title)?.[1] ?? '')!;
  };
  await wb.page.waitForTimeout(1500); // let the EMR countdown lose a second or two, so a restart is visible
  const left = await countdown();
  const passwords = issued('GetClusterSessionCredentials').length;
  await openSession('analytics-prod', true);
  await wb.pickQuickItem(/Renew/);
  await waitFor(() => issued('GetClusterSessionCredentials').length === passwords + 1, 'a renewed EMR password');
  const renewed = issued('GetClusterSessionCredentials').at(-1)!;
  assert.notEqual(renewed.secret, issued('GetClusterSessionCredentials')[0].secret, 'a new secret');
  await waitFor(async () => (await countdown()) > left, `the countdown restarts above ${left} s`);
  await wb.screenshot('renewed');
  await wb.clearNotifications();
});

test('Forget removes a session; the status bar hides when none is left', { timeout: 45_000 }, async () => {
  const { wb } = run;
  await openSession('notebooks-gateway', true);
  await wb.pickQuickItem(/Forget/);
  const text = await wb.waitForStatusBarText(COUNTDOWN_ITEM, /^analytics-prod \d+:\d\d$/);
  assert.doesNotMatch(text, /\(\+/);
  assert.equal(await wb.statusBarHasWarningColour(COUNTDOWN_ITEM), false, 'the one-hour session left is not in the warning colour');
  await wb.screenshot('one-session-left');

  // One session: the click goes straight to its actions.
  await openSession('analytics-prod', false);
  await wb.pickQuickItem(/Forget/);
  await wb.statusBarItem(COUNTDOWN_ITEM).waitFor({ state: 'hidden', timeout: 5_000 });
  await wb.screenshot('no-session');

  // Nothing left to show: the command says so.
  await wb.page.keyboard.press('Control+Alt+KeyK');
  await wb.waitForNotification(/No active Cluster Pass session/);
  await wb.clearNotifications();
});

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await run.wb.page.waitForTimeout(100);
  }
}
