import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClipboardGuard } from '../../src/sessions/clipboardGuard';
import { FakeTime } from '../helpers/fakes';
import { clipboard as fakeClipboard } from '../helpers/vscode';

async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

test('clears the clipboard at expiry when it still holds the secret', async () => {
  const time = new FakeTime();
  const clipboard = fakeClipboard('before');
  const guard = new ClipboardGuard(clipboard, time.clock, time.timers);
  await guard.copy('secret-1', new Date(time.now + 10_000), 0);
  assert.equal(clipboard.value, 'secret-1');
  time.advance(9_999);
  await settle();
  assert.equal(clipboard.value, 'secret-1');
  time.advance(1);
  await settle();
  assert.equal(clipboard.value, '');
  assert.equal(guard.armed, false);
});

test('never clears what the user copied since', async () => {
  const time = new FakeTime();
  const clipboard = fakeClipboard();
  const guard = new ClipboardGuard(clipboard, time.clock, time.timers);
  await guard.copy('secret-1', new Date(time.now + 10_000), 0);
  clipboard.value = 'something the user copied';
  time.advance(10_000);
  await settle();
  assert.equal(clipboard.value, 'something the user copied');
});

test('a configured time shorter than the expiry wins', async () => {
  const time = new FakeTime();
  const clipboard = fakeClipboard();
  const guard = new ClipboardGuard(clipboard, time.clock, time.timers);
  await guard.copy('secret-1', new Date(time.now + 600_000), 30);
  time.advance(30_000);
  await settle();
  assert.equal(clipboard.value, '');
});

test('the expiry wins over a longer configured time', async () => {
  const time = new FakeTime();
  const clipboard = fakeClipboard();
  const guard = new ClipboardGuard(clipboard, time.clock, time.timers);
  await guard.copy('secret-1', new Date(time.now + 5_000), 60);
  time.advance(5_000);
  await settle();
  assert.equal(clipboard.value, '');
});

test('a second copy replaces the first: only the newest secret is watched', async () => {
  const time = new FakeTime();
  const clipboard = fakeClipboard();
  const guard = new ClipboardGuard(clipboard, time.clock, time.timers);
  await guard.copy('secret-1', new Date(time.now + 5_000), 0);
  await guard.copy('secret-2', new Date(time.now + 50_000), 0);
  assert.equal(time.pending, 1);
  time.advance(5_000);
  await settle();
  assert.equal(clipboard.value, 'secret-2');
  time.advance(45_000);
  await settle();
  assert.equal(clipboard.value, '');
});

test('an already expired secret is cleared at once; dispose leaves no timer', async () => {
  const time = new FakeTime();
  const clipboard = fakeClipboard();
  const guard = new ClipboardGuard(clipboard, time.clock, time.timers);
  await guard.copy('old', new Date(time.now - 1), 0);
  time.advance(0);
  await settle();
  assert.equal(clipboard.value, '');
  await guard.copy('new', new Date(time.now + 5_000), 0);
  guard.dispose();
  assert.equal(time.pending, 0);
});

test('one slot per kind of copy: a bridge URL cleared when asked, only while the clipboard still holds it', async () => {
  const time = new FakeTime();
  const clipboard = fakeClipboard();
  const guard = new ClipboardGuard(clipboard, time.clock, time.timers);
  await guard.copy('secret-1', new Date(time.now + 60_000), 0);
  await guard.copy('http://127.0.0.1:1/?token=t1', new Date(time.now + 60_000), 0, 'bridge:a');
  assert.deepEqual(guard.slots().sort(), ['bridge:a', 'credential']);
  assert.equal(time.pending, 2, 'the URL did not cancel the credential\'s clear');
  assert.equal(await guard.clearIfUnchanged('bridge:a'), true);
  assert.equal(clipboard.value, '');
  assert.deepEqual(guard.slots(), ['credential']);
  // The user copied something else since: the bridge's stop leaves it alone.
  await guard.copy('http://127.0.0.1:2/?token=t2', new Date(time.now + 60_000), 0, 'bridge:b');
  clipboard.value = 'mine';
  assert.equal(await guard.clearIfUnchanged('bridge:b'), false);
  assert.equal(clipboard.value, 'mine');
  guard.dispose();
  assert.equal(time.pending, 0);
});
