// The product's Jupyter path end to end against the AWS emulator and a simulated managed endpoint (jupyter-server
// behind TLS nginx that validates every request and upgrade with the emulator): CredentialService.fetch + the EMR on
// EKS module's jupyterUpstream + BridgeManager + RenewalScheduler; the client is @jupyterlab/services fed exactly the
// server provider's connection information, then the kernel client the notebook controller uses.
import { KernelAPI, KernelManager, KernelSpecAPI, type Kernel } from '@jupyterlab/services';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JupyterBridge } from '../../src/jupyter/bridge';
import { startRemoteKernel, type RemoteKernel } from '../../src/jupyter/kernelClient';
import type { BridgeManager } from '../../src/jupyter/manager';
import type { CellOutputPart } from '../../src/jupyter/outputs';
import { ClusterPassServerProvider } from '../../src/jupyter/serverProvider';
import type { CredentialMethod, Target } from '../../src/services/types';
import type { RenewalScheduler } from '../../src/sessions/renewal';
import { EXECUTION_ROLE_ARN } from '../emulator/index';
import { bridgeProductPath, captureLog, simulatedEndpointTarget, type BridgeProductPath } from '../helpers/bridge';
import { type credentialService, startProductWorld, type ProductWorld } from '../helpers/product';
import { uri } from '../helpers/vscode';
import { bridgeSettings, disposeManager, execute, waitConnected } from '../jupyter-sim/client';
import type { SimulatedEndpoint } from '../jupyter-sim/index';

const CONNECT_MS = 20_000;
const EXEC_MS = 20_000;
const TOKEN_SECONDS = 4;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Jupyter through the product path (CredentialService + jupyterUpstream + BridgeManager + renewal)', { timeout: 120_000 }, () => {
  let world: ProductWorld;
  let sim: SimulatedEndpoint;
  let product: BridgeProductPath | undefined;
  let manager: BridgeManager;
  let renewal: RenewalScheduler;
  let provider: ClusterPassServerProvider;
  let services: ReturnType<typeof credentialService>;
  let target: Target;
  let method: CredentialMethod;
  const lines: string[] = [];
  const failures: string[] = [];
  const managers: { dispose(): void }[] = [];
  const input = { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: TOKEN_SECONDS, logContext: 'jupyter-it' };

  before(async () => {
    world = await startProductWorld();
    ({ sim, method, target } = await simulatedEndpointTarget(world));
    product = bridgeProductPath(world, { log: captureLog(lines), failures });
    ({ services, renewal, manager } = product);
    provider = new ClusterPassServerProvider({
      manager,
      recent: () => [],
      connectRecent: () => Promise.reject(new Error('not used')),
      pickAndConnect: () => Promise.reject(new Error('not used')),
      pickerDone: () => new Error('done'),
      parseUri: uri,
    });
  });

  after(async () => {
    for (const m of managers) disposeManager(m);
    provider?.dispose();
    await product?.dispose();
    await sim?.stop();
    const issued = world?.emulator.issuedSecrets.map((i) => i.secret) ?? [];
    await world?.stop();
    for (const line of lines) for (const s of issued) assert.ok(!line.includes(s), `an issued token leaked into the log: ${line.replace(s, '***')}`);
  });

  /** Exactly what the Jupyter extension would get from resolving the running bridge: `{ baseUrl, token }`. */
  function connectionInfo(serverId: string): { baseUrl: string; token: string } {
    const server = provider.resolveJupyterServer({ id: serverId, label: 'bridge' });
    assert.ok(server?.connectionInformation, 'resolving the running bridge gives its connection information');
    return { baseUrl: server.connectionInformation.baseUrl.toString(), token: server.connectionInformation.token ?? '' };
  }

  test('concurrent connects share one fetch and one bridge; the provider resolves it', async () => {
    const before = world.emulator.issuedSecrets.length;
    const [a, b] = await Promise.all([manager.connect(target, method, input), manager.connect(target, method, input)]);
    assert.equal(a, b);
    assert.equal(world.emulator.issuedSecrets.length - before, 1, 'one GetManagedEndpointSessionCredentials');
    assert.equal(manager.list().length, 1);
    assert.ok(renewal.isTracked(a.key));
    const info = connectionInfo(a.key);
    assert.match(info.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(info.token, a.bridge.token);
    const resolved = await provider.resolveJupyterServer({ id: a.key, label: 'x' });
    assert.equal(resolved.connectionInformation?.token, a.bridge.token);
  });

  test('@jupyterlab/services with the provider info: 1+1 = 2, and across 3+ automatic renewals of a 4 s token no refusal and no reconnect', async () => {
    const c = await manager.connect(target, method, input);
    const info = connectionInfo(c.key);
    const settings = bridgeSettings(info);
    const specs = await KernelSpecAPI.getSpecs(settings);
    const names = Object.values(specs.kernelspecs).map((k) => k?.display_name);
    assert.ok(names.length > 0 && names.every((n) => n?.endsWith(` on ${target.name}`)), `remote kernels name where they run: ${names.join(', ')}`);
    const km = new KernelManager({ serverSettings: settings });
    managers.push(km);
    const kernel = await km.startNew({ name: specs.default });
    const statuses: Kernel.ConnectionStatus[] = [];
    const logStart = (await sim.accessLog()).length;
    const statsBefore = (c.bridge as JupyterBridge).stats();
    try {
      await waitConnected(kernel, CONNECT_MS);
      kernel.connectionStatusChanged.connect((_, s) => statuses.push(s));
      assert.equal((await execute(kernel, '1+1', EXEC_MS)).text, '2');
      const start = services.store.get(c.key)!;
      const firstExpiry = start.credential.expiresAt.getTime();
      const renewalsAtStart = start.renewals;
      const deadline = Date.now() + 45_000;
      let n = 0;
      for (;;) {
        const s = services.store.get(c.key);
        assert.ok(s, 'the session stays in the store');
        if (s.renewals - renewalsAtStart >= 3 && Date.now() > firstExpiry + 1000) break;
        assert.ok(Date.now() < deadline, `only ${s.renewals - renewalsAtStart} renewals in 45 s`);
        assert.equal((await execute(kernel, `${n}+1`, EXEC_MS)).text, String(n + 1));
        const running = await KernelAPI.listRunning(settings);
        assert.ok(running.some((m) => m.id === kernel.id));
        n++;
        await sleep(200);
      }
      // Still the same connection information: the bridge never changed.
      assert.deepEqual(connectionInfo(c.key), info);
      const refused = (await sim.accessLog()).slice(logStart).filter((e) => e.status === 401 || e.status === 403);
      assert.deepEqual(refused, [], 'no request refused upstream');
      const stats = (c.bridge as JupyterBridge).stats();
      assert.equal(stats.upstreamRefusals - statsBefore.upstreamRefusals, 0);
      assert.deepEqual(statuses, [], 'no reconnect seen by the client');
      assert.deepEqual(failures, [], 'no renewal failed');
    } finally {
      await kernel.shutdown().catch(() => undefined);
      kernel.dispose();
    }
  });

  test('the notebook controller\'s kernel client: 1+1, a streamed print, rich display, an error for 1/0, and interrupt', async () => {
    const c = await manager.connect(target, method, input);
    const info = connectionInfo(c.key);
    const kernel: RemoteKernel = await startRemoteKernel(info, { connectTimeoutMs: CONNECT_MS });
    try {
      const run = async (code: string) => {
        const parts: CellOutputPart[] = [];
        const result = await withTimeout(kernel.execute(code, (p) => parts.push(p)), EXEC_MS, code);
        return { result, parts };
      };
      const sum = await run('1+1');
      assert.equal(sum.result.status, 'ok');
      const rich = sum.parts.find((p) => p.kind === 'rich');
      assert.ok(rich && rich.kind === 'rich');
      assert.equal(new TextDecoder().decode(rich.items.find((i) => i.mime === 'text/plain')!.data), '2');

      const printed = await run('import sys\nprint("hello")\nprint("oops", file=sys.stderr)');
      assert.equal(printed.result.status, 'ok');
      assert.deepEqual(printed.parts.filter((p) => p.kind === 'stream').map((p) => p.kind === 'stream' && [p.name, p.text]), [['stdout', 'hello\n'], ['stderr', 'oops\n']]);

      const html = await run('from IPython.display import HTML, display\ndisplay(HTML("<b>bold</b>"))');
      const shown = html.parts.find((p) => p.kind === 'rich');
      assert.ok(shown && shown.kind === 'rich' && shown.items.some((i) => i.mime === 'text/html' && new TextDecoder().decode(i.data) === '<b>bold</b>'));

      const error = await run('1/0');
      assert.equal(error.result.status, 'error');
      const e = error.parts.find((p) => p.kind === 'error');
      assert.ok(e && e.kind === 'error');
      assert.equal(e.name, 'ZeroDivisionError');
      assert.match(e.message, /division by zero/);

      const t0 = Date.now();
      const sleeping = run('import time\ntime.sleep(30)');
      await sleep(1500);
      await kernel.interrupt();
      const interrupted = await sleeping;
      assert.ok(Date.now() - t0 < 15_000, 'interrupted well before 30 s');
      assert.equal(interrupted.result.status, 'error');
      assert.ok(interrupted.parts.some((p) => p.kind === 'error' && p.name === 'KeyboardInterrupt'));

      assert.equal((await run('2+3')).parts.some((p) => p.kind === 'rich' && new TextDecoder().decode(p.items[0].data) === '5'), true, 'still usable after the interrupt');
    } finally {
      await kernel.dispose({ shutdown: true });
    }
  });

  test('forgetting the session stops the bridge and its renewal', async () => {
    const c = await manager.connect(target, method, input);
    const port = new URL(c.bridge.url).port;
    services.store.forget(c.key);
    assert.equal(manager.get(c.key), undefined);
    assert.equal(renewal.isTracked(c.key), false);
    assert.equal(renewal.pendingTimers, 0);
    assert.throws(() => provider.resolveJupyterServer({ id: c.key, label: c.target.name }), /no running connection/);
    await sleep(100);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/api/kernelspecs`), 'the bridge no longer listens');
  });
});

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${JSON.stringify(what)} did not finish within ${ms} ms`)), ms);
    }),
  ]);
}
