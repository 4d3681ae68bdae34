// One workbench run for a UI test file: the in-process emulator, an isolated AWS config pointing at it, the packaged
// extension in code-server, Chromium on it. Each test file is one process: open one run, share it across the
// file's tests, and check for secret leaks after each test.
//
//   const run = await startUiRun('ui-credentials', { settings: { 'clusterPass.defaultFormat': 'password' } });
//   after(() => run.close());
//   afterEach(() => run.assertNoLeaks());
import { join } from 'node:path';
import type { Emulator, EmulatorOptions } from '../emulator/index';
import { AWS_ENV_TO_CLEAR, writeAwsConfig, type AwsConfigFiles, type AwsProfileSpec } from './awsConfig';
import { packageTestLanguagePack, packageVsixIfStale } from './build';
import { startEmulatorInProcess, trackIssuedSecrets } from './emulator';
import { makeWorkbenchRunDir } from './paths';
import { openWorkbench, type Workbench } from './workbench';

export const COUNTDOWN_ITEM = 'clusterPass.countdown';

export interface UiRunOptions {
  /** Options for the run's emulator (e.g. `postgresUrl`, so Redshift users exist on a real PostgreSQL). */
  emulatorOptions?: EmulatorOptions;
  /** Profiles in the AWS config (default: `demo` in the emulator's first region, `analytics` in its second). */
  profiles?: (emulatorRegions: string[]) => AwsProfileSpec[];
  /** User settings (merged over the harness defaults), e.g. `clusterPass.defaultFormat`. */
  settings?: (aws: AwsConfigFiles, emulatorRegions: string[]) => Record<string, unknown>;
  /** More environment for code-server and the extension host (e.g. a HOME holding an `aws sso login` token cache). */
  env?: (dir: string) => Record<string, string>;
  /** The workbench's display language (code-server `--locale`), e.g. `de`. */
  locale?: string;
}

export interface UiRun {
  readonly dir: string;
  readonly emulator: Emulator;
  readonly aws: AwsConfigFiles;
  readonly wb: Workbench;
  /** Every secret the emulator issued so far in this run (kept across `emulator.clearLog()`). */
  issuedSecrets(): { secret: string; user?: string }[];
  /** Scans the run's code-server folder (logs, settings, state, server log) for every issued secret; throws on a hit. */
  assertNoLeaks(): number;
  close(): Promise<void>;
}

export async function startUiRun(name: string, options: UiRunOptions = {}): Promise<UiRun> {
  const vsix = await packageVsixIfStale();
  const emulator = await startEmulatorInProcess(options.emulatorOptions);
  const dir = makeWorkbenchRunDir(name);
  // clearLog() empties issuedSecrets: remember them all, so the leak scan sees every secret of the run.
  const collect = trackIssuedSecrets(emulator);
  try {
    const aws = writeAwsConfig(join(dir, 'aws'), emulator, options.profiles?.(emulator.regions));
    const wb = await openWorkbench({
      dataDir: join(dir, 'code-server'),
      vsix: options.locale ? [vsix, await packageTestLanguagePack(options.locale)] : [vsix],
      clearEnv: AWS_ENV_TO_CLEAR,
      env: { ...aws.env, CLUSTER_PASS_HARNESS: 'code-server', ...options.env?.(dir) },
      settings: {
        // Notifications before expiry would cover the toasts the tests look for.
        'clusterPass.notifyBeforeExpiry': false,
        ...options.settings?.(aws, emulator.regions),
      },
      screenshotPrefix: name,
      locale: options.locale,
    });
    let closed: Promise<void> | undefined;
    return {
      dir,
      emulator,
      aws,
      wb,
      issuedSecrets: collect,
      assertNoLeaks: () => {
        const secrets = collect();
        // Once a credential was fetched the extension has logged it (without the secret): its log file must be
        // among the scanned files, or the scan proves nothing about the log.
        if (secrets.length && !wb.extensionLogFiles().length) throw new Error(`no "Cluster Pass.log" under ${wb.server.logsDir}: the leak scan would miss the extension's log`);
        return wb.assertNoSecretLeaks(secrets);
      },
      close: () =>
        (closed ??= (async () => {
          await wb.close();
          await emulator.stop();
          // After the server stopped (state flushed to disk): one last scan.
          wb.assertNoSecretLeaks(collect());
        })()),
    };
  } catch (e) {
    await emulator.stop();
    throw e;
  }
}

/** Minutes and seconds (or hours, minutes, seconds) in the countdown text → seconds; undefined when there is none. */
export function countdownSeconds(text: string): number | undefined {
  const m = /(?:(\d+):)?(\d+):(\d\d)(?!\d)/.exec(text);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}
