import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionStore } from '../../src/sessions/sessionStore';
import { CountdownStatusBar } from '../../src/sessions/statusBar';
import { credential, FakeTime, method, target } from '../helpers/fakes';
import { statusItem, themeColor } from '../helpers/vscode';

const WARNING = themeColor('statusBarItem.warningBackground');

function setup(warningMinutes = 2) {
  const time = new FakeTime();
  const store = new SessionStore(time.clock);
  const item = statusItem();
  const warnings: string[] = [];
  const bar = new CountdownStatusBar(store, {
    item, warningColor: WARNING, clock: time.clock, timers: time.timers, command: 'clusterPass.showSessions',
    warningMinutes: () => warningMinutes,
    onWarning: (s) => warnings.push(s.target.name),
  });
  return { time, store, item, bar, warnings };
}

test('hidden with no timer while no session exists', () => {
  const { item, bar, time } = setup();
  assert.equal(item.visible, false);
  assert.equal(bar.timerRunning, false);
  assert.equal(time.pending, 0);
});

test('shows the soonest-expiring session and counts down once a second', () => {
  const { time, store, item } = setup();
  store.put(target({ name: 'late', id: 'a' }), method(), {}, credential({ expiresAt: new Date(time.now + 3600_000 + 1_000) }));
  store.put(target({ name: 'soon', id: 'b' }), method(), {}, credential({ expiresAt: new Date(time.now + 5 * 60_000) }));
  assert.equal(item.visible, true);
  assert.equal(item.text, '$(key) soon 5:00 (+1)');
  time.advance(1_000);
  assert.equal(item.text, '$(key) soon 4:59 (+1)');
  time.advance(59_000);
  assert.equal(item.text, '$(key) soon 4:00 (+1)');
  assert.match(String(item.tooltip), /late .*expires in 0:59:01|late .*expires in 59:01/);
  assert.match(String(item.tooltip), /soon \(demo, us-east-1\): expires in 4:00/);
});

test('uses h:mm:ss above an hour', () => {
  const { time, store, item } = setup();
  store.put(target(), method(), {}, credential({ expiresAt: new Date(time.now + 2 * 3600_000 + 61_000) }));
  assert.equal(item.text, '$(key) analytics 2:01:01');
});

test('turns to the warning colour in the last N minutes and notifies once', () => {
  const { time, store, item, warnings } = setup(2);
  store.put(target(), method(), {}, credential({ expiresAt: new Date(time.now + 3 * 60_000) }));
  assert.equal(item.backgroundColor, undefined);
  time.advance(59_000);
  assert.equal(item.backgroundColor, undefined);
  assert.deepEqual(warnings, []);
  time.advance(1_000);
  assert.equal(item.backgroundColor, WARNING);
  time.advance(10_000);
  assert.deepEqual(warnings, ['analytics']);
});

test('says expired after expiry and keeps the session until forgotten', () => {
  const { time, store, item, bar } = setup();
  const s = store.put(target(), method(), {}, credential({ expiresAt: new Date(time.now + 2_000) }));
  time.advance(2_000);
  assert.equal(item.text, '$(key) analytics expired');
  assert.equal(bar.timerRunning, true);
  store.forget(s.key);
  assert.equal(item.visible, false);
  assert.equal(bar.timerRunning, false);
  assert.equal(time.pending, 0);
});

test('a renewal restarts the countdown of the same session', () => {
  const { time, store, item } = setup();
  store.put(target(), method(), { executionRoleArn: 'arn:aws:iam::123456789012:role/r' }, credential({ expiresAt: new Date(time.now + 60_000) }));
  time.advance(30_000);
  const renewed = store.put(target(), method(), { executionRoleArn: 'arn:aws:iam::123456789012:role/r' }, credential({ expiresAt: new Date(time.now + 900_000) }));
  assert.equal(store.size, 1);
  assert.equal(renewed.renewals, 1);
  assert.equal(item.text, '$(key) analytics 15:00');
});

test('dispose stops the timer and disposes the item', () => {
  const { time, store, item, bar } = setup();
  store.put(target(), method(), {}, credential({ expiresAt: new Date(time.now + 60_000) }));
  bar.dispose();
  assert.equal(time.pending, 0);
  assert.equal(item.disposed, true);
});
