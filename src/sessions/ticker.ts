// One interval that runs only while something needs it: no timer is kept when no session is active.

export interface TimerApi {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: TimerApi = {
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export class Ticker {
  private handle: unknown;

  constructor(private readonly tick: () => void, private readonly periodMs: number, private readonly timers: TimerApi = realTimers) {}

  get running(): boolean {
    return this.handle !== undefined;
  }

  /** Starts or stops the interval; safe to call on every change. */
  setActive(active: boolean): void {
    if (active && this.handle === undefined) this.handle = this.timers.setInterval(this.tick, this.periodMs);
    if (!active && this.handle !== undefined) {
      this.timers.clearInterval(this.handle);
      this.handle = undefined;
    }
  }

  dispose(): void {
    this.setActive(false);
  }
}
