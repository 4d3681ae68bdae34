// Open Terminal with Credentials as a user does it: the context menu of a Redshift cluster, the usual prompts, then a
// terminal named after the cluster and the expiry whose environment holds the PG* variables, so that `psql` reads them.
// The test reads the environment back in the terminal (the password only as a hash), checks the clipboard was never
// touched, reloads the window (the terminal is not restored) and scans everything code-server wrote for the secret.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startUiRun, type UiRun } from '../harness/uiRun';

const SENTINEL = 'clipboard before the terminal';
let run: UiRun;

before(async () => {
  run = await startUiRun('ui-terminal', { profiles: (regions) => [{ name: 'demo', region: regions[0] }] });
});
after(() => run?.close());

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

  // psql reads the PG* variables: it names the cluster's host (which does not resolve here) and would log on as the
  // issued user. The password is shown only as its hash.
  const cluster0 = emulator.world.regions[emulator.regions[0]].redshiftClusters.find((c) => c.identifier === 'analytics-dw')!;
  await wb.page.locator('.part.panel .xterm').first().click();
  await wb.page.keyboard.type(`printf 'user=%s db=%s port=%s ssl=%s pw=%s\\n' "$PGUSER" "$PGDATABASE" "$PGPORT" "$PGSSLMODE" "$(printf %s "$PGPASSWORD" | sha256sum | cut -c1-16)"; timeout 10 psql -c 'select current_user'; echo psql-done\n`);
  const hash = createHash('sha256').update(secret).digest('hex').slice(0, 16);
  const text = await wb.waitForTerminalText(/^psql-done$/m, 30_000);
  assert.match(text, new RegExp(`^user=${user!.replace(/[:]/g, '\\$&')} db=dev port=${cluster0.port} ssl=require pw=${hash}$`, 'm'));
  assert.ok(text.includes(cluster0.address!), `psql tried the cluster's host: ${text.slice(-400)}`);
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
  await wb.close();
  // Once code-server has stopped and flushed its state, once more.
  run.assertNoLeaks();
});
