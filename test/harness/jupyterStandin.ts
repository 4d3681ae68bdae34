// The Jupyter stand-in (test/fixtures/jupyter-standin: an extension with the id ms-toolsai.jupyter that follows the
// server-collection contract and has a kernel picker of its own; see its README.md), packaged for UI runs, and the
// extension-host bundle that exercises Cluster Pass against it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleExthostEntry } from './build';
import { OUTPUT_DIR, REPO_ROOT } from './paths';
import { runCommand } from './processes';

/** The stand-in's folder: pass it as a second extension development path. */
export const JUPYTER_STANDIN_DIR = join(REPO_ROOT, 'test', 'fixtures', 'jupyter-standin');

/** The bundle of test/exthost/jupyter-standin.test.ts (only the Jupyter integration tests). */
export const JUPYTER_EXTHOST_BUNDLE = join(REPO_ROOT, 'test', 'exthost', 'out', 'jupyter-standin.js');

/** The stand-in packaged as test-output/jupyter-standin.vsix, to install beside Cluster Pass in a UI run. */
export const JUPYTER_STANDIN_VSIX = join(OUTPUT_DIR, 'jupyter-standin.vsix');

export function bundleJupyterExthostTests(): Promise<string> {
  return bundleExthostEntry(join(REPO_ROOT, 'test', 'exthost', 'jupyter-standin.test.ts'), JUPYTER_EXTHOST_BUNDLE);
}

/** Packages the stand-in (vsce, as for Cluster Pass; under a second). Returns the .vsix path. */
export async function packageJupyterStandIn(): Promise<string> {
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await runCommand(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', JUPYTER_STANDIN_VSIX], { cwd: JUPYTER_STANDIN_DIR });
  return JUPYTER_STANDIN_VSIX;
}
