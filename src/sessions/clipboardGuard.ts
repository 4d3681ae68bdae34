// Clears a copied secret from the clipboard when it expires (or after a set time, or when what it opens goes away),
// but only if the clipboard still holds exactly that value: whatever the user copied since is never touched. One
// slot per kind of copy (a credential, each bridge's URL): a new copy into a slot replaces that slot's pending clear.
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

/** The slot of copied credentials. */
export const CREDENTIAL_SLOT = 'credential';

export class ClipboardGuard {
  private readonly pending = new Map<string, { value: string; handle: unknown }>();

  constructor(
    private readonly clipboard: ClipboardApi,
    private readonly clock: Clock,
    private readonly timeouts: TimeoutApi = realTimeouts,
  ) {}

  /** Writes the value and arranges its removal at `expiresAt` or after `clearAfterSeconds` (0: at expiry only). */
  async copy(value: string, expiresAt: Date, clearAfterSeconds: number, slot = CREDENTIAL_SLOT): Promise<void> {
    await this.clipboard.writeText(value);
    this.cancel(slot);
    const untilExpiry = expiresAt.getTime() - this.clock();
    const delay = clearAfterSeconds > 0 ? Math.min(untilExpiry, clearAfterSeconds * 1000) : untilExpiry;
    const handle = this.timeouts.setTimeout(() => void this.clearIfUnchanged(slot), Math.max(0, delay));
    this.pending.set(slot, { value, handle });
  }

  /** True while a copied secret waits to be cleared. */
  get armed(): boolean {
    return this.pending.size > 0;
  }

  /** The slots whose copies wait to be cleared. */
  slots(): string[] {
    return [...this.pending.keys()];
  }

  /** Clears the slot's copy now if the clipboard still holds it; the slot is empty afterwards either way. */
  async clearIfUnchanged(slot = CREDENTIAL_SLOT): Promise<boolean> {
    const pending = this.pending.get(slot);
    this.cancel(slot);
    if (!pending) return false;
    const current = await this.clipboard.readText();
    if (current !== pending.value) return false;
    await this.clipboard.writeText('');
    return true;
  }

  /** Forgets the slot's pending clear (every slot's when none is named). */
  cancel(slot?: string): void {
    for (const key of slot === undefined ? [...this.pending.keys()] : [slot]) {
      const pending = this.pending.get(key);
      if (pending) this.timeouts.clearTimeout(pending.handle);
      this.pending.delete(key);
    }
  }

  dispose(): void {
    this.cancel();
  }
}
