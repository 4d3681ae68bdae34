// The endurance run's short variant (the bench runs it for 10 minutes): one minute of executes through one bridge
// while a 4 s token is renewed again and again, with 50 more websocket clients on the same bridge. Any failed
// execute or reconnect fails the test; RSS and fd growth are printed (the bench holds their targets: no timing or
// memory claims here).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSoak, soakLine } from '../helpers/soak';

test('one minute of executes through one bridge across 4 s token renewals, 50 more clients alongside: none fails, none reconnects', { timeout: 240_000 }, async () => {
  const r = await runSoak({ durationMs: 60_000, clients: 50, clientKernels: 5, clientPauseMs: 2000, tokenSeconds: 4 });
  console.log(`# ${soakLine(r)}`);
  assert.deepEqual(r.failures, [], 'no execute failed and no websocket dropped');
  assert.equal(r.failed, 0);
  assert.equal(r.reconnects, 0);
  assert.deepEqual(r.renewalFailures, [], 'every renewal succeeded');
  assert.ok(r.renewals >= 10, `the 4 s token was renewed ${r.renewals} times in a minute`);
  assert.ok(r.mainExecutes > 0 && r.executes > r.mainExecutes, 'the main kernel and the other clients executed');
});
