// The product's Jupyter path wired as the extension wires it, for tests against the emulator and a simulated
// endpoint: CredentialService fetches (and stores) sessions, RenewalScheduler renews them, BridgeManager bridges them.
import type { BridgeLogger } from '../../src/jupyter/bridge';
import { BridgeManager } from '../../src/jupyter/manager';
import { RenewalScheduler, type RenewalDeps } from '../../src/sessions/renewal';
import type { CredentialMethod, Target } from '../../src/services/types';
import { DEFAULT_IDS } from '../emulator/index';
import { startSimulatedEndpoint, type SimulatedEndpoint } from '../jupyter-sim/index';
import { credentialService, recordingWindow, type ProductWorld } from './product';
import { createBridge } from '../../src/jupyter/bridgeBundle';

export interface CapturedLog extends BridgeLogger {
  readonly lines: string[];
}

/** A logger that keeps every line as `info …`, `warn …` or `error …` (for leak checks afterwards). */
export function captureLog(lines: string[] = []): CapturedLog {
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

export interface BridgeProductPath {
  readonly services: ReturnType<typeof credentialService>;
  readonly renewal: RenewalScheduler;
  readonly manager: BridgeManager;
  /** Stops renewing, closes every bridge, disposes the clipboard guard. */
  dispose(): Promise<void>;
}

/**
 * CredentialService (no prompts answered) + RenewalScheduler (renews with CredentialService.fetch, records each
 * failure's message in `failures`) + BridgeManager (no insecure TLS) on the world's AWS API, all logging to `log`.
 */
export function bridgeProductPath(world: ProductWorld, o: {
  log: CapturedLog;
  failures: string[];
  /** The scheduler's timer API (a test may shorten its waits). Default: real timers. */
  timeouts?: RenewalDeps['timeouts'];
  /** BridgeManager's extraCaFile. Default: none. */
  extraCaFile?: () => string | undefined;
}): BridgeProductPath {
  const services = credentialService(world.api, recordingWindow().window);
  const renewal = new RenewalScheduler({
    store: services.store,
    renew: (s, signal) => services.service.fetch(s.target, s.method, s.input, signal),
    describe: (e, s) => services.service.explain(e, s.target, s.method, s.input).message,
    log: o.log,
    clock: Date.now,
    ...(o.timeouts ? { timeouts: o.timeouts } : {}),
    onFailureChange: (_k, f) => f && o.failures.push(f.message),
  });
  const manager = new BridgeManager({
    fetch: (t, m, i, signal) => services.service.fetch(t, m, i, signal),
    store: services.store,
    renewal,
    loadAws: async () => world.api,
    log: o.log,
    allowInsecureTls: () => false,
    createBridge,
    ...(o.extraCaFile ? { extraCaFile: o.extraCaFile } : {}),
  });
  return {
    services,
    renewal,
    manager,
    async dispose() {
      renewal.dispose();
      await manager.dispose();
      services.guard.dispose();
    },
  };
}

export interface SimulatedEndpointTarget {
  readonly sim: SimulatedEndpoint;
  /** The EMR on EKS session-token method (it has a Jupyter upstream). */
  readonly method: CredentialMethod;
  /** The world's active managed endpoint, as the tree lists it. */
  readonly target: Target;
}

/**
 * Starts the simulated managed endpoint (validating with the world's emulator), points the world's active endpoint
 * at it, and returns that endpoint as a target with the EMR on EKS method that bridges it. The caller stops `sim`.
 */
export async function simulatedEndpointTarget(world: ProductWorld, o: { pathPrefix?: string; name?: string } = {}): Promise<SimulatedEndpointTarget> {
  const sim = await startSimulatedEndpoint({ validateUrl: `${world.emulator.url}/_emulator/validate`, ...(o.pathPrefix ? { pathPrefix: o.pathPrefix } : {}) });
  if (!world.emulator.setGateway({ serverUrl: sim.serverUrl, certificateData: Buffer.from(sim.caPem).toString('base64') })) {
    await sim.stop();
    throw new Error('no managed endpoint to point at the simulated gateway');
  }
  const method = world.api.services.flatMap((m) => m.methods).find((m) => m.id === 'emrContainers.sessionToken');
  if (!method?.jupyterUpstream) {
    await sim.stop();
    throw new Error('no EMR on EKS session token method with a Jupyter upstream');
  }
  const target: Target = {
    kind: method.targetKind,
    location: { profile: 'demo', region: DEFAULT_IDS.region },
    id: DEFAULT_IDS.eks.activeEndpoint,
    parentId: DEFAULT_IDS.eks.runningVirtualCluster,
    name: o.name ?? 'notebooks-gateway',
    state: 'ACTIVE',
    stateCategory: 'active',
    details: {},
  };
  return { sim, method, target };
}
