// A Jupyter server as the bridge's client, as JupyterLab users connect: Debian's jupyter-server started with
// `--gateway-url=<bridge URL>` and the bridge's token as its gateway auth token, in front of a bridge the product
// path started (CredentialService + BridgeManager + RenewalScheduler with a 4 s token) to a simulated managed
// endpoint (TLS nginx that asks the emulator about every request and upgrade, and jupyter-server).
// The test talks only to the gateway-client server, through its own REST and websocket API (@jupyterlab/services).
import { KernelAPI, KernelManager, KernelSpecAPI, SessionManager, type Kernel } from '@jupyterlab/services';
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { JupyterBridge } from '../../src/jupyter/bridge';
import type { BridgeConnection } from '../../src/jupyter/manager';
import type { CredentialMethod, Target } from '../../src/services/types';
import { EXECUTION_ROLE_ARN } from '../emulator/index';
import { realClientTest } from '../harness/realClients';
import { bridgeProductPath, captureLog, simulatedEndpointTarget, type BridgeProductPath } from '../helpers/bridge';
import { startProductWorld, type ProductWorld } from '../helpers/product';
import { bridgeSettings, disposeManager, execute, waitConnected } from '../jupyter-sim/client';
import { gatewayClientUnavailable, startGatewayClient, type GatewayClientServer } from '../jupyter-sim/gatewayClient';
import type { SimulatedEndpoint } from '../jupyter-sim/index';

const CLIENT = 'gateway-client';
const CONNECT_MS = 20_000;
const EXEC_MS = 20_000;
const TOKEN_SECONDS = 4;
const RENEWALS = 3;
const unavailable = gatewayClientUnavailable();

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for a kernel_info round trip through the new websocket, asking again when one goes unanswered:
 * jupyter-server 1.23's gateway client drops a client message that arrives before its own upstream websocket
 * starts connecting (GatewayWebSocketClient.on_message attaches it to a future that is then replaced), and
 * @jupyterlab/services sends kernel_info the moment its websocket opens. It happens in front of a plain
 * jupyter-server as well, so it is not the bridge's doing; a cell sent before this round trip may lose its output.
 */
async function kernelAnswers(kernel: Kernel.IKernelConnection): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const answered = await Promise.race([kernel.requestKernelInfo().then(() => true), sleep(5000).then(() => false)]);
    if (answered) return;
    assert.ok(attempt < 4, 'the kernel answered no kernel_info request in 20 s');
  }
}

describe('jupyter-server --gateway-url=<bridge> in front of the product\'s bridge', { timeout: 150_000 }, () => {
  let world: ProductWorld;
  let sim: SimulatedEndpoint;
  let product: BridgeProductPath;
  let connection: BridgeConnection;
  let gateway: GatewayClientServer;
  const lines: string[] = [];
  const failures: string[] = [];
  const managers: { dispose(): void }[] = [];
  const input = { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: TOKEN_SECONDS, logContext: 'gateway-client' };

  before(async () => {
    if (unavailable) return;
    world = await startProductWorld();
    let method: CredentialMethod;
    let target: Target;
    ({ sim, method, target } = await simulatedEndpointTarget(world));
    product = bridgeProductPath(world, { log: captureLog(lines), failures });
    connection = await product.manager.connect(target, method, input);
    // What *Copy Jupyter URL* and the server provider hand out: the bridge's URL and token.
    gateway = await startGatewayClient({ gatewayUrl: connection.bridge.url, gatewayToken: connection.bridge.token });
    const leakRoot = process.env.CLUSTER_PASS_LEAK_ROOT;
    if (leakRoot) assert.ok(gateway.dir.startsWith(`${leakRoot}/`), 'its log is where the leak scan reads');
  });

  after(async () => {
    for (const m of managers) disposeManager(m);
    await gateway?.stop();
    await product?.dispose();
    await sim?.stop();
    const issued = world?.emulator.issuedSecrets.map((i) => i.secret) ?? [];
    await world?.stop();
    for (const line of lines) for (const s of issued) assert.ok(!line.includes(s), `an issued token leaked into the log: ${line.replace(s, '***')}`);
  });

  /** @jupyterlab/services pointed at the gateway-client server (its own URL and token), not at the bridge. */
  const settings = () => bridgeSettings({ baseUrl: gateway.baseUrl, token: gateway.token });

  realClientTest(CLIENT, 'lists the endpoint\'s kernelspecs and runs 1+1 through the gateway-client server', { timeout: 60_000, unavailable }, async () => {
    const specs = await KernelSpecAPI.getSpecs(settings());
    assert.ok(specs.default && specs.kernelspecs[specs.default], 'the gateway\'s default kernelspec');
    const km = new KernelManager({ serverSettings: settings() });
    managers.push(km);
    const kernel = await km.startNew({ name: specs.default });
    try {
      // (jupyter-server 1.23's gateway client often drops the first client websocket and @jupyterlab/services
      // reconnects at once; it does the same in front of a plain jupyter-server, so it is not the bridge's doing.)
      await waitConnected(kernel, CONNECT_MS);
      await kernelAnswers(kernel);
      assert.equal((await execute(kernel, '1+1', EXEC_MS)).text, '2');
    } finally {
      await kernel.shutdown().catch(() => undefined);
      kernel.dispose();
    }
    // It reached the kernel through the bridge, over REST and a websocket; its log never holds the bridge's token.
    const log = await gateway.log();
    const bridgeWs = connection.bridge.url.replace(/^http:/, 'ws:');
    assert.ok(log.includes(`Request new kernel at: ${connection.bridge.url}api/kernels`), 'POST /api/kernels went to the bridge');
    assert.ok(log.includes(`Connecting to ${bridgeWs}api/kernels/${kernel.id}/channels`), 'the kernel websocket went to the bridge');
    assert.ok(!log.includes(connection.bridge.token), 'the bridge token is not in its log');
  });

  realClientTest(CLIENT, 'opens a notebook session as JupyterLab does (its own /api/sessions, the kernel on the endpoint)', { timeout: 60_000, unavailable }, async () => {
    const km = new KernelManager({ serverSettings: settings() });
    const sm = new SessionManager({ kernelManager: km, serverSettings: settings() });
    managers.push(sm, km);
    const session = await sm.startNew({ path: 'analysis.ipynb', name: 'analysis.ipynb', type: 'notebook', kernel: { name: 'python3' } });
    try {
      const kernel = session.kernel;
      assert.ok(kernel);
      await waitConnected(kernel, CONNECT_MS);
      await kernelAnswers(kernel);
      assert.equal((await execute(kernel, '1+1', EXEC_MS)).text, '2');
      const running = await KernelAPI.listRunning(bridgeSettings({ baseUrl: connection.bridge.url, token: connection.bridge.token }));
      assert.ok(running.some((m) => m.id === kernel.id), 'the session\'s kernel runs on the endpoint (listed through the bridge)');
    } finally {
      await session.shutdown().catch(() => undefined);
      session.dispose();
    }
  });

  realClientTest(CLIENT, `keeps running cells across ${RENEWALS} renewals of a ${TOKEN_SECONDS} s token: no refusal upstream, no reconnect`, { timeout: 90_000, unavailable }, async () => {
    const km = new KernelManager({ serverSettings: settings() });
    managers.push(km);
    const kernel = await km.startNew();
    const statuses: Kernel.ConnectionStatus[] = [];
    const logStart = (await sim.accessLog()).length;
    const before = (connection.bridge as JupyterBridge).stats();
    try {
      await waitConnected(kernel, CONNECT_MS);
      await kernelAnswers(kernel);
      kernel.connectionStatusChanged.connect((_, s) => statuses.push(s));
      const start = product.services.store.get(connection.key);
      assert.ok(start);
      const firstExpiry = start.credential.expiresAt.getTime();
      const renewalsAtStart = start.renewals;
      const deadline = Date.now() + 60_000;
      let n = 0;
      for (;;) {
        const s = product.services.store.get(connection.key);
        assert.ok(s, 'the session stays in the store');
        if (s.renewals - renewalsAtStart >= RENEWALS && Date.now() > firstExpiry + 1000) break;
        assert.ok(Date.now() < deadline, `only ${s.renewals - renewalsAtStart} renewals in 60 s`);
        assert.equal((await execute(kernel, `${n}+1`, EXEC_MS)).text, String(n + 1));
        // REST through the gateway-client server, which asks the bridge.
        const running = await KernelAPI.listRunning(settings());
        assert.ok(running.some((m) => m.id === kernel.id), 'the kernel is listed');
        n++;
        await sleep(250);
      }
      // A new websocket to the same kernel after the renewals (a fresh upgrade through both servers).
      const other = km.connectTo({ model: kernel.model });
      await waitConnected(other, CONNECT_MS);
      await kernelAnswers(other);
      assert.equal((await execute(other, '2+3', EXEC_MS)).text, '5');
      other.dispose();
      const refused = (await sim.accessLog()).slice(logStart).filter((e) => e.status === 401 || e.status === 403);
      assert.deepEqual(refused, [], 'nginx refused nothing');
      const stats = (connection.bridge as JupyterBridge).stats();
      assert.equal(stats.upstreamRefusals - before.upstreamRefusals, 0);
      assert.equal(stats.upstreamErrors - before.upstreamErrors, 0);
      assert.deepEqual(statuses, [], 'the client never saw its kernel websocket leave "connected"');
      assert.deepEqual(failures, [], 'no renewal failed');
      console.log(`# renewals: ${product.services.store.get(connection.key)!.renewals - renewalsAtStart}, cells: ${n}`);
    } finally {
      await kernel.shutdown().catch(() => undefined);
      kernel.dispose();
    }
  });
});
