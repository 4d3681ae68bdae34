// The extension's API surface in the real extension host: the tree's data, getting credentials through the command
// with programmatic arguments, the session store, the status-bar timer, copy, renew and forget, and that invalid input
// sends nothing. Runs against the emulator (skipped without one).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/constants';
import type { Target } from '../../src/services/types';
import { DEFAULT_IDS, DEFAULT_REGIONS } from '../emulator/world';
import { test } from './runner';
import { clusterPassApi, delay, emulator, labelOf } from './support';

const CREDENTIAL_OPS = ['GetClusterSessionCredentials', 'GetManagedEndpointSessionCredentials', 'GetClusterCredentials', 'GetClusterCredentialsWithIAM', 'GetCredentials'];

/** The EMR cluster `analytics-prod` as a programmatic target (what a tree node carries, or another extension passes). */
function emrTarget(): Target {
  return {
    kind: 'emr:cluster',
    location: { profile: 'demo', region: DEFAULT_REGIONS[0] },
    id: DEFAULT_IDS.emr.running,
    name: 'analytics-prod',
    state: 'RUNNING',
    stateCategory: 'active',
    details: {},
  };
}

interface Summary {
  key: string;
  target: string;
  user?: string;
  expiresAt: string;
}

let sessionKey: string | undefined;

test('activation returns the API; no session and no status-bar timer at first', async () => {
  const api = await clusterPassApi();
  assert.deepEqual(api.sessions(), []);
  assert.equal(api.statusBarTimerRunning, false);
  assert.equal(typeof api.tree.getChildren, 'function');
});

test('tree data: profiles at the root, service groups under a one-region profile, a page of 50 EMR clusters and "Load more…"', async () => {
  emulator();
  const { tree } = await clusterPassApi();
  const roots = (await tree.getChildren()) ?? [];
  const rootItems = await Promise.all(roots.map((n) => tree.getTreeItem(n)));
  assert.deepEqual(rootItems.map(labelOf).sort(), ['analytics', 'demo']);
  assert.ok(rootItems.every((i) => i.contextValue === 'profile' && i.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed));

  const demo = roots[rootItems.findIndex((i) => labelOf(i) === 'demo')];
  const groups = (await tree.getChildren(demo)) ?? [];
  const groupItems = await Promise.all(groups.map((n) => tree.getTreeItem(n)));
  assert.deepEqual(groupItems.map(labelOf), ['EMR clusters', 'EMR on EKS', 'Redshift', 'Redshift Serverless']);

  const emr = (await tree.getChildren(groups[0])) ?? [];
  const emrItems = await Promise.all(emr.map((n) => tree.getTreeItem(n)));
  assert.equal(emrItems.length, 51, '50 clusters (one AWS page) and "Load more…"');
  assert.equal(labelOf(emrItems[50]), 'Load more…');
  assert.equal(emrItems[50].command?.command, COMMANDS.loadMore);
  const running = emrItems.find((i) => labelOf(i) === 'analytics-prod');
  assert.ok(running, 'analytics-prod is listed');
  assert.equal(running.description, 'RUNNING');
  assert.equal(running.contextValue, 'target.credentials');
  assert.equal(running.accessibilityInformation?.label, 'analytics-prod, RUNNING');
  assert.ok(!emrItems.some((i) => /^etl-(2025-05-30|failed-oom)$/.test(labelOf(i))), 'terminated clusters are hidden');

  const eks = (await tree.getChildren(groups[1])) ?? [];
  const eksItems = await Promise.all(eks.map((n) => tree.getTreeItem(n)));
  const vcIndex = eksItems.findIndex((i) => labelOf(i) === 'analytics-eks');
  assert.equal(eksItems[vcIndex].collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  const endpoints = await Promise.all(((await tree.getChildren(eks[vcIndex])) ?? []).map((n) => tree.getTreeItem(n)));
  assert.deepEqual(endpoints.map(labelOf).sort(), ['notebooks-gateway', 'notebooks-next']);
});

test('getCredentials with a target and { input, format: "none" } returns a session summary without the secret', async () => {
  const em = emulator();
  await em.resetLog();
  const api = await clusterPassApi();
  const summary = (await vscode.commands.executeCommand(COMMANDS.getCredentials, emrTarget(), {
    input: { executionRoleArn: DEFAULT_IDS.emr.runtimeRoleArn },
    format: 'none',
  })) as Summary | undefined;
  assert.ok(summary, 'the command returned no summary');
  assert.equal(summary.target, 'analytics-prod');
  assert.ok(Date.parse(summary.expiresAt) > Date.now());
  const issued = (await em.secrets()).filter((s) => s.operation === 'GetClusterSessionCredentials');
  assert.equal(issued.length, 1);
  assert.equal(summary.user, issued[0].user);
  assert.ok(!JSON.stringify(summary).includes(issued[0].secret), 'the summary holds the secret');
  assert.ok(!JSON.stringify(api.sessions()).includes(issued[0].secret), 'sessions() holds the secret');
  sessionKey = summary.key;
});

test('the session store holds the session and the status-bar timer runs', async () => {
  emulator();
  const api = await clusterPassApi();
  const sessions = api.sessions();
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0].key, sessionKey);
  assert.equal(sessions[0].target, 'analytics-prod');
  assert.equal(sessions[0].renewals, 0);
  assert.equal(api.statusBarTimerRunning, true);
});

test('copyCredentials(key, "userPassword") puts user:password on the clipboard', async () => {
  const em = emulator();
  assert.ok(sessionKey);
  const copied = await vscode.commands.executeCommand(COMMANDS.copyCredentials, sessionKey, 'userPassword');
  assert.equal(copied, true);
  const issued = (await em.secrets()).filter((s) => s.operation === 'GetClusterSessionCredentials');
  assert.equal(await vscode.env.clipboard.readText(), `${issued[0].user}:${issued[0].secret}`);
  await vscode.env.clipboard.writeText('');
});

test('renewSession(key) fetches again with the same inputs and keeps the session', async () => {
  const em = emulator();
  assert.ok(sessionKey);
  const summary = (await vscode.commands.executeCommand(COMMANDS.renewSession, sessionKey)) as Summary | undefined;
  assert.equal(summary?.key, sessionKey);
  const api = await clusterPassApi();
  assert.equal(api.sessions().length, 1);
  assert.equal(api.sessions()[0].renewals, 1);
  const sent = (await em.requests()).filter((r) => r.operation === 'GetClusterSessionCredentials');
  assert.equal(sent.length, 2);
  assert.equal(sent[1].params.ExecutionRoleArn, DEFAULT_IDS.emr.runtimeRoleArn);
});

test('forgetSession(key) empties the store and stops the status-bar timer', async () => {
  emulator();
  assert.ok(sessionKey);
  const forgotten = await vscode.commands.executeCommand(COMMANDS.forgetSession, sessionKey);
  assert.equal(forgotten, true);
  const api = await clusterPassApi();
  assert.deepEqual(api.sessions(), []);
  assert.equal(api.statusBarTimerRunning, false);
});

test('invalid programmatic input is refused before sending: no request, no session', async () => {
  const em = emulator();
  await em.resetLog();
  // The command shows the problem in an error message and settles when that message is closed.
  const pending = Promise.resolve(
    vscode.commands.executeCommand(COMMANDS.getCredentials, emrTarget(), { input: { executionRoleArn: 'arn:aws:iam::123456789012:user/alice' }, format: 'none' }),
  );
  let settled = false;
  void pending.finally(() => (settled = true));
  await delay(500);
  await vscode.commands.executeCommand('notifications.clearAll');
  for (let i = 0; i < 50 && !settled; i++) await delay(100);
  assert.equal(settled, true, 'the command did not settle after its error message was closed');
  assert.equal(await pending, undefined);
  assert.deepEqual((await em.requests()).filter((r) => CREDENTIAL_OPS.includes(r.operation)), []);
  const api = await clusterPassApi();
  assert.deepEqual(api.sessions(), []);
  assert.equal(api.statusBarTimerRunning, false);
});
