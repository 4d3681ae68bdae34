// Extension-host test suite entry, the shape @vscode/test-electron expects of `extensionTestsPath`: a module that
// exports `run(): Promise<void>` and rejects when a test failed. Bundled to test/exthost/out/index.js by the harness
// (test/harness/build.ts) and run either inside code-server (test/e2e/exthost.test.ts) or desktop VS Code
// (`npm run test:desktop`). Tests run in import order.
import * as vscode from 'vscode';
import { runRegistered } from './runner';
import './extension.test';
import './settings.test';
import './api.test';
import './terminal.test';
// Last: it opens a notebook (skips itself when the Jupyter stand-in is loaded; see jupyter-standin.test.ts).
import './jupyter.test';

export async function run(): Promise<void> {
  // Which VS Code and Node the extension host really is (test/e2e/exthost.test.ts checks it against the build it started).
  console.log(`extension host: VS Code ${vscode.version} on Node ${process.versions.node}`);
  const { failed } = await runRegistered();
  if (failed > 0) throw new Error(`${failed} extension-host test(s) failed`);
}
