// Child processes that are always stopped: each runs in its own process group (setsid via `detached`)
// and is stopped by signalling the whole group, so helpers it forked (code-server's extension host, watchers) go too.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

export interface GroupProcess {
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code (or signal name) once the leader has exited. */
  exited: Promise<number | string>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the leader is gone. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<GroupProcess>();

/** Spawns `cmd` as leader of a new process group; stdout/stderr are appended to `logFile` when given. */
export function spawnGroup(cmd: string, args: string[], options: SpawnOptions & { logFile?: string } = {}): GroupProcess {
  const { logFile, ...rest } = options;
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...rest, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  if (logFile) {
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  }
  const pid = child.pid;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  let stopping: Promise<void> | undefined;
  const proc: GroupProcess = {
    child,
    pid,
    exited,
    stop(graceMs = 3000) {
      stopping ??= (async () => {
        signalGroup(pid, 'SIGTERM');
        const done = await Promise.race([exited.then(() => true), delay(graceMs).then(() => false)]);
        // Even when the leader exited, stragglers in its group may not have: make sure.
        signalGroup(pid, 'SIGKILL');
        if (!done) await Promise.race([exited, delay(2000)]);
        running.delete(proc);
      })();
      return stopping;
    },
  };
  running.add(proc);
  return proc;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

/** Last resort for a test process that is exiting: kill every group this process started and did not stop. */
process.on('exit', () => {
  for (const p of running) signalGroup(p.pid, 'SIGKILL');
});

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx, the process exits, or `timeoutMs` passes. */
export async function waitForHttp(url: string, { timeoutMs = 30_000, proc }: { timeoutMs?: number; proc?: GroupProcess } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc?.exited.then(() => (exited = true));
  let last = '';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`process exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await delay(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/** Runs a command to completion, capturing output; rejects with the output when it fails. */
export function runCommand(cmd: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout?.on('data', (c) => (output += c));
    child.stderr?.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${output}`));
    });
  });
}
