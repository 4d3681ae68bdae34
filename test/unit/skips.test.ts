// The runner's skip accounting: every skipped test is found with its reason, in node:test's and the extension-host
// runner's output, and only skips by design are accepted in a whole run.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import type * as Skips from '../harness/skips.mjs' with { 'resolution-mode': 'import' };

// An ES module (run-all.mjs imports it too), loaded the way a CommonJS test can.
let skips: typeof Skips;
before(async () => {
  skips = await import('../harness/skips.mjs');
});

const OUTPUT = [
  '✔ lists targets (12.1ms)',
  '﹣ psql with every format (0.4ms) # psql is not installed',
  '  ﹣ nested under a suite (0.1ms) # no sqlite3 on this machine',
  'ℹ ✔ extension activates (3 ms)',
  'ℹ - connects through the stand-in (skipped: no ms-toolsai.jupyter in this run (the stand-in is loaded by test/e2e/notebook-provider.test.ts))',
  '- reads the isolated config (skipped: not started by test/harness)',
  'ℹ skipped 2',
].join('\n');

test('finds every skipped test with its reason in both runners\' output', () => {
  assert.deepEqual(skips.skipsIn(OUTPUT), [
    { name: 'psql with every format', reason: 'psql is not installed' },
    { name: 'nested under a suite', reason: 'no sqlite3 on this machine' },
    { name: 'connects through the stand-in', reason: 'no ms-toolsai.jupyter in this run (the stand-in is loaded by test/e2e/notebook-provider.test.ts)' },
    { name: 'reads the isolated config', reason: 'not started by test/harness' },
  ]);
});

test('only skips by design are expected; a missing tool or harness is not', () => {
  assert.deepEqual(skips.unexpected(skips.skipsIn(OUTPUT)).map((s) => s.name), ['psql with every format', 'nested under a suite', 'reads the isolated config']);
  assert.deepEqual(skips.unexpected(skips.skipsIn('✔ a (1ms)\nℹ pass 1')), []);
});
