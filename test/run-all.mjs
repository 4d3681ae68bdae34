// `npm test`: type-check, lint, then every test layer, each with Node's own runner, and last the secret-leak scan.
// Prints each layer's output as it comes and closes with one line that totals all layers.
//
// Every run gets a fresh folder test-output/runs/<time>/ holding:
//  - secrets.jsonl: every secret any emulator issued during the run, in any test process
//    (CLUSTER_PASS_SECRET_RECORD; the only file allowed to hold them);
//  - real-clients.jsonl: what each check with a real client recorded (CLUSTER_PASS_REAL_CLIENTS,
//    test/harness/realClients.ts), for the closing `real clients: …` line;
//  - tmp/: TMPDIR of every test process (CLUSTER_PASS_LEAK_ROOT), so their temporary folders land where the scan
//    reads them; test/leaks/keep-temp.mjs, preloaded into the test processes, moves folders the tests remove there
//    into tmp/removed/ instead of deleting them.
// The last layer (test/leaks) searches for every recorded secret in that folder, in the repository (test-output/
// with the workbench's user-data, logs and state files) and in /tmp.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realClientSummary, realClientsLine } from './harness/realClientSummary.mjs';
import { skipsIn, unexpected } from './harness/skips.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runsDir = join(repo, 'test-output', 'runs');
const started = Date.now();
const runDir = join(runsDir, new Date(started).toISOString().replace(/[:.]/g, '-'));
const tmp = join(runDir, 'tmp');
const record = join(runDir, 'secrets.jsonl');
const realClientRecord = join(runDir, 'real-clients.jsonl');

// The real clients the suite drives, in the order the closing line names them (each test file records under one
// of these names; the VS Code builds through test/run-on-vscode.mjs, shown with their version). A client in
// REQUIRED_REAL_CLIENTS that did not run and pass fails `npm test`.
const REAL_CLIENTS = ['gateway-client', 'psql', 'vscode oldest', 'vscode newest'];
const REQUIRED_REAL_CLIENTS = REAL_CLIENTS;


// Keep the two previous runs' folders for inspection; older ones go, once they are over an hour old (another
// run in the same tree may still be writing to its own).
mkdirSync(runsDir, { recursive: true });
for (const old of readdirSync(runsDir).sort().slice(0, -2)) {
  const dir = join(runsDir, old);
  if (started - statSync(dir).mtimeMs > 3600_000) rmSync(dir, { recursive: true, force: true });
}
mkdirSync(tmp, { recursive: true });
writeFileSync(record, '', { mode: 0o600 });
writeFileSync(realClientRecord, '');
// tsx keeps its compile cache in TMPDIR/tsx-<uid>: share the usual one (compiled sources only) so every run is not cold.
const tsxCache = `tsx-${process.geteuid ? process.geteuid() : userInfo().username}`;
mkdirSync(join(tmpdir(), tsxCache), { recursive: true });
symlinkSync(join(tmpdir(), tsxCache), join(tmp, tsxCache));

const env = {
  ...process.env,
  TMPDIR: tmp,
  CLUSTER_PASS_SECRET_RECORD: record,
  CLUSTER_PASS_REAL_CLIENTS: realClientRecord,
  CLUSTER_PASS_LEAK_ROOT: tmp,
  CLUSTER_PASS_RUN_STARTED: String(started),
};

const nodeTest = 'node --import tsx --import ./test/leaks/keep-temp.mjs --test --test-reporter=spec';
const layers = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', '.', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', 'src', 'test', 'scripts', 'bench'] },
  { name: 'build', cmd: ['node', 'esbuild.mjs'] },
  { name: 'unit, emulator and integration', counted: true, cmd: [nodeTest, 'test/unit/*.test.ts', 'test/emulator/tests/*.test.ts', 'test/integration/*.test.ts'] },
  // Two VS Code builds (scripts/install-code-server.mjs); each layer records real-clients/vscode-<version>.json.
  { name: 'workbench on the oldest supported VS Code (code-server, Chromium)', counted: true, cmd: ['node', 'test/run-on-vscode.mjs', 'oldest', 'full'] },
  { name: 'workbench on the newest VS Code (extension host, one UI flow per service)', counted: true, cmd: ['node', 'test/run-on-vscode.mjs', 'newest', 'compat'] },
  {
    name: 'leaks (secret scan over everything the run wrote)',
    counted: true,
    cmd: [nodeTest, 'test/leaks/*.test.ts', '&&', 'node', '--import', 'tsx', 'test/leaks/main.ts'],
  },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let broken = [];
const skips = [];

for (const layer of layers) {
  if (only.length && !only.some((o) => layer.name.startsWith(o))) continue;
  console.log(`\n=== ${layer.name}`);
  const { code, output } = await run(layer.cmd);
  if (layer.counted) {
    passed += count(output, 'pass');
    failed += count(output, 'fail');
    skips.push(...skipsIn(output));
  }
  if (code !== 0) broken.push(layer.name);
}

const realClientRecords = readRealClientRecords();
const clients = realClientSummary(realClientRecords, REAL_CLIENTS, REQUIRED_REAL_CLIENTS);
console.log(`\n${realClientsLine(clients, versionNames(realClientRecords))}`);
// Only a whole run must have every required client: a run of some layers reports what it saw.
const missingClients = only.length ? [] : clients.filter((c) => REQUIRED_REAL_CLIENTS.includes(c.name) && !c.ok).map((c) => c.name);
if (missingClients.length) console.log(`required real clients not ok: ${missingClients.join(', ')}`);
for (const s of skips) console.log(`skipped: ${s.name} (${s.reason})`);
// A whole run (or any run with CI set) must run every test that is not skipped by design.
const unexpectedSkips = !only.length || process.env.CI ? unexpected(skips) : [];
if (unexpectedSkips.length) console.log(`tests that must run were skipped: ${unexpectedSkips.map((s) => s.name).join('; ')}`);
if (broken.length) console.log(`\nfailed layers: ${broken.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skips.length} skipped`);
process.exit(broken.length || failed || missingClients.length || unexpectedSkips.length ? 1 : 0);

/** `vscode oldest` → `vscode 1.103.2`, from the version its record carries. */
function versionNames(records) {
  return new Map(records.filter((r) => r.version).map((r) => [r.client, `vscode ${r.version}`]));
}

function readRealClientRecords() {
  try {
    return readFileSync(realClientRecord, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

function run([cmd, ...args]) {
  return new Promise((resolve) => {
    // A shell expands the test file globs (Node 20's runner does not).
    const child = spawn([cmd, ...args].join(' '), { shell: '/bin/bash', stdio: ['ignore', 'pipe', 'inherit'], env, cwd: repo });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}


/** Sums Node's `ℹ pass N` / `ℹ fail N` summary lines and any plain `N passed, N failed` line. */
function count(output, what) {
  let total = 0;
  for (const m of output.matchAll(new RegExp(`^ℹ ${what} (\\d+)$`, 'gm'))) total += Number(m[1]);
  const word = what === 'pass' ? 'passed' : 'failed';
  for (const m of output.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)) total += Number(word === 'passed' ? m[1] : m[2]);
  return total;
}
