// A terminal a test types and pastes into, as a person would: a detached tmux session (its own server socket in a
// temporary folder) running a program; the screen is read back with capture-pane. Pasting goes through a tmux
// buffer loaded from stdin, so pasted text never appears in a command line.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Terminal {
  /** Types `text` literally (no Enter). */
  type(text: string): Promise<void>;
  /** Pastes `text` as a terminal paste does. */
  paste(text: string): Promise<void>;
  pressEnter(): Promise<void>;
  /** The visible screen and its scrollback, as text. */
  screen(): Promise<string>;
  /** Waits until the screen matches `pattern`; throws with the screen after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function tmuxAvailable(): Promise<boolean> {
  return run('tmux', ['-V']).then(() => true, () => false);
}

/** Starts `command` (argv) in a new 200×50 terminal; `socket` is a path for tmux's server socket. */
export async function startTerminal(socket: string, command: readonly string[], env: NodeJS.ProcessEnv): Promise<Terminal> {
  const tmux = (...args: string[]) => run('tmux', ['-S', socket, ...args], { env, timeout: 10_000 });
  await tmux('new-session', '-d', '-s', 'main', '-x', '200', '-y', '50', ...command);
  const screen = async (): Promise<string> => (await tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'main')).stdout;
  return {
    // As key codes: tmux would read a trailing ';' of a literal argument as its own command separator.
    type: async (text) => void (await tmux('send-keys', '-t', 'main', '-H', ...Buffer.from(text).toString('hex').match(/../g)!)),
    pressEnter: async () => void (await tmux('send-keys', '-t', 'main', 'Enter')),
    async paste(text) {
      await new Promise<void>((resolve, reject) => {
        const child = spawn('tmux', ['-S', socket, 'load-buffer', '-b', 'clipboard', '-'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tmux load-buffer failed: ${err}`))));
        child.stdin.end(text);
      });
      await tmux('paste-buffer', '-d', '-b', 'clipboard', '-t', 'main');
    },
    screen,
    async waitFor(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = await screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`the terminal never showed ${pattern}; it shows:\n${text.trimEnd()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: async () => void (await tmux('kill-server').catch(() => undefined)),
  };
}
