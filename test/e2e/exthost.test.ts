// Extension-host tests in a real VS Code (code-server's Node extension host), against the emulator.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { AWS_ENV_TO_CLEAR, writeAwsConfig } from '../harness/awsConfig';
import { buildExtension, bundleExthostTests } from '../harness/build';
import { startEmulatorInProcess } from '../harness/emulator';
import { runExtensionHostTests } from '../harness/exthost';
import { makeTempDir } from '../harness/paths';

test('extension-host suite passes inside code-server', { timeout: 240_000 }, async (t) => {
  await Promise.all([buildExtension(), bundleExthostTests()]);
  const emulator = await startEmulatorInProcess();
  t.after(() => emulator.stop());
  const dir = makeTempDir('exthost');
  const aws = writeAwsConfig(`${dir}/aws`, emulator);

  const result = await runExtensionHostTests({
    dataDir: `${dir}/code-server`,
    clearEnv: AWS_ENV_TO_CLEAR,
    env: { ...aws.env, CLUSTER_PASS_HARNESS: 'code-server' },
    onLog: (line) => t.diagnostic(line),
  });
  // The suite's closing line, echoed so it shows in the run's output next to node:test's own summary.
  console.log(`exthost: ${result.summary ?? '(no summary line printed)'}`);
  assert.ok(result.summary, `the suite printed no "N passed, N failed" line:\n${result.output.join('\n')}`);
  assert.equal(result.code, 0, `extension-host tests failed:\n${result.output.join('\n')}`);
});
