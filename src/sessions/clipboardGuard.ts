// Clears a copied secret from the clipboard when it expires (or after a set time), but only if the
// clipboard still holds exactly that value: whatever the user copied since is never touched.
import type { Clock } from './countdown';

export interface ClipboardApi {
  readText(): Thenable<string>;
  writeText(value: string): Thenable<void>;
}

export interface TimeoutApi {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimeouts: TimeoutApi = {
  // unref: a pending clear must not keep a process (a test, a CLI) alive.
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class ClipboardGuard {
  private pending?: { value: string; handle: unknown };

  constructor(
    private readonly clipboard: ClipboardApi,
    private readonly clock: Clock,
    private readonly timeouts: TimeoutApi = realTimeouts,
  ) {}

  /** Writes the value and arranges its removal at `expiresAt` or after `clearAfterSeconds` (0: at expiry only). */
  async copy(value: string, expiresAt: Date, clearAfterSeconds: number): Promise<void> {
    await this.clipboard.writeText(value);
    this.cancel();
    const untilExpiry = expiresAt.getTime() - this.clock();
    const delay = clearAfterSeconds > 0 ? Math.min(untilExpiry, clearAfterSeconds * 1000) : untilExpiry;
    const handle = this.timeouts.setTimeout(() => void this.clearIfUnchanged(), Math.max(0, delay));
    this.pending = { value, handle };
  }

  /** True while a copied secret waits to be cleared. */
  get armed(): boolean {
    return this.pending !== undefined;
  }

  async clearIfUnchanged(): Promise<boolean> {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return false;
    const current = await this.clipboard.readText();
    if (current !== pending.value) return false;
    await this.clipboard.writeText('');
    return true;
  }

  cancel(): void {
    if (this.pending) this.timeouts.clearTimeout(this.pending.handle);
    this.pending = undefined;
  }

  dispose(): void {
    this.cancel();
  }
}
