// Runs the product's own AWS layer against the emulator the way a user's machine would:
// profiles in an AWS config file whose endpoint_url points at the emulator, keys in the credentials file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsApi } from '../../src/aws/api';
import { createAwsApi } from '../../src/aws/bundle';
import { ClipboardGuard } from '../../src/sessions/clipboardGuard';
import { CredentialService, type CredentialWindow } from '../../src/credentials/credentialService';
import { RecentValues } from '../../src/credentials/recentValues';
import { SessionStore } from '../../src/sessions/sessionStore';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index';
import { AWS_ENV_TO_CLEAR, writeAwsConfig, type AwsProfileSpec, type EmulatorEndpoint } from '../harness/awsConfig';
import { fakeClipboard } from './fakes';

export interface ProductWorld {
  readonly emulator: Emulator;
  readonly api: AwsApi;
  readonly dir: string;
  stop(): Promise<void>;
}

export async function startProductWorld(options: EmulatorOptions & { profiles?: AwsProfileSpec[] } = {}): Promise<ProductWorld> {
  const emulator = await startEmulator(options);
  const { api, dir, restore } = await productAwsApi(emulator, options.profiles);
  return {
    emulator,
    api,
    dir,
    async stop() {
      await emulator.stop();
      restore();
    },
  };
}

/**
 * createAwsApi as on a user's machine whose AWS config file (in a new temp folder named `prefix`…) points at `endpoint`:
 * the AWS_* variables are replaced by that file's and AWS_PROFILE is unset. `restore()` removes the folder and puts
 * the variables back.
 */
export async function productAwsApi(endpoint: EmulatorEndpoint, profiles?: AwsProfileSpec[], prefix = 'cluster-pass-aws-'): Promise<{ api: AwsApi; dir: string; restore(): void }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const files = writeAwsConfig(dir, endpoint, profiles);
  const saved = new Map(AWS_ENV_TO_CLEAR.map((k) => [k, process.env[k]]));
  for (const k of AWS_ENV_TO_CLEAR) delete process.env[k];
  Object.assign(process.env, files.env);
  delete process.env.AWS_PROFILE;
  const api = await createAwsApi({ mfaCode: async () => undefined });
  return {
    api,
    dir,
    restore() {
      rmSync(dir, { recursive: true, force: true });
      for (const [k, v] of saved) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    },
  };
}

export const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

/** The buttons of a message, as VS Code passes them back. */
type MessageItem = { readonly title: string };

/** A window that records messages (with their buttons' titles) and answers QuickPicks from a script. */
export function recordingWindow(picks: string[] = [], errorAnswer?: string) {
  const messages: { level: 'info' | 'error'; text: string; actions: string[] }[] = [];
  const cancel = { requested: false, listeners: [] as (() => void)[] };
  const window = {
    async withProgress(_options: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) {
      return task({ report: () => {} }, { get isCancellationRequested() { return cancel.requested; }, onCancellationRequested: (l: () => void) => { cancel.listeners.push(l); return { dispose() {} }; } });
    },
    async showInformationMessage(text: string, ...actions: MessageItem[]) {
      messages.push({ level: 'info', text, actions: actions.map((a) => a.title) });
      return undefined;
    },
    async showErrorMessage(text: string, ...actions: MessageItem[]) {
      messages.push({ level: 'error', text, actions: actions.map((a) => a.title) });
      const answer = errorAnswer;
      errorAnswer = undefined;
      return actions.find((a) => a.title === answer);
    },
    async showQuickPick(items: { label: string }[]) {
      const answer = picks.shift();
      return items.find((i) => i.label === answer);
    },
    async showInputBox() {
      return undefined;
    },
  };
  return { window: window as unknown as CredentialWindow & { showInputBox(): Promise<undefined> }, messages, cancel: () => { cancel.requested = true; cancel.listeners.forEach((l) => l()); } };
}

export function credentialService(api: AwsApi, window: ReturnType<typeof recordingWindow>['window'], format = 'password') {
  const store = new SessionStore();
  const clipboard = fakeClipboard('user text');
  const guard = new ClipboardGuard(clipboard, Date.now);
  const followUps: string[] = [];
  const memory = new Map<string, unknown>();
  const service = new CredentialService({
    loadAws: async () => api,
    store,
    window,
    notificationLocation: 15 as never,
    clipboard: guard,
    prompts: { window, recent: new RecentValues({ get: (k: string, d?: unknown) => memory.get(k) ?? d, update: async (k: string, v: unknown) => void memory.set(k, v) } as never), setting: () => undefined },
    log: silentLog,
    clock: Date.now,
    defaultFormat: () => format,
    clearAfterSeconds: () => 0,
    followUp: (action) => followUps.push(action.title),
  });
  return { service, store, clipboard, guard, followUps };
}
