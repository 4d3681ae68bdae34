// A tiny test runner for the extension host (no Mocha): tests register with `test()`, `runRegistered()` runs them
// in order, prints one line per test and closes with `N passed, N failed` alone on its line (the line CI counts).
export type TestBody = () => unknown | Promise<unknown>;

/** Thrown (via `skip()`) by a test that cannot run here (e.g. no emulator under @vscode/test-electron). */
export class Skip extends Error {}

export function skip(reason: string): never {
  throw new Skip(reason);
}

interface Registered {
  name: string;
  body: TestBody;
  timeoutMs: number;
}

const registered: Registered[] = [];

export function test(name: string, body: TestBody, { timeoutMs = 20_000 }: { timeoutMs?: number } = {}): void {
  registered.push({ name, body, timeoutMs });
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
}

export async function runRegistered(log: (line: string) => void = (l) => console.log(l)): Promise<RunSummary> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const t of registered) {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(t.body),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs} ms`)), t.timeoutMs);
        }),
      ]);
      passed++;
      log(`✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      if (e instanceof Skip) {
        skipped++;
        log(`- ${t.name} (skipped: ${e.message})`);
        continue;
      }
      failed++;
      log(`✖ ${t.name} (${Date.now() - started} ms)`);
      const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
      for (const line of detail.split('\n')) log(`    ${line}`);
    } finally {
      clearTimeout(timer);
    }
  }
  if (skipped) log(`(${skipped} skipped)`);
  log(`${passed} passed, ${failed} failed`);
  return { passed, failed, skipped };
}
