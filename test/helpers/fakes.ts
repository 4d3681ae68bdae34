// Small test doubles for timers and the service interface (targets, methods, credentials); the vscode objects are
// in ./vscode.ts.
import type { CredentialMethod, IssuedCredential, Target } from '../../src/services/types';

/** A manual clock with interval and timeout queues that run when time is advanced. */
export class FakeTime {
  now = Date.UTC(2026, 10, 22, 12, 0, 0);
  private nextId = 1;
  readonly intervals = new Map<number, { callback: () => void; ms: number; due: number }>();
  readonly timeouts = new Map<number, { callback: () => void; due: number }>();

  clock = (): number => this.now;

  timers = {
    setInterval: (callback: () => void, ms: number): unknown => {
      const id = this.nextId++;
      this.intervals.set(id, { callback, ms, due: this.now + ms });
      return id;
    },
    clearInterval: (handle: unknown): void => void this.intervals.delete(handle as number),
    setTimeout: (callback: () => void, ms: number): unknown => {
      const id = this.nextId++;
      this.timeouts.set(id, { callback, due: this.now + ms });
      return id;
    },
    clearTimeout: (handle: unknown): void => void this.timeouts.delete(handle as number),
  };

  /** Moves time forward, firing due intervals and timeouts in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.intervals.values(), ...this.timeouts.values()].map((t) => t.due).filter((d) => d <= end);
      if (!due.length) break;
      this.now = Math.min(...due);
      for (const [id, t] of [...this.timeouts]) if (t.due <= this.now) { this.timeouts.delete(id); t.callback(); }
      for (const t of [...this.intervals.values()]) if (t.due <= this.now) { t.due += t.ms; t.callback(); }
    }
    this.now = end;
  }

  get pending(): number {
    return this.intervals.size + this.timeouts.size;
  }
}

export function target(overrides: Partial<Target> = {}): Target {
  return {
    kind: 'test:cluster',
    location: { profile: 'demo', region: 'us-east-1' },
    id: 'c-1',
    name: 'analytics',
    state: 'RUNNING',
    stateCategory: 'active',
    details: {},
    ...overrides,
  };
}

export function method(overrides: Partial<CredentialMethod> = {}): CredentialMethod {
  return {
    id: 'test.method',
    label: 'Test credentials',
    targetKind: 'test:cluster',
    operation: 'GetTestCredentials',
    iamActions: ['test:GetCredentials'],
    parameters: [],
    formats: [{ id: 'password', label: 'Password', render: (c) => c.credential.secret }],
    fetch: async () => credential(),
    ...overrides,
  };
}

export function credential(overrides: Partial<IssuedCredential> = {}): IssuedCredential {
  return { user: 'u', secret: 's3cr3t', expiresAt: new Date(Date.UTC(2026, 10, 22, 12, 15, 0)), ...overrides };
}
