// The notebook connect, reconnect and auto-connect paths without VS Code: a real bridge manager and session store
// with fake bridges, a scripted chooser, and recordings of what would reach the notebook and the user.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Chooser, TargetQuestion } from '../../src/credentials/choose';
import { BridgeManager } from '../../src/jupyter/manager';
import { NotebookFlow, type NotebookRef } from '../../src/jupyter/notebookFlow';
import { linkFor, readLink, withLink, type NotebookLink } from '../../src/jupyter/notebookMetadata';
import type { CredentialInput, ParameterSpec, Target } from '../../src/services/types';
import { SessionStore } from '../../src/sessions/sessionStore';
import { credential, method, target } from '../helpers/fakes';

const ROLE = 'arn:aws:iam::123456789012:role/analyst';
const param = (key: string): ParameterSpec => ({ key, label: key, type: 'text', required: false, prompt: key, validate: () => undefined });
const gatewayMethod = method({
  id: 'emrContainers.sessionToken',
  targetKind: 'emr-containers:endpoint',
  parameters: [param('executionRoleArn'), param('durationInSeconds')],
  jupyterUpstream: async () => ({ baseUrl: 'https://gw.example/', headers: (c) => ({ Authorization: `token ${c.secret}` }) }),
  // A Spark Connect endpoint serves other clients.
  notebookRefusal: (t) => (t.type === 'SPARK_CONNECT' ? `${t.name} serves Spark Connect clients, not notebooks.` : undefined),
});
const livyMethod = method({ id: 'emr.sessionCredentials', targetKind: 'emr:cluster', jupyterUpstream: async () => ({ baseUrl: 'http://livy.example/', kind: 'http', headers: () => ({}) }) });
const endpoint = target({ kind: 'emr-containers:endpoint', id: 'ep-1', parentId: 'vc-1', name: 'notebooks-gateway' });
const sparkConnect = target({ kind: 'emr-containers:endpoint', id: 'ep-2', parentId: 'vc-1', name: 'spark-connect', type: 'SPARK_CONNECT' });
const cluster = target({ kind: 'emr:cluster', id: 'j-1', name: 'analytics' });

type Notebook = NotebookRef & { metadata: unknown };
const notebook = (path: string, metadata: unknown = {}): Notebook => ({ uri: { path, toString: () => `file://${path}` }, notebookType: 'jupyter-notebook', metadata });

interface Options {
  /** The chooser's answers: a target, then an input (method choice is the only notebook method here). */
  choose?: { target?: Target; input?: CredentialInput };
  failFetches?: number;
  trusted?: boolean;
  answerReport?: 'retry';
  loaded?: Target[];
  /** Another world's bridges and sessions (a second connect in the same window). */
  shared?: { manager: BridgeManager; store: SessionStore; fetched: string[] };
}

function world(options: Options = {}) {
  const store = options.shared?.store ?? new SessionStore();
  let failures = options.failFetches ?? 0;
  const fetched: string[] = options.shared?.fetched ?? [];
  const manager = options.shared?.manager ?? new BridgeManager({
    store,
    renewal: { track: () => undefined, untrack: () => undefined },
    loadAws: async () => ({ clientConfig: (l) => ({ region: l.region }) }),
    log: { info: () => {}, warn: () => {}, error: () => {} },
    allowInsecureTls: () => false,
    delay: async () => undefined,
    fetch: async (t, m, i) => {
      fetched.push(`${t.name} ${JSON.stringify(i)}`);
      if (failures-- > 0) throw new Error('AccessDenied');
      return store.put(t, m, i, credential());
    },
    createBridge: () => ({ url: 'http://127.0.0.1:40000/', token: 't'.repeat(64), start: async () => undefined, dispose: async () => undefined }),
  });
  const events: string[] = [];
  const remembered: NotebookLink[] = [];
  const questions: TargetQuestion[] = [];
  let answerReport = options.answerReport;
  const chooser: Pick<Chooser, 'target' | 'method' | 'input'> = {
    target: async (question) => {
      questions.push(question);
      return options.choose?.target;
    },
    method: async (methods) => methods[0],
    input: async () => options.choose?.input,
  };
  const flow = new NotebookFlow<Notebook>({
    manager,
    recent: { remember: async (link) => void remembered.push(link) },
    chooser,
    loadMethods: async () => [gatewayMethod, livyMethod],
    loadedTargets: () => options.loaded ?? [],
    notebookType: 'jupyter-notebook',
    workspaceTrusted: () => options.trusted ?? true,
    autoConnectSetting: () => true,
    writeLink: async (nb, link) => {
      nb.metadata = withLink(nb.metadata, link);
      events.push(`link ${nb.uri.path} → ${link.name}`);
    },
    attach: async (nb, c) => void events.push(`kernel ${nb.uri.path} → ${c.target.name}`),
    offerClientConfig: (c) => void events.push(`client settings offered for ${c.target.name}`),
    report: async (error, _t, m, _i, wording) => {
      events.push(`error: ${wording(`${(error as Error).message} (${m.id})`)}`);
      const answer = answerReport;
      answerReport = undefined;
      return answer;
    },
    tell: (message) => void events.push(`told: ${message}`),
    log: { info: (m) => void events.push(`log: ${m}`), warn: () => {}, error: (m) => void events.push(`log error: ${m}`) },
  });
  return { flow, manager, store, events, remembered, questions, fetched };
}

/** Lets reports' follow-ups (not awaited by the flow) run. */
const settle = () => new Promise((r) => setImmediate(r));

test('connect: the chosen endpoint and inputs start a bridge, the notebook gets the link and the kernel, the target is remembered', async () => {
  const w = world({ choose: { target: endpoint, input: { executionRoleArn: ROLE } } });
  const nb = notebook('/work/a.ipynb');
  const c = await w.flow.connectChosen(nb);
  assert.equal(c?.target.name, 'notebooks-gateway');
  assert.deepEqual(w.events, ['link /work/a.ipynb → notebooks-gateway', 'kernel /work/a.ipynb → notebooks-gateway']);
  assert.equal(readLink(nb.metadata)?.methodId, 'emrContainers.sessionToken');
  assert.deepEqual(w.remembered.map((l) => l.id), ['ep-1']);
  // Only targets with a notebook method are offered; a Spark Connect endpoint is not, and its reason is given when nothing else is.
  const [question] = w.questions;
  assert.equal(question.usable(endpoint), true);
  assert.equal(question.usable(sparkConnect), false);
  assert.equal(question.usable(target({ kind: 'redshift:cluster' })), false);
  assert.equal(question.nothingFound([sparkConnect]), 'Cluster Pass found no cluster or endpoint it can connect a notebook to. spark-connect serves Spark Connect clients, not notebooks.');
});

test('connect: backing out at the target or the inputs connects nothing', async () => {
  for (const choose of [{}, { target: endpoint }]) {
    const w = world({ choose });
    assert.equal(await w.flow.connectChosen(notebook('/work/a.ipynb')), undefined);
    assert.deepEqual(w.fetched, []);
    assert.deepEqual(w.events, []);
  }
});

test('connect: new inputs for a running bridge become a new session under it, and the user is told', async () => {
  const w = world({ choose: { target: endpoint, input: { executionRoleArn: ROLE, durationInSeconds: 900 } } });
  const first = await w.flow.pickAndConnect();
  const again = world({ choose: { target: endpoint, input: { executionRoleArn: ROLE, durationInSeconds: 3600 } }, shared: w });
  const second = await again.flow.pickAndConnect();
  assert.equal(second?.bridge, first?.bridge, 'the same bridge keeps running');
  assert.equal(w.store.get(second!.key)?.input.durationInSeconds, 3600);
  assert.ok(again.events.some((e) => /^told: The Cluster Pass bridge for notebooks-gateway keeps running and now uses a new session with /.test(e)), again.events.join('\n'));
});

test('connect: a failure is reported like a failed fetch, framed as the connect; Retry connects again', async () => {
  const w = world({ choose: { target: endpoint, input: { executionRoleArn: ROLE } }, failFetches: 1, answerReport: 'retry' });
  assert.equal(await w.flow.pickAndConnect(), undefined);
  await settle();
  assert.deepEqual(w.events.filter((e) => e.startsWith('error')), ['error: Cluster Pass could not connect notebooks-gateway: AccessDenied (emrContainers.sessionToken)']);
  assert.equal(w.fetched.length, 2, 'Retry fetched again');
  assert.ok(w.manager.list().length === 1, 'and the bridge runs');
});

test('a bridge to another HTTP API offers its client settings instead of a kernel', async () => {
  const w = world({ choose: { target: cluster, input: {} } });
  const nb = notebook('/work/a.ipynb');
  await w.flow.connectChosen(nb);
  assert.deepEqual(w.events, ['client settings offered for analytics']);
  assert.equal(readLink(nb.metadata), undefined, 'no link written');
  assert.deepEqual(w.remembered, []);
});

test('auto-connect: a linked notebook in a trusted workspace connects without prompts, to the target as the view lists it', async () => {
  const listed = { ...endpoint, details: { fresh: 'yes' } };
  const w = world({ loaded: [listed] });
  const nb = notebook('/work/linked.ipynb', withLink({}, linkFor(endpoint, gatewayMethod, { executionRoleArn: ROLE })));
  await w.flow.autoConnect(nb);
  assert.deepEqual(w.questions, [], 'nothing asked');
  assert.deepEqual(w.events, ['log: /work/linked.ipynb names notebooks-gateway: connecting without prompts.', 'kernel /work/linked.ipynb → notebooks-gateway']);
  assert.equal(w.manager.list()[0].target, listed);
});

test('auto-connect: an untrusted workspace, an unlinked notebook or an unknown method connect nothing', async () => {
  const linked = withLink({}, linkFor(endpoint, gatewayMethod, { executionRoleArn: ROLE }));
  const untrusted = world({ trusted: false });
  await untrusted.flow.autoConnect(notebook('/work/linked.ipynb', linked));
  assert.deepEqual(untrusted.events, ['log: /work/linked.ipynb names notebooks-gateway, but the workspace is not trusted: not connecting.']);
  const unlinked = world();
  await unlinked.flow.autoConnect(notebook('/work/plain.ipynb'));
  assert.deepEqual(unlinked.events, []);
  const unknown = world();
  await unknown.flow.autoConnect(notebook('/work/old.ipynb', withLink({}, { ...readLink(linked)!, methodId: 'gone.method' })));
  assert.deepEqual(unknown.events.slice(1), ['log error: Connecting notebooks-gateway for /work/old.ipynb failed: This version of Cluster Pass has no Jupyter connection for "gone.method".']);
  for (const w of [untrusted, unlinked, unknown]) assert.deepEqual(w.fetched, []);
});

test('auto-connect: a failure is reported once with the link resolved once; opening it twice at once connects once', async () => {
  const linked = withLink({}, linkFor(endpoint, gatewayMethod, { executionRoleArn: ROLE }));
  const failing = world({ failFetches: 1 });
  await failing.flow.autoConnect(notebook('/work/linked.ipynb', linked));
  await settle();
  assert.deepEqual(failing.events.filter((e) => e.startsWith('error')), ['error: Cluster Pass could not connect notebooks-gateway: AccessDenied (emrContainers.sessionToken)']);
  const twice = world();
  const nb = notebook('/work/linked.ipynb', linked);
  await Promise.all([twice.flow.autoConnect(nb), twice.flow.autoConnect(nb)]);
  assert.equal(twice.fetched.length, 1);
});

test('reconnect: a recent target from the picker connects the picker\'s notebook and records the link in it', async () => {
  const w = world();
  const nb = notebook('/work/b.ipynb');
  const link = linkFor(endpoint, gatewayMethod, { executionRoleArn: ROLE });
  await w.flow.reconnect(nb, link);
  assert.deepEqual(w.events, ['link /work/b.ipynb → notebooks-gateway', 'kernel /work/b.ipynb → notebooks-gateway']);
  assert.deepEqual(readLink(nb.metadata), link);
  assert.deepEqual(w.remembered, [link]);
});
