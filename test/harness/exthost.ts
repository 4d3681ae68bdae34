// Extension-host tests inside code-server: what @vscode/test-electron does with a desktop VS Code, done through the
// browser workbench. The workbench URL carries the extension development path and the tests path as a `payload`;
// the workbench loads the extension from that path into the server's Node extension host, `require`s the tests
// module there and calls its `run()`. When it settles the workbench calls `window.codeAutomationExit(code)`;
// console output of the tests arrives through `window.codeAutomationLog(type, args)`.
// Newer workbenches (VS Code 1.139) honour the payload only from VS Code's own server run with
// --enable-smoke-test-driver: for those builds the harness starts that instead of code-server's wrapper.
import { launchBrowser, type BrowserSession } from './browser';
import { startCodeServer, vscodeBuild, type CodeServer, type CodeServerOptions } from './codeServer';
import { EXTHOST_BUNDLE, REPO_ROOT } from './paths';

export interface ExtensionHostRunOptions extends CodeServerOptions {
  /** The folder loaded as the extension under development (default: the repository root); code-server 4.100 loads one only. */
  extensionDevelopmentPaths?: string[];
  /** The bundled tests module exporting `run()` (default: test/exthost/out/index.js). */
  extensionTestsPath?: string;
  /** Called with each line the tests print (default: written to stdout). */
  onLog?: (line: string) => void;
  timeoutMs?: number;
}

export interface ExtensionHostRunResult {
  code: number;
  /** Every line the tests printed. */
  output: string[];
  /** The `N passed, N failed` line, when printed. */
  summary?: string;
  server: CodeServer;
}

export function payloadUrl(base: string, developmentPaths: string[], testsPath: string, folder?: string): string {
  // code-server 4.100's workbench reads the payload into a Map: only the last development path would load.
  if (developmentPaths.length !== 1) throw new Error(`code-server loads exactly one extensionDevelopmentPath from the payload (got ${developmentPaths.length}); install the others as .vsix files.`);
  const host = new URL(base).host;
  const remote = (p: string) => `vscode-remote://${host}${p}`;
  const payload = [...developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(testsPath)]];
  const query = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  // A workspace folder (CodeServerOptions.folder) goes in the URL too: the payload URL is what the browser opens.
  return `${base}?${folder ? `folder=${encodeURIComponent(folder)}&` : ''}${query}`;
}

/** Starts an isolated code-server, runs the extension-host tests in it, stops everything, returns the exit code. */
export async function runExtensionHostTests(options: ExtensionHostRunOptions = {}): Promise<ExtensionHostRunResult> {
  const onLog = options.onLog ?? ((line: string) => process.stdout.write(`${line}\n`));
  const build = await vscodeBuild(options.log);
  const server = await startCodeServer({ ...options, smokeTestDriver: build.payloadNeedsSmokeTestDriver });
  let browser: BrowserSession | undefined;
  const output: string[] = [];
  try {
    browser = await launchBrowser(server.url);
    const { page } = browser;
    let settle!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ');
      for (const line of text.split('\n')) {
        output.push(line);
        onLog(type === 'error' ? `[exthost:error] ${line}` : line);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      settle(Number(code));
    });
    page.on('pageerror', (e) => onLog(`[workbench page error] ${e.message}`));
    const url = payloadUrl(server.url, options.extensionDevelopmentPaths ?? [REPO_ROOT], options.extensionTestsPath ?? EXTHOST_BUNDLE, options.folder);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const timeoutMs = options.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<number>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`extension-host tests did not finish within ${timeoutMs} ms (server log: ${server.serverLogFile})`)), timeoutMs);
      }),
      server.process.exited.then((c) => Promise.reject(new Error(`code-server exited (${c}) during the tests; log: ${server.serverLogFile}`))),
    ]).finally(() => clearTimeout(timer));
    const summary = [...output].reverse().find((l) => /^\d+ passed, \d+ failed$/.test(l.trim()))?.trim();
    return { code, output, summary, server };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
