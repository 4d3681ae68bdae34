// The closing `real clients: …` line: ok only when a client's checks ran and passed; failures, cut-off checks and
// skips are named; a client without records is "did not run" when required, "not run yet" otherwise.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { RealClientRecord } from '../harness/realClients';

import type * as Summary from '../harness/realClientSummary.mjs' with { 'resolution-mode': 'import' };

// An ES module (run-all.mjs imports it too), loaded the way a CommonJS test can.
let realClientSummary: typeof Summary.realClientSummary;
let realClientsLine: typeof Summary.realClientsLine;
before(async () => {
  ({ realClientSummary, realClientsLine } = await import('../harness/realClientSummary.mjs'));
});

const CLIENTS = ['gateway-client', 'psql', 'vscode OLD', 'vscode NEW'];
const REQUIRED = ['gateway-client', 'psql'];
const rec = (client: string, check: string, status: RealClientRecord['status'], detail?: string): RealClientRecord => ({ client, check, status, ...(detail ? { detail } : {}) });

test('every client ran and passed: ok, with the detail a check gave', () => {
  const records = [
    rec('gateway-client', 'a', 'started'), rec('gateway-client', 'a', 'ok'),
    rec('psql', 'uri', 'started'), rec('psql', 'uri', 'ok'), rec('psql', 'expiry', 'started'), rec('psql', 'expiry', 'ok', '5 formats'),
    rec('vscode OLD', 'x', 'ok'), rec('vscode NEW', 'y', 'ok'),
  ];
  const summary = realClientSummary(records, CLIENTS, REQUIRED);
  assert.equal(realClientsLine(summary), 'real clients: gateway-client ok, psql ok (5 formats), vscode OLD ok, vscode NEW ok');
  assert.ok(summary.every((c) => c.ok));
});

test('absent clients: "did not run" when required, "not run yet" otherwise; neither is ok', () => {
  const summary = realClientSummary([rec('psql', 'uri', 'ok')], CLIENTS, REQUIRED);
  assert.equal(realClientsLine(summary), 'real clients: gateway-client skipped (did not run), psql ok, vscode OLD skipped (not run yet), vscode NEW skipped (not run yet)');
  assert.deepEqual(summary.filter((c) => !c.ok).map((c) => c.name), ['gateway-client', 'vscode OLD', 'vscode NEW']);
});

test('a failed or cut-off check fails the client even when others passed; a skip says why', () => {
  const records = [
    rec('gateway-client', 'a', 'ok'), rec('gateway-client', 'b', 'started'),
    rec('psql', 'uri', 'ok'), rec('psql', 'env', 'started'), rec('psql', 'env', 'failed'),
    rec('vscode OLD', 'x', 'skipped', 'no code-server'), rec('vscode OLD', 'y', 'skipped', 'no code-server'),
  ];
  const summary = realClientSummary(records, CLIENTS, REQUIRED);
  assert.deepEqual(summary.map((c) => c.text), ['failed (b)', 'failed (env)', 'skipped (no code-server)', 'skipped (not run yet)']);
  assert.ok(summary.every((c) => !c.ok));
});

test('VS Code builds are named by the version their record carries', () => {
  const records = [
    { client: 'vscode oldest', check: 'full', status: 'ok', version: '1.103.2' },
    { client: 'vscode newest', check: 'compat', status: 'failed', version: '1.139.1', detail: '1 of 4 tests failed' },
  ] as RealClientRecord[];
  const summary = realClientSummary(records, ['vscode oldest', 'vscode newest'], ['vscode oldest', 'vscode newest']);
  const names = new Map(records.map((r) => [r.client, `vscode ${r.version}`]));
  assert.equal(realClientsLine(summary, names), 'real clients: vscode 1.103.2 ok, vscode 1.139.1 failed (compat)');
});
