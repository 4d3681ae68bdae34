// Extension-host tests in a real VS Code (code-server's Node extension host), against the emulator, with a workspace
// folder whose .vscode/settings.json tries to set machine-scoped settings.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AWS_ENV_TO_CLEAR, writeAwsConfig } from '../harness/awsConfig';
import { buildExtension, bundleExthostTests } from '../harness/build';
import { startEmulatorInProcess, trackIssuedSecrets } from '../harness/emulator';
import { runExtensionHostTests } from '../harness/exthost';
import { makeWorkbenchRunDir } from '../harness/paths';
import { assertNoSecretsIn } from '../harness/secrets';

/** What the workspace's settings file sets; test/exthost/settings.test.ts reads the same values back. */
const WORKSPACE_SETTINGS = {
  // Machine-scoped: VS Code must ignore these in a workspace.
  'clusterPass.profiles': ['workspace-chosen-profile'],
  'clusterPass.regions': ['ap-southeast-7'],
  'clusterPass.redshift.defaultDbUser': 'workspace_user',
  // Window-scoped: read from the same file, proving the file was loaded.
  'clusterPass.statusBar.warningMinutes': 7,
};

test('extension-host suite passes inside code-server', { timeout: 240_000 }, async (t) => {
  await Promise.all([buildExtension(), bundleExthostTests()]);
  const emulator = await startEmulatorInProcess();
  t.after(() => emulator.stop());
  const issuedSecrets = trackIssuedSecrets(emulator);
  const dir = makeWorkbenchRunDir('exthost');
  const aws = writeAwsConfig(`${dir}/aws`, emulator);
  const workspace = join(dir, 'workspace');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2));

  const result = await runExtensionHostTests({
    dataDir: `${dir}/code-server`,
    folder: workspace,
    clearEnv: AWS_ENV_TO_CLEAR,
    env: { ...aws.env, CLUSTER_PASS_HARNESS: 'code-server', CLUSTER_PASS_EMULATOR_URL: emulator.url },
    onLog: (line) => t.diagnostic(line),
  });
  // The suite's closing line, echoed so it shows in the run's output next to node:test's own summary.
  console.log(`exthost: ${result.summary ?? '(no summary line printed)'}`);
  assert.ok(result.summary, `the suite printed no "N passed, N failed" line:\n${result.output.join('\n')}`);
  assert.equal(result.code, 0, `extension-host tests failed:\n${result.output.join('\n')}`);
  // The tests ran in the VS Code build the harness started (CLUSTER_PASS_VSCODE), on that build's Node.
  const { vscode, nodeVersion } = result.server.build;
  assert.ok(result.output.includes(`extension host: VS Code ${vscode} on Node ${nodeVersion}`), `expected VS Code ${vscode} on Node ${nodeVersion}:\n${result.output.slice(0, 3).join('\n')}`);
  // Every secret the suite made the emulator issue: in no file code-server wrote.
  assert.ok(issuedSecrets().length > 0, 'the suite fetched no credentials');
  assertNoSecretsIn([`${dir}/code-server`], issuedSecrets());
});
