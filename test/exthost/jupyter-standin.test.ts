// The extension-host entry for the run with the Jupyter stand-in (test/e2e/notebook-provider.test.ts): only the
// Jupyter integration tests, so the "not created before a notebook is open" check runs before anything opens one.
// Bundled to test/exthost/out/jupyter-standin.js; the main suite (index.ts) imports jupyter.test.ts itself.
import { runRegistered } from './runner';
import './jupyter.test';

export async function run(): Promise<void> {
  const { failed } = await runRegistered();
  if (failed > 0) throw new Error(`${failed} extension-host test(s) failed`);
}
