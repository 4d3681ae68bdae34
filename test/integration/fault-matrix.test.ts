// Fault matrix: each row a fault against the product's real AWS layer (an AWS config file pointing at the emulator)
// or against the Jupyter bridge in front of a simulated managed endpoint (jupyter-server behind TLS nginx). For every
// row: the user sees a clear message (its text asserted), no promise rejection goes unhandled, the sessions already
// in the store survive (a failed renewal or fetch leaves them as they were), and once the fault clears the same
// action succeeds. Prints the matrix and, alone on a line, `faults: N of N survived`.
import { KernelManager, type Kernel } from '@jupyterlab/services';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { AwsApi } from '../../src/aws/api';
import { createAwsApi } from '../../src/aws/bundle';
import { CredentialService } from '../../src/credentials/credentialService';
import { RecentValues } from '../../src/credentials/recentValues';
import { listEverywhere } from '../../src/credentials/targetPicker';
import { JupyterBridge } from '../../src/jupyter/bridge';
import type { CredentialInput, Target } from '../../src/services/types';
import { ClipboardGuard } from '../../src/sessions/clipboardGuard';
import { RenewalScheduler } from '../../src/sessions/renewal';
import { SessionStore, type Session } from '../../src/sessions/sessionStore';
import { DEFAULT_IDS, EMR_RUNTIME_ROLE_ARN, EXECUTION_ROLE_ARN, startEmulator, type Emulator, type KeyPair } from '../emulator/index';
import { clipboard as fakeClipboard, memento, NOTIFICATION } from '../helpers/vscode';
import { recordingWindow, startProductWorld, type ProductWorld } from '../helpers/product';
import { bridgeSettings, disposeManager, execute, waitConnected } from '../jupyter-sim/client';
import { httpStatus, startSimulatedEndpoint, type SimulatedEndpoint } from '../jupyter-sim/index';
import { startProcess, type Managed } from '../jupyter-sim/processes';
import { scanPaths } from '../leaks/scan';

const REQUEST_TIMEOUT_MS = 1_500;
const KERNEL_MS = 20_000;
const SSO_START_URL = 'https://cluster-pass-test.awsapps.example/start';
const OTHER_KEY: KeyPair = { accessKeyId: 'AKIACLUSTERPASSTEST2', secretAccessKey: 'clusterPassEmulatorTestSecretKey0000002x' };

// ---- the matrix and the unhandled-rejection guard -------------------------------------------------------------

const rows: { name: string; ok: boolean; detail: string }[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);

/** One row: runs `body`, then checks that nothing was rejected unhandled meanwhile; records pass or fail. */
function row(name: string, body: () => Promise<string>, timeout = 60_000): void {
  test(name, { timeout }, async () => {
    const seen = unhandled.length;
    try {
      const detail = await body();
      await new Promise((r) => setTimeout(r, 50)); // let late rejections surface
      assert.equal(unhandled.length, seen, `unhandled rejection(s): ${unhandled.slice(seen).map(String).join('; ')}`);
      rows.push({ name, ok: true, detail });
    } catch (error) {
      rows.push({ name, ok: false, detail: (error as Error).message.split('\n')[0] });
      throw error;
    }
  });
}

// ---- the product, wired as the extension wires it --------------------------------------------------------------

let world: ProductWorld;
let emulator: Emulator;
let port: number;
let api: AwsApi;
let targets: Target[];
const store = new SessionStore();
const state = memento();
const memory = state.data;
let homeDir: string;
let savedHome: string | undefined;

function service(errorAnswer?: string) {
  const recorder = recordingWindow([], errorAnswer);
  const followUps: string[] = [];
  const svc = new CredentialService({
    loadAws: async () => api,
    store,
    window: recorder.window,
    notificationLocation: NOTIFICATION,
    clipboard: new ClipboardGuard(fakeClipboard(''), Date.now),
    prompts: { window: recorder.window, recent: new RecentValues(state), setting: () => undefined },
    log: { info: () => {}, warn: () => {}, error: () => {} },
    clock: Date.now,
    defaultFormat: () => 'none',
    clearAfterSeconds: () => 0,
    followUp: (action) => followUps.push(action.title),
  });
  return { svc, messages: recorder.messages, cancel: recorder.cancel, followUps };
}

const find = (id: string): Target => {
  const t = targets.find((x) => x.id === id);
  assert.ok(t, `target ${id} listed`);
  return t;
};

const inputs = {
  emr: { executionRoleArn: EMR_RUNTIME_ROLE_ARN } as CredentialInput,
  eks: { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: 900 } as CredentialInput,
  redshift: { DbUser: 'analyst' } as CredentialInput,
  serverless: {} as CredentialInput,
};
const baseline: Record<string, Session> = {};

/** The store as it was before a fault: every session with the very credential it held. */
function snapshot(): Map<string, Session['credential']> {
  return new Map(store.list().map((s) => [s.key, s.credential]));
}

function assertSurvived(before: Map<string, Session['credential']>): void {
  for (const [key, credential] of before) {
    const now = store.get(key);
    assert.ok(now, `session ${key} still in the store`);
    assert.equal(now.credential, credential, `session ${key} kept its credential`);
  }
}

async function restartEmulator(options: { credentials?: KeyPair[] } = {}): Promise<void> {
  const worldState = emulator.world;
  await emulator.stop();
  emulator = await startEmulator({ port, world: worldState, ...options });
}

/**
 * The usual row: a renewal of an existing session while the fault is on fails with a clear message and leaves the
 * session as it was; once the fault is cleared the same renewal succeeds.
 */
async function renewUnderFault(kind: keyof typeof baseline, inject: () => void | Promise<void>, clear: () => void | Promise<void>, expected: RegExp, actions?: string): Promise<string> {
  const session = store.get(baseline[kind].key) ?? baseline[kind];
  const before = snapshot();
  await inject();
  let error: { text: string; actions: string[] } | undefined;
  try {
    const { svc, messages } = service();
    const failed = await svc.renew(session);
    assert.equal(failed, undefined, 'the renewal failed');
    error = messages.find((m) => m.level === 'error');
    assert.ok(error, 'an error message was shown');
    assert.match(error.text, expected);
    if (actions) assert.ok(error.actions.includes(actions), `offers ${actions}: ${error.actions.join(', ')}`);
    assert.ok(!messages.some((m) => store.list().some((s) => m.text.includes(s.credential.secret))), 'no secret in a message');
    assertSurvived(before);
  } finally {
    await clear(); // also when an assertion failed, so the next row starts without this fault
  }
  const renewed = await service().svc.renew(session);
  assert.ok(renewed, 'recovered: the renewal succeeds once the fault clears');
  assert.notEqual(renewed.credential.secret, session.credential.secret);
  baseline[kind] = renewed;
  return error.text;
}

before(async () => {
  world = await startProductWorld();
  emulator = world.emulator;
  port = Number(new URL(emulator.url).port);
  // An SSO profile (legacy form), for the expired-SSO row; its token cache lives in a temporary HOME.
  appendFileSync(process.env.AWS_CONFIG_FILE!, `\n[profile sso-dev]\nsso_start_url = ${SSO_START_URL}\nsso_region = ${DEFAULT_IDS.region}\nsso_account_id = 123456789012\nsso_role_name = Analyst\nregion = ${DEFAULT_IDS.region}\nendpoint_url = ${emulator.url}\n`);
  homeDir = mkdtempSync(join(tmpdir(), 'cluster-pass-fault-home-'));
  savedHome = process.env.HOME;
  process.env.HOME = homeDir;
  api = await createAwsApi({ mfaCode: async () => undefined }, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
  targets = (await listEverywhere(api, { profiles: ['demo'], regions: [DEFAULT_IDS.region], includeInactive: true, concurrency: 4 })).targets;
  const { svc } = service();
  baseline.emr = (await svc.getCredentials(find(DEFAULT_IDS.emr.running), { input: inputs.emr, format: 'none' }))!;
  baseline.eks = (await svc.getCredentials(find(DEFAULT_IDS.eks.activeEndpoint), { input: inputs.eks, format: 'none' }))!;
  baseline.redshift = (await svc.getCredentials(find(DEFAULT_IDS.redshift.available), { methodId: 'redshift.clusterCredentials', input: inputs.redshift, format: 'none' }))!;
  baseline.serverless = (await svc.getCredentials(find(DEFAULT_IDS.serverless.available), { input: inputs.serverless, format: 'none' }))!;
  for (const [k, s] of Object.entries(baseline)) assert.ok(s, `baseline ${k} session`);
});

after(async () => {
  process.off('unhandledRejection', onUnhandled);
  if (savedHome === undefined) delete process.env.HOME;
  else process.env.HOME = savedHome;
  await emulator?.stop();
  await world?.stop();
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log('# fault matrix:');
  for (const r of rows) console.log(`#   ${r.ok ? 'pass' : 'FAIL'}  ${r.name.padEnd(width)}  ${r.detail.replace(/\s+/g, ' ').slice(0, 150)}`);
  console.log(`faults: ${rows.filter((r) => r.ok).length} of ${rows.length} survived`);
});

// ---- AWS rows -------------------------------------------------------------------------------------------------

row('throttling beyond the SDK retries', () =>
  renewUnderFault('eks', () => emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'throttle', count: 3 }), () => emulator.clearFaults(), /throttl.*(retry|Wait)/i, 'Retry'),
);

row('500 internal errors on every attempt', () =>
  renewUnderFault('emr', () => emulator.setFault('GetClusterSessionCredentials', { kind: 'error', count: 3 }), () => emulator.clearFaults(), /internal error.*AWS's side/i, 'Retry'),
);

row('a request that hangs: time-out message', () =>
  renewUnderFault('redshift', () => emulator.setFault('GetClusterCredentials', { kind: 'hang', count: 3 }), () => emulator.clearFaults(), /did not answer in time/, 'Retry'),
);

row('a request that hangs: cancel ends it at once, nothing reported', async () => {
  const before = snapshot();
  emulator.setFault('GetCredentials', { kind: 'hang', count: 1 });
  const { svc, messages, cancel } = service();
  const pending = svc.renew(store.get(baseline.serverless.key)!);
  setTimeout(cancel, 200);
  const t0 = Date.now();
  assert.equal(await pending, undefined);
  const took = Date.now() - t0;
  assert.ok(took < REQUEST_TIMEOUT_MS, `ended in ${took} ms, before the time-out`);
  assert.deepEqual(messages.filter((m) => m.level === 'error'), []);
  assertSurvived(before);
  emulator.clearFaults();
  assert.ok(await service().svc.renew(store.get(baseline.serverless.key)!), 'recovered');
  return `cancelled after ${took} ms; no error shown`;
});

row('connection refused (emulator stopped), then it comes back on the same port', () =>
  renewUnderFault('serverless', () => emulator.stop(), () => restartEmulator(), /could not reach AWS \(ECONNREFUSED\)/, 'Retry'),
);

row('malformed response body', () =>
  renewUnderFault('emr', () => emulator.setFault('GetClusterSessionCredentials', { kind: 'malformed', count: 3 }), () => emulator.clearFaults(), /could not be read/),
);

row('unknown credential union member', () =>
  renewUnderFault('eks', () => emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'unknownUnion', count: 3 }), () => emulator.clearFaults(), /credential type .* not support/),
);

row('expired SSO session: sign in again with aws sso login --profile', async () => {
  const cache = join(homeDir, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  const tokenFile = join(cache, `${createHash('sha1').update(SSO_START_URL).digest('hex')}.json`);
  const token = (expiresAt: Date) => JSON.stringify({ accessToken: 'sso-access-token-test', expiresAt: expiresAt.toISOString(), region: DEFAULT_IDS.region, startUrl: SSO_START_URL });
  writeFileSync(tokenFile, token(new Date(Date.now() - 3600_000)));
  const target: Target = { ...find(DEFAULT_IDS.redshift.available), location: { profile: 'sso-dev', region: DEFAULT_IDS.region } };
  const before = snapshot();
  const { svc, messages } = service();
  const failed = await svc.getCredentials(target, { methodId: 'redshift.clusterCredentials', input: inputs.redshift, format: 'none' });
  assert.equal(failed, undefined);
  const error = messages.find((m) => m.level === 'error');
  assert.ok(error);
  assert.match(error.text, /sign-in for profile "sso-dev" has expired.*aws sso login --profile sso-dev/);
  assert.ok(error.actions.includes('Sign In'));
  assertSurvived(before);

  // "aws sso login": a fresh token in the cache; the SSO portal (a stub here) hands out keys the emulator accepts.
  const portal = http.createServer((req, res) => {
    const ok = req.headers['x-amz-sso_bearer_token'] === 'sso-access-token-test' && (req.url ?? '').startsWith('/federation/credentials');
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(ok ? JSON.stringify({ roleCredentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey, sessionToken: 'session-token-test', expiration: Date.now() + 3600_000 } }) : '{"message":"no"}');
  });
  await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
  process.env.AWS_ENDPOINT_URL_SSO = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  try {
    writeFileSync(tokenFile, token(new Date(Date.now() + 3600_000)));
    api.resetCredentials('sso-dev');
    const { svc: again, messages: m2 } = service();
    const session = await again.getCredentials(target, { methodId: 'redshift.clusterCredentials', input: inputs.redshift, format: 'none' });
    assert.ok(session, `recovered after sign-in: ${m2.map((m) => m.text).join(' | ')}`);
    store.forget(session.key);
  } finally {
    delete process.env.AWS_ENDPOINT_URL_SSO;
    portal.closeAllConnections();
    await new Promise((r) => portal.close(r));
  }
  return error.text;
});

row('AWS credentials stop being accepted mid-session, then sign in again', async () => {
  // The emulator comes back accepting only another key (the profile's key was revoked or its session expired).
  const text = await renewUnderFault(
    'redshift',
    () => restartEmulator({ credentials: [OTHER_KEY] }),
    () => {
      writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, ['demo', 'analytics'].map((p) => `[${p}]\naws_access_key_id = ${OTHER_KEY.accessKeyId}\naws_secret_access_key = ${OTHER_KEY.secretAccessKey}\n`).join('\n'));
      api.resetCredentials('demo'); // what "Sign In Again" does after the user signed in
    },
    /did not accept the credentials of profile "demo" \(InvalidClientTokenId\).*sign in again/,
    'Sign In',
  );
  return text;
});

// ---- Jupyter rows: the bridge in front of a simulated managed endpoint ------------------------------------------

let sim: SimulatedEndpoint | undefined;
let restartedNginx: Managed | undefined;
let bridge: JupyterBridge | undefined;
let scheduler: RenewalScheduler | undefined;
let km: KernelManager | undefined;
let kernel: Kernel.IKernelConnection | undefined;
let notebookKey = '';

after(async () => {
  scheduler?.dispose();
  if (kernel) await kernel.shutdown().catch(() => undefined);
  kernel?.dispose();
  if (km) disposeManager(km);
  await bridge?.dispose();
  await restartedNginx?.stop();
  await sim?.stop();
});

function rawGet(path: string): Promise<{ status: number; body: string }> {
  const b = bridge!;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: b.port, path, headers: { authorization: `token ${b.token}` }, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Connects the notebook path: a credential for the endpoint (through the product), its upstream, a bridge, a kernel. */
async function connectNotebook(durationInSeconds: number, existingKernel?: string): Promise<void> {
  const { svc, messages } = service();
  const target = find(DEFAULT_IDS.eks.activeEndpoint);
  const session = await svc.getCredentials(target, { input: { ...inputs.eks, durationInSeconds }, format: 'none' });
  assert.ok(session, messages.map((m) => m.text).join(' | '));
  notebookKey = session.key;
  const upstream = await session.method.jupyterUpstream!({ location: target.location, clientConfig: api.clientConfig(target.location) }, target);
  bridge = new JupyterBridge(upstream, () => store.get(notebookKey)!.credential, { info: () => {}, warn: () => {}, error: () => {} });
  await bridge.start();
  km = new KernelManager({ serverSettings: bridgeSettings(bridge.connectionInfo()) });
  kernel = existingKernel ? km.connectTo({ model: { id: existingKernel, name: 'python3' } }) : await km.startNew();
  await waitConnected(kernel, KERNEL_MS);
}

async function executeWithin(code: string, ms = KERNEL_MS): Promise<string> {
  return (await execute(kernel!, code, ms)).text;
}

row('the gateway goes down mid-kernel (nginx stopped) and comes back on the same port', async () => {
  sim = await startSimulatedEndpoint({ validateUrl: `${emulator.url}/_emulator/validate` });
  assert.ok(emulator.setGateway({ serverUrl: sim.serverUrl, certificateData: Buffer.from(sim.caPem).toString('base64') }));
  await connectNotebook(900);
  assert.equal(await executeWithin('x = 41\nx - 39'), '2');
  const before = snapshot();

  const conf = join(sim.dir, 'nginx.conf');
  startProcess('nginx', ['-p', sim.dir, '-c', conf, '-s', 'stop'], { cwd: sim.dir });
  const down = Date.now() + 10_000;
  while ((await httpStatus(`${sim.serverUrl}api/kernelspecs`, {}, sim.caPem).catch(() => 0)) !== 0 && Date.now() < down) await new Promise((r) => setTimeout(r, 100));
  const refused = await rawGet('/api/kernels');
  assert.equal(refused.status, 502);
  const reason = (JSON.parse(refused.body) as { message: string }).message;
  assert.match(reason, /refused the connection \(ECONNREFUSED\)/);
  assertSurvived(before);

  restartedNginx = startProcess('nginx', ['-p', sim.dir, '-c', conf, '-e', join(sim.dir, 'error.log'), '-g', 'daemon off;'], { cwd: sim.dir });
  const up = Date.now() + 15_000;
  while ((await httpStatus(`${sim.serverUrl}api/nonexistent-probe`, {}, sim.caPem).catch(() => 0)) !== 404) {
    assert.ok(Date.now() < up, 'nginx came back');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal((await rawGet('/api/kernels')).status, 200);
  // The client reconnects its websocket (Jupyter's "reconnect"); if it has given up meanwhile, the notebook's
  // reconnect path opens a new connection to the same kernel, which kept running (and kept its state) upstream.
  const id = kernel!.id;
  let how = 'reconnected';
  try {
    if (kernel!.connectionStatus !== 'connected') await Promise.race([kernel!.reconnect(), new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), 5_000))]);
    await waitConnected(kernel!, 5_000);
  } catch {
    kernel!.dispose();
    kernel = km!.connectTo({ model: { id, name: 'python3' } });
    await waitConnected(kernel, KERNEL_MS);
    how = 'connected anew';
  }
  assert.equal(await executeWithin('x + 1'), '42', 'the same kernel, with its state');
  return `502: ${reason}; kernel ${how} after nginx restarted, state kept`;
}, 90_000);

row('the token expires while a cell runs (renewal scheduler renews it)', async () => {
  assert.ok(bridge && kernel, 'the previous row connected a kernel');
  // A 4-second token for the same endpoint and role replaces the session; the scheduler renews it before expiry.
  const { svc } = service();
  const short = await svc.getCredentials(find(DEFAULT_IDS.eks.activeEndpoint), { input: { ...inputs.eks, durationInSeconds: 4 }, format: 'none' });
  assert.ok(short);
  const first = short.credential.secret;
  const failures: string[] = [];
  scheduler = new RenewalScheduler({
    store,
    renew: (s, signal) => service().svc.fetch(s.target, s.method, s.input, signal),
    describe: (e) => String((e as Error).message),
    log: { info: () => {}, error: (m) => failures.push(m) },
    clock: Date.now,
    onFailureChange: (_k, f) => f && failures.push(f.message),
  });
  scheduler.track(short.key);
  assert.equal(await executeWithin('import time\ntime.sleep(6)\n6*7', 30_000), '42');
  assert.equal(emulator.isValidAuthorization(`token ${first}`), false, 'the token the cell started with has expired');
  const now = store.get(short.key)!;
  assert.ok(now.renewals >= 2, `renewed ${now.renewals} times`);
  assert.equal((await rawGet('/api/kernels')).status, 200);
  assert.equal(await executeWithin('7*6'), '42');
  assert.deepEqual(failures, []);
  return `cell ran 6 s on a 4 s token; ${now.renewals} renewals, no refusal`;
}, 90_000);

row('the extension host reloads with active sessions', async () => {
  assert.ok(bridge && kernel && scheduler);
  const kernelId = kernel.id;
  const secrets = () => [...new Set(store.list().map((s) => s.credential.secret))];
  const held = secrets();
  // deactivate: every disposable goes; memory is all there was.
  scheduler.dispose();
  scheduler = undefined;
  kernel.dispose();
  kernel = undefined;
  disposeManager(km!);
  km = undefined;
  await bridge.dispose();
  bridge = undefined;
  store.clear();
  assert.equal(store.size, 0, 'no session survives in memory');
  // Nothing on disk: no secret in this test's folders (AWS config, HOME, the gateway's) or the remembered values.
  const scan = scanPaths([world.dir, homeDir, sim!.dir], [...held, ...emulator.issuedSecrets.map((s) => s.secret)]);
  assert.deepEqual(scan.hits.map((h) => h.file), [], 'no secret on disk');
  assert.ok(![...memory.values()].some((v) => held.some((s) => JSON.stringify(v).includes(s))), 'no secret among remembered values');
  // Activated again: a fresh credential, bridge and client reconnect to the kernel that kept running upstream.
  await connectNotebook(900, kernelId);
  assert.equal(await executeWithin('1+2'), '3');
  return `sessions gone, ${scan.files} files clean, kernel ${kernelId.slice(0, 8)} reconnected`;
}, 90_000);
