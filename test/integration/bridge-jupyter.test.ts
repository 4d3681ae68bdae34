// The Jupyter bridge against a real jupyter-server behind TLS nginx that validates every request and websocket
// upgrade with the AWS emulator's /_emulator/validate (test/jupyter-sim). Tokens come from the emulator through the
// real SDK (GetManagedEndpointSessionCredentials); the upstream comes from DescribeManagedEndpoint (serverUrl and
// certificateData). The client is @jupyterlab/services fed exactly the bridge's connectionInfo().
import {
  DescribeManagedEndpointCommand,
  EMRContainersClient,
  GetManagedEndpointSessionCredentialsCommand,
} from '@aws-sdk/client-emr-containers';
import { KernelManager, KernelSpecAPI, SessionManager, type Kernel } from '@jupyterlab/services';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { JupyterBridge } from '../../src/jupyter/bridge';
import type { IssuedCredential, JupyterUpstream } from '../../src/services/types';
import { bridgeSettings, disposeManager, execute, waitConnected } from '../jupyter-sim/client';
import { clientConfig } from '../emulator/clients';
import { DEFAULT_IDS, EXECUTION_ROLE_ARN, startEmulator, type Emulator } from '../emulator/index';
import { captureLog, type CapturedLog } from '../helpers/bridge';
import { createTestCa, startSimulatedEndpoint, type SimulatedEndpoint } from '../jupyter-sim/index';

const CONNECT_MS = 15_000;
const EXEC_MS = 15_000;
const TOKEN_SECONDS = 4;

/** The gateway's header convention (jupyter_server's gateway client): `Authorization: token <token>`. */
function gatewayUpstream(baseUrl: string, ca: string): JupyterUpstream {
  return {
    baseUrl,
    certificateAuthority: ca,
    headers: (c: IssuedCredential) => ({ Authorization: `token ${c.secret}` }),
  };
}

const ENDPOINT = { virtualClusterId: DEFAULT_IDS.eks.runningVirtualCluster, id: DEFAULT_IDS.eks.activeEndpoint };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A raw request to the bridge with full control over Host, Origin and Authorization. */
function rawRequest(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers, agent: false, setHost: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a websocket to the bridge; resolves with the HTTP status it was refused with, or 101. */
function wsStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers, handshakeTimeout: 5000 });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
}

describe('Jupyter bridge against a simulated managed endpoint', { timeout: 60_000 }, () => {
  let emulator: Emulator;
  let eks: EMRContainersClient;
  let upstream: JupyterUpstream;
  let sim: SimulatedEndpoint;
  let bridge: JupyterBridge;
  let log: CapturedLog;
  let credential: IssuedCredential;
  const managers: { dispose(): void }[] = [];

  before(async () => {
    emulator = await startEmulator();
    sim = await startSimulatedEndpoint({ validateUrl: `${emulator.url}/_emulator/validate` });
    assert.ok(emulator.setGateway({ serverUrl: sim.serverUrl, certificateData: Buffer.from(sim.caPem).toString('base64') }));
    eks = new EMRContainersClient(clientConfig(emulator, DEFAULT_IDS.region));
    const { endpoint } = await eks.send(new DescribeManagedEndpointCommand(ENDPOINT));
    assert.ok(endpoint?.serverUrl && endpoint.certificateAuthority?.certificateData);
    upstream = gatewayUpstream(endpoint.serverUrl, Buffer.from(endpoint.certificateAuthority.certificateData, 'base64').toString('utf8'));
    credential = await fetchCredential(TOKEN_SECONDS);
    log = captureLog();
    bridge = new JupyterBridge(upstream, () => credential, log);
    await bridge.start();
    await bridge.start(); // safe twice
  });

  after(async () => {
    for (const m of managers) disposeManager(m);
    await bridge?.dispose();
    await bridge?.dispose(); // idempotent
    await sim?.stop();
    eks?.destroy();
    const issued = emulator?.issuedSecrets.map((i) => i.secret) ?? [];
    await emulator?.stop();
    // No secret in any log line.
    const secrets = [bridge.token, ...issued];
    for (const line of log?.lines ?? []) for (const s of secrets) assert.ok(!line.includes(s), `a secret leaked into the log: ${line.replace(s, '***')}`);
  });

  /** The real SDK call the extension makes, against the emulator. */
  async function fetchCredential(durationInSeconds: number): Promise<IssuedCredential> {
    const out = await eks.send(new GetManagedEndpointSessionCredentialsCommand({
      endpointIdentifier: ENDPOINT.id,
      virtualClusterIdentifier: ENDPOINT.virtualClusterId,
      executionRoleArn: EXECUTION_ROLE_ARN,
      credentialType: 'TOKEN',
      durationInSeconds,
    }));
    const token = out.credentials && 'token' in out.credentials ? out.credentials.token : undefined;
    assert.ok(token && out.expiresAt, 'a token and its expiry');
    return { secret: token, expiresAt: out.expiresAt, id: out.id };
  }

  function kernelManager(): KernelManager {
    const km = new KernelManager({ serverSettings: bridgeSettings(bridge.connectionInfo()) });
    managers.push(km);
    return km;
  }

  test('connectionInfo is the loopback URL and a 64-hex token; start() twice keeps it', () => {
    const info = bridge.connectionInfo();
    assert.match(info.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(info.token, /^[0-9a-f]{64}$/);
    assert.deepEqual(bridge.connectionInfo(), info);
  });

  test('lists kernelspecs and executes 1+1 through connectionInfo() alone', async () => {
    const specs = await KernelSpecAPI.getSpecs(bridgeSettings(bridge.connectionInfo()));
    assert.ok(specs.default, 'a default kernelspec');
    const km = kernelManager();
    const kernel = await km.startNew({ name: specs.default });
    try {
      await waitConnected(kernel, CONNECT_MS);
      const r = await execute(kernel, '1+1', EXEC_MS);
      assert.equal(r.text, '2');
    } finally {
      await kernel.shutdown().catch(() => undefined);
      kernel.dispose();
    }
  });

  test('keeps executing across three renewals of a short-lived token: no upstream refusal, no reconnect', async () => {
    const km = kernelManager();
    const settings = bridgeSettings(bridge.connectionInfo());
    const firstLog = (await sim.accessLog()).length;
    const before = bridge.stats();
    const kernel = await km.startNew();
    const statuses: Kernel.ConnectionStatus[] = [];
    try {
      await waitConnected(kernel, CONNECT_MS);
      kernel.connectionStatusChanged.connect((_, s) => statuses.push(s));
      const first = credential;
      const firstExpiry = credential.expiresAt.getTime();
      let renewals = 0;
      let executions = 0;
      while (renewals < 3 || Date.now() < firstExpiry + 1000) {
        // Renew like the extension will: well before expiry, swap what getCredential() returns.
        if (credential.expiresAt.getTime() - Date.now() < 1500) {
          credential = await fetchCredential(TOKEN_SECONDS);
          renewals++;
          // A fresh websocket (new upgrade) to the same kernel must use the new credential.
          const other = km.connectTo({ model: kernel.model });
          await waitConnected(other, CONNECT_MS);
          assert.equal((await execute(other, '2+3', EXEC_MS)).text, '5');
          other.dispose();
        }
        const r = await execute(kernel, `${executions}+1`, EXEC_MS);
        assert.equal(r.text, String(executions + 1));
        executions++;
        // REST through the bridge with whatever credential is current.
        const models = await (await import('@jupyterlab/services')).KernelAPI.listRunning(settings);
        assert.ok(models.some((m) => m.id === kernel.id));
        await sleep(150);
      }
      const after = bridge.stats();
      const refused = (await sim.accessLog()).slice(firstLog).filter((e) => e.status === 401 || e.status === 403);
      console.log(`# renewals: ${renewals}, executions: ${executions}, websocket upgrades: ${after.upgrades - before.upgrades}`);
      assert.deepEqual(refused, [], 'nginx refused nothing');
      assert.equal(after.upstreamRefusals - before.upstreamRefusals, 0);
      assert.equal(after.upstreamErrors - before.upstreamErrors, 0);
      assert.deepEqual(statuses, [], 'the client never saw its kernel websocket leave "connected"');
      assert.equal(kernel.connectionStatus, 'connected');
      assert.ok(Date.now() > firstExpiry, 'the websocket outlived the token it was opened with');
      assert.equal(emulator.isValidAuthorization(`token ${first.secret}`), false, 'the first token has expired upstream');
      assert.equal(emulator.isValidAuthorization(`token ${credential.secret}`), true);
    } finally {
      // The tests after this one need a token that outlives them, not the last 4 s one (which a busy machine outlasts).
      credential = await fetchCredential(600);
      await kernel.shutdown().catch(() => undefined);
      kernel.dispose();
    }
  });

  test('sessions shim: create a session, execute, shut it down (the gateway has no /api/sessions)', async () => {
    const settings = bridgeSettings(bridge.connectionInfo());
    const km = kernelManager();
    const sm = new SessionManager({ kernelManager: km, serverSettings: settings });
    managers.push(sm);
    const session = await sm.startNew({ path: 'work/analysis.ipynb', name: 'analysis.ipynb', type: 'notebook', kernel: { name: 'python3' } });
    try {
      assert.ok(session.kernel, 'the session has a kernel');
      await waitConnected(session.kernel, CONNECT_MS);
      assert.equal((await execute(session.kernel, '6*7', EXEC_MS)).text, '42');
      await sm.refreshRunning();
      assert.ok([...sm.running()].some((m) => m.id === session.id && m.path === 'work/analysis.ipynb'));
      const found = await sm.findByPath('work/analysis.ipynb');
      assert.equal(found?.kernel?.id, session.kernel.id);
    } finally {
      const kernelId = session.kernel?.id;
      await session.shutdown();
      session.dispose();
      await sm.refreshRunning();
      assert.equal([...sm.running()].length, 0, 'no session left');
      await km.refreshRunning();
      assert.ok(![...km.running()].some((k) => k.id === kernelId), 'the session\'s kernel was shut down upstream');
    }
    // Contents: the root is an empty directory; files do not exist.
    const root = await rawRequest(bridge.port, '/api/contents', { host: `127.0.0.1:${bridge.port}`, authorization: `token ${bridge.token}` });
    assert.equal(root.status, 200);
    assert.equal(JSON.parse(root.body).type, 'directory');
    const file = await rawRequest(bridge.port, '/api/contents/x.ipynb', { host: `127.0.0.1:${bridge.port}`, authorization: `token ${bridge.token}` });
    assert.equal(file.status, 404);
  });

  test('refuses no token, a wrong token, a foreign Host and a foreign Origin (REST and websocket)', async () => {
    const port = bridge.port;
    const host = `127.0.0.1:${port}`;
    const good = `token ${bridge.token}`;
    const path = '/api/kernelspecs';
    assert.equal((await rawRequest(port, path, { host, authorization: good })).status, 200);
    assert.equal((await rawRequest(port, `${path}?token=${bridge.token}`, { host: `localhost:${port}` })).status, 200);
    assert.equal((await rawRequest(port, path, { host })).status, 401);
    assert.equal((await rawRequest(port, path, { host, authorization: `token ${'0'.repeat(64)}` })).status, 401);
    assert.equal((await rawRequest(port, `${path}?token=nope`, { host })).status, 401);
    assert.equal((await rawRequest(port, path, { host: `attacker.example:${port}`, authorization: good })).status, 403);
    assert.equal((await rawRequest(port, path, { host: '127.0.0.1:1', authorization: good })).status, 403);
    assert.equal((await rawRequest(port, path, { host, authorization: good, origin: 'https://attacker.example' })).status, 403);
    assert.equal((await rawRequest(port, '/api/kernels/../../../etc/passwd', { host, authorization: good })).status, 400);
    assert.equal((await rawRequest(port, '/api/kernels/%2e%2e/%2e%2e/x', { host, authorization: good })).status, 400);
    assert.equal((await rawRequest(port, 'http://attacker.example/api/kernels', { host, authorization: good })).status, 400);

    const km = kernelManager();
    const kernel = await km.startNew();
    try {
      const ws = `ws://127.0.0.1:${port}/api/kernels/${kernel.id}/channels`;
      assert.equal(await wsStatus(`${ws}?token=${bridge.token}`, {}), 101);
      assert.equal(await wsStatus(ws, {}), 401);
      assert.equal(await wsStatus(`${ws}?token=wrong`, {}), 401);
      assert.equal(await wsStatus(`${ws}?token=${bridge.token}`, { host: `evil.example:${port}` }), 403);
      assert.equal(await wsStatus(`${ws}?token=${bridge.token}`, { origin: 'https://attacker.example' }), 403);
    } finally {
      await kernel.shutdown().catch(() => undefined);
      kernel.dispose();
    }
    assert.ok(log.lines.some((l) => l.includes('refused') && l.includes('Origin')));
  });

  test('rejects an upstream whose certificate does not chain to the given CA (502 with a reason, logged)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cluster-pass-other-ca-'));
    const other = await createTestCa(dir, 'other', '/CN=Unrelated Test CA');
    await rm(dir, { recursive: true, force: true });
    const otherLog = captureLog();
    const strict = new JupyterBridge(gatewayUpstream(upstream.baseUrl, other.pem), () => credential, otherLog);
    await strict.start();
    try {
      const r = await rawRequest(strict.port, '/api/kernelspecs', { host: `127.0.0.1:${strict.port}`, authorization: `token ${strict.token}` });
      assert.equal(r.status, 502);
      assert.match(JSON.parse(r.body).message, /certificate is not trusted/);
      assert.ok(otherLog.lines.some((l) => l.startsWith('error') && /certificate is not trusted/.test(l)), otherLog.lines.join('\n'));
      const ws = await wsStatus(`ws://127.0.0.1:${strict.port}/api/kernels/x/channels?token=${strict.token}`, {});
      assert.equal(ws, 502);
      for (const l of otherLog.lines) assert.ok(!l.includes(strict.token) && !l.includes(credential.secret));
    } finally {
      await strict.dispose();
    }
  });

  test('dispose closes open websockets and stops answering', async () => {
    const b = new JupyterBridge(upstream, () => credential, captureLog());
    await b.start();
    const km = new KernelManager({ serverSettings: bridgeSettings(b.connectionInfo()) });
    managers.push(km);
    const kernel = await km.startNew();
    const id = kernel.id;
    await waitConnected(kernel, CONNECT_MS);
    const port = b.port;
    const sawDrop = new Promise<void>((resolve) => kernel.connectionStatusChanged.connect((_, s) => s !== 'connected' && resolve()));
    await b.dispose();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([sawDrop, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('websocket still open after dispose')), 5000)))]);
    clearTimeout(timer);
    kernel.dispose();
    await assert.rejects(rawRequest(port, '/api/kernels', { host: `127.0.0.1:${port}` }));
    // Clean up the kernel through the main bridge.
    await rawRequest(bridge.port, `/api/kernels/${id}`, { host: `127.0.0.1:${bridge.port}`, authorization: `token ${bridge.token}` });
    const km2 = kernelManager();
    await km2.shutdown(id).catch(() => undefined);
  });
});
