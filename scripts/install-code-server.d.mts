// Types for install-code-server.mjs, so TypeScript tests and scripts can import it.
export type VsCodeBuildName = 'oldest' | 'newest';

export interface VsCodeBuildSpec {
  codeServer: string;
  vscode: string;
  node: string;
  ripgrepCache?: { dir: string; tarball: string };
  payloadNeedsSmokeTestDriver?: boolean;
}

export interface InstalledBuild {
  name: VsCodeBuildName;
  codeServer: string;
  /** VS Code version, read from the installed lib/vscode/package.json. */
  vscode: string;
  /** Path of the Node binary to run it with. */
  node: string;
  nodeVersion: string;
  /** code-server's entry point (out/node/entry.js). */
  entry: string;
  /** The inner VS Code server (lib/vscode/out/server-main.js). */
  serverMain: string;
  /** Its workbench runs extension-host tests (a URL payload) only from VS Code's server with --enable-smoke-test-driver. */
  payloadNeedsSmokeTestDriver: boolean;
}

export const VSCODE_BUILDS: Record<VsCodeBuildName, VsCodeBuildSpec>;
export const CHROMIUM: string;
export const SCRIPTS_DIR: string;
export function selectedBuildName(): VsCodeBuildName;
export function cacheRoot(): string;
export function checkSystemTools(options?: { needChromium?: boolean }): void;
export function ensureVsCodeBuild(name?: VsCodeBuildName, options?: { log?: (line: string) => void }): Promise<InstalledBuild>;
