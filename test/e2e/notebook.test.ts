// UI test: a notebook that connects itself. The emulator's ACTIVE managed endpoint points at a simulated endpoint
// (jupyter-server behind TLS nginx validating every request with the emulator); a workspace folder holds a .ipynb
// whose metadata names that Cluster Pass target and role. Opened in code-server, it connects without a prompt, the
// cell `1+1` runs on the remote kernel through the bridge and shows 2, the status bar shows the session; afterwards
// no issued token is in the notebook file, the workbench logs or the settings.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_IDS, EXECUTION_ROLE_ARN } from '../emulator/index';
import { packageVsix } from '../harness/build';
import { frameTexts, openNotebookWorkbench, quickOpenNotebook, startNotebookBackend } from '../harness/notebook';
import { makeTempDir } from '../harness/paths';

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

test('a notebook whose metadata names a Cluster Pass target connects by itself and runs 1+1 on the remote kernel', { timeout: 240_000 }, async (t) => {
  const vsix = await packageVsix();
  const nb = await startNotebookBackend(t, makeTempDir('notebook'));
  const { emulator } = nb;
  const notebookPath = join(nb.folder, NOTEBOOK);
  writeFileSync(notebookPath, notebookJson());

  const wb = await openNotebookWorkbench(t, nb, { vsix, screenshotPrefix: 'notebook' });

  // Open the notebook as a user does: Quick Open, its name, Enter.
  await quickOpenNotebook(wb, NOTEBOOK);

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
