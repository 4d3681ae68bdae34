// Child processes started in their own process group, stopped with everything they spawned
// (Jupyter kernels start their own sessions, so the group alone is not enough: descendants are found in /proc).
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';

const live = new Set<number>();
process.on('exit', () => {
  for (const pid of live) for (const p of [...descendants(pid), pid]) signal(p, 'SIGKILL');
});

export interface Managed {
  readonly child: ChildProcess;
  /** Last lines of stdout+stderr, for error messages. */
  output(): string;
  stop(graceMs?: number): Promise<void>;
}

/**
 * `uid`/`gid`: run as another user (a server that refuses to run as root, such as PostgreSQL). `logFile`: all of
 * stdout and stderr also go there (for the leak scan to read).
 */
export function startProcess(
  cmd: string,
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number; logFile?: string },
): Managed {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, uid: opts.uid, gid: opts.gid, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  const keep = (c: Buffer): void => {
    out = (out + c.toString('utf8')).slice(-8000);
    log?.write(c);
  };
  child.once('close', () => log?.end());
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (e) => keep(Buffer.from(`\n[spawn error] ${e.message}\n`)));
  const pid = child.pid;
  if (pid) live.add(pid);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stopping: Promise<void> | undefined;
  return {
    child,
    output: () => out,
    stop(graceMs = 3000) {
      stopping ??= (async () => {
        if (!pid) return;
        const all = [...descendants(pid), pid];
        signal(-pid, 'SIGTERM');
        for (const p of all) signal(p, 'SIGTERM');
        const timer = new Promise<void>((r) => setTimeout(r, graceMs).unref());
        await Promise.race([exited, timer]);
        for (const p of [...all, ...descendants(pid)]) signal(p, 'SIGKILL');
        signal(-pid, 'SIGKILL');
        await Promise.race([exited, new Promise<void>((r) => setTimeout(r, 1000).unref())]);
        live.delete(pid);
        child.stdout?.destroy();
        child.stderr?.destroy();
      })();
      return stopping;
    },
  };
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** All descendants of `root`, from /proc (children before their parents are irrelevant: all get signalled). */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(e), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const frontier = [root];
  while (frontier.length) {
    const p = frontier.pop()!;
    for (const [c, pp] of parent) if (pp === p) {
      out.push(c);
      frontier.push(c);
    }
  }
  return out;
}

/** Polls `ready` (errors count as not ready) every 100 ms until it says yes; throws if `proc` exits or time runs out. */
export async function waitFor(timeoutMs: number, proc: Managed, what: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${what} exited (${proc.child.exitCode ?? proc.child.signalCode}):\n${proc.output().slice(-2000)}`);
    }
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${proc.output().slice(-2000)}`);
}
