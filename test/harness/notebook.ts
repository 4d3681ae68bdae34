// The notebook workbench tests' common ground: the emulator with its ACTIVE managed endpoint pointing at a simulated
// endpoint (jupyter-server behind TLS nginx validating every request with the emulator), the run's AWS config, a
// workspace folder, and code-server opened on it with Cluster Pass installed; plus opening a notebook and reading
// its outputs.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Frame } from 'playwright-core';
import { DEFAULT_IDS, type Emulator } from '../emulator/index';
import { startSimulatedEndpoint, type SimulatedEndpoint } from '../jupyter-sim/index';
import { AWS_ENV_TO_CLEAR, writeAwsConfig } from './awsConfig';
import { startEmulatorInProcess } from './emulator';
import { openWorkbench, type Workbench } from './workbench';

export interface NotebookBackend {
  readonly emulator: Emulator;
  readonly sim: SimulatedEndpoint;
  /** The run's folder: aws/, workspace/ and code-server/ are in it. */
  readonly dir: string;
  /** code-server's data folder (dataDir). */
  readonly dataDir: string;
  /** The workspace folder code-server opens (empty). */
  readonly folder: string;
  /** code-server's environment: the run's AWS config and CLUSTER_PASS_HARNESS=code-server. */
  readonly env: Record<string, string>;
  /** Settings: profile demo, the emulator's default region. */
  readonly settings: Record<string, unknown>;
}

/**
 * Starts the emulator and a simulated endpoint behind its ACTIVE managed endpoint (both stopped after the test), and
 * writes the AWS config and an empty workspace folder into `dir`.
 */
export async function startNotebookBackend(t: TestContext, dir: string): Promise<NotebookBackend> {
  const emulator = await startEmulatorInProcess();
  t.after(() => emulator.stop());
  const sim = await startSimulatedEndpoint({ validateUrl: `${emulator.url}/_emulator/validate` });
  t.after(() => sim.stop());
  assert.ok(emulator.setGateway({ serverUrl: sim.serverUrl, certificateData: Buffer.from(sim.caPem).toString('base64') }));

  const aws = writeAwsConfig(join(dir, 'aws'), emulator);
  const folder = join(dir, 'workspace');
  mkdirSync(folder, { recursive: true });
  return {
    emulator,
    sim,
    dir,
    dataDir: join(dir, 'code-server'),
    folder,
    env: { ...aws.env, CLUSTER_PASS_HARNESS: 'code-server' },
    settings: { 'clusterPass.profiles': ['demo'], 'clusterPass.regions': [DEFAULT_IDS.region] },
  };
}

/** code-server on the backend's workspace with `vsix` installed, closed after the test; `settings` go over the backend's. A second run on the same backend reuses its data folder (state, recently used targets). */
export async function openNotebookWorkbench(
  t: TestContext,
  nb: NotebookBackend,
  o: { vsix: string | string[]; screenshotPrefix: string; settings?: Record<string, unknown>; workspaceTrust?: boolean },
): Promise<Workbench> {
  const wb = await openWorkbench({
    dataDir: nb.dataDir,
    vsix: Array.isArray(o.vsix) ? o.vsix : [o.vsix],
    workspaceTrust: o.workspaceTrust,
    clearEnv: AWS_ENV_TO_CLEAR,
    env: nb.env,
    settings: { ...nb.settings, ...o.settings },
    folder: nb.folder,
    screenshotPrefix: o.screenshotPrefix,
  });
  t.after(() => wb.close());
  return wb;
}

/** Opens a notebook of the workspace as a user does (Quick Open, its name, Enter) and waits for its first cell. */
export async function quickOpenNotebook(wb: Workbench, name: string): Promise<void> {
  await wb.page.locator('.monaco-workbench').click({ position: { x: 600, y: 5 }, force: true }).catch(() => undefined);
  await wb.page.keyboard.press('Control+P');
  await wb.quickInput().waitFor({ state: 'visible', timeout: 15_000 });
  await wb.quickInputBox().fill(name);
  await wb.quickInput().locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.notebook-editor .code-cell-row').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Texts of every frame (notebook outputs render inside webview iframes). */
export async function frameTexts(frames: Frame[]): Promise<string[]> {
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
