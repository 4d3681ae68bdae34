// The one stand-in for the `vscode` objects that logic modules take as parameters, typed as those parameters, so a
// test builds them here instead of casting its own literals. Only what the modules call is implemented.
import type { Memento, MessageItem, ProgressLocation, QuickPickItem, StatusBarItem, ThemeColor, Uri, window } from 'vscode';

type Window = typeof window;

/** A status-bar item that records what it shows (`visible`, `disposed`). */
export function statusItem() {
  return {
    text: '',
    tooltip: undefined as StatusBarItem['tooltip'],
    backgroundColor: undefined as ThemeColor | undefined,
    command: undefined as StatusBarItem['command'],
    name: undefined as string | undefined,
    accessibilityInformation: undefined as StatusBarItem['accessibilityInformation'],
    visible: false,
    disposed: false,
    show() { this.visible = true; },
    hide() { this.visible = false; },
    dispose() { this.disposed = true; },
  };
}

export function themeColor(id: string): ThemeColor {
  return { id };
}

/** globalState in memory; `data` shows what was stored. */
export function memento(): Pick<Memento, 'get' | 'update'> & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: <T>(key: string, fallback?: T) => (data.has(key) ? data.get(key) : fallback) as T,
    update: async (key: string, value: unknown) => void data.set(key, value),
  };
}

/** vscode.Uri.parse as far as the Jupyter provider uses it (its string form). */
export function uri(value: string): Uri {
  return { toString: () => value, value } as unknown as Uri;
}

/** Where progress shows: any number will do outside VS Code. */
export const NOTIFICATION = 15 as ProgressLocation;

/** A clipboard (vscode.env.clipboard) holding `initial`. */
export function clipboard(initial = '') {
  return {
    value: initial,
    async readText() { return this.value; },
    async writeText(v: string) { this.value = v; },
  };
}

/**
 * A window whose quick picks and input boxes are answered from a script (by item label; undefined cancels) and
 * whose messages are recorded with their buttons' titles; `errorAnswer` is the title clicked on the first error.
 */
export function scriptedWindow(answers: (string | undefined)[] = [], errorAnswer?: string) {
  const messages: { level: 'info' | 'warning' | 'error'; text: string; actions: string[] }[] = [];
  const shown: { kind: 'input' | 'pick'; value?: string; items?: string[]; validation?: (v: string) => unknown }[] = [];
  /** Each quick pick's labels, in order. */
  const picks: string[][] = [];
  const cancel = { requested: false, listeners: [] as (() => void)[] };
  const fake = {
    async withProgress(_options: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) {
      return task({ report: () => {} }, { get isCancellationRequested() { return cancel.requested; }, onCancellationRequested: (l: () => void) => { cancel.listeners.push(l); return { dispose() {} }; } });
    },
    async showInputBox(options: { value?: string; validateInput?: (v: string) => unknown } = {}) {
      shown.push({ kind: 'input', value: options.value, validation: options.validateInput });
      return answers.shift();
    },
    async showQuickPick(items: QuickPickItem[]) {
      shown.push({ kind: 'pick', items: items.map((i) => i.label) });
      picks.push(items.map((i) => i.label));
      const answer = answers.shift();
      return answer === undefined ? undefined : items.find((i) => i.label === answer);
    },
    async showInformationMessage(text: string, ...actions: MessageItem[]) {
      messages.push({ level: 'info', text, actions: actions.map((a) => a.title) });
      return undefined;
    },
    async showWarningMessage(text: string, ...actions: MessageItem[]) {
      messages.push({ level: 'warning', text, actions: actions.map((a) => a.title) });
      return undefined;
    },
    async showErrorMessage(text: string, ...actions: MessageItem[]) {
      messages.push({ level: 'error', text, actions: actions.map((a) => a.title) });
      const answer = errorAnswer;
      errorAnswer = undefined;
      return actions.find((a) => a.title === answer);
    },
  };
  // The one cast: the fake answers what the modules call, not every overload of vscode.window.
  const typed = fake as unknown as Pick<Window, 'withProgress' | 'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage'>;
  return { window: typed, messages, shown, picks, cancel: () => { cancel.requested = true; cancel.listeners.forEach((l) => l()); } };
}
