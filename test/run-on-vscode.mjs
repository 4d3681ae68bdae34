// One workbench layer of `npm test` on one VS Code build (scripts/install-code-server.mjs): runs a set of test/e2e
// files with Node's runner, one file at a time, with CLUSTER_PASS_VSCODE naming the build, and records the outcome
// for the run's `real clients:` summary.
//
//   node test/run-on-vscode.mjs oldest full     every test/e2e file on the oldest VS Code engines.vscode allows
//   node test/run-on-vscode.mjs newest compat   the extension-host tests and one UI flow per service on the newest
//
// The outcome goes to <run folder>/real-clients/vscode-<VS Code version>.json (the run folder is the parent of
// CLUSTER_PASS_LEAK_ROOT, which test/run-all.mjs sets, or CLUSTER_PASS_RUN_DIR):
//   { client: "vscode 1.139.1", ok, status: "ok" | "failed" | "skipped", why, build, vscode, codeServer, node,
//     suite, files, passed, failed, durationMs }
// `ok` is true only when the build was installed, every file ran and passed, and at least one test passed.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VSCODE_BUILDS, ensureVsCodeBuild } from '../scripts/install-code-server.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What each suite runs. `compat`: test/exthost in the real extension host, and ui-credentials' one flow per service. */
const SUITES = {
  full: () => readdirSync(join(repo, 'test', 'e2e')).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `test/e2e/${f}`),
  compat: () => ['test/e2e/exthost.test.ts', 'test/e2e/ui-credentials.test.ts'],
};
const DESCRIPTIONS = { full: 'the whole workbench layer', compat: 'extension-host tests and one UI flow per service (EMR, EMR on EKS, Redshift)' };

const [buildName, suite] = process.argv.slice(2);
if (!Object.hasOwn(VSCODE_BUILDS, buildName) || !Object.hasOwn(SUITES, suite)) {
  console.error(`usage: node test/run-on-vscode.mjs <${Object.keys(VSCODE_BUILDS).join('|')}> <${Object.keys(SUITES).join('|')}>`);
  process.exit(2);
}

const started = Date.now();
const files = SUITES[suite]();
const result = {
  client: `vscode ${VSCODE_BUILDS[buildName].vscode}`,
  ok: false,
  status: 'skipped',
  why: '',
  build: buildName,
  vscode: VSCODE_BUILDS[buildName].vscode,
  codeServer: VSCODE_BUILDS[buildName].codeServer,
  node: VSCODE_BUILDS[buildName].node,
  suite,
  files,
  passed: 0,
  failed: 0,
  durationMs: 0,
};

let build;
try {
  build = await ensureVsCodeBuild(buildName, { log: (l) => console.log(l) });
  result.vscode = build.vscode;
  result.client = `vscode ${build.vscode}`;
} catch (e) {
  result.why = `code-server ${result.codeServer} (VS Code ${result.vscode}) is not installed and could not be: ${firstLine(e)}`;
}

if (build) {
  console.log(`VS Code ${build.vscode} (code-server ${build.codeServer} on Node ${build.nodeVersion}): ${DESCRIPTIONS[suite]}`);
  const { code, output } = await runTests(files, { ...process.env, CLUSTER_PASS_VSCODE: buildName });
  result.passed = count(output, 'pass');
  result.failed = count(output, 'fail');
  result.ok = code === 0 && result.failed === 0 && result.passed > 0;
  result.status = result.ok ? 'ok' : 'failed';
  const failedTests = [...output.matchAll(/^✖ (.+?)(?: \(\d[\d.]*ms\))?$/gm)].map((m) => m[1]);
  result.why = result.ok
    ? `${result.passed} tests passed on VS Code ${build.vscode} (code-server ${build.codeServer}, Node ${build.nodeVersion}): ${DESCRIPTIONS[suite]}`
    : result.passed + result.failed === 0
      ? `no test ran (exit ${code})`
      : `${result.failed} of ${result.passed + result.failed} tests failed (exit ${code})${failedTests.length ? `: ${[...new Set(failedTests)].slice(0, 3).join('; ')}` : ''}`;
}
result.durationMs = Date.now() - started;

const file = recordResult(result);
console.log(`\n${result.client} (${buildName}): ${result.status}, ${result.why}${file ? `\n  recorded in ${file}` : ''}`);
process.exit(result.ok ? 0 : 1);

/** Node's runner over `files`, one at a time (each starts its own code-server); output echoed as it comes. */
function runTests(testFiles, env) {
  const args = ['--import', 'tsx', '--import', './test/leaks/keep-temp.mjs', '--test', '--test-reporter=spec', '--test-concurrency=1', ...testFiles];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

/** Node's `ℹ pass N` / `ℹ fail N` summary (the runner prints one for all files). */
function count(output, what) {
  let total = 0;
  for (const m of output.matchAll(new RegExp(`^ℹ ${what} (\\d+)$`, 'gm'))) total += Number(m[1]);
  return total;
}

/** Writes the result next to the run's other records; returns the file, or undefined outside `npm test`. */
function recordResult(outcome) {
  const runDir = process.env.CLUSTER_PASS_RUN_DIR || (process.env.CLUSTER_PASS_LEAK_ROOT && dirname(process.env.CLUSTER_PASS_LEAK_ROOT));
  if (!runDir) return undefined;
  const dir = join(runDir, 'real-clients');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `vscode-${outcome.vscode}.json`);
  writeFileSync(path, JSON.stringify(outcome, null, 2) + '\n');
  // The same outcome as a record for the closing `real clients: …` line (test/harness/realClients.ts's format).
  const records = process.env.CLUSTER_PASS_REAL_CLIENTS;
  const record = { client: `vscode ${outcome.build}`, check: outcome.suite, status: outcome.status, version: outcome.vscode, ...(outcome.ok ? {} : { detail: outcome.why }) };
  if (records) appendFileSync(records, `${JSON.stringify(record)}\n`);
  return path;
}

function firstLine(e) {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
