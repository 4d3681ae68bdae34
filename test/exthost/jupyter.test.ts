// The Jupyter extension integration, called as the Jupyter extension calls it. With the stand-in for
// `ms-toolsai.jupyter` (test/fixtures/jupyter-standin, a second extension development path) and an emulator whose
// ACTIVE managed endpoint points at the simulated endpoint (CLUSTER_PASS_JUPYTER_SIM=1; test/e2e/notebook-provider.test.ts):
// the "Cluster Pass" collection is created only once a notebook is open, it lists no server (a connected notebook
// runs on Cluster Pass's own kernel), its commands connect the picker's notebook (a recent target comes back as a
// "Reconnect" command), listing and resolving never fetch, and a running bridge resolves to { baseUrl, token } that,
// given to @jupyterlab/services, runs 1+1 on the remote kernel. Without the stand-in (the main suite, desktop VS Code),
// opening a notebook attempts no collection and breaks nothing. Tests that cannot run here skip themselves.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KernelManager } from '@jupyterlab/services';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/constants';
import { COLLECTION_ID, COLLECTION_LABEL, CONNECT_COMMAND_LABEL } from '../../src/jupyter/serverProvider';
import { JUPYTER_COMMANDS, JUPYTER_EXTENSION_ID } from '../../src/vscode/jupyter';
import { DEFAULT_IDS, DEFAULT_REGIONS, EXECUTION_ROLE_ARN } from '../emulator/world';
import { bridgeSettings, disposeManager, execute, waitConnected } from '../jupyter-sim/client';
import { skip, test } from './runner';
import { clusterPassApi, delay, emulator } from './support';

/** What the stand-in records per collection (test/fixtures/jupyter-standin/extension.js). */
interface RecordedCollection {
  id: string;
  label: string;
  serverProvider: {
    provideJupyterServers(token: vscode.CancellationToken): vscode.ProviderResult<JupyterServer[]>;
    resolveJupyterServer(server: JupyterServer, token: vscode.CancellationToken): vscode.ProviderResult<JupyterServer>;
  };
  commandProvider?: {
    provideCommands(value: string | undefined, token: vscode.CancellationToken): vscode.ProviderResult<{ label: string; description?: string }[]>;
  };
  disposed: boolean;
  changes: number;
}

interface JupyterServer {
  id: string;
  label: string;
  connectionInformation?: { baseUrl: vscode.Uri; token?: string; headers?: Record<string, string> };
}

interface StandInExports {
  createJupyterServerCollection: unknown;
  standIn: { collections(): RecordedCollection[] };
}

const EXEC_MS = 20_000;
const none = new vscode.CancellationTokenSource().token;

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(100);
  }
}

/** The stand-in's extension object, or a skip when this run has none (or no simulated endpoint to connect to). */
function standIn(): vscode.Extension<StandInExports> {
  const ext = vscode.extensions.getExtension<StandInExports>(JUPYTER_EXTENSION_ID);
  if (!ext) skip(`no ${JUPYTER_EXTENSION_ID} in this run (the stand-in is loaded by test/e2e/notebook-provider.test.ts)`);
  if (ext.packageJSON?.version !== '0.0.1-standin') skip(`${JUPYTER_EXTENSION_ID} here is not the test stand-in`);
  emulator();
  if (process.env.CLUSTER_PASS_JUPYTER_SIM !== '1') skip('the emulator has no simulated Jupyter endpoint (CLUSTER_PASS_JUPYTER_SIM is not 1)');
  return ext;
}

function collections(ext: vscode.Extension<StandInExports>): RecordedCollection[] {
  return ext.isActive ? ext.exports.standIn.collections() : [];
}

function ours(ext: vscode.Extension<StandInExports>): RecordedCollection {
  const found = collections(ext).filter((c) => c.id === COLLECTION_ID && !c.disposed);
  assert.equal(found.length, 1, `one live "${COLLECTION_ID}" collection (saw ${JSON.stringify(collections(ext).map((c) => [c.id, c.disposed]))})`);
  return found[0];
}

/** A folder for notebook files: the workspace folder when there is one. */
function notebookFolder(): string {
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
  const dir = ws?.scheme === 'file' ? ws.fsPath : join(tmpdir(), 'cluster-pass-exthost-notebooks');
  mkdirSync(dir, { recursive: true });
  return dir;
}

function writeNotebook(name: string, clusterPass?: Record<string, unknown>): vscode.Uri {
  const file = join(notebookFolder(), name);
  writeFileSync(file, JSON.stringify({
    cells: [{ cell_type: 'code', execution_count: null, id: 'c1', metadata: {}, outputs: [], source: ['1+1'] }],
    metadata: { ...(clusterPass ? { clusterPass } : {}), kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1));
  return vscode.Uri.file(file);
}

/** The link test/e2e/notebook.test.ts uses: the emulator's ACTIVE endpoint with its execution role. */
function gatewayLink(logContext: string): Record<string, unknown> {
  return {
    profile: 'demo',
    region: DEFAULT_REGIONS[0],
    kind: 'emr-containers:endpoint',
    id: DEFAULT_IDS.eks.activeEndpoint,
    parentId: DEFAULT_IDS.eks.runningVirtualCluster,
    name: 'notebooks-gateway',
    methodId: 'emrContainers.sessionToken',
    input: { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: 900, logContext },
  };
}

/** Starts a kernel with nothing but the connection information, runs 1+1, shuts the kernel down; returns the text. */
async function onePlusOne(info: NonNullable<JupyterServer['connectionInformation']>): Promise<string> {
  assert.ok(info.token, 'the connection information carries the bridge token');
  const km = new KernelManager({ serverSettings: bridgeSettings({ baseUrl: info.baseUrl.toString(), token: info.token }) });
  try {
    await km.ready;
    const kernel = await km.startNew({ name: 'python3' });
    try {
      await waitConnected(kernel, EXEC_MS);
      return (await execute(kernel, '1+1', EXEC_MS)).text;
    } finally {
      await kernel.shutdown().catch(() => undefined);
      kernel.dispose();
    }
  } finally {
    disposeManager(km);
  }
}

function assertLocalBridge(info: JupyterServer['connectionInformation'], bridgeUrl: string): void {
  assert.ok(info, 'a resolved server has connection information');
  assert.equal(info.baseUrl.scheme, 'http');
  assert.match(info.baseUrl.authority, /^127\.0\.0\.1:\d+$/, 'the base URL is the local bridge');
  assert.equal(info.baseUrl.toString(), vscode.Uri.parse(bridgeUrl).toString(), 'the base URL is the running bridge');
  assert.ok(typeof info.token === 'string' && info.token.length >= 16, 'a bridge token');
  assert.equal(info.headers, undefined, 'no credential header is handed to the Jupyter extension');
}

// ---- Without the Jupyter extension (the main suite; runs last there).

test('jupyter: without the Jupyter extension, opening a notebook attempts no server collection and breaks nothing', async () => {
  if (vscode.extensions.getExtension(JUPYTER_EXTENSION_ID)) skip(`${JUPYTER_EXTENSION_ID} is loaded in this run`);
  const api = await clusterPassApi();
  const before = api.bridges().length;
  const notebook = await vscode.workspace.openNotebookDocument(writeNotebook('plain-no-jupyter.ipynb'));
  assert.equal(notebook.notebookType, 'jupyter-notebook');
  await delay(500);
  assert.equal(vscode.extensions.getExtension(JUPYTER_EXTENSION_ID), undefined);
  assert.equal(api.bridges().length, before, 'a notebook without a link starts no bridge');
  const commands = await vscode.commands.getCommands(true);
  for (const id of Object.values(JUPYTER_COMMANDS)) assert.ok(commands.includes(id), `${id} is registered`);
  // The extension still answers after the notebook opened.
  assert.ok(Array.isArray(api.sessions()));
});

// ---- With the stand-in and the simulated endpoint (test/e2e/notebook-provider.test.ts runs these first).

test('jupyter: the "Cluster Pass" collection is not created before a notebook is open', async () => {
  const ext = standIn();
  assert.equal(vscode.workspace.notebookDocuments.length, 0, 'this test runs before any notebook is opened');
  await clusterPassApi();
  await delay(1000);
  assert.deepEqual(collections(ext).map((c) => c.id), [], 'no collection yet');
  assert.equal(ext.isActive, false, 'Cluster Pass did not activate the Jupyter extension early');
});

test('jupyter: opening a notebook creates the collection once, with the connect command and no servers yet', async () => {
  const ext = standIn();
  const api = await clusterPassApi();
  await vscode.workspace.openNotebookDocument(writeNotebook('plain.ipynb'));
  const c = await until('the "Cluster Pass" collection', () => collections(ext).find((x) => x.id === COLLECTION_ID));
  assert.equal(c.label, COLLECTION_LABEL);
  assert.equal(c.disposed, false);
  assert.ok(c.commandProvider, 'the collection has a command provider');
  const commands = (await c.commandProvider.provideCommands(undefined, none)) ?? [];
  assert.deepEqual(commands.map((x) => x.label), [CONNECT_COMMAND_LABEL]);
  assert.equal(CONNECT_COMMAND_LABEL, 'Connect to a cluster through Cluster Pass…');
  assert.deepEqual((await c.serverProvider.provideJupyterServers(none)) ?? [], [], 'no bridge and no recent target yet');
  assert.deepEqual(api.bridges(), [], 'a notebook without a link connects nothing');

  // A second notebook does not create a second collection.
  await vscode.workspace.openNotebookDocument(writeNotebook('plain-2.ipynb'));
  await delay(300);
  assert.equal(collections(ext).filter((x) => x.id === COLLECTION_ID).length, 1);
});

let liveServerId: string | undefined;
let firstToken: string | undefined;

test('jupyter: a linked notebook connects with Cluster Pass\'s own kernel; the collection lists no server, offers the target again as a command, and resolving the running bridge gives { baseUrl, token } that runs 1+1', async () => {
  const ext = standIn();
  const em = emulator();
  const api = await clusterPassApi();
  const c = ours(ext);
  const changesBefore = c.changes;
  await em.resetLog();
  await vscode.workspace.openNotebookDocument(writeNotebook('linked.ipynb', gatewayLink('exthost-provider')));
  const bridge = await until('a bridge for notebooks-gateway', () => api.bridges().find((b) => b.target === 'notebooks-gateway'), 30_000);
  await until('onDidChangeServers', () => c.changes > changesBefore);

  assert.deepEqual((await c.serverProvider.provideJupyterServers(none)) ?? [], [], 'no server: the notebook runs on Cluster Pass\'s kernel, the one entry for the endpoint');
  const commands = ((await c.commandProvider?.provideCommands(undefined, none)) ?? []).map((x) => x.label);
  assert.equal(commands[0], CONNECT_COMMAND_LABEL);
  assert.ok(commands.some((l) => /^Reconnect notebooks-gateway as EMRContainers-JobExecutionRole \(demo, /.test(l)), `the recent target is a command: ${commands.join(' | ')}`);

  // A server id the Jupyter extension may remember from an older version: the running bridge, constant, no fetch.
  const resolved = await c.serverProvider.resolveJupyterServer({ id: bridge.key, label: 'notebooks-gateway' }, none);
  assert.ok(resolved);
  assertLocalBridge(resolved.connectionInformation, bridge.url);
  const again = await c.serverProvider.resolveJupyterServer({ id: bridge.key, label: 'notebooks-gateway' }, none);
  assert.equal(again?.connectionInformation?.token, resolved.connectionInformation?.token, 'the token is constant while the bridge lives');

  assert.equal(await onePlusOne(resolved.connectionInformation!), '2');
  const fetched = (await em.requests()).filter((r) => r.operation === 'GetManagedEndpointSessionCredentials');
  assert.equal(fetched.length, 1, 'one credential fetch for the notebook (listing and resolving fetch nothing)');
  assert.equal(fetched[0].params.executionRoleArn, EXECUTION_ROLE_ARN);
  liveServerId = bridge.key;
  firstToken = resolved.connectionInformation?.token;
});

test('jupyter: after the session is forgotten, listing and resolving fetch nothing; the "Reconnect" command (a user\'s choice) connects the picker\'s notebook, links it and ends the picker', async () => {
  const ext = standIn();
  const em = emulator();
  const api = await clusterPassApi();
  if (!liveServerId) skip('the previous test did not connect');
  const c = ours(ext);
  await em.resetLog();
  assert.equal(await vscode.commands.executeCommand(COMMANDS.forgetSession, liveServerId), true, 'the session is forgotten');
  await until('the bridge to stop', () => (api.bridges().some((b) => b.key === liveServerId) ? undefined : true));

  assert.deepEqual((await c.serverProvider.provideJupyterServers(none)) ?? [], []);
  await assert.rejects(async () => c.serverProvider.resolveJupyterServer({ id: liveServerId!, label: 'notebooks-gateway' }, none), (e: Error) => e.message.includes(CONNECT_COMMAND_LABEL));
  await delay(500);
  assert.deepEqual((await em.requests()).filter((r) => /Credentials$/.test(r.operation)), [], 'nothing fetched without a choice');
  assert.deepEqual(api.bridges(), []);

  // The user runs "Reconnect …" from the picker of an unlinked notebook.
  const notebook = await vscode.workspace.openNotebookDocument(writeNotebook('picker.ipynb'));
  await vscode.window.showNotebookDocument(notebook);
  const reconnect = ((await c.commandProvider?.provideCommands(undefined, none)) ?? []).find((x) => x.label.startsWith('Reconnect notebooks-gateway'));
  assert.ok(reconnect);
  const handler = c.commandProvider as unknown as { handleCommand(command: unknown, token: vscode.CancellationToken): Promise<unknown> };
  await assert.rejects(handler.handleCommand(reconnect, none), (e: Error) => e instanceof vscode.CancellationError, 'the picker is ended with CancellationError');
  const bridge = await until('a new bridge', () => api.bridges().find((b) => b.key === liveServerId));
  const resolved = await c.serverProvider.resolveJupyterServer({ id: bridge.key, label: 'x' }, none);
  assert.notEqual(resolved?.connectionInformation?.token, firstToken, 'a new bridge has a new token');
  const fetched = (await em.requests()).filter((r) => r.operation === 'GetManagedEndpointSessionCredentials');
  assert.equal(fetched.length, 1, 'the command fetched one session');
  assert.equal(fetched[0].params.logContext, 'exthost-provider', 'with the input the target was used with');
  const link = await until('the link in the picker\'s notebook', () => (notebook.metadata.metadata as Record<string, { id?: string }> | undefined)?.clusterPass);
  assert.equal(link.id, DEFAULT_IDS.eks.activeEndpoint);
});

test('jupyter: resolving a server Cluster Pass does not run fails with a message naming the connect command', async () => {
  const ext = standIn();
  const c = ours(ext);
  await assert.rejects(
    async () => c.serverProvider.resolveJupyterServer({ id: 'no-such-server', label: 'gone' }, none),
    (e: Error) => e.message.includes(CONNECT_COMMAND_LABEL) && e.message.includes('"gone"'),
  );
});
