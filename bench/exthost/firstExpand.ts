// Runs inside code-server's real extension host as the `extensionTestsPath` module (bundled by bench/exthost.ts), in a
// fresh window (a fresh code-server, so a fresh extension host) each time. It measures, cold, one of:
//  - extension: the Clusters tree's first expansion. The root rows (profiles) are listed first, as the view does when
//    it opens (that loads dist/aws.js and reads the AWS config files); then, timed: expanding the profile `demo`
//    (GetCallerIdentity, the service groups) and the "EMR clusters" group (ListClusters) until the first target row,
//    through the tree's data provider exactly as the workbench calls it on a click;
//  - sdk: the bare SDK: require a bundle of @aws-sdk/client-emr alone, build an EMRClient for the same profile, first
//    ListClusters.
// CLUSTER_PASS_BENCH_FIRST says which runs first (cold, 2 s after startup, as a user's first click); the other runs
// after it (warm, reported but not compared).
// It prints one line `BENCH_FIRST_EXPAND {json}` and resolves.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'clusterpass.cluster-pass';

interface TreeApi {
  getChildren(node?: unknown): vscode.ProviderResult<unknown[]>;
  getTreeItem(node: unknown): vscode.TreeItem | Thenable<vscode.TreeItem>;
}

async function labelled(tree: TreeApi, parent: unknown, label: string): Promise<unknown> {
  const children = (await tree.getChildren(parent)) ?? [];
  for (const child of children) {
    const item = await tree.getTreeItem(child);
    const text = typeof item.label === 'string' ? item.label : item.label?.label;
    if (text === label) return child;
  }
  throw new Error(`no row "${label}" among ${children.length} rows`);
}

/** What the view does when it opens: activates Cluster Pass and lists the profiles (untimed in the result). */
async function openView(): Promise<{ tree: TreeApi; profile: unknown; rootMs: number }> {
  const ext = vscode.extensions.getExtension<{ tree: TreeApi }>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  const { tree } = await ext.activate();
  const r0 = performance.now();
  const profile = await labelled(tree, undefined, 'demo');
  return { tree, profile, rootMs: performance.now() - r0 };
}

/**
 * A user's first click comes seconds after the window opened, not while VS Code is still starting its built-in
 * extensions: both paths wait this long after startup (and the extension path after its view listed the profiles).
 */
const CLICK_AFTER_MS = 2000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function extensionPath(settle: boolean): Promise<{ ms: number; rootMs: number; firstRow: string }> {
  const { tree, profile, rootMs } = await openView();
  if (settle) await sleep(CLICK_AFTER_MS);
  const t0 = performance.now();
  const group = await labelled(tree, profile, 'EMR clusters');
  const rows = (await tree.getChildren(group)) ?? [];
  let firstRow = '';
  for (const row of rows) {
    const item = await tree.getTreeItem(row);
    if (item.contextValue?.startsWith('target')) {
      firstRow = String(typeof item.label === 'string' ? item.label : item.label?.label);
      break;
    }
  }
  const ms = performance.now() - t0;
  if (!firstRow) throw new Error(`the EMR clusters group shows no target row (${rows.length} rows)`);
  return { ms, rootMs, firstRow };
}

async function sdkPath(): Promise<{ ms: number; requireMs: number; clusters: number }> {
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the point is to time a cold require
  const sdk = require(process.env.CLUSTER_PASS_BENCH_BARE_SDK!) as typeof import('./bareSdk');
  const requireMs = performance.now() - t0;
  const client = new sdk.EMRClient({ profile: 'demo' });
  try {
    const out = await client.send(new sdk.ListClustersCommand({}));
    const ms = performance.now() - t0;
    if (!out.Clusters?.length) throw new Error('ListClusters returned no cluster');
    return { ms, requireMs, clusters: out.Clusters.length };
  } finally {
    client.destroy();
  }
}

export async function run(): Promise<void> {
  const first = process.env.CLUSTER_PASS_BENCH_FIRST === 'sdk' ? 'sdk' : 'extension';
  const result: Record<string, unknown> = { pid: process.pid, first };
  if (first === 'sdk') {
    await sleep(CLICK_AFTER_MS);
    result.sdk = await sdkPath();
    result.extension = await extensionPath(false);
  } else {
    result.extension = await extensionPath(true);
    result.sdk = await sdkPath();
  }
  console.log(`BENCH_FIRST_EXPAND ${JSON.stringify(result)}`);
}
