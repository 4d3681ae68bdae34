// `npm run test:desktop`: the extension-host suite (test/exthost/) in a desktop VS Code downloaded by
// @vscode/test-electron, for contributors whose machines can download VS Code. Not part of CI (which runs the
// same suite inside code-server: test/e2e/exthost.test.ts). Runs under `node --import tsx` (see package.json).
import { createRequire } from 'node:module';
import { buildExtension, bundleExthostTests } from '../test/harness/build.ts';
import { REPO_ROOT } from '../test/harness/paths.ts';

const require = createRequire(import.meta.url);
let testElectron;
try {
  testElectron = require('@vscode/test-electron');
} catch {
  console.error(
    [
      'npm run test:desktop needs @vscode/test-electron, which is not a dependency of this project',
      '(it downloads a desktop VS Code, which CI machines cannot reach). To run the extension-host suite in desktop VS Code:',
      '',
      '  npm i -D @vscode/test-electron      (or --no-save to leave package.json as it is)',
      '  npm run test:desktop',
      '',
      'On Linux without a display, run it under xvfb-run. The same suite runs in CI inside code-server:',
      '  node --import tsx --test test/e2e/exthost.test.ts',
    ].join('\n'),
  );
  process.exit(1);
}

await buildExtension();
const extensionTestsPath = await bundleExthostTests();
try {
  await testElectron.runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(`extension-host tests failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
