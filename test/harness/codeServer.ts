// An isolated code-server: its own user-data, extensions and config folders, the welcome page off, auth off,
// bound to 127.0.0.1. Started as its own process group and stopped by signalling the group.
// Which VS Code: CLUSTER_PASS_VSCODE=oldest|newest (scripts/install-code-server.mjs), each on its own Node.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTALLER_URL, makeWorkbenchRunDir } from './paths';
import { freePort, runCommand, spawnGroup, waitForHttp, type GroupProcess } from './processes';

export interface CodeServerOptions {
  /** Port to bind on 127.0.0.1; a free one when absent. */
  port?: number;
  /** Folder for user-data/, ext/, config.yaml and the server log; a new one under test-output/workbench-runs/ when absent. */
  dataDir?: string;
  /** .vsix files installed into the isolated extensions folder before the server starts. */
  vsix?: string[];
  /** Settings merged over `{"workbench.startupEditor":"none"}` in the user's settings.json. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and so for its extension host (e.g. AWS_CONFIG_FILE). */
  env?: Record<string, string>;
  /** Names removed from the inherited environment before `env` is applied. */
  clearEnv?: string[];
  /** Folder opened when the workbench URL has no `folder` query. */
  folder?: string;
  /**
   * Keep workspace trust on (default: off, `--disable-workspace-trust`). The folder then opens in Restricted Mode
   * (an untrusted workspace) without the startup prompt or the banner; the status bar says "Restricted Mode".
   */
  workspaceTrust?: boolean;
  /** Display language (`--locale`, e.g. `de`): the extension's package.nls.<locale>.json and l10n bundle apply. */
  locale?: string;
  log?: (line: string) => void;
  /**
   * Run VS Code's own server (lib/vscode/out/server-main.js) with `--enable-smoke-test-driver` instead of code-server's
   * wrapper: newer VS Code (1.139) honours a workbench `payload` (extension-host tests) only with that option, which
   * code-server's command line rejects.
   */
  smokeTestDriver?: boolean;
}

export interface CodeServer {
  url: string;
  host: string;
  port: number;
  dataDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** VS Code's log folder root (`user-data/logs`): the server's and the extension host's log files are under it. */
  logsDir: string;
  serverLogFile: string;
  /** The VS Code build it runs (version, code-server version, Node). */
  build: InstalledBuild;
  process: GroupProcess;
  stop(): Promise<void>;
}

type Installer = typeof import('../../scripts/install-code-server.mjs', { with: { 'resolution-mode': 'import' } });
export type InstalledBuild = Awaited<ReturnType<Installer['ensureVsCodeBuild']>>;

/** The selected VS Code build (CLUSTER_PASS_VSCODE), installed first if needed. */
export async function vscodeBuild(log?: (line: string) => void): Promise<InstalledBuild> {
  const installer = (await import(INSTALLER_URL)) as Installer;
  return installer.ensureVsCodeBuild(undefined, { log });
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const log = options.log ?? ((l: string) => console.error(l));
  const build = await vscodeBuild(log);
  const dataDir = options.dataDir ?? makeWorkbenchRunDir('code-server');
  const userDataDir = join(dataDir, 'user-data');
  const extensionsDir = join(dataDir, 'ext');
  const configFile = join(dataDir, 'config.yaml');
  const serverLogFile = join(dataDir, 'code-server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    // No gallery is reachable: don't ask it for updates or recommendations.
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    ...(options.workspaceTrust ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
    ...options.settings,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  // VS Code's own server (--server-data-dir) keeps user settings in the browser; the settings it reads from disk are
  // the remote machine's, in <server-data-dir>/data/Machine.
  const serverDataDir = join(userDataDir, 'data');
  if (options.smokeTestDriver) {
    mkdirSync(join(serverDataDir, 'Machine'), { recursive: true });
    writeFileSync(join(serverDataDir, 'Machine', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of options.clearEnv ?? []) delete env[name];
  // VS Code variables of an outer VS Code (a developer running tests from its terminal) must not leak in.
  for (const name of Object.keys(env)) if (name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') delete env[name];
  Object.assign(env, options.env);

  const common = options.smokeTestDriver
    ? ['--server-data-dir', userDataDir, '--extensions-dir', extensionsDir]
    : ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', configFile];
  const main = options.smokeTestDriver ? build.serverMain : build.entry;
  for (const vsix of options.vsix ?? []) {
    if (!existsSync(vsix)) throw new Error(`no such .vsix: ${vsix}`);
    await runCommand(build.node, [main, ...common, '--install-extension', vsix], { env });
  }
  if (options.locale) registerLanguagePacks(extensionsDir, userDataDir);

  const port = options.port ?? (await freePort());
  const host = '127.0.0.1';
  const args = options.smokeTestDriver ? vscodeServerArgs(host, port) : codeServerArgs(host, port, options.folder, options.workspaceTrust ?? false, options.locale);
  const proc = spawnGroup(build.node, [main, ...common, ...args], { env, logFile: serverLogFile });
  const url = `http://${host}:${port}/`;
  try {
    await waitForHttp(options.smokeTestDriver ? `${url}version` : `${url}healthz`, { timeoutMs: 30_000, proc });
  } catch (e) {
    await proc.stop();
    throw new Error(`code-server did not start (log: ${serverLogFile}): ${e instanceof Error ? e.message : e}`);
  }
  return {
    url,
    host,
    port,
    dataDir,
    userDataDir,
    extensionsDir,
    logsDir: options.smokeTestDriver ? join(serverDataDir, 'logs') : join(userDataDir, 'logs'),
    serverLogFile,
    build,
    process: proc,
    stop: () => proc.stop(),
  };
}

/**
 * Writes user-data/languagepacks.json for the installed language packs, as VS Code's language-pack cache would. The
 * server reads it once, at start, to choose the display language; installing a pack from the command line does not
 * write it, so without this `--locale` falls back to English.
 */
function registerLanguagePacks(extensionsDir: string, userDataDir: string): void {
  const packs: Record<string, unknown> = {};
  for (const folder of readdirSync(extensionsDir)) {
    const manifestFile = join(extensionsDir, folder, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { publisher: string; name: string; version: string; contributes?: { localizations?: { languageId: string; localizedLanguageName?: string; translations: { id: string; path: string }[] }[] } };
    for (const l of manifest.contributes?.localizations ?? []) {
      packs[l.languageId] = {
        hash: `${manifest.publisher}.${manifest.name}-${manifest.version}`,
        extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
        translations: Object.fromEntries(l.translations.map((t) => [t.id, join(extensionsDir, folder, t.path)])),
        label: l.localizedLanguageName,
      };
    }
  }
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

function codeServerArgs(host: string, port: number, folder: string | undefined, workspaceTrust: boolean, locale?: string): string[] {
  const args = [
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(locale ? ['--locale', locale] : []),
  ];
  return folder ? [...args, folder] : args;
}

/** VS Code's own server: no token, the license accepted, the smoke-test driver on (the workbench honours a payload). */
function vscodeServerArgs(host: string, port: number): string[] {
  return ['--host', host, '--port', String(port), '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry'];
}
