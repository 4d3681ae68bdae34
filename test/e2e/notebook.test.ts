// UI test: a notebook that connects itself. The emulator's ACTIVE managed endpoint points at a simulated endpoint
// (jupyter-server behind TLS nginx validating every request with the emulator); a workspace folder holds a .ipynb
// whose metadata names that Cluster Pass target and role. Opened in code-server, it connects without a prompt, the
// cell `1+1` runs on the remote kernel through the bridge and shows 2, the status bar shows the session; afterwards
// no issued token is in the notebook file, the workbench logs or the settings.
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { DEFAULT_IDS, EXECUTION_ROLE_ARN } from '../emulator/index';
import { AWS_ENV_TO_CLEAR, writeAwsConfig } from '../harness/awsConfig';
import { packageVsix } from '../harness/build';
import { startEmulatorInProcess } from '../harness/emulator';
import { makeTempDir } from '../harness/paths';
import { openWorkbench } from '../harness/workbench';
import { startSimulatedEndpoint } from '../jupyter-sim/index';

const NOTEBOOK = 'connected.ipynb';

function notebookJson(): string {
  return JSON.stringify({
    cells: [{ cell_type: 'code', execution_count: null, id: 'c1', metadata: {}, outputs: [], source: ['1+1'] }],
    metadata: {
      clusterPass: {
        profile: 'demo',
        region: DEFAULT_IDS.region,
        kind: 'emr-containers:endpoint',
        id: DEFAULT_IDS.eks.activeEndpoint,
        parentId: DEFAULT_IDS.eks.runningVirtualCluster,
        name: 'notebooks-gateway',
        methodId: 'emrContainers.sessionToken',
        input: { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: 900, logContext: 'ui-notebook' },
      },
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else if (st.isFile()) out.push(p);
  };
  walk(dir);
  return out;
}

/** Texts of every frame (notebook outputs render inside webview iframes). */
async function frameTexts(frames: Frame[]): Promise<string[]> {
  const texts: string[] = [];
  for (const f of frames) {
    try {
      texts.push(await f.evaluate(() => document.body?.innerText ?? ''));
    } catch {
      // a frame that navigated or closed meanwhile
    }
  }
  return texts;
}

test('a notebook whose metadata names a Cluster Pass target connects by itself and runs 1+1 on the remote kernel', { timeout: 240_000 }, async (t) => {
  const vsix = await packageVsix();
  const emulator = await startEmulatorInProcess();
  t.after(() => emulator.stop());
  const sim = await startSimulatedEndpoint({ validateUrl: `${emulator.url}/_emulator/validate` });
  t.after(() => sim.stop());
  assert.ok(emulator.setGateway({ serverUrl: sim.serverUrl, certificateData: Buffer.from(sim.caPem).toString('base64') }));

  const dir = makeTempDir('notebook');
  const aws = writeAwsConfig(join(dir, 'aws'), emulator);
  const folder = join(dir, 'workspace');
  mkdirSync(folder, { recursive: true });
  const notebookPath = join(folder, NOTEBOOK);
  writeFileSync(notebookPath, notebookJson());

  const wb = await openWorkbench({
    dataDir: join(dir, 'code-server'),
    vsix: [vsix],
    clearEnv: AWS_ENV_TO_CLEAR,
    env: { ...aws.env, CLUSTER_PASS_HARNESS: 'code-server' },
    settings: { 'clusterPass.profiles': ['demo'], 'clusterPass.regions': [DEFAULT_IDS.region] },
    folder,
    screenshotPrefix: 'notebook',
  });
  t.after(() => wb.close());

  // Open the notebook as a user does: Quick Open, its name, Enter.
  await wb.page.locator('.monaco-workbench').click({ position: { x: 600, y: 5 }, force: true }).catch(() => undefined);
  await wb.page.keyboard.press('Control+P');
  await wb.quickInput().waitFor({ state: 'visible', timeout: 15_000 });
  await wb.quickInputBox().fill(NOTEBOOK);
  await wb.quickInput().locator('.monaco-list-row', { hasText: NOTEBOOK }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.notebook-editor .code-cell-row').first().waitFor({ state: 'visible', timeout: 30_000 });

  // It connects by itself: no quick input asks anything, the kernel picker names the Cluster Pass controller.
  const kernelLabel = wb.page.locator('.kernel-label, [aria-label*="Cluster Pass: notebooks-gateway"], .notebook-toolbar-container', { hasText: 'Cluster Pass: notebooks-gateway' }).first();
  await kernelLabel.waitFor({ state: 'visible', timeout: 60_000 });
  assert.equal(await wb.quickInput().isVisible(), false, 'no prompt was shown');
  await wb.screenshot('connected');

  // The status bar shows the bridged session.
  const deadline = Date.now() + 20_000;
  let status: string | undefined;
  while (Date.now() < deadline) {
    status = await wb.statusBarText('clusterPass.countdown');
    if (status?.includes('notebooks-gateway')) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.match(status ?? '', /notebooks-gateway \d+:\d\d/, `status bar: ${status}`);

  // Run the cell: 2 appears in its output.
  await wb.runCommand('Notebook: Run All');
  const outDeadline = Date.now() + 60_000;
  let found = false;
  while (!found && Date.now() < outDeadline) {
    found = (await frameTexts(wb.page.frames())).some((text) => /(^|\n)\s*2\s*($|\n)/.test(text));
    if (!found) await new Promise((r) => setTimeout(r, 500));
  }
  await wb.screenshot('ran-cell');
  assert.ok(found, 'the output of 1+1 (2) is shown');

  // Save (the notebook may have become dirty through outputs), then stop everything and look for tokens.
  await wb.page.keyboard.press('Control+S');
  await new Promise((r) => setTimeout(r, 1000));
  await wb.close();
  const secrets = emulator.issuedSecrets.map((i) => i.secret);
  assert.ok(secrets.length >= 1, 'a token was issued');
  const files = [notebookPath, ...filesUnder(wb.server.userDataDir), wb.server.serverLogFile];
  const hits: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const s of secrets) if (bytes.includes(s) || bytes.includes(encodeURIComponent(s))) hits.push(`${file} holds a token starting ${s.slice(0, 6)}`);
  }
  assert.deepEqual(hits, [], 'no issued token in the notebook, logs, settings or state');
  const saved = JSON.parse(readFileSync(notebookPath, 'utf8')) as { metadata: { clusterPass: Record<string, unknown> } };
  assert.equal(saved.metadata.clusterPass.id, DEFAULT_IDS.eks.activeEndpoint, 'the link survives saving');
  t.diagnostic(`scanned ${files.length} files for ${secrets.length} issued token(s)`);
});
