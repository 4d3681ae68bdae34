// bridge_exec_ratio and bridge_throughput_ratio: the Jupyter bridge (src/jupyter/bridge.ts) in front of test/jupyter-sim's
// simulated managed endpoint (jupyter-server behind TLS nginx that validates every request against the emulator) vs.
// the same endpoint reached directly with the credential headers, both through @jupyterlab/services.
import { DescribeManagedEndpointCommand, EMRContainersClient, GetManagedEndpointSessionCredentialsCommand } from '@aws-sdk/client-emr-containers';
import { KernelManager, type Kernel } from '@jupyterlab/services';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JupyterBridge } from '../src/jupyter/bridge';
import type { IssuedCredential, JupyterUpstream } from '../src/services/types';
import { clientConfig } from '../test/emulator/clients';
import { DEFAULT_IDS, EXECUTION_ROLE_ARN, startEmulator } from '../test/emulator/index';
import { startSimulatedEndpoint } from '../test/jupyter-sim/index';
import { bridgeSettings, directSettings, disposeManager, execute, waitConnected } from '../test/jupyter-sim/client';
import { abResult, failed, interleave, measurement, round, summary, timed, type Measurement, type Spec } from './lib';

export const SPECS = {
  exec: { key: 'bridge_exec_ratio', unit: 'ratio', comparison: 'max', limit: 1.05 },
  /** The limit is 1.5 × the bridge's own p10 of the same run (set when measured): no bimodal 40 ms tail. */
  execP90: { key: 'bridge_exec_p90_ms', unit: 'ms', comparison: 'max', limit: NaN },
  throughput: { key: 'bridge_throughput_ratio', unit: 'ratio', comparison: 'min', limit: 0.95 },
} as const satisfies Record<string, Spec>;

const OUTPUT_BYTES = 50_000_000;
const CELL = `import sys\nfor _ in range(50):\n    sys.stdout.write('x' * 1_000_000)\nsys.stdout.flush()`;
// Where 40 ms stalls came from, and what is left. Every socket on the execute path now sends small frames at once:
// client → bridge (ws sets TCP_NODELAY; the bridge's server sets it on every accepted socket), bridge → nginx (TLS:
// Node's https.Agent ignores its noDelay option for TLS sockets, so the bridge sets it per request and per websocket),
// nginx (tcp_nodelay, also for proxied websockets) and nginx → jupyter-server (a Unix socket: tornado leaves Nagle
// on for websockets, and its bursts of small iopub frames met nginx's delayed ACKs). The direct path shares all of
// that except the bridge hop, so what remains between the two is the bridge's own relay time (two extra loopback
// hops and a TLS record per frame); the direct path's REST calls (kernel start, not timed) still use a plain
// https.Agent with Nagle on, as any client would.
const NAGLE = 'No 40 ms stalls: every socket on both paths sends small frames at once (client and bridge sockets TCP_NODELAY, upstream TLS sockets TCP_NODELAY set per request since https.Agent ignores noDelay, nginx tcp_nodelay, nginx to jupyter-server over a Unix socket since tornado leaves Nagle on for websockets). What remains between the paths is the bridge\'s own relay: one more loopback hop each way in the same process; the direct path keeps nothing the bridge path lacks.';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A Jupyter header date (ISO 8601 with microseconds, as jupyter_client writes it) in epoch milliseconds. */
function headerDateMs(date: string): number {
  const m = /^(.+T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(date);
  if (!m) return NaN;
  return Date.parse(`${m[1]}${m[3]}`) + (m[2] ? Number(m[2]) * 1000 : 0);
}

/** Executes `1+1`-like code: the client's round trip, and the kernel's own busy time from its status messages. */
async function executeWithKernelTime(kernel: Kernel.IKernelConnection, timeoutMs: number): Promise<{ text: string; ms: number; kernelMs: number }> {
  let busy = NaN;
  let idle = NaN;
  const watch = (_: unknown, msg: { header: { msg_type: string; date: string }; content: unknown }): void => {
    if (msg.header.msg_type !== 'status') return;
    const state = (msg.content as { execution_state?: string }).execution_state;
    if (state === 'busy') busy = headerDateMs(msg.header.date);
    if (state === 'idle') idle = headerDateMs(msg.header.date);
  };
  kernel.iopubMessage.connect(watch);
  try {
    let text = '';
    const ms = await timed(async () => (text = (await execute(kernel, '1+1', timeoutMs)).text));
    if (!Number.isFinite(idle - busy)) throw new Error('the kernel sent no busy and idle status with readable dates');
    return { text, ms, kernelMs: idle - busy };
  } finally {
    kernel.iopubMessage.disconnect(watch);
  }
}

/** Runs the 50 MB cell; resolves with the stream bytes received (stdout text). */
async function printBig(kernel: Kernel.IKernelConnection, timeoutMs: number): Promise<number> {
  let bytes = 0;
  const future = kernel.requestExecute({ code: CELL, store_history: false });
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') bytes += String((msg.content as { text: string }).text).length;
    if (msg.header.msg_type === 'error') bytes = -1;
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([future.done, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`the 50 MB cell did not finish in ${timeoutMs} ms`)), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
  }
  return bytes;
}

export async function bridgeBench(rounds: { exec: number; throughput: number }, log: (l: string) => void): Promise<Measurement[]> {
  const howExec = `execute round trip of \`1+1\` (request to execute_result and idle) through the bridge's connectionInfo() vs. directly to the same simulated gateway (nginx + jupyter-server, TLS, credential header), two kernels, each reached through each path for half of the ${rounds.exec} interleaved pairs; median(bridge) / median(direct); details give each path's p10/p50/p90. ${NAGLE}`;
  const howP90 = `p90 of the bridge's execute round trips in the same ${rounds.exec} rounds; target: at most 1.5 × the bridge's own p10 (a 40 ms Nagle/delayed-ACK stall on any socket would put a tail far above that). Details split each round trip into the kernel's own busy time (the dates of its busy and idle status messages) and the rest (client, bridge, TLS, nginx, jupyter-server, ZeroMQ), for both paths: on 2 shared cores the Python kernel's own time varies most, on both paths alike`;
  const howThroughput = `a cell writing ${OUTPUT_BYTES / 1e6} MB to stdout, time until the execution is done with every byte received, through the bridge vs. directly, ${rounds.throughput} interleaved pairs; throughput ratio = median(direct time) / median(bridge time)`;
  const emulator = await startEmulator();
  // jupyter-server 1.x drops stream output above iopub_data_rate_limit (1 MB/s by default) and sends a 321-byte
  // warning instead: lift that limit through an extra config folder (JUPYTER_CONFIG_PATH; the simulated endpoint sets
  // JUPYTER_CONFIG_DIR only), for both paths alike.
  const configDir = mkdtempSync(join(tmpdir(), 'cluster-pass-bench-jupyter-'));
  writeFileSync(join(configDir, 'jupyter_server_config.json'), JSON.stringify({ ServerApp: { iopub_data_rate_limit: 0, iopub_msg_rate_limit: 0 } }));
  const savedPath = process.env.JUPYTER_CONFIG_PATH;
  process.env.JUPYTER_CONFIG_PATH = configDir;
  const cleanups: (() => Promise<unknown> | void)[] = [];
  try {
    const sim = await startSimulatedEndpoint({ validateUrl: `${emulator.url}/_emulator/validate` });
    cleanups.push(() => sim.stop());
    if (!emulator.setGateway({ serverUrl: sim.serverUrl, certificateData: Buffer.from(sim.caPem).toString('base64') })) throw new Error('no managed endpoint to point at the simulated gateway');
    const eks = new EMRContainersClient(clientConfig(emulator, DEFAULT_IDS.region));
    cleanups.push(() => eks.destroy());
    const endpoint = { virtualClusterId: DEFAULT_IDS.eks.runningVirtualCluster, id: DEFAULT_IDS.eks.activeEndpoint };
    const described = (await eks.send(new DescribeManagedEndpointCommand(endpoint))).endpoint;
    if (!described?.serverUrl || !described.certificateAuthority?.certificateData) throw new Error('the endpoint has no serverUrl or certificate');
    const out = await eks.send(new GetManagedEndpointSessionCredentialsCommand({
      endpointIdentifier: endpoint.id,
      virtualClusterIdentifier: endpoint.virtualClusterId,
      executionRoleArn: EXECUTION_ROLE_ARN,
      credentialType: 'TOKEN',
      durationInSeconds: 3600,
    }));
    const token = out.credentials && 'token' in out.credentials ? out.credentials.token : undefined;
    if (!token || !out.expiresAt) throw new Error('no token issued');
    const credential: IssuedCredential = { secret: token, expiresAt: out.expiresAt };
    const ca = Buffer.from(described.certificateAuthority.certificateData, 'base64').toString('utf8');
    // The gateway convention the EMR on EKS module uses: Authorization: token <token>.
    const upstream: JupyterUpstream = { baseUrl: described.serverUrl, certificateAuthority: ca, headers: (c) => ({ Authorization: `token ${c.secret}` }) };
    const bridge = new JupyterBridge(upstream, () => credential, silent);
    await bridge.start();
    cleanups.push(() => bridge.dispose());

    // Two kernels, and each serves each path for half of the rounds: two kernel processes of the same kind differ by
    // up to a tenth in their own busy time (where each lands on the 2 cores), which would otherwise count as the path's.
    const managers = {
      bridge: new KernelManager({ serverSettings: bridgeSettings(bridge.connectionInfo()) }),
      direct: new KernelManager({ serverSettings: directSettings(described.serverUrl, () => upstream.headers(credential), ca) }),
    };
    cleanups.push(() => Object.values(managers).forEach(disposeManager));
    const connections: Kernel.IKernelConnection[] = [];
    cleanups.push(async () => {
      for (const k of connections.slice(-2)) await k.shutdown().catch(() => undefined);
      for (const k of connections) k.dispose();
    });
    const ready = async (kernel: Kernel.IKernelConnection): Promise<Kernel.IKernelConnection> => {
      connections.push(kernel);
      await waitConnected(kernel, 30_000);
      await execute(kernel, '0', 30_000);
      return kernel;
    };
    const first = { bridge: await ready(await managers.bridge.startNew()), direct: await ready(await managers.direct.startNew()) };

    // Each round also keeps the kernel's own busy time (its `status: busy` to `status: idle` header dates, stamped by
    // the kernel on this machine's clock): the part of the round trip that no socket between client and kernel adds.
    type Paths = { bridge: Kernel.IKernelConnection; direct: Kernel.IKernelConnection };
    const exec = (kernel: Kernel.IKernelConnection, own: number[]) => async () => {
      const r = await executeWithKernelTime(kernel, 15_000);
      if (r.text !== '2') throw new Error(`1+1 gave ${r.text}`);
      own.push(r.kernelMs);
      return r.ms;
    };
    const phase = async (on: Paths, rounds: number) => {
      const warmUp: number[] = [];
      for (let i = 0; i < 20; i++) {
        await exec(on.bridge, warmUp)();
        await exec(on.direct, warmUp)();
      }
      const own = { bridge: [] as number[], direct: [] as number[] };
      return { ...(await interleave(rounds, exec(on.bridge, own.bridge), exec(on.direct, own.direct))), own };
    };
    const e1 = await phase(first, Math.ceil(rounds.exec / 2));
    // Swap: close both websockets (the kernels keep running) and reach each kernel through the other path.
    first.bridge.dispose();
    first.direct.dispose();
    const swapped: Paths = {
      bridge: await ready(managers.bridge.connectTo({ model: first.direct.model })),
      direct: await ready(managers.direct.connectTo({ model: first.bridge.model })),
    };
    const e2 = await phase(swapped, Math.floor(rounds.exec / 2));
    const e = abResult([...e1.a, ...e2.a], [...e1.b, ...e2.b]);
    const [b, d] = [summary(e.a), summary(e.b)];
    const [bk, dk] = [[...e1.own.bridge, ...e2.own.bridge], [...e1.own.direct, ...e2.own.direct]];
    const outside = (total: number[], own: number[]) => summary(total.map((t, i) => t - own[i]));
    const spread = {
      bridge_kernel_busy_ms: summary(bk),
      direct_kernel_busy_ms: summary(dk),
      bridge_outside_kernel_ms: outside(e.a, bk),
      direct_outside_kernel_ms: outside(e.b, dk),
    };
    const p = (x: { p10: number; median: number; p90: number }) => `${x.p10}/${x.median}/${x.p90}`;
    log(`bridge exec: bridge p10/p50/p90 ${p(b)} ms, direct ${p(d)} ms`);
    log(`kernel's own busy time: bridge kernel ${p(spread.bridge_kernel_busy_ms)} ms, direct kernel ${p(spread.direct_kernel_busy_ms)} ms; the rest of the round trip: bridge ${p(spread.bridge_outside_kernel_ms)} ms, direct ${p(spread.direct_outside_kernel_ms)} ms`);
    const results: Measurement[] = [
      measurement(SPECS.exec, e.ratio, howExec, { bridge_ms: b, direct_ms: d, paired_ratio_median: e.pairedRatio, ...spread }),
      measurement({ ...SPECS.execP90, limit: round(1.5 * b.p10) }, b.p90, howP90, {
        bridge_p10_ms: b.p10,
        p90_over_p10: round(b.p90 / b.p10),
        direct_p90_over_p10: round(d.p90 / d.p10),
        ...spread,
      }),
    ];
    const [viaBridge, direct] = [swapped.bridge, swapped.direct];

    const big = (kernel: Kernel.IKernelConnection) => async () => {
      let bytes = 0;
      const ms = await timed(async () => (bytes = await printBig(kernel, 120_000)));
      if (bytes !== OUTPUT_BYTES) throw new Error(`received ${bytes} bytes of output, expected ${OUTPUT_BYTES}`);
      return ms;
    };
    await big(viaBridge)();
    await big(direct)();
    const t = await interleave(rounds.throughput, big(direct), big(viaBridge));
    const mbps = (ms: number) => Math.round((OUTPUT_BYTES / 1e6 / (ms / 1000)) * 10) / 10;
    log(`bridge throughput: bridge ${mbps(summary(t.b).median)} MB/s, direct ${mbps(summary(t.a).median)} MB/s`);
    results.push(measurement(SPECS.throughput, t.ratio, howThroughput, {
      bridge_ms: summary(t.b),
      direct_ms: summary(t.a),
      bridge_mb_per_s: mbps(summary(t.b).median),
      direct_mb_per_s: mbps(summary(t.a).median),
      paired_ratio_median: t.pairedRatio,
    }));
    return results;
  } catch (err) {
    return [failed(SPECS.exec, err, howExec), failed(SPECS.execP90, err, howP90), failed(SPECS.throughput, err, howThroughput)];
  } finally {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    await emulator.stop();
    if (savedPath === undefined) delete process.env.JUPYTER_CONFIG_PATH;
    else process.env.JUPYTER_CONFIG_PATH = savedPath;
    rmSync(configDir, { recursive: true, force: true });
  }
}
