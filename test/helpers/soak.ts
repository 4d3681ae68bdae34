// The endurance run (issue 14), shared by the bench (10 minutes) and the integration layer (1 minute): the product's
// Jupyter path (CredentialService, RenewalScheduler, BridgeManager) in front of the simulated EMR on EKS endpoint,
// with a 4 s token that the scheduler renews on its own. One kernel executes cells back to back through the bridge;
// alongside it, `clients` websocket clients share the same bridge (spread over a few more kernels) and execute too.
// Counts failed executes and reconnects, and samples this process's RSS and open file descriptors (this process hosts
// the bridge, as the extension host does) at two quiet moments: after warm-up and after the load stopped.
import { KernelManager, type Kernel } from '@jupyterlab/services';
import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { JupyterBridge } from '../../src/jupyter/bridge';
import { EXECUTION_ROLE_ARN } from '../emulator/index';
import { bridgeSettings, disposeManager, execute, waitConnected } from '../jupyter-sim/client';
import { bridgeProductPath, captureLog, simulatedEndpointTarget } from './bridge';
import { startProductWorld } from './product';

export interface SoakOptions {
  readonly durationMs: number;
  /** Websocket clients besides the main kernel's, all through the same bridge. */
  readonly clients: number;
  /** Kernels the extra clients are spread over (each kernel's iopub goes to every client of it). */
  readonly clientKernels: number;
  /** Pause between two executes of one extra client, ms (the main kernel never pauses). */
  readonly clientPauseMs: number;
  readonly tokenSeconds: number;
  readonly log?: (line: string) => void;
}

export interface SoakResult {
  readonly renewals: number;
  readonly executes: number;
  readonly mainExecutes: number;
  readonly failed: number;
  readonly reconnects: number;
  readonly rssGrowthMb: number;
  readonly fdGrowth: number;
  readonly rssMb: { readonly start: number; readonly end: number };
  readonly fds: { readonly start: number; readonly end: number };
  /** The first few failure messages (no secrets: executes and statuses only). */
  readonly failures: string[];
  readonly renewalFailures: string[];
  readonly seconds: number;
}

const EXEC_MS = 30_000;
const CONNECT_MS = 30_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `soak: N renewals, N executes, 0 failed, 0 reconnects, rss +X MB, fds +0` */
export function soakLine(r: SoakResult): string {
  const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));
  return `soak: ${r.renewals} renewals, ${r.executes} executes, ${r.failed} failed, ${r.reconnects} reconnects, rss ${signed(r.rssGrowthMb)} MB, fds ${signed(r.fdGrowth)}`;
}

/**
 * RSS in MB after a full garbage collection (so samples compare live memory, not garbage) and open fds: the lowest of
 * readings one second apart over 12 s. Idle keep-alive connections come and go with the REST polls of the Jupyter
 * client (every 10 s; the simulated gateway closes idle ones after 4 s, the bridge's clients after 5 s): the lowest
 * reading in a window longer than a poll interval is what the process holds, not what a poll happened to open.
 */
async function sample(): Promise<{ rssMb: number; fds: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let rssMb = Infinity;
  let fds = Infinity;
  for (let i = 0; i < 13; i++) {
    if (i) await sleep(1000);
    gc();
    rssMb = Math.min(rssMb, process.memoryUsage().rss / 1024 / 1024);
    fds = Math.min(fds, readdirSync('/proc/self/fd').length);
  }
  return { rssMb, fds };
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const log = o.log ?? (() => undefined);
  const started = Date.now();
  const world = await startProductWorld();
  const cleanups: (() => unknown)[] = [() => world.stop()];
  try {
    const { sim, method, target } = await simulatedEndpointTarget(world, { name: 'soak-gateway' });
    cleanups.push(() => sim.stop());
    const renewalFailures: string[] = [];
    const product = bridgeProductPath(world, { log: captureLog(), failures: renewalFailures });
    cleanups.push(() => product.dispose());
    const input = { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: o.tokenSeconds, logContext: 'soak' };
    const connection = await product.manager.connect(target, method, input);
    const bridge = connection.bridge as JupyterBridge;
    const km = new KernelManager({ serverSettings: bridgeSettings(bridge.connectionInfo()) });
    cleanups.push(() => disposeManager(km));

    const kernels: Kernel.IKernelConnection[] = [];
    cleanups.push(async () => {
      for (const k of kernels) await k.shutdown().catch(() => undefined);
      for (const k of kernels) k.dispose();
    });
    const failures: string[] = [];
    let failed = 0;
    let drops = 0;
    let watching = true;
    const watch = (k: Kernel.IKernelConnection) => k.connectionStatusChanged.connect((_, s) => {
      if (watching && s !== 'connected') {
        drops++;
        if (failures.length < 10) failures.push(`a kernel websocket went ${s}`);
      }
    });
    const main = await km.startNew();
    kernels.push(main);
    const connections: Kernel.IKernelConnection[] = [main];
    for (let i = 0; i < o.clientKernels; i++) kernels.push(await km.startNew());
    for (let i = 0; i < o.clients; i++) connections.push(km.connectTo({ model: kernels[1 + (i % o.clientKernels)].model }));
    await Promise.all(connections.map((c) => waitConnected(c, CONNECT_MS)));
    // Warm-up: every connection executes once, then the first sample at a quiet moment.
    await Promise.all(connections.map(async (c, i) => {
      const r = await execute(c, `${i}*2`, EXEC_MS);
      if (r.text !== String(i * 2)) throw new Error(`warm-up: ${i}*2 gave ${r.text}`);
    }));
    for (const c of connections) watch(c);
    await sleep(1000);
    const first = await sample();
    const upgradesAtStart = bridge.stats().upgrades;
    const renewalsAtStart = product.services.store.get(connection.key)?.renewals ?? 0;
    log(`soak: ${connections.length} websockets on ${kernels.length} kernels through one bridge, for ${Math.round(o.durationMs / 1000)} s; rss ${first.rssMb.toFixed(1)} MB, ${first.fds} fds`);

    const until = Date.now() + o.durationMs;
    let executes = 0;
    let mainExecutes = 0;
    const loop = async (c: Kernel.IKernelConnection, pauseMs: number, isMain: boolean, seed: number): Promise<void> => {
      // Spread the clients' first executes over one pause so they do not run in lockstep.
      if (pauseMs) await sleep((seed * 97) % pauseMs);
      for (let n = 0; Date.now() < until; n++) {
        const a = seed * 1000 + n;
        try {
          const r = await execute(c, `${a}+1`, EXEC_MS);
          if (r.text !== String(a + 1)) throw new Error(`${a}+1 gave ${r.text}`);
          executes++;
          if (isMain) mainExecutes++;
        } catch (e) {
          failed++;
          if (failures.length < 10) failures.push((e as Error).message);
        }
        if (pauseMs) await sleep(pauseMs);
      }
    };
    let lastReport = Date.now();
    const progress = setInterval(() => {
      if (Date.now() - lastReport < 60_000) return;
      lastReport = Date.now();
      const renewals = (product.services.store.get(connection.key)?.renewals ?? 0) - renewalsAtStart;
      log(`soak: ${Math.round((Date.now() - (until - o.durationMs)) / 1000)} s, ${renewals} renewals, ${executes} executes, ${failed} failed, ${drops} websocket drops, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(1)} MB`);
    }, 1000);
    try {
      await Promise.all(connections.map((c, i) => loop(c, i === 0 ? 0 : o.clientPauseMs, i === 0, i)));
    } finally {
      clearInterval(progress);
    }
    const renewals = (product.services.store.get(connection.key)?.renewals ?? 0) - renewalsAtStart;
    await sleep(1000);
    const last = await sample();
    watching = false;
    // A reconnect shows as a websocket leaving "connected" and as a new upgrade at the bridge: count either.
    const reconnects = Math.max(drops, bridge.stats().upgrades - upgradesAtStart);
    return {
      renewals,
      executes,
      mainExecutes,
      failed,
      reconnects,
      rssGrowthMb: Math.round((last.rssMb - first.rssMb) * 10) / 10,
      fdGrowth: last.fds - first.fds,
      rssMb: { start: Math.round(first.rssMb * 10) / 10, end: Math.round(last.rssMb * 10) / 10 },
      fds: { start: first.fds, end: last.fds },
      failures: [...failures],
      renewalFailures: [...renewalFailures],
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    for (const c of cleanups.reverse()) await Promise.resolve().then(c).catch(() => undefined);
  }
}
