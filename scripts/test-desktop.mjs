// `npm run test:desktop`: the extension-host suite (test/exthost/) in a desktop VS Code that @vscode/test-electron
// downloads, for contributors whose machines can reach VS Code's download servers. Not part of CI, which cannot
// download VS Code and runs the same suite inside code-server (test/e2e/exthost.test.ts); see README "Developing".
// Runs under `node --import tsx` (see package.json). VSCODE_VERSION picks the build (default: the oldest supported).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtension, bundleExthostTests } from '../test/harness/build.ts';
import { REPO_ROOT } from '../test/harness/paths.ts';

const engines = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).engines.vscode;
const version = process.env.VSCODE_VERSION ?? engines.replace(/^\^/, '');

await buildExtension();
const extensionTestsPath = await bundleExthostTests();
try {
  await runTests({
    version,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(`extension-host tests in desktop VS Code ${version} failed: ${e instanceof Error ? e.message : e}`);
  console.error('On Linux without a display, run it under xvfb-run. CI runs the same suite in code-server: node --import tsx --test test/e2e/exthost.test.ts');
  process.exit(1);
}
