// AWS-side measurements through the product's real AWS layer (src/aws/bundle.ts createAwsApi, the code dist/aws.js
// holds) against the emulator, each compared with the bare SDK in the same run:
//   list_10k_ratio, list_parallel_speedup  (emulator in its own process: 10,000 EMR clusters, 4 regions, fixed latency)
//   fetch_ratio                            (emulator in its own process, default world, no added latency)
//   tree_first_paint_ms                    (emulator in this process, so its own time per request can be subtracted)
import { EMRClient, GetClusterSessionCredentialsCommand, paginateListClusters, type EMRClientConfig } from '@aws-sdk/client-emr';
import { EMRContainersClient, GetManagedEndpointSessionCredentialsCommand, type EMRContainersClientConfig } from '@aws-sdk/client-emr-containers';
import { GetClusterCredentialsCommand, GetClusterCredentialsWithIAMCommand, RedshiftClient, type RedshiftClientConfig } from '@aws-sdk/client-redshift';
import { GetCredentialsCommand, RedshiftServerlessClient, type RedshiftServerlessClientConfig } from '@aws-sdk/client-redshift-serverless';
import { readFileSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { AwsApi } from '../src/aws/api';
import { listAll } from '../src/aws/listing';
import { listEverywhere } from '../src/credentials/targetPicker';
import type { ClientConfig, CredentialInput, CredentialMethod, Location, Target, TargetSource } from '../src/services/types';
import { TargetTreeModel, type TreeSettings } from '../src/tree/targetTree';
import type { GroupNode, RegionNode, TreeNode } from '../src/tree/nodes';
import { DEFAULT_IDS, EMR_RUNTIME_ROLE_ARN, EXECUTION_ROLE_ARN, generateWorld, startEmulator } from '../test/emulator/index';
import type { EmulatorEndpoint } from '../test/harness/awsConfig';
import { REPO_ROOT } from '../test/harness/paths';
import { spawnGroup, type GroupProcess } from '../test/harness/processes';
import { credentialService, productAwsApi, recordingWindow, silentLog } from '../test/helpers/product';
import { failed, interleave, measurement, median, summary, timed, type Measurement, type Spec } from './lib';

export const SPECS = {
  list10k: { key: 'list_10k_ratio', unit: 'ratio', comparison: 'max', limit: 1.05 },
  parallel: { key: 'list_parallel_speedup', unit: 'ratio', comparison: 'min', limit: 3 },
  fetch: { key: 'fetch_ratio', unit: 'ratio', comparison: 'max', limit: 1.05 },
  tree: { key: 'tree_first_paint_ms', unit: 'ms', comparison: 'max', limit: 5 },
} as const satisfies Record<string, Spec>;

const PROFILE = 'bench';
export const LIST_LATENCY_MS = 20;
const CLUSTERS = 10_000;
const REGIONS = 4;

// ---- emulator as a child process -----------------------------------------------------------------------------

interface EmulatorChild extends EmulatorEndpoint {
  process: GroupProcess;
  stop(): Promise<void>;
}

/** `tsx test/emulator/main.ts ...args` in its own process group (its CPU is not the bench's); resolves on its JSON line. */
async function startEmulatorChild(args: string[]): Promise<EmulatorChild> {
  const proc = spawnGroup(process.execPath, ['--import', 'tsx', 'test/emulator/main.ts', ...args], { cwd: REPO_ROOT });
  let stderr = '';
  proc.child.stderr?.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  const lines = createInterface({ input: proc.child.stdout! });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`emulator printed nothing within 60 s\n${stderr}`)), 60_000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolve(line);
      });
      void proc.exited.then((code) => reject(new Error(`emulator exited (${code})\n${stderr}`)));
    });
    lines.on('line', () => undefined);
    const info = JSON.parse(first) as EmulatorEndpoint;
    return { ...info, process: proc, stop: () => proc.stop() };
  } catch (e) {
    await proc.stop();
    throw e;
  }
}

// ---- the product's AWS layer ---------------------------------------------------------------------------------

interface Product {
  readonly api: AwsApi;
  readonly regions: string[];
  dispose(): void;
}

/** createAwsApi with an AWS config file whose profile `bench` points at the emulator (test/helpers/product.ts). */
async function productApi(endpoint: EmulatorEndpoint): Promise<Product> {
  const { api, restore } = await productAwsApi(endpoint, [{ name: PROFILE, region: endpoint.regions[0] }], 'cluster-pass-bench-aws-');
  return { api, regions: [...endpoint.regions], dispose: restore };
}

/** The SDK client config the product hands its modules, with the endpoint applied exactly as cachedClient does. */
function bareConfig(config: ClientConfig, serviceId: string): Omit<ClientConfig, 'endpointFor'> & { endpoint?: string } {
  const { endpointFor, ...rest } = config;
  const endpoint = endpointFor?.(serviceId);
  return endpoint ? { ...rest, endpoint } : rest;
}

function emrSource(api: AwsApi): TargetSource {
  const source = api.services.flatMap((m) => m.sources).find((s) => s.id === 'emr.clusters');
  if (!source) throw new Error('no emr.clusters source in the product');
  return source;
}

/** clusterPass.parallelRegions' default, from package.json: what listEverywhere runs with out of the box. */
function defaultConcurrency(): number {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  const value = pkg.contributes.configuration.properties['clusterPass.parallelRegions']?.default;
  if (typeof value !== 'number') throw new Error('package.json has no default for clusterPass.parallelRegions');
  return value;
}

// ---- list_10k_ratio and list_parallel_speedup ------------------------------------------------------------------

export async function listingBench(rounds: { list: number; parallel: number }, log: (l: string) => void): Promise<Measurement[]> {
  const how10k = `${CLUSTERS} EMR clusters in ${REGIONS} regions (emulator process, ${LIST_LATENCY_MS} ms per request), region by region: listAll(emr.clusters) through createAwsApi vs. paginateListClusters on an EMRClient with the same config, each region's pair back to back in alternating order; ratio of the medians of ${rounds.list * REGIONS} region listings each`;
  const howPar = `the same ${REGIONS} regions (EMR source only): listEverywhere with clusterPass.parallelRegions' default vs. listEverywhere with concurrency 1 (one region after another); median of ${rounds.parallel} interleaved runs each`;
  let emulator: EmulatorChild | undefined;
  let product: Product | undefined;
  try {
    emulator = await startEmulatorChild(['--scale', '--latency', String(LIST_LATENCY_MS)]);
    product = await productApi(emulator);
    const { api, regions } = product;
    if (regions.length !== REGIONS) throw new Error(`the scale world has ${regions.length} regions, expected ${REGIONS}`);
    const locations: Location[] = regions.map((region) => ({ profile: PROFILE, region }));
    const source = emrSource(api);
    const bareClients = locations.map((l) => new EMRClient({ ...bareConfig(api.clientConfig(l), 'EMR') } as EMRClientConfig));

    // One region at a time, extension and bare SDK back to back on the same region (ABBA order), so the pairs are
    // seconds apart rather than a whole 10,000-cluster pass apart: the shared machine's drift hits both alike.
    const perRegion = CLUSTERS / REGIONS;
    const extension = (i: number) => async (): Promise<number> => {
      const location = locations[i];
      let count = 0;
      const ms = await timed(async () => (count = (await listAll(source, { location, clientConfig: api.clientConfig(location) }, { includeInactive: true })).length));
      if (count !== perRegion) throw new Error(`the extension listed ${count} clusters in ${location.region}, expected ${perRegion}`);
      return ms;
    };
    const bare = (i: number) => async (): Promise<number> => {
      let count = 0;
      const ms = await timed(async () => {
        for await (const page of paginateListClusters({ client: bareClients[i] }, {})) count += page.Clusters?.length ?? 0;
      });
      if (count !== perRegion) throw new Error(`the bare SDK listed ${count} clusters in ${locations[i].region}, expected ${perRegion}`);
      return ms;
    };
    // Warm-up: credentials resolved, clients built, connections open, JIT warm, for both.
    for (let i = 0; i < REGIONS; i++) {
      await extension(i)();
      await bare(i)();
    }
    const ext: number[] = [];
    const sdkTimes: number[] = [];
    for (let r = 0; r < rounds.list; r++) {
      for (let i = 0; i < REGIONS; i++) {
        if ((r * REGIONS + i) % 2 === 0) {
          ext.push(await extension(i)());
          sdkTimes.push(await bare(i)());
        } else {
          sdkTimes.push(await bare(i)());
          ext.push(await extension(i)());
        }
      }
    }
    const total = (xs: number[]) => Array.from({ length: rounds.list }, (_, r) => xs.slice(r * REGIONS, (r + 1) * REGIONS).reduce((x, y) => x + y, 0));
    const ratio = median(ext) / median(sdkTimes);
    log(`list 10k: per region extension ${median(ext).toFixed(0)} ms, bare SDK ${median(sdkTimes).toFixed(0)} ms; all 4 regions ${median(total(ext)).toFixed(0)} vs ${median(total(sdkTimes)).toFixed(0)} ms`);
    const results: Measurement[] = [
      measurement(SPECS.list10k, ratio, how10k, {
        per_region_extension_ms: summary(ext),
        per_region_bare_sdk_ms: summary(sdkTimes),
        all_regions_extension_ms: summary(total(ext)),
        all_regions_bare_sdk_ms: summary(total(sdkTimes)),
        paired_ratio_median: median(ext.map((x, i) => x / sdkTimes[i])),
        latency_ms: LIST_LATENCY_MS,
      }),
    ];

    const emrOnly: AwsApi = { ...api, services: api.services.filter((m) => m.sources.includes(source)).map((m) => ({ ...m, sources: [source] })) };
    const concurrency = defaultConcurrency();
    const everywhere = (limit: number) => async (): Promise<number> => {
      let count = 0;
      const ms = await timed(async () => {
        const r = await listEverywhere(emrOnly, { profiles: [PROFILE], regions, includeInactive: true, concurrency: limit });
        if (r.failures.length) throw r.failures[0] as Error;
        count = r.targets.length;
      });
      if (count !== CLUSTERS) throw new Error(`listEverywhere listed ${count} clusters, expected ${CLUSTERS}`);
      return ms;
    };
    const par = await interleave(rounds.parallel, everywhere(1), everywhere(concurrency));
    log(`parallel: one after another ${summary(par.a).median} ms, concurrency ${concurrency} ${summary(par.b).median} ms`);
    results.push(measurement(SPECS.parallel, par.ratio, howPar, { sequential_ms: summary(par.a), parallel_ms: summary(par.b), concurrency, paired_speedup_median: par.pairedRatio }));
    for (const c of bareClients) c.destroy();
    return results;
  } catch (e) {
    return [failed(SPECS.list10k, e, how10k), failed(SPECS.parallel, e, howPar)];
  } finally {
    product?.dispose();
    await emulator?.stop();
  }
}

// ---- fetch_ratio -----------------------------------------------------------------------------------------------

interface FetchCase {
  readonly methodId: string;
  readonly targetId: string;
  readonly input: CredentialInput;
  readonly format: string;
  /** The same operation, called bare on an SDK client built from the same config. */
  bare(config: ClientConfig, target: Target): Promise<unknown>;
}

const FETCH_CASES: readonly FetchCase[] = [
  {
    methodId: 'emr.sessionCredentials',
    targetId: DEFAULT_IDS.emr.running,
    input: { executionRoleArn: EMR_RUNTIME_ROLE_ARN },
    format: 'password',
    bare: (config, target) => sdk.emr(config).send(new GetClusterSessionCredentialsCommand({ ClusterId: target.id, ExecutionRoleArn: EMR_RUNTIME_ROLE_ARN })),
  },
  {
    methodId: 'emrContainers.sessionToken',
    targetId: DEFAULT_IDS.eks.activeEndpoint,
    input: { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: 3600 },
    format: 'token',
    bare: (config, target) =>
      sdk.eks(config).send(new GetManagedEndpointSessionCredentialsCommand({
        endpointIdentifier: target.id,
        virtualClusterIdentifier: target.parentId,
        executionRoleArn: EXECUTION_ROLE_ARN,
        credentialType: 'TOKEN',
        durationInSeconds: 3600,
      })),
  },
  {
    methodId: 'redshift.clusterCredentials',
    targetId: DEFAULT_IDS.redshift.available,
    input: { DbUser: 'analyst', DurationSeconds: 900 },
    format: 'password',
    bare: (config, target) => sdk.redshift(config).send(new GetClusterCredentialsCommand({ ClusterIdentifier: target.id, DbUser: 'analyst', DurationSeconds: 900 })),
  },
  {
    methodId: 'redshift.clusterCredentialsWithIam',
    targetId: DEFAULT_IDS.redshift.available,
    input: { DurationSeconds: 900 },
    format: 'password',
    bare: (config, target) => sdk.redshift(config).send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: target.id, DurationSeconds: 900 })),
  },
  {
    methodId: 'redshiftServerless.credentials',
    targetId: DEFAULT_IDS.serverless.available,
    input: { durationSeconds: 900 },
    format: 'password',
    bare: (config, target) => sdk.serverless(config).send(new GetCredentialsCommand({ workgroupName: target.id, durationSeconds: 900 })),
  },
];

/** Bare SDK clients, one per service and config, built like the product's (same config, same endpoint). */
const bareClientCache = new Map<string, unknown>();
function bareClient<T>(id: string, config: ClientConfig, make: (c: ReturnType<typeof bareConfig>) => T): T {
  const key = `${id}\n${config.region}`;
  let client = bareClientCache.get(key) as T | undefined;
  if (!client) bareClientCache.set(key, (client = make(bareConfig(config, id))));
  return client;
}
const sdk = {
  emr: (c: ClientConfig) => bareClient('EMR', c, (x) => new EMRClient(x as EMRClientConfig)),
  eks: (c: ClientConfig) => bareClient('EMR containers', c, (x) => new EMRContainersClient(x as EMRContainersClientConfig)),
  redshift: (c: ClientConfig) => bareClient('Redshift', c, (x) => new RedshiftClient(x as RedshiftClientConfig)),
  serverless: (c: ClientConfig) => bareClient('Redshift Serverless', c, (x) => new RedshiftServerlessClient(x as RedshiftServerlessClientConfig)),
};

export const FETCH_LATENCY_MS = 20;

export async function fetchBench(rounds: number, log: (l: string) => void): Promise<Measurement[]> {
  const how = `every credential method: CredentialService.fetch (validation, SDK call, session store) + copy (format, clipboard guard) vs. the bare SDK call to the same operation on a client with the same config; emulator process, default world, ${FETCH_LATENCY_MS} ms fixed latency per request (also measured with none: details.no_latency); ${rounds} interleaved pairs per method; value = the largest per-method ratio of medians`;
  let emulator: EmulatorChild | undefined;
  let product: Product | undefined;
  try {
    emulator = await startEmulatorChild([]);
    product = await productApi(emulator);
    const { api } = product;
    const setLatency = async (ms: number) => {
      const res = await fetch(`${emulator!.url}/_emulator/world`, { method: 'POST', body: JSON.stringify({ latencyMs: ms }) });
      if (!res.ok) throw new Error(`could not set the emulator's latency: HTTP ${res.status}`);
    };
    const listed = await listEverywhere(api, { profiles: [PROFILE], regions: [DEFAULT_IDS.region], includeInactive: true, concurrency: 4 });
    const methods = api.services.flatMap((m) => m.methods);
    const missing = methods.filter((m) => !FETCH_CASES.some((c) => c.methodId === m.id)).map((m) => m.id);
    if (missing.length) throw new Error(`no benchmark case for credential method(s) ${missing.join(', ')}`);

    const runAll = async (latencyMs: number, pairs: number) => {
      await setLatency(latencyMs);
      const perMethod: Record<string, { operation: string; ratio: number; paired_ratio_median: number; extension_ms: unknown; bare_sdk_ms: unknown; requests_per_fetch: number }> = {};
      let worst = { ratio: 0, id: '' };
      for (const c of FETCH_CASES) {
        const method: CredentialMethod | undefined = methods.find((m) => m.id === c.methodId);
        const target = listed.targets.find((t) => t.id === c.targetId && t.kind === method?.targetKind);
        if (!method || !target) throw new Error(`method ${c.methodId} or target ${c.targetId} not found`);
        const { window } = recordingWindow();
        const { service, guard } = credentialService(api, window, c.format);
        const config = api.clientConfig(target.location);
        const extension = () =>
          timed(async () => {
            const session = await service.fetch(target, method, c.input);
            if (!(await service.copy(session, c.format))) throw new Error(`format ${c.format} not offered by ${method.id}`);
          });
        const bare = () => timed(() => c.bare(config, target));
        for (let i = 0; i < 5; i++) {
          await extension();
          await bare();
        }
        const before = await requestCount(emulator!.url);
        await extension();
        const requestsPerFetch = (await requestCount(emulator!.url)) - before;
        const r = await interleave(pairs, extension, bare);
        guard.dispose();
        perMethod[method.id] = { operation: method.operation, ratio: r.ratio, paired_ratio_median: r.pairedRatio, extension_ms: summary(r.a), bare_sdk_ms: summary(r.b), requests_per_fetch: requestsPerFetch };
        log(`fetch (${latencyMs} ms latency) ${method.operation} (${method.id}): extension ${median(r.a).toFixed(2)} ms, bare ${median(r.b).toFixed(2)} ms, ratio ${r.ratio.toFixed(3)}, ${requestsPerFetch} request(s) per fetch`);
        if (r.ratio > worst.ratio) worst = { ratio: r.ratio, id: method.id };
      }
      return { perMethod, worst };
    };
    const main = await runAll(FETCH_LATENCY_MS, rounds);
    const none = await runAll(0, rounds * 2);
    return [
      measurement(SPECS.fetch, main.worst.ratio, how, {
        worst_method: main.worst.id,
        emulator_latency_ms: FETCH_LATENCY_MS,
        per_method: main.perMethod,
        no_latency: { worst_method: none.worst.id, worst_ratio: none.worst.ratio, per_method: none.perMethod },
      }),
    ];
  } catch (e) {
    return [failed(SPECS.fetch, e, how)];
  } finally {
    for (const client of bareClientCache.values()) (client as { destroy(): void }).destroy();
    bareClientCache.clear();
    product?.dispose();
    await emulator?.stop();
  }
}

/** How many AWS requests the emulator has recorded so far (the GET itself is a control route, not recorded). */
async function requestCount(url: string): Promise<number> {
  const res = await fetch(`${url}/_emulator/requests`);
  const body = (await res.json()) as unknown;
  const list = Array.isArray(body) ? body : (body as { requests?: unknown[] }).requests;
  if (!Array.isArray(list)) throw new Error('unexpected /_emulator/requests answer');
  return list.length;
}

// ---- tree_first_paint_ms ---------------------------------------------------------------------------------------

export async function treeBench(rounds: number, log: (l: string) => void): Promise<Measurement[]> {
  const how = `TargetTreeModel.getChildren(EMR group node of a region) until its first page of nodes returns, after refresh() (nothing cached); emulator in-process with ${CLUSTERS} clusters and ${LIST_LATENCY_MS} ms latency; the emulator's own time for the request (request received to response finished, latency included) is subtracted; median of ${rounds}`;
  const emulator = await startEmulator({ world: generateWorld({ emrClusters: CLUSTERS, regions: REGIONS }), latencyMs: LIST_LATENCY_MS });
  let product: Product | undefined;
  try {
    // The emulator's own time per request: from Node's 'request' event to the response's 'finish'.
    const server = (emulator as unknown as { server?: Server }).server;
    if (!server || typeof server.prependListener !== 'function') throw new Error('cannot reach the emulator\'s HTTP server to time its requests');
    const serverTimes: number[] = [];
    server.prependListener('request', (_req, res: ServerResponse) => {
      const t0 = performance.now();
      res.once('finish', () => serverTimes.push(performance.now() - t0));
    });
    product = await productApi(emulator);
    const { api, regions } = product;
    const settings: TreeSettings = { profiles: () => [PROFILE], regions: () => regions, includeInactive: () => false };
    const model = new TargetTreeModel({ loadAws: async () => api, settings, log: silentLog, withProgress: (task) => task() });
    const roots = await model.getChildren();
    const regionNode = roots.find((n): n is RegionNode => n.kind === 'region' && n.location.region === regions[1]);
    if (!regionNode) throw new Error(`no region node for ${regions[1]} (got ${roots.map((n) => n.kind).join(', ')})`);
    const group = (await model.getChildren(regionNode)).find((n): n is GroupNode => n.kind === 'group' && n.sourceId === 'emr.clusters');
    if (!group) throw new Error('no EMR clusters group under the region');

    const once = async (): Promise<{ total: number; server: number }> => {
      model.refresh();
      serverTimes.length = 0;
      let nodes: TreeNode[] = [];
      const total = await timed(async () => (nodes = await model.getChildren(group)));
      if (!nodes.some((n) => n.kind === 'target')) throw new Error(`the first page has no targets: ${JSON.stringify(nodes[0])}`);
      if (serverTimes.length !== 1) throw new Error(`expected one request for a first page, saw ${serverTimes.length}`);
      return { total, server: serverTimes[0] };
    };
    for (let i = 0; i < 5; i++) await once();
    const samples: { total: number; server: number }[] = [];
    for (let i = 0; i < rounds; i++) samples.push(await once());
    const own = samples.map((s) => s.total - s.server);
    log(`tree: first page ${median(samples.map((s) => s.total)).toFixed(2)} ms, of which emulator ${median(samples.map((s) => s.server)).toFixed(2)} ms`);
    model.dispose();
    return [
      measurement(SPECS.tree, median(own), how, {
        total_ms: summary(samples.map((s) => s.total)),
        emulator_ms: summary(samples.map((s) => s.server)),
        client_side_ms: summary(own),
        latency_ms: LIST_LATENCY_MS,
      }),
    ];
  } catch (e) {
    return [failed(SPECS.tree, e, how)];
  } finally {
    product?.dispose();
    await emulator.stop();
  }
}

