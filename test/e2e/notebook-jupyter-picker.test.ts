// UI test: Cluster Pass as a user meets it through the Jupyter extension's kernel picker, with the stand-in
// ms-toolsai.jupyter (test/fixtures/jupyter-standin, packaged and installed beside Cluster Pass) whose picker uses
// the "Cluster Pass" server collection as the real one does. On the simulated endpoint behind the emulator's ACTIVE
// managed endpoint:
// - picker → Cluster Pass → Connect…: the notebook the picker was opened on gets Cluster Pass's kernel, named for the
//   endpoint; the kernel picker offers one entry for that endpoint; 1+1 shows 2; the saved file holds the link;
// - after a reload, an unlinked notebook fetches nothing and starts no bridge (the emulator's request log), even once
//   the stand-in has asked the collection for its servers; the linked notebook then connects by itself and runs 1+1;
// - connecting again with a new duration applies it (a new session under the running bridge) and says so;
// - the same data folder opened as an untrusted workspace: linked and unlinked notebooks, the picker's listing and a
//   reload fetch nothing.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Emulator, RecordedRequest } from '../emulator/index';
import { DEFAULT_IDS } from '../emulator/index';
import { packageVsixIfStale } from '../harness/build';
import { trackIssuedSecrets } from '../harness/emulator';
import { packageJupyterStandIn } from '../harness/jupyterStandin';
import { frameTexts, openNotebookWorkbench, quickOpenNotebook, startNotebookBackend, type NotebookBackend } from '../harness/notebook';
import { makeWorkbenchRunDir } from '../harness/paths';
import { assertNoSecretsIn } from '../harness/secrets';
import type { Workbench } from '../harness/workbench';

const LINKED = 'picked.ipynb';
const UNLINKED = 'unlinked.ipynb';
const STANDIN_PICKER = 'Jupyter (stand-in): Select Another Kernel from a Server Collection…';
const CREDENTIAL_OPERATION = /Credentials(WithIAM)?$/;
const BRIDGE_READY = /Jupyter bridge for notebooks-gateway is ready/g;

function plainNotebook(): string {
  return JSON.stringify({
    cells: [{ cell_type: 'code', execution_count: null, id: 'c1', metadata: {}, outputs: [], source: ['1+1'] }],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1);
}

/** Credential requests the emulator received after `from` (an index into its request log). */
function credentialRequests(emulator: Emulator, from: number): RecordedRequest[] {
  return emulator.requests.slice(from).filter((r) => CREDENTIAL_OPERATION.test(r.operation));
}

/** How often the extension's log says a bridge started (every log file of the run, so reloads are counted too). */
function bridgeStarts(wb: Workbench): number {
  return wb.extensionLogFiles().reduce((n, f) => n + (readFileSync(f, 'utf8').match(BRIDGE_READY)?.length ?? 0), 0);
}

async function waitForOutputTwo(wb: Workbench, timeoutMs = 45_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await frameTexts(wb.page.frames())).some((text) => /(^|\n)\s*2\s*($|\n)/.test(text))) return true;
    await wb.page.waitForTimeout(250);
  }
  return false;
}

/** The kernel shown in the visible notebook's toolbar, when it names the endpoint (the notebook editor exists twice in the DOM). */
function kernelLabel(wb: Workbench) {
  return wb.page.locator('.notebook-toolbar-container .kernel-action-view-item', { hasText: 'notebooks-gateway' }).filter({ visible: true }).first();
}

/** Clears the outputs with the toolbar's button (a reopened notebook shows the saved 2), then runs every cell and waits for 2 again. */
async function runAllForTwo(wb: Workbench): Promise<boolean> {
  await wb.page.locator('.notebook-toolbar-container .action-item', { hasText: 'Clear All Outputs' }).filter({ visible: true }).first().click();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (await frameTexts(wb.page.frames())).some((text) => /(^|\n)\s*2\s*($|\n)/.test(text))) await wb.page.waitForTimeout(200);
  await wb.runCommand('Notebook: Run All');
  return waitForOutputTwo(wb);
}

/** The Cluster Pass prompts after "Connect to a cluster through Cluster Pass…": endpoint, suggested role, duration, log context. */
async function answerConnectPrompts(wb: Workbench, duration: string | undefined, logContext: string): Promise<void> {
  await wb.waitForQuickInput(/Choose a cluster, endpoint or workgroup/, 30_000);
  await wb.typeInQuickInput('notebooks-');
  await wb.pickQuickItem(/^notebooks-gateway/);
  await wb.waitForQuickInput(/Execution role ARN: pick one or enter a new value/);
  await wb.pickQuickItem(DEFAULT_IDS.eks.executionRoleArn);
  await wb.waitForQuickInput(/How long the token is valid/);
  if (duration !== undefined) await wb.typeInQuickInput(duration);
  await wb.acceptQuickInput();
  // A log context used before is offered in a pick; a new one is typed.
  await wb.waitForQuickInput(/separates this session in the S3 logs|Log context: pick one/);
  if ((await wb.quickItems()).some((i) => i.startsWith(logContext))) await wb.pickQuickItem(new RegExp(`^${logContext}`));
  else {
    await wb.typeInQuickInput(logContext);
    await wb.acceptQuickInput();
  }
}

/** Opens the stand-in's picker on the active notebook and chooses the "Cluster Pass" collection. */
async function openCollection(wb: Workbench): Promise<void> {
  await wb.runCommand(STANDIN_PICKER);
  await wb.waitForQuickInput(/Select a kernel source/);
  await wb.pickQuickItem(/^Cluster Pass/);
}

/** The Cluster Pass link in the saved file, once it is there (the save may land a moment after the command). */
async function savedLink(path: string, timeoutMs = 10_000): Promise<Record<string, unknown> | undefined> {
  const deadline = Date.now() + timeoutMs;
  let link: Record<string, unknown> | undefined;
  while (Date.now() < deadline) {
    link = (JSON.parse(readFileSync(path, 'utf8')) as { metadata: { clusterPass?: Record<string, unknown> } }).metadata.clusterPass;
    if (link) return link;
    await new Promise((r) => setTimeout(r, 200));
  }
  return link;
}

/** Opens a notebook of the workspace from the Explorer (double-click) and waits for its first cell. */
async function openFromExplorer(wb: Workbench, name: string): Promise<void> {
  await wb.runCommand('File: Focus on Files Explorer');
  const row = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.dblclick();
  await wb.page.locator('.notebook-editor .code-cell-row').filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Reloads the window (a new extension host) and waits for the new page's workbench. */
async function reload(wb: Workbench): Promise<void> {
  const loaded = wb.page.waitForEvent('domcontentloaded', { timeout: 60_000 });
  await wb.runCommand('Developer: Reload Window');
  await loaded;
  await wb.ready(60_000);
}

/** Runs a test's body; on failure, a screenshot of the workbench first. */
function shots(name: string, wb: () => Workbench | undefined, body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (e) {
      await wb()?.screenshot(`failed-${name}`).catch(() => undefined);
      throw e;
    }
  };
}

describe('the Jupyter extension\'s kernel picker (stand-in) with Cluster Pass', { timeout: 420_000 }, () => {
  let nb: NotebookBackend;
  let wb: Workbench;
  let vsix: string[];
  let issuedSecrets: () => { secret: string }[];
  let step: (what: string) => void;
  // The harness registers its cleanups (emulator, endpoint, workbench) here; run after every test of the file.
  const cleanups: (() => unknown)[] = [];
  const scope = { after: (fn: () => unknown) => void cleanups.push(fn) } as unknown as TestContext;

  before(async () => {
    const started = Date.now();
    step = (what) => console.error(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
    vsix = [await packageVsixIfStale(), await packageJupyterStandIn()];
    nb = await startNotebookBackend(scope, makeWorkbenchRunDir('notebook-jupyter-picker'));
    issuedSecrets = trackIssuedSecrets(nb.emulator);
    writeFileSync(join(nb.folder, LINKED), plainNotebook());
    writeFileSync(join(nb.folder, UNLINKED), plainNotebook());
    wb = await openNotebookWorkbench(scope, nb, {
      vsix,
      screenshotPrefix: 'jupyter-picker',
      // Every kernel in the picker, not only the most recently used ones.
      settings: { 'clusterPass.notifyBeforeExpiry': false, 'notebook.kernelPicker.type': 'all' },
    });
    step('workbench open');
  });

  after(async () => {
    await wb?.close();
    for (const fn of cleanups.reverse()) await fn();
    if (nb) assertNoSecretsIn([join(nb.dir, 'code-server'), nb.folder], issuedSecrets());
  });

  test('picker → Cluster Pass → Connect…: the notebook gets a kernel named for the endpoint, one picker entry for it, 1+1 = 2, and the saved file holds the link', shots('picker', () => wb, async () => {
    await quickOpenNotebook(wb, LINKED);
    await wb.page.waitForTimeout(1000);
    assert.deepEqual(credentialRequests(nb.emulator, 0), [], 'opening a plain notebook fetches nothing');

    await openCollection(wb);
    // The collection's only entry is its connect command: the picker runs it without asking (as the real one does).
    await answerConnectPrompts(wb, undefined, 'ui-picker');
    await kernelLabel(wb).waitFor({ state: 'visible', timeout: 30_000 });
    const shown = (await kernelLabel(wb).innerText()).trim();
    assert.match(shown, /notebooks-gateway/, `the toolbar names the endpoint: ${shown}`);
    assert.doesNotMatch(shown, /^Python 3/, 'not the name of a local kernel');
    assert.equal(await wb.quickInput().isVisible(), false, 'the picker closed once the notebook was connected');
    await wb.screenshot('connected');
    const sent = credentialRequests(nb.emulator, 0);
    assert.equal(sent.length, 1, 'one session fetched');
    assert.equal(sent[0].params.logContext, 'ui-picker');
    step('connected through the picker');

    // One entry for the endpoint in the notebook's kernel picker.
    await wb.runCommand('Notebook: Select Notebook Kernel');
    await wb.waitForQuickInput();
    await wb.page.waitForTimeout(1000);
    const entries = await wb.quickItems();
    await wb.screenshot('kernel-picker');
    await wb.dismissQuickInput();
    const forEndpoint = entries.filter((e) => e.includes('notebooks-gateway'));
    assert.equal(forEndpoint.length, 1, `one kernel entry reaches notebooks-gateway: ${entries.join(' | ')}`);

    await wb.runCommand('Notebook: Run All');
    assert.ok(await waitForOutputTwo(wb), 'the output of 1+1 (2) is shown');
    await wb.runCommand('File: Save');
    const link = await savedLink(join(nb.folder, LINKED));
    assert.ok(link, 'the notebook connected through the picker is saved with its Cluster Pass link');
    assert.equal(link.id, DEFAULT_IDS.eks.activeEndpoint);
    assert.equal(link.name, 'notebooks-gateway');
    assert.deepEqual(link.input, { executionRoleArn: DEFAULT_IDS.eks.executionRoleArn, durationInSeconds: 900, logContext: 'ui-picker' });
    step('ran 1+1 and saved');
  }));

  test('after a reload: an unlinked notebook fetches nothing and starts no bridge; the linked one connects by itself and runs 1+1', shots('reload', () => wb, async () => {
    const startsBefore = bridgeStarts(wb);
    // Closed first: a linked notebook still open would be restored by the reload and, rightly, connect itself.
    await wb.runCommand('View: Close All Editors');
    await reload(wb);
    const from = nb.emulator.requests.length;
    await quickOpenNotebook(wb, UNLINKED);
    // Long enough for Cluster Pass to create its collection and the stand-in to ask it for its recently used servers.
    await wb.page.waitForTimeout(5000);
    assert.deepEqual(credentialRequests(nb.emulator, from).map((r) => r.operation), [], 'no credential fetched after the reload');
    assert.equal(bridgeStarts(wb), startsBefore, 'no bridge started');
    assert.equal(await wb.statusBarText('clusterPass.countdown'), undefined, 'no session in the status bar');
    step('reloaded: nothing fetched');

    await openFromExplorer(wb, LINKED);
    await kernelLabel(wb).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await wb.quickInput().isVisible(), false, 'no prompt');
    assert.equal(credentialRequests(nb.emulator, from).length, 1, 'the linked notebook fetched its session');
    assert.ok(await runAllForTwo(wb), 'the reopened notebook runs 1+1 on the endpoint');
    await wb.screenshot('reconnected');
    step('linked notebook reconnected');
  }));

  test('connecting again with a new duration applies it: a new session under the running bridge, and the user is told', shots('new-inputs', () => wb, async () => {
    const from = nb.emulator.requests.length;
    const startsBefore = bridgeStarts(wb);
    // The picker lists the collection's commands, the recent target among them; listing fetches nothing.
    await openCollection(wb);
    await wb.waitForQuickInput(/Servers and commands of Cluster Pass/);
    const items = await wb.quickItems();
    assert.ok(items.some((i) => /^Reconnect notebooks-gateway as /.test(i)), `the recent target is offered as a command: ${items.join(' | ')}`);
    assert.deepEqual(credentialRequests(nb.emulator, from), [], 'listing fetched nothing');
    await wb.pickQuickItem(/^Connect to a cluster through Cluster Pass/);
    await answerConnectPrompts(wb, '20', 'ui-picker');
    await wb.waitForNotification(/keeps running and now uses a new session with Duration \(seconds\) 20 \(was 900\)/, 30_000);
    await wb.screenshot('new-inputs');
    const sent = credentialRequests(nb.emulator, from);
    assert.equal(sent.length >= 1, true);
    assert.equal(sent[0].params.durationInSeconds, 20, 'the new session has the duration just typed');
    const status = await wb.waitForStatusBarText('clusterPass.countdown', /notebooks-gateway \d+:\d\d/);
    const m = /(\d+):(\d\d)/.exec(status)!;
    assert.ok(Number(m[1]) * 60 + Number(m[2]) <= 20, `the countdown follows the new session: ${status}`);
    assert.equal(bridgeStarts(wb), startsBefore, 'the running bridge was kept');
    assert.ok(await runAllForTwo(wb), 'the kernel still answers through the same bridge');
    step('new inputs applied');
  }));

  test('an untrusted workspace (same data folder, workspace trust on): opening notebooks, listing the collection and a reload fetch nothing', shots('untrusted', () => wb, async () => {
    await wb.close();
    const from = nb.emulator.requests.length;
    wb = await openNotebookWorkbench(scope, nb, {
      vsix,
      screenshotPrefix: 'jupyter-picker-untrusted',
      settings: { 'clusterPass.notifyBeforeExpiry': false },
      workspaceTrust: true,
    });
    await wb.page.locator('.part.statusbar .statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await quickOpenNotebook(wb, LINKED);
    await quickOpenNotebook(wb, UNLINKED);
    await wb.page.waitForTimeout(4000);
    // No recent target in this browser's state: the collection's one command is run without asking, and its first
    // prompt (the target) is as far as listing goes; Escape ends it without a choice.
    await openCollection(wb);
    await wb.waitForQuickInput(/Servers and commands of Cluster Pass|Choose a cluster, endpoint or workgroup/, 30_000);
    await wb.dismissQuickInput();
    await reload(wb);
    await quickOpenNotebook(wb, LINKED);
    await wb.page.waitForTimeout(4000);
    await wb.screenshot('untrusted');
    assert.deepEqual(credentialRequests(nb.emulator, from).map((r) => r.operation), [], 'no credential fetched in the untrusted workspace');
    assert.equal(await wb.statusBarText('clusterPass.countdown'), undefined, 'no session');
    step('untrusted: nothing fetched');
  }));
});
