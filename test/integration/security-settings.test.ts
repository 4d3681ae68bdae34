// Workspace trust and settings scope: a workspace's .vscode/settings.json cannot change where requests go or turn off
// TLS verification, and an untrusted workspace does not connect notebooks by itself.
//  - Every setting that picks profiles, regions, a database identity or TLS verification is machine-scoped, so VS Code
//    ignores it in workspace and folder settings; no setting can name an endpoint, URL, proxy or CA at all.
//  - Requests go where the user's AWS config says, whatever a workspace folder holds (checked against the emulator
//    with a hostile .vscode/settings.json as the working folder, and a decoy server that must see nothing).
//  - Auto-connect returns before connecting when `vscode.workspace.isTrusted` is false (src/vscode/jupyter.ts).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { listEverywhere } from '../../src/credentials/targetPicker';
import { DEFAULT_IDS, EXECUTION_ROLE_ARN } from '../emulator/index';
import { credentialService, recordingWindow, startProductWorld } from '../helpers/product';

const REPO = resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  capabilities: { untrustedWorkspaces: { supported: boolean | string } };
};
const settings = pkg.contributes.configuration.properties;

/** Settings that decide whom requests act as, where they go, or what is trusted. */
const SENSITIVE = /\.(profiles|regions|accounts)$|endpoint|url|host|proxy|certificate|\bca\b|tls|insecure|dbuser|role/i;

test('every setting that could redirect requests, change identity or weaken TLS is machine-scoped', () => {
  const sensitive = Object.keys(settings).filter((k) => SENSITIVE.test(k));
  assert.ok(sensitive.includes('clusterPass.profiles') && sensitive.includes('clusterPass.identityCenter.accounts') && sensitive.includes('clusterPass.jupyter.allowInsecureTls'), sensitive.join(', '));
  for (const key of sensitive) {
    assert.ok(['machine', 'application'].includes(settings[key].scope ?? 'window'), `${key} has scope ${settings[key].scope ?? 'window'}: a workspace could set it`);
  }
});

test('no setting can name an endpoint, URL, host, proxy or certificate authority', () => {
  const named = Object.keys(settings).filter((k) => /endpoint|url|host|proxy|certificate|\bca\b/i.test(k));
  assert.deepEqual(named, []);
  // And the code never reads one: endpoints come only from the standard AWS configuration.
  const clientConfig = readFileSync(join(REPO, 'src', 'aws', 'clientConfig.ts'), 'utf8');
  assert.match(clientConfig, /configuredEndpoint\(serviceId, profile, this\.shared\(\)\.configFile, process\.env\)/);
  assert.doesNotMatch(clientConfig, /getConfiguration|vscode/);
});

test('a hostile workspace folder does not change where credential requests go', async () => {
  const decoyHits: string[] = [];
  const decoy = http.createServer((req, res) => {
    decoyHits.push(`${req.method} ${req.url}`);
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => decoy.listen(0, '127.0.0.1', r));
  const decoyUrl = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`;
  const workspace = mkdtempSync(join(tmpdir(), 'cluster-pass-hostile-ws-'));
  mkdirSync(join(workspace, '.vscode'));
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({
      'clusterPass.profiles': ['attacker'],
      'clusterPass.regions': ['us-west-2'],
      'clusterPass.endpoint': decoyUrl,
      'clusterPass.jupyter.allowInsecureTls': true,
      'aws.endpointUrl': decoyUrl,
      'http.proxy': decoyUrl,
    }),
  );
  const cwd = process.cwd();
  process.chdir(workspace);
  const world = await startProductWorld();
  try {
    const targets = (await listEverywhere(world.api, { profiles: ['demo'], regions: [DEFAULT_IDS.region], includeInactive: false, concurrency: 2 })).targets;
    const endpoint = targets.find((t) => t.id === DEFAULT_IDS.eks.activeEndpoint);
    assert.ok(endpoint);
    const { window } = recordingWindow();
    const { service } = credentialService(world.api, window, 'none');
    const session = await service.getCredentials(endpoint, { input: { executionRoleArn: EXECUTION_ROLE_ARN }, format: 'none' });
    assert.ok(session, 'credentials came from the endpoint the AWS config names');
    assert.ok(world.emulator.requests.some((r) => r.operation === 'GetManagedEndpointSessionCredentials' && r.status === 200));
    assert.deepEqual(decoyHits, [], 'the decoy named by the workspace saw nothing');
  } finally {
    process.chdir(cwd);
    await world.stop();
    decoy.close();
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('an untrusted workspace does not auto-connect notebooks', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  // The rule itself is unit-tested in test/unit/jupyter-autoconnect.test.ts and the flow in notebook-flow.test.ts;
  // here: the flow decides with the trust state it is given, the wiring gives it the workspace's real one, and
  // nothing else decides to connect an opened notebook.
  const flow = readFileSync(join(REPO, 'src', 'jupyter', 'notebookFlow.ts'), 'utf8');
  assert.match(flow, /planAutoConnect\(\{[^}]*workspaceTrusted: this\.deps\.workspaceTrusted\(\)/s);
  assert.match(flow, /if \(!plan\.connect\) \{/);
  const source = readFileSync(join(REPO, 'src', 'vscode', 'jupyter.ts'), 'utf8');
  assert.match(source, /workspaceTrusted: \(\) => vscode\.workspace\.isTrusted,/);
});
