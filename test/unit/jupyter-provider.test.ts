// Jupyter logic without a workbench: notebook metadata links (never a secret), the server provider against a fake
// Jupyter API, the bridge manager with a fake bridge, and IOPub → output mapping.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BridgeManager, type BridgeHandle } from '../../src/jupyter/manager';
import { linkFor, readLink, targetFromLink, withLink, type NotebookLink } from '../../src/jupyter/notebookMetadata';
import { mimeItems, outputFromMessage } from '../../src/jupyter/outputs';
import { RecentLinks } from '../../src/jupyter/recentLinks';
import { describeChanges, inputChanges } from '../../src/jupyter/inputChanges';
import { isKernelspecsRoute, nameKernelspecs } from '../../src/jupyter/kernelspecNames';
import { ClusterPassServerProvider, CONNECT_COMMAND_LABEL, linkKey, linkLabel } from '../../src/jupyter/serverProvider';
import type { CredentialMethod, ParameterSpec } from '../../src/services/types';
import { SessionStore } from '../../src/sessions/sessionStore';
import { credential, method, target } from '../helpers/fakes';
import { memento, uri } from '../helpers/vscode';

const ROLE = 'arn:aws:iam::123456789012:role/analyst';
const param = (key: string): ParameterSpec => ({ key, label: key, type: 'text', required: false, prompt: key, validate: () => undefined });
const jupyterMethod = (overrides: Partial<CredentialMethod> = {}): CredentialMethod =>
  method({
    id: 'emrContainers.sessionToken',
    targetKind: 'emr-containers:endpoint',
    parameters: [param('executionRoleArn'), param('durationInSeconds'), param('logContext'), param('password'), param('sessionToken')],
    jupyterUpstream: async () => ({ baseUrl: 'https://gw.example/', headers: (c) => ({ Authorization: `token ${c.secret}` }) }),
    ...overrides,
  });
const endpoint = target({ kind: 'emr-containers:endpoint', id: 'ep-1', parentId: 'vc-1', name: 'notebooks-gateway' });

function fakeBridge(n: number): BridgeHandle & { disposed: boolean } {
  return { url: `http://127.0.0.1:${40000 + n}/`, token: `bridge-token-${n}`.padEnd(64, '0'), disposed: false, start: async () => undefined, async dispose() { this.disposed = true; } };
}

function managerSetup(options: { failFetch?: number } = {}) {
  const store = new SessionStore();
  const tracked: string[] = [];
  let fetches = 0;
  let failures = options.failFetch ?? 0;
  const bridges: ReturnType<typeof fakeBridge>[] = [];
  let release: () => void = () => undefined;
  const gate = { hold: false };
  const manager = new BridgeManager({
    store,
    renewal: { track: (k) => void tracked.push(k), untrack: (k) => void tracked.splice(tracked.indexOf(k), 1) },
    loadAws: async () => ({ clientConfig: (l) => ({ region: l.region }) }),
    log: { info: () => {}, warn: () => {}, error: () => {} },
    allowInsecureTls: () => false,
    fetch: async (t, m, i) => {
      fetches++;
      if (gate.hold) await new Promise<void>((r) => (release = r));
      if (failures > 0) {
        failures--;
        throw new Error('AccessDenied');
      }
      return store.put(t, m, i, credential({ secret: `aws-token-${fetches}` }));
    },
    createBridge: (_u, getCredential) => {
      const b = fakeBridge(bridges.length);
      (b as unknown as { getCredential: typeof getCredential }).getCredential = getCredential;
      bridges.push(b);
      return b;
    },
  });
  return { store, manager, tracked, bridges, gate, fetches: () => fetches, release: () => release() };
}

test('metadata link: only declared, non-secret inputs; never a token, password or AWS key', () => {
  const input = {
    executionRoleArn: ROLE,
    durationInSeconds: 900,
    logContext: 'nb-1',
    password: 'hunter2',
    sessionToken: 'abc',
    undeclared: 'x',
    secret: 's3cr3t',
  };
  const link = linkFor(endpoint, jupyterMethod(), input);
  assert.deepEqual(link, {
    profile: 'demo', region: 'us-east-1', kind: 'emr-containers:endpoint', id: 'ep-1', parentId: 'vc-1', name: 'notebooks-gateway',
    methodId: 'emrContainers.sessionToken', input: { executionRoleArn: ROLE, durationInSeconds: 900, logContext: 'nb-1' },
  });
  // Values that look like credentials are dropped even under an innocent key.
  const sneaky = linkFor(endpoint, jupyterMethod(), { logContext: 'ASIAXXXXXXXXXXXXXXXX', executionRoleArn: 'eyJhbGciOi.token' });
  assert.deepEqual(sneaky.input, {});
  const json = JSON.stringify(withLink({}, link));
  for (const s of ['hunter2', 'abc', 's3cr3t', 'undeclared']) assert.ok(!json.includes(s), `${s} written to metadata`);
});

test('metadata link: written where the ipynb serializer keeps file metadata, read back, malformed ignored', () => {
  const link = linkFor(endpoint, jupyterMethod(), { executionRoleArn: ROLE });
  const current = { cells: [], metadata: { kernelspec: { name: 'python3' } }, nbformat: 4, nbformat_minor: 5 };
  const updated = withLink(current, link);
  assert.deepEqual((updated.metadata as Record<string, unknown>).kernelspec, { name: 'python3' }, 'the rest is kept');
  assert.equal(updated.nbformat, 4);
  assert.deepEqual(readLink(updated), link);
  // Older VS Code: metadata under `custom`.
  const old = withLink({ custom: { metadata: { a: 1 }, nbformat: 4 } }, link);
  assert.deepEqual(readLink(old), link);
  assert.equal(((old.custom as Record<string, unknown>).metadata as Record<string, unknown>).a, 1);
  assert.equal(readLink({}), undefined);
  assert.equal(readLink({ metadata: { clusterPass: { profile: 'p' } } }), undefined);
  assert.equal(readLink({ metadata: { clusterPass: 'nope' } }), undefined);
  assert.equal(readLink(null), undefined);
  const t = targetFromLink(link);
  assert.deepEqual([t.kind, t.id, t.parentId, t.location.profile, t.location.region], ['emr-containers:endpoint', 'ep-1', 'vc-1', 'demo', 'us-east-1']);
});

test('recent links: newest first, deduplicated by session, at most 10, non-secret', async () => {
  const state = memento();
  const memory = state.data;
  const recent = new RecentLinks(state);
  for (let i = 0; i < 12; i++) await recent.remember(linkFor(target({ ...endpoint, id: `ep-${i}` }), jupyterMethod(), { executionRoleArn: ROLE }));
  await recent.remember(linkFor(target({ ...endpoint, id: 'ep-5' }), jupyterMethod(), { executionRoleArn: ROLE, password: 'pw' }));
  const list = recent.list();
  assert.equal(list.length, 10);
  assert.equal(list[0].id, 'ep-5');
  assert.equal(list.filter((l) => l.id === 'ep-5').length, 1);
  assert.ok(!JSON.stringify([...memory.values()]).includes('pw'));
});

test('bridge manager: concurrent connects share one fetch; a failed attempt is dropped and retried anew', async () => {
  const { manager, tracked, bridges, gate, fetches, release, store } = managerSetup({ failFetch: 1 });
  const m = jupyterMethod();
  await assert.rejects(manager.connect(endpoint, m, { executionRoleArn: ROLE }), /AccessDenied/);
  assert.equal(manager.list().length, 0);
  gate.hold = true;
  const a = manager.connect(endpoint, m, { executionRoleArn: ROLE });
  const b = manager.connect(endpoint, m, { executionRoleArn: ROLE });
  await new Promise((r) => setImmediate(r));
  release();
  const [ca, cb] = await Promise.all([a, b]);
  assert.equal(ca, cb);
  assert.equal(fetches(), 2);
  assert.equal(bridges.length, 1);
  assert.deepEqual(tracked, [ca.key]);
  // The bridge reads the current credential from the store.
  const getCredential = (bridges[0] as unknown as { getCredential(): { secret: string } }).getCredential;
  assert.equal(getCredential().secret, 'aws-token-2');
  store.put(endpoint, m, { executionRoleArn: ROLE }, credential({ secret: 'renewed' }));
  assert.equal(getCredential().secret, 'renewed');
  // A live bridge is reused.
  gate.hold = false;
  assert.equal(await manager.connect(endpoint, m, { executionRoleArn: ROLE }), ca);
  assert.equal(fetches(), 2);
});

test('bridge manager: forgetting the session stops the bridge and untracks renewal; dispose stops the rest', async () => {
  const { manager, tracked, bridges, store } = managerSetup();
  const changes: number[] = [];
  manager.onDidChange(() => changes.push(manager.list().length));
  const c1 = await manager.connect(endpoint, jupyterMethod(), { executionRoleArn: ROLE });
  await manager.connect(target({ ...endpoint, id: 'ep-2' }), jupyterMethod(), { executionRoleArn: ROLE });
  assert.equal(manager.list().length, 2);
  store.forget(c1.key);
  assert.equal(manager.get(c1.key), undefined);
  await new Promise((r) => setImmediate(r));
  assert.equal(bridges[0].disposed, true);
  assert.equal(tracked.length, 1);
  await manager.dispose();
  assert.equal(bridges[1].disposed, true);
  assert.deepEqual(tracked, []);
  assert.deepEqual(changes, [1, 2, 1]);
  await assert.rejects(manager.connect(endpoint, jupyterMethod(), {}), /shutting down/);
});

test('bridge manager: a method without jupyterUpstream is refused', async () => {
  const { manager } = managerSetup();
  await assert.rejects(manager.connect(endpoint, method(), {}), /cannot be used for a Jupyter connection/);
});

test('server provider: lists no server and fetches nothing; its commands connect the picker\'s notebook, then end the picker', async () => {
  const { manager, fetches } = managerSetup();
  const link: NotebookLink = linkFor(target({ ...endpoint, id: 'ep-recent', name: 'recent-gw' }), jupyterMethod(), { executionRoleArn: ROLE });
  const calls: string[] = [];
  class Done extends Error {}
  const provider = new ClusterPassServerProvider({
    manager,
    recent: () => [link],
    connectRecent: async (l) => {
      calls.push(`recent ${l.name}`);
      await manager.connect(targetFromLink(l), jupyterMethod(), l.input);
    },
    pickAndConnect: async () => {
      calls.push('pick');
      await manager.connect(endpoint, jupyterMethod(), { executionRoleArn: ROLE });
    },
    pickerDone: () => new Done('picker done'),
    parseUri: uri,
  });
  let fired = 0;
  provider.onDidChangeServers(() => fired++);

  // Listing and resolving what the Jupyter extension remembers: nothing is fetched, nothing is started.
  assert.deepEqual(provider.provideJupyterServers(), []);
  assert.throws(() => provider.resolveJupyterServer({ id: linkKey(link), label: 'recent-gw' }), new RegExp(`no running connection for "recent-gw".*${CONNECT_COMMAND_LABEL.replace('…', '')}`));
  assert.equal(fetches(), 0);
  assert.deepEqual(manager.list(), []);

  const commands = provider.provideCommands();
  assert.deepEqual(commands.map((c) => c.label), [CONNECT_COMMAND_LABEL, 'Reconnect recent-gw as analyst (demo, us-east-1)']);
  // A command connects (the user's choice), then ends the picker with the injected CancellationError.
  await assert.rejects(provider.handleCommand(commands[1]), Done);
  assert.deepEqual(calls, ['recent recent-gw']);
  assert.equal(fetches(), 1);
  // The Jupyter extension may hand back a copy of the command: matched by its label.
  await assert.rejects(provider.handleCommand({ label: commands[0].label }), Done);
  assert.deepEqual(calls, ['recent recent-gw', 'pick']);
  assert.ok(fired >= 1, 'onDidChangeServers fired when a bridge started');

  // A running bridge resolves to its constant URL and token, without a fetch.
  const live = manager.get(linkKey(link))!;
  const resolved = provider.resolveJupyterServer({ id: live.key, label: 'x' });
  assert.equal(resolved.connectionInformation?.baseUrl.toString(), live.bridge.url);
  assert.equal(resolved.connectionInformation?.token, live.bridge.token);
  assert.equal(fetches(), 2);
  assert.equal(linkLabel(link), 'recent-gw as analyst (demo, us-east-1)');
  provider.dispose();
  await manager.dispose();
});

test('bridge manager: connecting again with new inputs applies them only when asked (a new session under the same bridge)', async () => {
  const { manager, store, bridges, fetches } = managerSetup();
  const m = jupyterMethod();
  const first = await manager.connect(endpoint, m, { executionRoleArn: ROLE, durationInSeconds: 900 });
  // Without applyInputs (a linked notebook opening), the running session is reused as it is.
  assert.equal(await manager.connect(endpoint, m, { executionRoleArn: ROLE, durationInSeconds: 20 }), first);
  assert.equal(fetches(), 1);
  // The same inputs typed again: nothing to apply.
  assert.equal(await manager.connect(endpoint, m, { executionRoleArn: ROLE, durationInSeconds: 900 }, undefined, { applyInputs: true }), first);
  assert.equal(fetches(), 1);
  const again = await manager.connect(endpoint, m, { executionRoleArn: ROLE, durationInSeconds: 20 }, undefined, { applyInputs: true });
  assert.equal(again, first, 'the same bridge keeps running');
  assert.equal(bridges.length, 1);
  assert.equal(fetches(), 2, 'a new session with the new inputs');
  assert.equal(store.get(first.key)?.input.durationInSeconds, 20);
  assert.equal(first.input.durationInSeconds, 20, 'the connection reports the inputs of its current session');
  assert.equal((bridges[0] as unknown as { getCredential(): { secret: string } }).getCredential().secret, 'aws-token-2', 'the bridge uses the new session');
  await manager.dispose();
});

test('input changes: declared, recordable inputs that differ, in parameter order; secrets never compared or shown', () => {
  const m = jupyterMethod();
  assert.deepEqual(inputChanges(m, { executionRoleArn: ROLE, durationInSeconds: 900 }, { executionRoleArn: ROLE, durationInSeconds: 900 }), []);
  const changes = inputChanges(m, { executionRoleArn: ROLE, durationInSeconds: 900, password: 'old' }, { executionRoleArn: ROLE, durationInSeconds: 20, logContext: 'nb-2', password: 'new', undeclared: 'x' });
  assert.deepEqual(changes.map((c) => [c.key, c.before, c.after]), [['durationInSeconds', '900', '20'], ['logContext', '(none)', 'nb-2']]);
  assert.equal(describeChanges(changes), 'durationInSeconds 20 (was 900), logContext nb-2 (was (none))');
  assert.deepEqual(inputChanges(m, { logContext: '' }, {}), [], 'empty and absent are the same');
  assert.deepEqual(inputChanges(m, { logContext: 'a' }, { logContext: 'eyJhbGciOi.secret' }).map((c) => c.after), ['(none)'], 'a value that looks like a token is never shown');
});

test('outputs: stream, execute_result, display_data with rich MIME, error, clear_output', () => {
  assert.deepEqual(outputFromMessage('stream', { name: 'stdout', text: 'hi\n' }), { kind: 'stream', name: 'stdout', text: 'hi\n' });
  assert.deepEqual(outputFromMessage('stream', { name: 'stderr', text: 'e' }), { kind: 'stream', name: 'stderr', text: 'e' });
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');
  const rich = outputFromMessage('display_data', { data: { 'text/html': '<b>x</b>', 'image/png': png, 'application/json': { a: 1 }, 'text/plain': ['a', 'b'] }, metadata: {} });
  assert.ok(rich && rich.kind === 'rich');
  const byMime = Object.fromEntries(rich.items.map((i) => [i.mime, i.data]));
  assert.equal(new TextDecoder().decode(byMime['text/html']), '<b>x</b>');
  assert.deepEqual([...byMime['image/png']], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(new TextDecoder().decode(byMime['application/json']), '{"a":1}');
  assert.equal(new TextDecoder().decode(byMime['text/plain']), 'ab');
  assert.equal(rich.metadata, undefined);
  const result = outputFromMessage('execute_result', { data: { 'text/plain': '2' }, execution_count: 1, metadata: {} });
  assert.ok(result?.kind === 'rich' && new TextDecoder().decode(result.items[0].data) === '2');
  assert.deepEqual(outputFromMessage('error', { ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: ['a', 'b'] }), { kind: 'error', name: 'ZeroDivisionError', message: 'division by zero', stack: 'a\nb' });
  assert.deepEqual(outputFromMessage('clear_output', { wait: true }), { kind: 'clear', wait: true });
  assert.equal(outputFromMessage('status', { execution_state: 'idle' }), undefined);
  assert.equal(outputFromMessage('display_data', { data: {} }), undefined);
  assert.equal(mimeItems({ 'image/svg+xml': '<svg/>' })[0].data.length, 6, 'SVG stays text');
});

test('kernelspec names: every display name says where the kernel runs, once; other fields and routes unchanged', () => {
  const list = {
    default: 'python3',
    kernelspecs: {
      python3: { name: 'python3', spec: { display_name: 'Python 3 (ipykernel)', language: 'python', argv: [] }, resources: { 'logo-64x64': '/k/logo.png' } },
      spark: { name: 'spark', spec: { display_name: 'Spark (Scala) on notebooks-gateway', language: 'scala' }, resources: {} },
      broken: { name: 'broken' },
    },
  };
  const named = nameKernelspecs(list, 'notebooks-gateway') as typeof list;
  assert.equal(named.kernelspecs.python3.spec.display_name, 'Python 3 (ipykernel) on notebooks-gateway');
  assert.equal(named.kernelspecs.spark.spec.display_name, 'Spark (Scala) on notebooks-gateway', 'not named twice');
  assert.deepEqual(named.kernelspecs.broken, { name: 'broken' });
  assert.deepEqual(named.kernelspecs.python3.resources, list.kernelspecs.python3.resources);
  assert.equal(named.default, 'python3');
  assert.equal(list.kernelspecs.python3.spec.display_name, 'Python 3 (ipykernel)', 'the input is not changed');
  assert.equal((nameKernelspecs(list.kernelspecs.python3, 'gw') as typeof list.kernelspecs.python3).spec.display_name, 'Python 3 (ipykernel) on gw');
  assert.deepEqual(nameKernelspecs([1], 'gw'), [1]);
  assert.equal(isKernelspecsRoute('GET', '/api/kernelspecs'), true);
  assert.equal(isKernelspecsRoute('GET', '/api/kernelspecs/python3'), true);
  assert.equal(isKernelspecsRoute('GET', '/api/kernels'), false);
  assert.equal(isKernelspecsRoute('POST', '/api/kernelspecs'), false);
  assert.equal(isKernelspecsRoute('GET', '/kernelspecs/python3/logo-64x64.png'), false);
});
