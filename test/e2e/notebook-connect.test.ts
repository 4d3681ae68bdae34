// UI test: connecting a plain notebook as a user does. A .ipynb without Cluster Pass metadata is opened in
// code-server; "Cluster Pass: Connect Notebook to a Cluster…" from the palette lists the endpoints, the ACTIVE one is
// picked, then the suggested role, the duration and a log context; the notebook's kernel becomes the Cluster Pass
// kernel and `1+1` shows 2 (on the simulated endpoint, through the bridge). Saved, the file records the target and
// role but no secret. "Cluster Pass: Copy Jupyter URL" puts the bridge URL with its token on the clipboard, and that
// URL answers /api/kernels. Afterwards no issued session token nor the bridge token is in the notebook, the logs,
// the settings or the state (the bridge token may be on the clipboard only).
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_IDS } from '../emulator/index';
import { packageVsixIfStale } from '../harness/build';
import { trackIssuedSecrets } from '../harness/emulator';
import { frameTexts, openNotebookWorkbench, quickOpenNotebook, startNotebookBackend } from '../harness/notebook';
import { makeWorkbenchRunDir } from '../harness/paths';
import { assertNoSecretsIn } from '../harness/secrets';

const NOTEBOOK = 'plain.ipynb';
const LOG_CONTEXT = 'ui-connect';

/** A notebook as Jupyter writes a new one: no Cluster Pass metadata. */
function plainNotebook(): string {
  return JSON.stringify({
    cells: [{ cell_type: 'code', execution_count: null, id: 'c1', metadata: {}, outputs: [], source: ['1+1'] }],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1);
}

test('Connect Notebook from the palette: endpoint, suggested role, duration, log context → Cluster Pass kernel runs 1+1; the saved file names the target; Copy Jupyter URL answers /api/kernels', { timeout: 120_000 }, async (t) => {
  const started = Date.now();
  const step = (what: string) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
  const vsix = await packageVsixIfStale();
  step('packaged');
  const nb = await startNotebookBackend(t, makeWorkbenchRunDir('notebook-connect'));
  const { emulator, dir, folder } = nb;
  const issuedSecrets = trackIssuedSecrets(emulator);
  const notebookPath = join(folder, NOTEBOOK);
  writeFileSync(notebookPath, plainNotebook());

  const wb = await openNotebookWorkbench(t, nb, { vsix, screenshotPrefix: 'notebook-connect', settings: { 'clusterPass.notifyBeforeExpiry': false } });
  step('workbench open');

  // Open the notebook: Quick Open, its name, Enter.
  await quickOpenNotebook(wb, NOTEBOOK);
  // Nothing connects by itself: the file names no target.
  await wb.page.waitForTimeout(500);
  assert.equal(issuedSecrets().length, 0, 'a plain notebook fetches nothing');
  step('notebook open');

  // The palette command, then the pickers.
  await wb.runCommand('Cluster Pass: Connect Notebook to a Cluster…');
  await wb.waitForQuickInput(/Choose a cluster, endpoint or workgroup/, 30_000);
  // Type to filter (the list is long and virtualised): the ACTIVE endpoint is offered, terminated ones are not.
  await wb.typeInQuickInput('notebooks-');
  await wb.quickInput().locator('.quick-input-list .monaco-list-row', { hasText: /^notebooks-gateway/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
  const targets = await wb.quickItems();
  assert.ok(targets.some((l) => l.startsWith('notebooks-gateway')), `target pick: ${targets.join(' | ')}`);
  assert.ok(!targets.some((l) => /notebooks-(old|broken)/.test(l)), `terminated endpoints are not offered: ${targets.join(' | ')}`);
  await wb.screenshot('targets');
  await wb.pickQuickItem(/^notebooks-gateway/);
  step('target picked');

  await wb.waitForQuickInput(/Execution role ARN: pick one or enter a new value/);
  const roles = await wb.quickItems();
  const suggested = roles.find((r) => r.includes(DEFAULT_IDS.eks.executionRoleArn));
  assert.ok(suggested && /suggested by the target/.test(suggested), `role pick: ${roles.join(' | ')}`);
  await wb.pickQuickItem(DEFAULT_IDS.eks.executionRoleArn);
  await wb.waitForQuickInput(/How long the token is valid/);
  assert.equal(await wb.quickInputBox().inputValue(), '900');
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/separates this session in the S3 logs/);
  await wb.typeInQuickInput(LOG_CONTEXT);
  await wb.acceptQuickInput();

  // The notebook's kernel becomes the Cluster Pass kernel for that endpoint.
  const kernelLabel = wb.page.locator('.kernel-label, [aria-label*="Cluster Pass: notebooks-gateway"], .notebook-toolbar-container', { hasText: 'Cluster Pass: notebooks-gateway' }).first();
  await kernelLabel.waitFor({ state: 'visible', timeout: 30_000 });
  await wb.screenshot('connected');
  step('connected');
  const sent = emulator.requests.filter((r) => r.operation === 'GetManagedEndpointSessionCredentials');
  assert.equal(sent.length, 1, 'one session fetched');
  assert.equal(sent[0].params.executionRoleArn, DEFAULT_IDS.eks.executionRoleArn);
  assert.equal(sent[0].params.durationInSeconds, 900);
  assert.equal(sent[0].params.logContext, LOG_CONTEXT);

  // Run the cell: 2 appears in its output.
  await wb.runCommand('Notebook: Run All');
  const outDeadline = Date.now() + 30_000;
  let found = false;
  while (!found && Date.now() < outDeadline) {
    found = (await frameTexts(wb.page.frames())).some((text) => /(^|\n)\s*2\s*($|\n)/.test(text));
    if (!found) await wb.page.waitForTimeout(250);
  }
  await wb.screenshot('ran-cell');
  assert.ok(found, 'the output of 1+1 (2) is shown');
  step('ran 1+1');

  // Save: the file now names the target and role, and holds no secret.
  await wb.runCommand('File: Save');
  const savedDeadline = Date.now() + 10_000;
  let saved: { metadata: { clusterPass?: Record<string, unknown> } } | undefined;
  while (Date.now() < savedDeadline) {
    saved = JSON.parse(readFileSync(notebookPath, 'utf8')) as typeof saved;
    if (saved?.metadata.clusterPass) break;
    await wb.page.waitForTimeout(200);
  }
  const link = saved?.metadata.clusterPass;
  assert.ok(link, 'the saved notebook has metadata.clusterPass');
  assert.equal(link.id, DEFAULT_IDS.eks.activeEndpoint);
  assert.equal(link.parentId, DEFAULT_IDS.eks.runningVirtualCluster);
  assert.equal(link.name, 'notebooks-gateway');
  assert.equal(link.kind, 'emr-containers:endpoint');
  assert.equal(link.profile, 'demo');
  assert.equal(link.region, DEFAULT_IDS.region);
  assert.equal(link.methodId, 'emrContainers.sessionToken');
  assert.deepEqual(link.input, { executionRoleArn: DEFAULT_IDS.eks.executionRoleArn, durationInSeconds: 900, logContext: LOG_CONTEXT });
  step('saved');

  // Copy Jupyter URL: the bridge's URL with its token, on the clipboard only.
  await wb.runCommand('Cluster Pass: Copy Jupyter URL');
  const copied = await wb.waitForClipboard((c) => /^http:\/\/127\.0\.0\.1:\d+\/\?token=[^&\s]+$/.test(c), 10_000, 'the bridge URL with its token');
  await wb.waitForNotification(/Copied the Jupyter URL of the Cluster Pass bridge for notebooks-gateway/);
  const url = new URL(copied);
  const bridgeToken = url.searchParams.get('token') ?? '';
  assert.ok(bridgeToken.length >= 16, 'a bridge token');
  for (const s of issuedSecrets()) assert.ok(!copied.includes(s.secret), 'the URL holds no AWS session token');
  const kernelsUrl = new URL('/api/kernels', url);
  kernelsUrl.search = url.search;
  const res = await fetch(kernelsUrl);
  assert.equal(res.status, 200, 'the copied URL answers /api/kernels through the bridge');
  const kernels = (await res.json()) as { id: string; name: string }[];
  assert.ok(Array.isArray(kernels) && kernels.some((k) => k.name === 'python3'), `the notebook's kernel is listed: ${JSON.stringify(kernels)}`);
  const refused = await fetch(new URL('/api/kernels', url));
  assert.ok(refused.status === 401 || refused.status === 403, `without the token the bridge refuses (${refused.status})`);
  await refused.arrayBuffer().catch(() => undefined);
  await wb.screenshot('copied-url');
  step('copied url');

  // Stop everything, then look for every issued session token and the bridge token in what the run wrote (the
  // extension's log must be among the files, or the scan proves nothing about it).
  assert.ok(wb.extensionLogFiles().length > 0, `no "Cluster Pass.log" under ${wb.server.logsDir}`);
  await wb.close();
  const secrets = [...issuedSecrets(), { secret: bridgeToken }];
  assert.ok(secrets.length >= 2);
  const scanned = assertNoSecretsIn([join(dir, 'code-server'), folder], secrets);
  t.diagnostic(`scanned ${scanned} files for ${secrets.length} secret(s) (${secrets.length - 1} issued, 1 bridge token)`);
});
