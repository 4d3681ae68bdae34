// The Jupyter extension integration in a real VS Code (code-server's extension host): Cluster Pass installed from its
// .vsix and the stand-in for ms-toolsai.jupyter (test/fixtures/jupyter-standin) loaded as the extension development
// path (the workbench reads the URL payload into a Map, so only one development path survives), the emulator's
// ACTIVE managed endpoint pointing at the simulated endpoint (jupyter-server behind TLS nginx that checks every
// token with the emulator). test/exthost/jupyter.test.ts calls the "Cluster Pass" server collection as the Jupyter
// extension would and runs 1+1 with @jupyterlab/services through the connection information it returns.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { AWS_ENV_TO_CLEAR } from '../harness/awsConfig';
import { packageVsixIfStale } from '../harness/build';
import { trackIssuedSecrets } from '../harness/emulator';
import { runExtensionHostTests } from '../harness/exthost';
import { bundleJupyterExthostTests, JUPYTER_STANDIN_DIR } from '../harness/jupyterStandin';
import { startNotebookBackend } from '../harness/notebook';
import { makeWorkbenchRunDir } from '../harness/paths';
import { assertNoSecretsIn } from '../harness/secrets';

test('the "Cluster Pass" server collection, called as the Jupyter extension calls it, connects and runs 1+1', { timeout: 120_000 }, async (t) => {
  const [vsix, bundle] = await Promise.all([packageVsixIfStale(), bundleJupyterExthostTests()]);
  const nb = await startNotebookBackend(t, makeWorkbenchRunDir('notebook-provider'));
  const { emulator, dir, folder: workspace } = nb;
  const issuedSecrets = trackIssuedSecrets(emulator);

  const result = await runExtensionHostTests({
    dataDir: nb.dataDir,
    folder: workspace,
    vsix: [vsix],
    extensionDevelopmentPaths: [JUPYTER_STANDIN_DIR],
    extensionTestsPath: bundle,
    clearEnv: AWS_ENV_TO_CLEAR,
    env: { ...nb.env, CLUSTER_PASS_EMULATOR_URL: emulator.url, CLUSTER_PASS_JUPYTER_SIM: '1' },
    settings: { ...nb.settings, 'clusterPass.notifyBeforeExpiry': false },
    onLog: (line) => t.diagnostic(line),
    timeoutMs: 90_000,
  });
  console.log(`exthost (jupyter stand-in): ${result.summary ?? '(no summary line printed)'}`);
  assert.ok(result.summary, `the suite printed no "N passed, N failed" line:\n${result.output.join('\n')}`);
  assert.equal(result.code, 0, `extension-host tests failed:\n${result.output.join('\n')}`);
  // Only the test for a run without the Jupyter extension skips itself here.
  const skipped = result.output.filter((l) => /\(skipped: /.test(l));
  assert.ok(skipped.every((l) => l.includes('without the Jupyter extension')), `no stand-in test skipped itself:\n${skipped.join('\n')}`);
  assert.match(result.summary, /^[1-9]\d* passed, 0 failed$/);
  // Every session the emulator issued: in no file code-server wrote, nor in the notebooks.
  assert.ok(issuedSecrets().length >= 2, 'the suite fetched sessions');
  assertNoSecretsIn([join(dir, 'code-server'), workspace], issuedSecrets());
});
