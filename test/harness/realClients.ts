// The real clients the suite drives (psql, a Jupyter server as gateway client, VS Code builds): each check a test
// makes with one records here whether it passed, failed or could not run, and test/run-all.mjs closes `npm test`
// with one line `real clients: …` built from those records (see REAL_CLIENTS there).
// Records are JSON lines in $CLUSTER_PASS_REAL_CLIENTS, a file in the run's folder; outside `npm test` nothing is
// written and the checks run as plain tests.
import { appendFileSync } from 'node:fs';
import { test, type TestContext } from 'node:test';

export interface RealClientRecord {
  /** As named in run-all.mjs's REAL_CLIENTS, e.g. 'psql'. */
  readonly client: string;
  readonly check: string;
  /** 'started' alone (no outcome after it): the check was cut off, by a timeout or a crash. */
  readonly status: 'started' | 'ok' | 'failed' | 'skipped';
  /** For 'ok': what the summary adds in parentheses (e.g. "5 formats"); for 'skipped': why. */
  readonly detail?: string;
  /** For a VS Code build: its version, which the closing line shows instead of the client's name. */
  readonly version?: string;
}

export function recordRealClient(record: RealClientRecord): void {
  const file = process.env.CLUSTER_PASS_REAL_CLIENTS;
  if (file) appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/**
 * A node:test test whose outcome counts for `client`: ok when `fn` resolves (with the summary detail, if it
 * returns one), failed when it throws; skipped with the reason when `unavailable` names one.
 */
export function realClientTest(
  client: string,
  name: string,
  options: { timeout?: number; unavailable?: string },
  fn: (t: TestContext) => Promise<string | void>,
): void {
  test(name, { timeout: options.timeout, skip: options.unavailable ?? false }, async (t) => {
    let detail: string | void;
    recordRealClient({ client, check: name, status: 'started' });
    try {
      detail = await fn(t);
    } catch (error) {
      recordRealClient({ client, check: name, status: 'failed' });
      throw error;
    }
    recordRealClient({ client, check: name, status: 'ok', ...(detail ? { detail } : {}) });
  });
  if (options.unavailable) recordRealClient({ client, check: name, status: 'skipped', detail: options.unavailable });
}
