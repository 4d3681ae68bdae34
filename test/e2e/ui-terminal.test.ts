// Open Terminal with Credentials as a user does it: the context menu of a Redshift cluster, the usual prompts, then a
// terminal named after the cluster and the expiry whose environment holds the PG* variables, so that a bare `psql`
// logs on: the emulator's Redshift clusters point at a real PostgreSQL (test/pg-sim) where every issued database user
// exists, so `psql -c 'select current_user'` prints the issued user. The test reads the environment back in the
// terminal (the password only as a hash), checks the clipboard was never touched, reloads the window (the terminal is
// not restored) and scans everything code-server wrote for the secret.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';
import { DEFAULT_IDS } from '../emulator/index';
import { startUiRun, type UiRun } from '../harness/uiRun';
import { startTestPostgres, type TestPostgres } from '../pg-sim/index';

const SENTINEL = 'clipboard before the terminal';
/** EMR on EKS allows tokens of 1 second and more: this one expires while the test watches. */
const SHORT_SECONDS = 8;
let run: UiRun;
let pg: TestPostgres;

before(async () => {
  pg = await startTestPostgres({ databases: ['dev'] });
  run = await startUiRun('ui-terminal', { emulatorOptions: { postgresUrl: pg.adminUrl }, profiles: (regions) => [{ name: 'demo', region: regions[0] }] });
});
after(async () => {
  await run?.close();
  await pg?.stop();
});
afterEach(async () => {
  await run.wb.clearNotifications().catch(() => undefined);
  run.assertNoLeaks();
});

test('Redshift cluster: context menu → prompts → a terminal whose environment lets psql connect; no clipboard, not restored, no leak', { timeout: 150_000 }, async () => {
  const { wb, emulator } = run;
  await wb.writeClipboard(SENTINEL);
  await wb.openContainer('Cluster Pass');
  await wb.expand(wb.treeRow('Redshift', 1));
  const cluster = wb.treeItem('analytics-dw, available');
  await cluster.waitFor({ timeout: 20_000 });
  const menu = await wb.openContextMenu(cluster);
  assert.ok(menu.some((l) => l.startsWith('Open Terminal with Credentials')), `context menu: ${menu.join(' | ')}`);
  await wb.clickContextMenuItem(cluster, /^Open Terminal with Credentials/);

  await wb.waitForQuickInput(/Which kind of credentials/);
  await wb.pickQuickItem(/Temporary database user \(GetClusterCredentials\)/);
  await wb.waitForQuickInput(/Database user to log on as/);
  await wb.typeInQuickInput('analyst');
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/Database to log on to/);
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/How long the password is valid/);
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/Create the user if missing/);
  await wb.pickQuickItem(/^No/);
  await wb.waitForQuickInput(/Existing groups to join/);
  await wb.acceptQuickInput();

  // The terminal's name: the target and the time the credential expires.
  await wb.screenshot('terminal-prompts-done');
  const tab = wb.terminalTab(/analytics-dw · until \d\d:\d\d/);
  await tab.waitFor({ state: 'visible', timeout: 20_000 });
  const issued = emulator.issuedSecrets.filter((s) => s.operation === 'GetClusterCredentials');
  assert.equal(issued.length, 1);
  const { secret, user } = issued[0];
  assert.equal(await wb.readClipboard(), SENTINEL, 'the clipboard is untouched');
  await wb.screenshot('terminal-opened');

  // psql reads the PG* variables and logs on to the cluster (the real PostgreSQL behind it) as the issued user. The
  // password is shown only as its hash.
  const cluster0 = emulator.world.regions[emulator.regions[0]].redshiftClusters.find((c) => c.identifier === 'analytics-dw')!;
  await wb.page.locator('.part.panel .xterm:visible').first().click();
  await wb.page.keyboard.type(`printf 'user=%s db=%s port=%s ssl=%s pw=%s\\n' "$PGUSER" "$PGDATABASE" "$PGPORT" "$PGSSLMODE" "$(printf %s "$PGPASSWORD" | sha256sum | cut -c1-16)"; timeout 10 psql -c 'select current_user'; echo psql-done\n`);
  const hash = createHash('sha256').update(secret).digest('hex').slice(0, 16);
  const text = await wb.waitForTerminalText(/^psql-done$/m, 30_000);
  assert.match(text, new RegExp(`^user=${user!.replace(/[:]/g, '\\$&')} db=dev port=${cluster0.port} ssl=require pw=${hash}$`, 'm'));
  assert.match(text, new RegExp(`^ ${user!.replace(/[:]/g, '\\$&')}\\s*$`, 'm'), `psql logged on as the issued user: ${text.slice(-400)}`);
  assert.match(text, /^\(1 row\)$/m);
  assert.ok(!text.includes(secret), 'the password itself is never shown');
  await wb.screenshot('terminal-environment');

  // After a reload the terminal is gone (transient), and nothing code-server keeps holds the password.
  await wb.runCommand('Developer: Reload Window');
  await wb.ready();
  await wb.page.locator('.part.panel').waitFor({ state: 'attached', timeout: 20_000 }).catch(() => undefined);
  await wb.page.waitForTimeout(3000); // let a restored terminal, if any, appear: its absence is the point
  assert.equal(await wb.page.locator('.part.panel').getByText(/analytics-dw · until/).count(), 0, 'the terminal is not restored');
  await wb.openContainer('Cluster Pass');
  const scanned = run.assertNoLeaks();
  assert.ok(scanned > 0, 'the leak scan found no files to scan');
  // run.close() scans once more after code-server has stopped and flushed its state.
});

test('EMR on EKS endpoint from the palette: the gateway variables; on expiry the user is told, and Renew opens a fresh terminal', { timeout: 120_000 }, async () => {
  const { wb, emulator } = run;
  emulator.clearLog();
  await wb.runCommand('Cluster Pass: Open Terminal with Credentials…');
  await wb.waitForQuickInput(/Choose a cluster, endpoint or workgroup/, 20_000);
  const offered = await wb.quickItems();
  if (offered.some((i) => i.startsWith('$(search)') || /List every profile/.test(i))) await wb.pickQuickItem(/List every profile/);
  await wb.waitForQuickInput(/Choose a cluster, endpoint or workgroup/, 20_000);
  await wb.typeInQuickInput('notebooks-gateway');
  await wb.pickQuickItem('notebooks-gateway');
  await wb.waitForQuickInput(/Execution role ARN: pick one or enter a new value/);
  await wb.pickQuickItem(DEFAULT_IDS.eks.executionRoleArn);
  await wb.waitForQuickInput(/How long the token is valid/);
  await wb.typeInQuickInput(String(SHORT_SECONDS));
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/separates this session in the S3 logs/);
  await wb.acceptQuickInput();

  const first = wb.terminalTab(/notebooks-gateway · until \d\d:\d\d/);
  await first.waitFor({ state: 'visible', timeout: 20_000 });
  const endpoint = emulator.world.regions[DEFAULT_IDS.region].managedEndpoints.find((e) => e.id === DEFAULT_IDS.eks.activeEndpoint)!;
  await wb.page.locator('.part.panel .xterm:visible').first().click();
  await wb.page.keyboard.type(`echo "url=$JUPYTER_GATEWAY_URL token=$(printf %s "$JUPYTER_GATEWAY_AUTH_TOKEN" | sha256sum | cut -c1-16)"\n`);
  const token = emulator.issuedSecrets.filter((s) => s.operation === 'GetManagedEndpointSessionCredentials')[0].secret;
  await wb.waitForTerminalText(new RegExp(`^url=${endpoint.serverUrl!.replace(/[.]/g, '\\.')} token=${createHash('sha256').update(token).digest('hex').slice(0, 16)}$`, 'm'));

  // The token lives SHORT_SECONDS: then the user is told which terminal no longer works.
  const toast = await wb.waitForToastShown(/The credentials in terminal "notebooks-gateway · until \d\d:\d\d" have expired/, 30_000);
  await wb.screenshot('terminal-expired');
  await wb.clickNotificationButton(toast, 'Renew in a New Terminal');
  // Renewing asks nothing (same inputs) and opens a second terminal.
  const deadline = Date.now() + 20_000;
  while (emulator.issuedSecrets.filter((s) => s.operation === 'GetManagedEndpointSessionCredentials').length < 2) {
    if (Date.now() > deadline) throw new Error('no renewed token was issued');
    await wb.page.waitForTimeout(200);
  }
  await wb.page.locator('.part.panel').getByText(/notebooks-gateway · until/).nth(1).waitFor({ state: 'attached', timeout: 20_000 }).catch(async () => {
    // A single terminal shows its name in the panel title; two show a tab list: either way, two must exist.
    const names = await wb.page.locator('.part.panel .tabs-list .monaco-list-row, .part.panel .terminal-tabs-entry').allInnerTexts();
    assert.ok(names.filter((n) => n.includes('notebooks-gateway')).length >= 2, `terminals: ${names.join(' | ')}`);
  });
  await wb.screenshot('terminal-renewed');
  const calls = emulator.requests.filter((r) => r.operation === 'GetManagedEndpointSessionCredentials');
  assert.equal(calls.length, 2);
  assert.equal(calls[1].params.durationInSeconds, SHORT_SECONDS, 'renewed with the same inputs');
});
