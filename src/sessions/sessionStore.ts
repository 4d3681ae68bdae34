// Active sessions, in memory only: secrets never leave this process's heap.
import { Emitter, type Event } from '../events';
import { sessionIdentity } from '../services/sessionIdentity';
import type { CredentialInput, CredentialMethod, IssuedCredential, Target } from '../services/types';
import type { Clock } from './countdown';

export interface Session {
  /** Stable for a target, method and role: fetching again for the same trio replaces the session. */
  readonly key: string;
  readonly target: Target;
  readonly method: CredentialMethod;
  readonly input: CredentialInput;
  credential: IssuedCredential;
  issuedAt: number;
  /** How many times this session was renewed. */
  renewals: number;
}

export function sessionKey(target: Target, method: CredentialMethod, input: CredentialInput): string {
  return [target.location.profile, target.location.region, target.kind, target.parentId ?? '', target.id, method.id, sessionIdentity(method, input)].join('|');
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly changed = new Emitter<void>();
  /** Called when a session is added, replaced or removed. */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(private readonly clock: Clock = Date.now) {}

  /** Adds or replaces the session for this target, method and role. */
  put(target: Target, method: CredentialMethod, input: CredentialInput, credential: IssuedCredential): Session {
    const key = sessionKey(target, method, input);
    const previous = this.sessions.get(key);
    const session: Session = { key, target, method, input, credential, issuedAt: this.clock(), renewals: previous ? previous.renewals + 1 : 0 };
    this.sessions.set(key, session);
    this.emit();
    return session;
  }

  get(key: string): Session | undefined {
    return this.sessions.get(key);
  }

  /** All sessions, soonest expiry first. */
  list(): Session[] {
    return [...this.sessions.values()].sort((a, b) => a.credential.expiresAt.getTime() - b.credential.expiresAt.getTime());
  }

  get size(): number {
    return this.sessions.size;
  }

  forget(key: string): boolean {
    const removed = this.sessions.delete(key);
    if (removed) this.emit();
    return removed;
  }

  clear(): void {
    if (!this.sessions.size) return;
    this.sessions.clear();
    this.emit();
  }

  /** Milliseconds until the session expires (negative once expired). */
  remaining(session: Session): number {
    return session.credential.expiresAt.getTime() - this.clock();
  }

  private emit(): void {
    this.changed.fire();
  }
}
