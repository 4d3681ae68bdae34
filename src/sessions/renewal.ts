// Keeps chosen sessions alive: renews each one before it expires (at the credential's refreshAt when the service
// gives one, else at expiresAt minus a margin), with the same inputs, and retries failures with exponential
// backoff until a renewal succeeds or the session is forgotten. One timeout per tracked session; none when idle.
import type { TimeoutApi } from './clipboardGuard';
import { realTimeouts } from './clipboardGuard';
import type { Clock } from './countdown';
import type { Session, SessionStore } from './sessionStore';

export interface RenewalLogger {
  info(message: string): void;
  error(message: string): void;
}

/** What the status bar shows while a session's renewal keeps failing. */
export interface RenewalFailure {
  readonly key: string;
  /** A sentence without secrets (an explained AWS error). */
  readonly message: string;
  readonly attempts: number;
  /** When the next attempt runs (ms since the epoch). */
  readonly retryAt: number;
}

export interface RenewalDeps {
  readonly store: SessionStore;
  /** Fetches again with the session's own target, method and input, storing the result (CredentialService.fetch). */
  renew(session: Session, signal: AbortSignal): Promise<unknown>;
  /** Turns an error into a sentence for the log and the status bar (never a secret). */
  describe(error: unknown, session: Session): string;
  readonly log: RenewalLogger;
  readonly clock: Clock;
  readonly timeouts?: TimeoutApi;
  /** Called when a session's renewal starts failing, fails again, or recovers (`failure` undefined). */
  onFailureChange?(key: string, failure: RenewalFailure | undefined): void;
  /** First retry delay; doubles each time up to `maxBackoffMs`. Default 2 s. */
  readonly initialBackoffMs?: number;
  /** Default 60 s. */
  readonly maxBackoffMs?: number;
}

const MIN_MARGIN_MS = 60_000;
const MARGIN_FRACTION = 0.2;

/**
 * When to renew a credential issued at `issuedAt`: its `refreshAt` if given, else `expiresAt` minus
 * max(60 s, 20% of its lifetime) — but never later than half-way through a short lifetime, so a 4-second
 * test token is renewed after about 2 s instead of at once and in a loop.
 */
export function renewalTime(credential: { expiresAt: Date; refreshAt?: Date }, issuedAt: number): number {
  const expires = credential.expiresAt.getTime();
  if (credential.refreshAt && credential.refreshAt.getTime() < expires) return credential.refreshAt.getTime();
  const lifetime = Math.max(0, expires - issuedAt);
  const margin = Math.min(Math.max(MIN_MARGIN_MS, lifetime * MARGIN_FRACTION), lifetime / 2);
  return expires - margin;
}

interface Entry {
  /** The credential the current timer was computed for; a different one in the store means "reschedule". */
  credential?: Session['credential'];
  handle?: unknown;
  dueAt?: number;
  attempts: number;
  abort?: AbortController;
  failing: boolean;
}

export class RenewalScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly timeouts: TimeoutApi;
  private readonly subscription: { dispose(): void };
  private disposed = false;

  constructor(private readonly deps: RenewalDeps) {
    this.timeouts = deps.timeouts ?? realTimeouts;
    this.subscription = deps.store.onDidChange(() => this.onStoreChange());
  }

  /** Starts keeping the session with this key alive. Safe to call again. */
  track(key: string): void {
    if (this.disposed || this.entries.has(key)) return;
    const session = this.deps.store.get(key);
    if (!session) return;
    this.entries.set(key, { attempts: 0, failing: false });
    this.schedule(key, session);
  }

  /** Stops renewing it (its session stays in the store until it expires or is forgotten). */
  untrack(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.clear(entry);
    entry.abort?.abort();
    if (entry.failing) this.deps.onFailureChange?.(key, undefined);
  }

  isTracked(key: string): boolean {
    return this.entries.has(key);
  }

  /** When the next renewal or retry of this session runs, if one is scheduled (ms since the epoch). */
  nextRun(key: string): number | undefined {
    return this.entries.get(key)?.dueAt;
  }

  /** How many timers are pending (0 when nothing is tracked). */
  get pendingTimers(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.handle !== undefined) n++;
    return n;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription.dispose();
    for (const key of [...this.entries.keys()]) this.untrack(key);
  }

  private onStoreChange(): void {
    for (const [key, entry] of [...this.entries]) {
      const session = this.deps.store.get(key);
      if (!session) {
        this.untrack(key);
        continue;
      }
      // Renewed elsewhere (a user's Renew, or our own fetch): plan from the new credential.
      if (session.credential !== entry.credential && !entry.abort) {
        const wasFailing = entry.failing;
        entry.attempts = 0;
        entry.failing = false;
        if (wasFailing) this.deps.onFailureChange?.(key, undefined);
        this.schedule(key, session);
      }
    }
  }

  private schedule(key: string, session: Session): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.clear(entry);
    entry.credential = session.credential;
    const at = renewalTime(session.credential, session.issuedAt);
    this.arm(key, entry, at);
  }

  private arm(key: string, entry: Entry, at: number): void {
    const delay = Math.max(0, at - this.deps.clock());
    entry.dueAt = this.deps.clock() + delay;
    entry.handle = this.timeouts.setTimeout(() => {
      entry.handle = undefined;
      entry.dueAt = undefined;
      void this.run(key);
    }, delay);
  }

  private clear(entry: Entry): void {
    if (entry.handle !== undefined) this.timeouts.clearTimeout(entry.handle);
    entry.handle = undefined;
    entry.dueAt = undefined;
  }

  private async run(key: string): Promise<void> {
    const entry = this.entries.get(key);
    const session = this.deps.store.get(key);
    if (!entry || !session) return this.untrack(key);
    const abort = new AbortController();
    entry.abort = abort;
    try {
      await this.deps.renew(session, abort.signal);
      entry.abort = undefined;
      if (this.entries.get(key) !== entry) {
        // Forgotten while the renewal was in flight: the fetch stored a session nobody wants.
        this.deps.store.forget(key);
        return;
      }
      const renewed = this.deps.store.get(key);
      this.deps.log.info(`Renewed ${session.target.name}${renewed ? `; next renewal at ${new Date(renewalTime(renewed.credential, renewed.issuedAt)).toISOString()}` : ''}.`);
      const wasFailing = entry.failing;
      entry.attempts = 0;
      entry.failing = false;
      if (wasFailing) this.deps.onFailureChange?.(key, undefined);
      if (renewed) this.schedule(key, renewed);
      else this.untrack(key);
    } catch (error) {
      entry.abort = undefined;
      if (this.entries.get(key) !== entry) return;
      entry.attempts++;
      const initial = this.deps.initialBackoffMs ?? 2000;
      const max = this.deps.maxBackoffMs ?? 60_000;
      const backoff = Math.min(max, initial * 2 ** (entry.attempts - 1));
      const retryAt = this.deps.clock() + backoff;
      const message = this.deps.describe(error, session);
      this.deps.log.error(`Renewing ${session.target.name} failed (attempt ${entry.attempts}); retrying in ${Math.round(backoff / 1000)} s. ${message}`);
      entry.failing = true;
      this.deps.onFailureChange?.(key, { key, message, attempts: entry.attempts, retryAt });
      this.arm(key, entry, retryAt);
    }
  }
}
