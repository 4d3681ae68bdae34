// The one event primitive for code that also runs outside VS Code (unit tests under Node). `event` has the shape of
// vscode.Event, so an Emitter's event can be handed to VS Code and other extensions as is.
export interface Subscription {
  dispose(): void;
}

export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: { dispose(): unknown }[]) => Subscription;

export class Emitter<T = void> {
  private readonly listeners = new Set<(e: T) => unknown>();

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs ? listener.bind(thisArgs) : listener;
    this.listeners.add(bound);
    const subscription = { dispose: () => void this.listeners.delete(bound) };
    disposables?.push(subscription);
    return subscription;
  };

  /** Calls every listener subscribed now (one that unsubscribes meanwhile is still called this time). */
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
