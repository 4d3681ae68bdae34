// What the extension-host tests share: the extension's exported API and, when the harness runs them against the
// emulator (CLUSTER_PASS_EMULATOR_URL), its control routes. Nothing here is specific to code-server: under
// @vscode/test-electron without an emulator, the tests that need one skip themselves.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { ClusterPassApi } from '../../src/extension';
import { skip } from './runner';

export async function clusterPassApi(): Promise<ClusterPassApi> {
  const ext = vscode.extensions.getExtension<ClusterPassApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.ok(api && typeof api.sessions === 'function', 'activate() returned no API');
  return api;
}

export interface RecordedRequest {
  service: string;
  operation: string;
  region: string;
  params: Record<string, unknown>;
  status: number;
  error?: string;
}

export interface IssuedSecret {
  operation: string;
  secret: string;
  user?: string;
  target: string;
}

/** The emulator's control routes; skips the calling test when the run has no emulator. */
export function emulator() {
  const url = process.env.CLUSTER_PASS_EMULATOR_URL;
  if (!url) skip('no emulator (CLUSTER_PASS_EMULATOR_URL is not set)');
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`);
    assert.equal(res.status, 200, `GET ${path}`);
    return (await res.json()) as T;
  };
  return {
    url,
    requests: () => get<RecordedRequest[]>('/_emulator/requests'),
    secrets: () => get<IssuedSecret[]>('/_emulator/secrets'),
    async resetLog(): Promise<void> {
      await fetch(`${url}/_emulator/reset-log`, { method: 'POST' });
    },
  };
}

/** A TreeItem's label as text. */
export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
