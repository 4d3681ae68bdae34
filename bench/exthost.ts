// activation_ms, sdk_loaded_at_activation and idle_timers in code-server's real extension host: several cold starts
// (a fresh code-server, so a fresh extension host process, each time) with Cluster Pass installed from the packaged
// .vsix and bench/exthost/probe.ts as the extension-tests module.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../test/emulator/index';
import { AWS_ENV_TO_CLEAR, writeAwsConfig } from '../test/harness/awsConfig';
import { runExtensionHostTests } from '../test/harness/exthost';
import { OUTPUT_DIR, REPO_ROOT, makeTempDir } from '../test/harness/paths';
import { failed, measurement, median, summary, type Measurement, type Spec } from './lib';

export const SPECS = {
  activation: { key: 'activation_ms', unit: 'ms', comparison: 'max', limit: 15 },
  sdk: { key: 'sdk_loaded_at_activation', unit: 'boolean', comparison: 'equal', limit: false },
  timers: { key: 'idle_timers', unit: 'count', comparison: 'equal', limit: 0 },
  /** One second: the usual limit for a response that keeps a user's flow of thought (no target in issue 14). */
  firstExpand: { key: 'first_expand_ms', unit: 'ms', comparison: 'max', limit: 1000 },
  firstExpandRatio: { key: 'first_expand_ratio', unit: 'ratio', comparison: 'max', limit: 1.1 },
} as const satisfies Record<string, Spec>;

interface ProbeResult {
  pid: number;
  activeBeforeProbe: boolean;
  active: boolean;
  vscodeVersion: string;
  codeLoadingMs?: number;
  activateCallMs?: number;
  activationMs?: number;
  modulesAfterActivation: string[];
  sdkModulesAfterActivation: string[];
  awsLoadedByTree: boolean;
  sessions?: number;
  statusBarTimerRunning?: boolean;
  idleTimers: { type: string; stack: string }[];
}

async function buildProbe(entry = 'probe'): Promise<{ extensionDir: string; testsPath: string }> {
  const dir = join(OUTPUT_DIR, 'bench', entry);
  const extensionDir = join(dir, 'extension');
  mkdirSync(extensionDir, { recursive: true });
  // A development extension is what makes the workbench run an extension-tests module; this one contributes nothing.
  writeFileSync(join(extensionDir, 'package.json'), JSON.stringify({ name: 'cluster-pass-bench-probe', publisher: 'clusterpass', version: '0.0.0', engines: { vscode: '^1.100.0' } }, null, 2));
  const testsPath = join(dir, `${entry}.js`);
  await esbuild.build({
    entryPoints: [join(REPO_ROOT, 'bench', 'exthost', `${entry}.ts`)],
    outfile: testsPath,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return { extensionDir, testsPath };
}

export async function exthostBench(vsix: string | Error, starts: number, log: (l: string) => void): Promise<Measurement[]> {
  const howActivation = `the extension host's own marks for Cluster Pass (code/extHost/will|didLoadExtensionCode + will|didActivateExtension: loading dist/extension.js + activate()), Cluster Pass installed from the packaged .vsix, activated by the probe right after startup; median of ${starts} cold starts (a fresh code-server each)`;
  const howSdk = 'after activation alone, in the real extension host: require.cache holds no dist/aws.js and no @aws-sdk/@smithy module (checked on every cold start)';
  const howTimers = 'timers (setTimeout/setInterval/setImmediate) created from Cluster Pass\'s files and still alive, tracked with async_hooks in the real extension host from before activation until 4 s after the Clusters view opened and listed (no session); maximum over the cold starts';
  if (vsix instanceof Error) return [failed(SPECS.activation, vsix, howActivation), failed(SPECS.sdk, vsix, howSdk), failed(SPECS.timers, vsix, howTimers)];
  const emulator = await startEmulator();
  try {
    const probe = await buildProbe();
    const runs: ProbeResult[] = [];
    for (let i = 0; i < starts; i++) {
      const dir = makeTempDir('bench-exthost');
      const aws = writeAwsConfig(join(dir, 'aws'), emulator);
      const outcome = await runExtensionHostTests({
        dataDir: join(dir, 'code-server'),
        vsix: [vsix],
        extensionDevelopmentPaths: [probe.extensionDir],
        extensionTestsPath: probe.testsPath,
        clearEnv: AWS_ENV_TO_CLEAR,
        env: { ...aws.env, CLUSTER_PASS_HARNESS: 'code-server' },
        settings: { 'clusterPass.regions': emulator.regions },
        onLog: () => undefined,
        log: () => undefined,
        timeoutMs: 90_000,
      });
      const line = outcome.output.find((l) => l.startsWith('BENCH_RESULT '));
      if (outcome.code !== 0 || !line) throw new Error(`the probe failed (exit ${outcome.code}): ${outcome.output.slice(-15).join(' | ')}`);
      const r = JSON.parse(line.slice('BENCH_RESULT '.length)) as ProbeResult;
      runs.push(r);
      log(`cold start ${i + 1}/${starts}: extension host pid ${r.pid}, load ${r.codeLoadingMs} ms + activate ${r.activateCallMs} ms, SDK modules after activation: ${r.sdkModulesAfterActivation.length}, idle timers: ${r.idleTimers.length}`);
    }
    if (new Set(runs.map((r) => r.pid)).size !== runs.length) throw new Error('two runs shared an extension host process: not cold starts');
    const bad = runs.find((r) => r.activeBeforeProbe || !r.active || r.activationMs === undefined);
    if (bad) throw new Error(`a run was not a clean activation: ${JSON.stringify({ activeBeforeProbe: bad.activeBeforeProbe, active: bad.active, activationMs: bad.activationMs })}`);
    const activation = runs.map((r) => r.activationMs!);
    const sdkLoaded = runs.some((r) => r.sdkModulesAfterActivation.length > 0);
    const maxTimers = Math.max(...runs.map((r) => r.idleTimers.length));
    const worst = runs.find((r) => r.idleTimers.length === maxTimers)!;
    return [
      measurement(SPECS.activation, median(activation), howActivation, {
        activation_ms: summary(activation),
        code_loading_ms: summary(runs.map((r) => r.codeLoadingMs!)),
        activate_call_ms: summary(runs.map((r) => r.activateCallMs!)),
        resolution: 'the extension host records these marks with Date.now(): 1 ms steps',
        vscode: runs[0].vscodeVersion,
      }),
      measurement(SPECS.sdk, sdkLoaded, howSdk, {
        modules_after_activation: runs[0].modulesAfterActivation,
        sdk_modules_after_activation: [...new Set(runs.flatMap((r) => r.sdkModulesAfterActivation))],
        tree_then_loaded_the_sdk: runs.every((r) => r.awsLoadedByTree),
      }),
      measurement(SPECS.timers, maxTimers, howTimers, {
        per_start: runs.map((r) => r.idleTimers.length),
        sessions: worst.sessions,
        status_bar_timer_running: worst.statusBarTimerRunning,
        tree_loaded_the_sdk: worst.awsLoadedByTree,
        timers: worst.idleTimers,
      }),
    ];
  } catch (e) {
    return [failed(SPECS.activation, e, howActivation), failed(SPECS.sdk, e, howSdk), failed(SPECS.timers, e, howTimers)];
  } finally {
    await emulator.stop();
  }
}

interface FirstExpandResult {
  pid: number;
  first: 'extension' | 'sdk';
  extension: { ms: number; rootMs: number; firstRow: string };
  sdk: { ms: number; requireMs: number; clusters: number };
}

/** bench/exthost/bareSdk.ts bundled as esbuild.mjs bundles dist/aws.js for production. */
async function buildBareSdk(): Promise<string> {
  const outfile = join(OUTPUT_DIR, 'bench', 'bare-sdk', 'emr.js');
  await esbuild.build({
    entryPoints: [join(REPO_ROOT, 'bench', 'exthost', 'bareSdk.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * first_expand_ms and first_expand_ratio: `starts` fresh windows (a fresh code-server each), alternating which path
 * runs first in the fresh extension host; only the first one of each window is cold and counted.
 */
export async function firstExpandBench(vsix: string | Error, starts: number, log: (l: string) => void): Promise<Measurement[]> {
  const how = `in code-server's real extension host, Cluster Pass installed from the packaged .vsix, a fresh window each time, the first click 2 s after startup as a user's would come: from expanding the profile row (after the view listed its profiles, which loads dist/aws.js and reads the AWS config) through GetCallerIdentity, the service groups and the "EMR clusters" group's ListClusters to its first target row, calling the tree's data provider as the workbench does on a click (no mouse: the probe is the extension-tests module); median of the cold windows`;
  const howRatio = `first_expand_ms / the bare SDK in the same bench run and the same kind of fresh extension host: require a minified bundle of @aws-sdk/client-emr alone, new EMRClient({ profile }), first ListClusters (credentials, region and endpoint from the same AWS config files), 2 s after startup too; ${starts} windows alternating which path runs first, medians of the cold ones`;
  if (vsix instanceof Error) return [failed(SPECS.firstExpand, vsix, how), failed(SPECS.firstExpandRatio, vsix, howRatio)];
  const emulator = await startEmulator();
  try {
    const probe = await buildProbe('firstExpand');
    const bare = await buildBareSdk();
    const runs: FirstExpandResult[] = [];
    for (let i = 0; i < starts; i++) {
      const first = i % 2 === 0 ? 'extension' : 'sdk';
      const dir = makeTempDir('bench-first-expand');
      const aws = writeAwsConfig(join(dir, 'aws'), emulator);
      const outcome = await runExtensionHostTests({
        dataDir: join(dir, 'code-server'),
        vsix: [vsix],
        extensionDevelopmentPaths: [probe.extensionDir],
        extensionTestsPath: probe.testsPath,
        clearEnv: AWS_ENV_TO_CLEAR,
        env: { ...aws.env, CLUSTER_PASS_HARNESS: 'code-server', CLUSTER_PASS_BENCH_FIRST: first, CLUSTER_PASS_BENCH_BARE_SDK: bare },
        onLog: () => undefined,
        log: () => undefined,
        timeoutMs: 90_000,
      });
      const line = outcome.output.find((l) => l.startsWith('BENCH_FIRST_EXPAND '));
      if (outcome.code !== 0 || !line) throw new Error(`the first-expand probe failed (exit ${outcome.code}): ${outcome.output.slice(-15).join(' | ')}`);
      const r = JSON.parse(line.slice('BENCH_FIRST_EXPAND '.length)) as FirstExpandResult;
      runs.push(r);
      log(`fresh window ${i + 1}/${starts} (${first} first): extension ${r.extension.ms.toFixed(1)} ms to "${r.extension.firstRow}", bare SDK ${r.sdk.ms.toFixed(1)} ms (require ${r.sdk.requireMs.toFixed(1)} ms)`);
    }
    if (new Set(runs.map((r) => r.pid)).size !== runs.length) throw new Error('two windows shared an extension host process: not cold');
    const ext = runs.filter((r) => r.first === 'extension').map((r) => r.extension.ms);
    const sdk = runs.filter((r) => r.first === 'sdk').map((r) => r.sdk.ms);
    const details = {
      extension_cold_ms: summary(ext),
      bare_sdk_cold_ms: summary(sdk),
      bare_sdk_require_cold_ms: summary(runs.filter((r) => r.first === 'sdk').map((r) => r.sdk.requireMs)),
      extension_root_listing_ms: summary(runs.filter((r) => r.first === 'extension').map((r) => r.extension.rootMs)),
      extension_after_sdk_ms: summary(runs.filter((r) => r.first === 'sdk').map((r) => r.extension.ms)),
      bare_sdk_after_extension_ms: summary(runs.filter((r) => r.first === 'extension').map((r) => r.sdk.ms)),
    };
    return [
      measurement(SPECS.firstExpand, median(ext), how, details),
      measurement(SPECS.firstExpandRatio, median(ext) / median(sdk), howRatio, details),
    ];
  } catch (e) {
    return [failed(SPECS.firstExpand, e, how), failed(SPECS.firstExpandRatio, e, howRatio)];
  } finally {
    await emulator.stop();
  }
}
