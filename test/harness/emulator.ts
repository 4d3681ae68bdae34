// Starts the AWS emulator (test/emulator) for workbench tests and the demo, in two ways:
//  - in-process: `startEmulator()` from test/emulator/index.ts (tests: they can also inspect what it recorded);
//  - as a child process: `npm run emulator -- --port N`, whose FIRST stdout line is one JSON object
//    {"url","accessKeyId","secretAccessKey","regions"} (the demo: it runs until Ctrl+C).
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index';
import type { EmulatorEndpoint } from './awsConfig';
import { REPO_ROOT } from './paths';
import { spawnGroup, type GroupProcess } from './processes';

export interface RunningEmulator extends EmulatorEndpoint {
  stop(): Promise<void>;
}

/** The emulator in this process: tests read `requests` / `issuedSecrets` and set faults on it directly. */
export function startEmulatorInProcess(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator(options);
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

/**
 * Keeps every secret the emulator issues, also across `clearLog()` (in-process or through POST /_emulator/reset-log,
 * which empties `issuedSecrets`): returns a function that lists them all, for leak scans at the end of a run.
 */
export function trackIssuedSecrets(emulator: Emulator): () => { secret: string; user?: string }[] {
  const issued = new Map<string, { secret: string; user?: string }>();
  const collect = () => {
    for (const s of emulator.issuedSecrets) issued.set(s.secret, { secret: s.secret, user: s.user });
    return [...issued.values()];
  };
  const clearLog = emulator.clearLog.bind(emulator);
  emulator.clearLog = () => {
    collect();
    clearLog();
  };
  return collect;
}
