// Runs the product's own AWS layer against the emulator the way a user's machine would:
// profiles in an AWS config file whose endpoint_url points at the emulator, keys in the credentials file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsApi } from '../../src/aws/api';
import { createAwsApi } from '../../src/aws/bundle';
import { ClipboardGuard } from '../../src/sessions/clipboardGuard';
import { CredentialService } from '../../src/credentials/credentialService';
import { RecentValues } from '../../src/credentials/recentValues';
import { SessionStore } from '../../src/sessions/sessionStore';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index';
import { AWS_ENV_TO_CLEAR, writeAwsConfig, type AwsProfileSpec, type EmulatorEndpoint } from '../harness/awsConfig';
import { clipboard as fakeClipboard, memento, NOTIFICATION, scriptedWindow } from './vscode';

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

/**
 * A window that records messages and answers QuickPicks from a script (input boxes get no answer: the tests pass
 * inputs); `errorAnswer` is the button clicked on the first error.
 */
export function recordingWindow(picks: string[] = [], errorAnswer?: string) {
  const { window, messages, cancel } = scriptedWindow(picks, errorAnswer);
  return { window: { ...window, showInputBox: async () => undefined }, messages, cancel };
}

export function credentialService(api: AwsApi, window: ReturnType<typeof recordingWindow>['window'], format = 'password') {
  const store = new SessionStore();
  const clipboard = fakeClipboard('user text');
  const guard = new ClipboardGuard(clipboard, Date.now);
  const followUps: string[] = [];
  const service = new CredentialService({
    loadAws: async () => api,
    store,
    window,
    notificationLocation: NOTIFICATION,
    clipboard: guard,
    prompts: { window, recent: new RecentValues(memento()), setting: () => undefined },
    log: silentLog,
    clock: Date.now,
    defaultFormat: () => format,
    clearAfterSeconds: () => 0,
    followUp: (action) => followUps.push(action.title),
  });
  return { service, store, clipboard, guard, followUps };
}
