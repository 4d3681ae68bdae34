// Where things are: the repository root and the git-ignored output folder for logs, screenshots and temp dirs.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// dirname(__filename), not __dirname: tsx sets only __filename when an ES module (scripts/demo.mjs) imports this file.
export const REPO_ROOT = resolve(dirname(__filename), '..', '..');
export const OUTPUT_DIR = join(REPO_ROOT, 'test-output');
export const SCREENSHOT_DIR = join(OUTPUT_DIR, 'screenshots');
export const VSIX_PATH = join(REPO_ROOT, 'dist-vsix', 'cluster-pass.vsix');
/** scripts/install-code-server.mjs as an import() specifier that works from any loader context. */
export const INSTALLER_URL = pathToFileURL(join(REPO_ROOT, 'scripts', 'install-code-server.mjs')).href;
export const EXTHOST_BUNDLE = join(REPO_ROOT, 'test', 'exthost', 'out', 'index.js');

/** A fresh folder under test-output/tmp/ (kept after the run so a failing test can be inspected). */
export function makeTempDir(prefix: string): string {
  const base = join(OUTPUT_DIR, 'tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

/**
 * Root of every workbench run's folder (code-server user-data/, ext/, config.yaml and code-server.log, plus the
 * run's AWS config): test-output/workbench-runs/<name>-XXXXXX/. A leak scan can walk this one folder.
 */
export const WORKBENCH_RUNS_DIR = join(OUTPUT_DIR, 'workbench-runs');

/** A fresh folder under test-output/workbench-runs/ for one code-server run (kept for inspection and leak scans). */
export function makeWorkbenchRunDir(name: string): string {
  mkdirSync(WORKBENCH_RUNS_DIR, { recursive: true });
  return mkdtempSync(join(WORKBENCH_RUNS_DIR, `${name.replace(/[^\w.-]+/g, '_')}-`));
}
