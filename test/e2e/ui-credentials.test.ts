// Getting credentials as a user does, three ways: an EMR cluster from the tree row's inline action, an EMR on EKS
// endpoint from the context menu (and a Spark Connect endpoint's connection string), a Redshift cluster from the
// command palette. Each checks the prompts, the progress,
// a status-bar countdown that decreases, and that the page's clipboard holds exactly what the emulator issued, in the
// chosen format. One code-server and browser for the file; a leak scan after each test.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { DEFAULT_IDS } from '../emulator/index';
import { percentEncode } from '../../src/services/encoding';
import { parseSparkConnectString } from '../helpers/sparkConnect';
import { COUNTDOWN_ITEM, countdownSeconds, startUiRun, type UiRun } from '../harness/uiRun';


let run: UiRun;

before(async () => {
  // One profile and one region: the tree skips those levels and shows the service groups at its root.
  run = await startUiRun('ui-credentials', {
    profiles: (regions) => [{ name: 'demo', region: regions[0] }],
    settings: () => ({ 'clusterPass.defaultFormat': 'ask' }),
  });
});
after(() => run?.close());
afterEach(async () => {
  await run.wb.clearNotifications().catch(() => undefined);
  const scanned = run.assertNoLeaks();
  assert.ok(scanned > 0, 'the leak scan found no files to scan');
});

/** Reads the countdown twice, `gapMs` apart: the second must be lower. Returns both readings in seconds. */
async function assertCountdownDecreases(target: string, gapMs = 2200): Promise<[number, number]> {
  const wb = run.wb;
  const first = await wb.waitForStatusBarText(COUNTDOWN_ITEM, (t) => t.includes(target) && countdownSeconds(t) !== undefined);
  await wb.page.waitForTimeout(gapMs); // measuring the countdown: a real wait is the point
  const second = await wb.waitForStatusBarText(COUNTDOWN_ITEM, (t) => t.includes(target));
  const a = countdownSeconds(first)!;
  const b = countdownSeconds(second);
  assert.ok(b !== undefined && b < a, `the countdown did not decrease: "${first}" then "${second}"`);
  return [a, b];
}

test('EMR cluster: inline action → role → format → progress → countdown → clipboard holds the issued password', { timeout: 90_000 }, async () => {
  const { wb, emulator } = run;
  emulator.clearLog();
  await wb.openContainer('Cluster Pass');
  await wb.expand(wb.treeRow('EMR clusters', 1));
  const cluster = wb.treeItem('analytics-prod, RUNNING');
  await cluster.waitFor({ timeout: 20_000 });
  await wb.screenshot('emr-listed');

  // Slow the call down so the progress notification can be seen.
  emulator.setFault('GetClusterSessionCredentials', { kind: 'latency', ms: 2500, count: 1 });
  await wb.clickInlineAction(cluster, 'Get Credentials');
  await wb.waitForQuickInput(/Runtime IAM role/);
  await wb.typeInQuickInput(DEFAULT_IDS.emr.runtimeRoleArn);
  await wb.screenshot('emr-role');
  await wb.acceptQuickInput();

  await wb.waitForToastShown(/Getting credentials for analytics-prod/, 10_000);
  await wb.screenshot('emr-progress');
  await wb.waitForQuickInput(/Copy credentials as/, 15_000);
  const formats = await wb.quickItems();
  assert.ok(formats.some((f) => f.startsWith('Password')), `format pick: ${formats.join(' | ')}`);
  await wb.screenshot('emr-format');
  await wb.pickQuickItem(/^Password/);

  const issued = emulator.issuedSecrets.filter((s) => s.operation === 'GetClusterSessionCredentials');
  assert.equal(issued.length, 1, 'the emulator issued one EMR credential');
  assert.equal(issued[0].target, DEFAULT_IDS.emr.running);
  const clip = await wb.waitForClipboard((t) => t === issued[0].secret, 10_000, 'the issued EMR password');
  assert.equal(clip, issued[0].secret);
  await wb.waitForNotification(/Copied Password for analytics-prod/);
  const [a] = await assertCountdownDecreases('analytics-prod');
  assert.ok(a > 800 && a <= 3600, `countdown starts near the credential's lifetime: ${a}`);
  await wb.screenshot('emr-countdown');
  const sent = emulator.requests.filter((r) => r.operation === 'GetClusterSessionCredentials');
  assert.equal(sent.length, 1);
  assert.equal(sent[0].params.ExecutionRoleArn, DEFAULT_IDS.emr.runtimeRoleArn);
});

test('EMR on EKS endpoint: context menu → suggested role, duration, logContext → Authorization header on the clipboard', { timeout: 90_000 }, async () => {
  const { wb, emulator } = run;
  emulator.clearLog();
  await wb.openContainer('Cluster Pass');
  await wb.collapseAll();
  await wb.expand(wb.treeRow('EMR on EKS', 1));
  await wb.expand(wb.treeItem('analytics-eks, RUNNING'));
  const endpoint = wb.treeItem('notebooks-gateway, ACTIVE');
  await endpoint.waitFor({ timeout: 20_000 });
  await wb.screenshot('eks-endpoints');

  const menu = await wb.openContextMenu(endpoint);
  assert.ok(menu.some((l) => l.startsWith('Get Credentials')), `context menu: ${menu.join(' | ')}`);
  await wb.screenshot('eks-context-menu');
  await wb.clickContextMenuItem(endpoint, /^Get Credentials/);

  // Step 1: the role, with the endpoint's own execution role suggested.
  await wb.waitForQuickInput(/Execution role ARN: pick one or enter a new value/);
  const roles = await wb.quickItems();
  const suggested = roles.find((r) => r.includes(DEFAULT_IDS.eks.executionRoleArn));
  assert.ok(suggested && /suggested by the target/.test(suggested), `role pick: ${roles.join(' | ')}`);
  await wb.screenshot('eks-role');
  await wb.pickQuickItem(DEFAULT_IDS.eks.executionRoleArn);
  // Step 2: duration, AWS's default offered.
  await wb.waitForQuickInput(/How long the token is valid/);
  assert.equal(await wb.quickInputBox().inputValue(), '900');
  await wb.typeInQuickInput('1800');
  await wb.acceptQuickInput();
  // Step 3: the optional log context.
  await wb.waitForQuickInput(/separates this session in the S3 logs/);
  await wb.typeInQuickInput('ui-test.notebook-1');
  await wb.screenshot('eks-logcontext');
  await wb.acceptQuickInput();

  await wb.waitForQuickInput(/Copy credentials as/, 15_000);
  await wb.pickQuickItem(/^Authorization header/);
  const issued = emulator.issuedSecrets.filter((s) => s.operation === 'GetManagedEndpointSessionCredentials');
  assert.equal(issued.length, 1);
  const expected = `Authorization: token ${issued[0].secret}`;
  assert.equal(await wb.waitForClipboard((t) => t === expected, 10_000, 'the Authorization header with the issued token'), expected);

  const sent = emulator.requests.filter((r) => r.operation === 'GetManagedEndpointSessionCredentials');
  assert.equal(sent.length, 1);
  assert.equal(sent[0].params.executionRoleArn, DEFAULT_IDS.eks.executionRoleArn);
  assert.equal(sent[0].params.durationInSeconds, 1800);
  assert.equal(sent[0].params.logContext, 'ui-test.notebook-1');
  assert.equal(sent[0].params.credentialType, 'TOKEN');
  // The soonest-expiring session (this one, 30 min) is what the status bar counts down.
  const [a] = await assertCountdownDecreases('notebooks-gateway');
  assert.ok(a > 1700 && a <= 1800, `countdown starts near 30:00: ${a}`);
  await wb.screenshot('eks-countdown');
});

test('Redshift cluster: command palette → target, method, DbUser, DbName, duration, AutoCreate, groups → psql URI', { timeout: 90_000 }, async () => {
  const { wb, emulator } = run;
  emulator.clearLog();
  // Nothing loaded (the palette offers the targets loaded in the tree, if any): it lists every profile and region itself.
  await wb.openContainer('Cluster Pass');
  await wb.collapseAll();
  await wb.runCommand('Cluster Pass: Refresh');
  await wb.runCommand('Cluster Pass: Get Credentials…');
  await wb.waitForQuickInput(/Choose a cluster, endpoint or workgroup/, 20_000);
  await wb.typeInQuickInput('analytics-dw');
  await wb.screenshot('redshift-target');
  await wb.pickQuickItem('analytics-dw');

  await wb.waitForQuickInput(/Which kind of credentials/);
  await wb.pickQuickItem(/Temporary database user \(GetClusterCredentials\)/);
  await wb.waitForQuickInput(/Database user to log on as/);
  await wb.typeInQuickInput('analyst');
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/Database to log on to/);
  const dbName = await wb.quickInputBox().inputValue();
  assert.ok(dbName, 'DbName offers the cluster’s own database');
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/How long the password is valid/);
  await wb.typeInQuickInput('1200');
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/Create the user if missing/);
  await wb.screenshot('redshift-autocreate');
  await wb.pickQuickItem(/^Yes/);
  await wb.waitForQuickInput(/Existing groups to join/);
  await wb.typeInQuickInput('analysts, readers');
  await wb.acceptQuickInput();

  await wb.waitForQuickInput(/Copy credentials as/, 15_000);
  await wb.pickQuickItem(/^psql \/ libpq URI/);
  const issued = emulator.issuedSecrets.filter((s) => s.operation === 'GetClusterCredentials');
  assert.equal(issued.length, 1);
  const { secret, user } = issued[0];
  const cluster = emulator.world.regions[DEFAULT_IDS.region].redshiftClusters.find((c) => c.identifier === 'analytics-dw')!;
  const uri = await wb.waitForClipboard((t) => t.startsWith('postgresql://'), 10_000, 'a postgresql:// URI');
  assert.ok(uri.includes(`:${percentEncode(secret)}@`), 'the URI holds the percent-encoded issued password');
  assert.equal(uri, `postgresql://${percentEncode(user!)}:${percentEncode(secret)}@${cluster.address}:${cluster.port}/${percentEncode(dbName)}?sslmode=require`);
  assert.match(user!, /^IAMA?:analyst$/);

  const sent = emulator.requests.filter((r) => r.operation === 'GetClusterCredentials');
  assert.equal(sent.length, 1);
  assert.equal(sent[0].params.DbUser, 'analyst');
  assert.equal(sent[0].params.DurationSeconds, '1200');
  assert.equal(sent[0].params.AutoCreate, 'true');
  await assertCountdownDecreases('analytics-dw');
  await wb.screenshot('redshift-countdown');
});

test('Spark Connect endpoint: the row shows its type; its connection string parses by Spark Connect rules', { timeout: 90_000 }, async () => {
  const { wb, emulator } = run;
  emulator.clearLog();
  await wb.openContainer('Cluster Pass');
  await wb.collapseAll();
  await wb.expand(wb.treeRow('EMR on EKS', 1));
  await wb.expand(wb.treeItem('ml-eks, RUNNING'));
  const endpoint = wb.treeItem('spark-connect, ACTIVE, SPARK_CONNECT');
  await endpoint.waitFor({ timeout: 20_000 });
  assert.equal((await endpoint.locator('.label-description').innerText()).trim(), 'ACTIVE · SPARK_CONNECT');
  await wb.screenshot('spark-connect-row');

  await wb.clickInlineAction(endpoint, 'Get Credentials');
  await wb.waitForQuickInput(/Execution role ARN: pick one or enter a new value/);
  await wb.pickQuickItem(DEFAULT_IDS.eks.executionRoleArn);
  await wb.waitForQuickInput(/How long the token is valid/);
  // An hour: the sessions of the tests before stay the soonest to expire.
  await wb.typeInQuickInput('3600');
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/separates this session in the S3 logs/);
  await wb.acceptQuickInput();

  // Its clients' formats; no Jupyter gateway header.
  await wb.waitForQuickInput(/Copy credentials as/, 15_000);
  const formats = await wb.quickItems();
  assert.ok(formats.some((f) => f.startsWith('Spark Connect connection string')) && formats.some((f) => f.startsWith('PySpark snippet')), formats.join(' | '));
  assert.ok(!formats.some((f) => f.startsWith('Authorization header')), formats.join(' | '));
  await wb.screenshot('spark-connect-formats');
  // By keyboard: a description's hover may cover the row under the pointer.
  await wb.typeInQuickInput('Spark Connect connection string');
  await wb.quickInput().locator('.quick-input-list .monaco-list-row', { hasText: /^Spark Connect connection string/ }).first().waitFor();
  await wb.acceptQuickInput();

  const issued = emulator.issuedSecrets.filter((s) => s.operation === 'GetManagedEndpointSessionCredentials');
  assert.equal(issued.length, 1);
  const copied = await wb.waitForClipboard((t) => t.startsWith('sc://'), 10_000, 'an sc:// connection string');
  const proxy = emulator.world.regions[DEFAULT_IDS.region].managedEndpoints.find((e) => e.id === DEFAULT_IDS.eks.sparkConnectEndpoint)!.authProxyUrl!;
  assert.deepEqual(parseSparkConnectString(copied), { host: new URL(proxy).hostname, port: 443, params: { use_ssl: 'true', token: issued[0].secret } });
  const sent = emulator.requests.find((r) => r.operation === 'GetManagedEndpointSessionCredentials');
  assert.deepEqual(sent?.identifierForms, { endpointIdentifier: 'arn', virtualClusterIdentifier: 'arn' });
});
