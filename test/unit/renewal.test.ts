// The renewal scheduler with a fake clock: when it renews, backoff on failure, forgetting stops it, no timers when idle.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CredentialInput, CredentialMethod, IssuedCredential, Target } from '../../src/services/types';
import { RenewalScheduler, renewalTime, type RenewalFailure } from '../../src/sessions/renewal';
import { SessionStore, type Session } from '../../src/sessions/sessionStore';
import { CountdownStatusBar } from '../../src/sessions/statusBar';
import { credential, FakeTime, method, target } from '../helpers/fakes';
import { statusItem, themeColor } from '../helpers/vscode';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
};

function setup(options: { lifetimeMs?: number; fail?: () => boolean; refreshInMs?: number } = {}) {
  const time = new FakeTime();
  const store = new SessionStore(time.clock);
  const lifetime = options.lifetimeMs ?? 15 * 60_000;
  const issue = (): IssuedCredential =>
    credential({
      secret: `tok-${time.now}`,
      expiresAt: new Date(time.now + lifetime),
      refreshAt: options.refreshInMs !== undefined ? new Date(time.now + options.refreshInMs) : undefined,
    });
  const calls: { at: number; input: CredentialInput; signal: AbortSignal }[] = [];
  let pending: { resolve(): void; reject(e: unknown): void } | undefined;
  const failures: (RenewalFailure | undefined)[] = [];
  const lines: string[] = [];
  const manual = { enabled: false };
  const scheduler = new RenewalScheduler({
    store,
    clock: time.clock,
    timeouts: time.timers,
    log: { info: (m) => lines.push(`info ${m}`), error: (m) => lines.push(`error ${m}`) },
    describe: (e) => (e as Error).message,
    onFailureChange: (_key, f) => failures.push(f),
    renew: (session: Session, signal: AbortSignal) => {
      calls.push({ at: time.now, input: session.input, signal });
      if (manual.enabled) {
        return new Promise<void>((resolve, reject) => {
          pending = {
            resolve: () => {
              store.put(session.target, session.method, session.input, issue());
              resolve();
            },
            reject,
          };
        });
      }
      if (options.fail?.()) return Promise.reject(new Error('ExpiredToken: sign in again'));
      store.put(session.target, session.method, session.input, issue());
      return Promise.resolve();
    },
  });
  const t: Target = target();
  const m: CredentialMethod = method();
  const input = { executionRoleArn: 'arn:aws:iam::123456789012:role/r', durationInSeconds: 900 };
  const session = store.put(t, m, input, issue());
  return { time, store, scheduler, calls, failures, lines, session, manual, settle: () => pending?.resolve(), failPending: (e: unknown) => pending?.reject(e) };
}

test('renewalTime: refreshAt when given, else expiry minus max(60 s, 20%), at most half a short lifetime', () => {
  const now = 1_000_000;
  assert.equal(renewalTime({ expiresAt: new Date(now + 15 * 60_000) }, now), now + 12 * 60_000);
  assert.equal(renewalTime({ expiresAt: new Date(now + 3 * 60_000) }, now), now + 2 * 60_000);
  assert.equal(renewalTime({ expiresAt: new Date(now + 12 * 3600_000) }, now), now + 12 * 3600_000 - 12 * 720_000);
  assert.equal(renewalTime({ expiresAt: new Date(now + 4000) }, now), now + 2000);
  assert.equal(renewalTime({ expiresAt: new Date(now + 15 * 60_000), refreshAt: new Date(now + 5 * 60_000) }, now), now + 5 * 60_000);
  // A refreshAt at or after expiry is ignored.
  assert.equal(renewalTime({ expiresAt: new Date(now + 4000), refreshAt: new Date(now + 9000) }, now), now + 2000);
});

test('no timer until a session is tracked, none after it is untracked', () => {
  const { time, scheduler, session } = setup();
  assert.equal(time.pending, 0);
  scheduler.track(session.key);
  scheduler.track(session.key); // idempotent
  assert.equal(time.pending, 1);
  assert.equal(scheduler.pendingTimers, 1);
  scheduler.untrack(session.key);
  assert.equal(time.pending, 0);
  assert.equal(scheduler.pendingTimers, 0);
});

test('renews a 15-minute token after 12 minutes with the same inputs, then again 12 minutes later', async () => {
  const { time, scheduler, session, calls, store } = setup();
  scheduler.track(session.key);
  assert.equal(scheduler.nextRun(session.key), time.now + 12 * 60_000);
  time.advance(12 * 60_000 - 1);
  assert.equal(calls.length, 0);
  time.advance(1);
  await flush();
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].input, session.input);
  assert.equal(store.get(session.key)?.renewals, 1);
  time.advance(12 * 60_000);
  await flush();
  assert.equal(calls.length, 2);
  assert.equal(store.get(session.key)?.renewals, 2);
  assert.equal(time.pending, 1);
  scheduler.dispose();
  assert.equal(time.pending, 0);
});

test('a 4-second token is renewed before it expires, every 2 s, never in a tight loop', async () => {
  const { time, scheduler, session, calls, store } = setup({ lifetimeMs: 4000 });
  scheduler.track(session.key);
  for (let i = 0; i < 5; i++) {
    time.advance(2000);
    await flush();
  }
  assert.equal(calls.length, 5);
  for (let i = 1; i < calls.length; i++) assert.equal(calls[i].at - calls[i - 1].at, 2000);
  const current = store.get(session.key)!;
  assert.ok(current.credential.expiresAt.getTime() - time.now >= 2000, 'the current token still has life in it');
});

test('uses refreshAt when the service gives one', async () => {
  const { time, scheduler, session, calls } = setup({ refreshInMs: 5 * 60_000 });
  scheduler.track(session.key);
  time.advance(5 * 60_000);
  await flush();
  assert.equal(calls.length, 1);
});

test('failures retry with exponential backoff (2 s doubling, 60 s cap), reported and cleared on success', async () => {
  let failing = true;
  const { time, scheduler, session, calls, failures, lines, store } = setup({ lifetimeMs: 5 * 60_000, fail: () => failing });
  scheduler.track(session.key);
  time.advance(4 * 60_000);
  await flush();
  assert.equal(calls.length, 1);
  const gaps: number[] = [];
  for (let i = 0; i < 7; i++) {
    const before = time.now;
    const next = scheduler.nextRun(session.key)!;
    gaps.push(next - before);
    time.advance(next - before);
    await flush();
  }
  assert.deepEqual(gaps, [2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  assert.equal(failures.at(-1)?.attempts, 8);
  assert.match(failures.at(-1)!.message, /ExpiredToken/);
  assert.ok(lines.some((l) => /^error Renewing analytics failed \(attempt 1\); retrying in 2 s/.test(l)), lines.join('\n'));
  failing = false;
  time.advance(60_000);
  await flush();
  assert.equal(failures.at(-1), undefined, 'recovered: the failure is cleared');
  assert.equal(store.get(session.key)?.renewals, 1);
  // Back to the normal schedule (4 minutes after the new issue), not the backoff.
  assert.equal(scheduler.nextRun(session.key), time.now + 4 * 60_000);
});

test('forgetting the session stops renewal and retries; no timer is left', async () => {
  const { time, scheduler, session, calls, store, failures } = setup({ lifetimeMs: 60_000, fail: () => true });
  scheduler.track(session.key);
  time.advance(30_000);
  await flush();
  assert.equal(calls.length, 1);
  assert.equal(time.pending, 1, 'a retry is scheduled');
  store.forget(session.key);
  assert.equal(scheduler.isTracked(session.key), false);
  assert.equal(time.pending, 0);
  assert.equal(failures.at(-1), undefined, 'the failure mark is cleared');
  time.advance(10 * 60_000);
  await flush();
  assert.equal(calls.length, 1);
});

test('forgotten while a renewal is in flight: the request is aborted and the late result is not kept', async () => {
  const { time, scheduler, session, calls, store, manual, settle } = setup({ lifetimeMs: 60_000 });
  manual.enabled = true;
  scheduler.track(session.key);
  time.advance(30_000);
  await flush();
  assert.equal(calls.length, 1);
  store.forget(session.key);
  assert.equal(calls[0].signal.aborted, true);
  // The fetch finished anyway and stored a session: the scheduler removes it again.
  settle();
  await flush();
  assert.equal(store.get(session.key), undefined);
  assert.equal(time.pending, 0);
});

test('a renewal made elsewhere (user Renew) reschedules from the new credential', async () => {
  const { time, scheduler, session, store, calls } = setup();
  scheduler.track(session.key);
  time.advance(5 * 60_000);
  store.put(session.target, session.method, session.input, credential({ expiresAt: new Date(time.now + 15 * 60_000) }));
  assert.equal(scheduler.nextRun(session.key), time.now + 12 * 60_000);
  time.advance(7 * 60_000);
  await flush();
  assert.equal(calls.length, 0, 'the old schedule was dropped');
});

test('status bar: a failing renewal adds a warning prefix and a tooltip line, cleared on recovery', () => {
  const time = new FakeTime();
  const store = new SessionStore(time.clock);
  const item = statusItem();
  const bar = new CountdownStatusBar(store, {
    item, warningColor: themeColor('statusBarItem.warningBackground'), clock: time.clock, timers: time.timers, command: 'x', warningMinutes: () => 2,
  });
  const s = store.put(target(), method(), {}, credential({ expiresAt: new Date(time.now + 10 * 60_000) }));
  assert.equal(item.text, '$(key) analytics 10:00');
  bar.setRenewalProblem(s.key, 'AWS refused: ExpiredToken. Sign in again.');
  assert.equal(item.text, '$(warning) $(key) analytics 10:00');
  assert.match(String(item.tooltip), /Renewal failing for analytics: AWS refused: ExpiredToken/);
  assert.match(String((item.accessibilityInformation as { label: string }).label), /renewal failing/);
  bar.setRenewalProblem(s.key, undefined);
  assert.equal(item.text, '$(key) analytics 10:00');
  assert.doesNotMatch(String(item.tooltip), /Renewal failing/);
  bar.dispose();
});
