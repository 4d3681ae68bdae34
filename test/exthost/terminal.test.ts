// Open Terminal with Credentials in the real extension host: the command with a target and its input opens a terminal
// named after the target and the expiry, created transient (VS Code does not restore it after a reload) with the
// method's variables in its environment; the command's answer and the session list hold no secret.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/constants';
import type { Target } from '../../src/services/types';
import { DEFAULT_IDS, DEFAULT_REGIONS } from '../emulator/world';
import { test } from './runner';
import { clusterPassApi, emulator } from './support';

function redshiftTarget(): Target {
  return { kind: 'redshift:cluster', location: { profile: 'demo', region: DEFAULT_REGIONS[0] }, id: DEFAULT_IDS.redshift.available, name: DEFAULT_IDS.redshift.available, state: 'available', stateCategory: 'active', details: { port: 5439, dbName: 'dev' } };
}

test('openTerminal: a transient terminal named with target and expiry, its environment the PG* variables', async () => {
  const em = emulator();
  await em.resetLog();
  const api = await clusterPassApi();
  const summary = (await vscode.commands.executeCommand(COMMANDS.openTerminal, redshiftTarget(), {
    methodId: 'redshift.clusterCredentials',
    input: { DbUser: 'terminal_user', DbName: 'dev', DurationSeconds: 900, AutoCreate: false },
  })) as { name: string; sessionKey: string; expiresAt: string } | undefined;
  assert.ok(summary, 'the command returned no summary');
  assert.match(summary.name, /^analytics-dw · until (\d{4}-\d\d-\d\d )?\d\d:\d\d$/);
  const issued = (await em.secrets()).filter((s) => s.operation === 'GetClusterCredentials');
  assert.equal(issued.length, 1);
  const terminal = vscode.window.terminals.find((t) => t.name === summary.name);
  assert.ok(terminal, `no terminal named ${summary.name}`);
  const options = terminal.creationOptions as vscode.TerminalOptions;
  assert.equal(options.isTransient, true, 'not restored after a reload');
  const env = options.env ?? {};
  assert.deepEqual(Object.keys(env).sort(), ['PGDATABASE', 'PGHOST', 'PGPASSWORD', 'PGPORT', 'PGSSLMODE', 'PGUSER']);
  assert.equal(env.PGUSER, issued[0].user);
  assert.ok(env.PGPASSWORD === issued[0].secret, 'the issued password is in the environment');
  assert.ok(!JSON.stringify(summary).includes(issued[0].secret) && !JSON.stringify(api.sessions()).includes(issued[0].secret), 'no secret in answers');
  terminal.dispose();
  await vscode.commands.executeCommand(COMMANDS.forgetSession, summary.sessionKey);
});
