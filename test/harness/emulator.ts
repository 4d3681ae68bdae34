// Starts the AWS emulator (test/emulator) for workbench tests and the demo, in two ways:
//  - in-process: `startEmulator()` from test/emulator/index.ts (tests: they can also inspect what it recorded);
//  - as a child process: `npm run emulator -- --port N`, whose FIRST stdout line is one JSON object
//    {"url","accessKeyId","secretAccessKey","regions"} (the demo: it runs until Ctrl+C).
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { EmulatorEndpoint } from './awsConfig';
import { REPO_ROOT } from './paths';
import { spawnGroup, type GroupProcess } from './processes';

export interface RunningEmulator extends EmulatorEndpoint {
  /** What test/emulator/index.ts returned (in-process only), for recorded requests, issued secrets and faults. */
  handle?: unknown;
  stop(): Promise<void>;
}

/** Module that provides `startEmulator`; overridable for trying the harness before test/emulator exists. */
function emulatorModule(): string {
  return process.env.CLUSTER_PASS_EMULATOR_MODULE ?? join(REPO_ROOT, 'test', 'emulator', 'index.ts');
}

export async function startEmulatorInProcess(options: Record<string, unknown> = {}): Promise<RunningEmulator> {
  // A computed specifier: the harness type-checks whether or not the emulator has landed yet.
  const specifier: string = emulatorModule();
  const mod = (await import(specifier)) as { startEmulator?: (o?: Record<string, unknown>) => Promise<unknown> };
  if (typeof mod.startEmulator !== 'function') throw new Error(`${specifier} does not export startEmulator()`);
  const handle = (await mod.startEmulator(options)) as Record<string, unknown>;
  const endpoint = readEndpoint(handle);
  const stopFn = (['stop', 'close', 'dispose'] as const).map((k) => handle[k]).find((f) => typeof f === 'function') as
    | (() => unknown)
    | undefined;
  let stopped: Promise<void> | undefined;
  return {
    ...endpoint,
    handle,
    stop: () => (stopped ??= Promise.resolve(stopFn?.call(handle)).then(() => undefined)),
  };
}

/** Reads url/keys/regions from the emulator's handle, accepting `keys[0]` or top-level key fields. */
function readEndpoint(h: Record<string, unknown>): EmulatorEndpoint {
  const keys = Array.isArray(h.keys) ? (h.keys[0] as Record<string, unknown>) : undefined;
  const info = (typeof h.info === 'object' && h.info ? h.info : h) as Record<string, unknown>;
  const url = String(info.url ?? h.url ?? '');
  const accessKeyId = String(info.accessKeyId ?? keys?.accessKeyId ?? '');
  const secretAccessKey = String(info.secretAccessKey ?? keys?.secretAccessKey ?? '');
  const regions = (info.regions ?? h.regions ?? []) as string[];
  if (!url || !accessKeyId || !secretAccessKey) throw new Error(`startEmulator() returned no url/keys: ${Object.keys(h).join(', ')}`);
  return { url, accessKeyId, secretAccessKey, regions: [...regions] };
}

export interface EmulatorProcess extends RunningEmulator {
  process: GroupProcess;
}

/** `npm run emulator -- --port N` in its own process group; resolves once its first stdout line (JSON) arrived. */
export async function startEmulatorProcess({ port = 0, logFile }: { port?: number; logFile?: string } = {}): Promise<EmulatorProcess> {
  const proc = spawnGroup('npm', ['run', '--silent', 'emulator', '--', '--port', String(port)], {
    cwd: REPO_ROOT,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  let stderr = '';
  proc.child.stderr?.on('data', (c) => {
    stderr = (stderr + c).slice(-4000);
  });
  const lines = createInterface({ input: proc.child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator printed nothing within 30 s\n${stderr}`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before printing its JSON line\n${stderr}`));
    });
  }).catch(async (e) => {
    await proc.stop();
    throw e;
  });
  // Keep draining its output so it never blocks on a full pipe; keep it in a log file when asked.
  const { createWriteStream } = await import('node:fs');
  const sink = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  lines.on('line', (line) => sink?.write(line + '\n'));
  proc.child.stderr?.on('data', (c) => sink?.write(c));
  let info: EmulatorEndpoint;
  try {
    info = JSON.parse(first) as EmulatorEndpoint;
  } catch {
    await proc.stop();
    throw new Error(`emulator's first line is not JSON: ${first}`);
  }
  return { ...info, regions: [...(info.regions ?? [])], process: proc, stop: () => proc.stop() };
}
