// `npm test`: type-check, lint, then every test layer, each with Node's own runner.
// Prints each layer's output as it comes and closes with one line that totals all layers.
import { spawn } from 'node:child_process';

const layers = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', '.', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', 'src', 'test', 'scripts'] },
  { name: 'build', cmd: ['node', 'esbuild.mjs'] },
  { name: 'unit and integration', counted: true, cmd: ['node', '--import', 'tsx', '--test', '--test-reporter=spec', 'test/unit/*.test.ts', 'test/integration/*.test.ts'] },
  { name: 'workbench (code-server, Chromium)', counted: true, cmd: ['node', '--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', 'test/e2e/*.test.ts'] },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let broken = [];

for (const layer of layers) {
  if (only.length && !only.some((o) => layer.name.startsWith(o))) continue;
  console.log(`\n=== ${layer.name}`);
  const { code, output } = await run(layer.cmd);
  if (layer.counted) {
    passed += count(output, 'pass');
    failed += count(output, 'fail');
  }
  if (code !== 0) broken.push(layer.name);
}

if (broken.length) console.log(`\nfailed layers: ${broken.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken.length || failed ? 1 : 0);

function run([cmd, ...args]) {
  return new Promise((resolve) => {
    // A shell expands the test file globs (Node 20's runner does not).
    const child = spawn([cmd, ...args].join(' '), { shell: '/bin/bash', stdio: ['ignore', 'pipe', 'inherit'] });
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
