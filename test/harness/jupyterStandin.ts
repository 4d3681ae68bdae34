// The Jupyter stand-in (test/fixtures/jupyter-standin: an extension with the id ms-toolsai.jupyter that records the
// server collections it is given) and the extension-host bundle that exercises Cluster Pass against it.
import { join } from 'node:path';
import { bundleExthostEntry } from './build';
import { REPO_ROOT } from './paths';

/** The stand-in's folder: pass it as a second extension development path. */
export const JUPYTER_STANDIN_DIR = join(REPO_ROOT, 'test', 'fixtures', 'jupyter-standin');

/** The bundle of test/exthost/jupyter-standin.test.ts (only the Jupyter integration tests). */
export const JUPYTER_EXTHOST_BUNDLE = join(REPO_ROOT, 'test', 'exthost', 'out', 'jupyter-standin.js');

export function bundleJupyterExthostTests(): Promise<string> {
  return bundleExthostEntry(join(REPO_ROOT, 'test', 'exthost', 'jupyter-standin.test.ts'), JUPYTER_EXTHOST_BUNDLE);
}
