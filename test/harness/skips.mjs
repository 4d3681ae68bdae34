// Skipped tests in a layer's output, and which of them were not skipped by design (test/run-all.mjs fails a whole
// run, or any run with CI set, on those: a test that must run did not).

/** Skips that are by design: the test does not apply to how this run set VS Code up. */
export const EXPECTED_SKIPS = [
  // test/exthost/jupyter.test.ts: its stand-in tests need the Jupyter stand-in, its plain tests need it absent.
  /no ms-toolsai\.jupyter in this run/,
  /ms-toolsai\.jupyter is loaded in this run/,
  // The test after a stand-in connect, when that one was skipped as above.
  /the previous test did not connect/,
];

/** node:test's `﹣ name (1ms) # reason` and the extension-host runner's `- name (skipped: reason)`. */
export function skipsIn(output) {
  const nodeSkips = [...output.matchAll(/^\s*﹣ (.+?) \([\d.]+m?s\) # (.+)$/gm)];
  const hostSkips = [...output.matchAll(/- (.+) \(skipped: (.+)\)$/gm)];
  return [...nodeSkips, ...hostSkips].map((m) => ({ name: m[1], reason: m[2] }));
}

export function unexpected(skips, expected = EXPECTED_SKIPS) {
  return skips.filter((s) => !expected.some((pattern) => pattern.test(s.reason)));
}
