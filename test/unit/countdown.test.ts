import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRemaining } from '../../src/sessions/countdown';

test('remaining time is m:ss under an hour and h:mm:ss above', () => {
  assert.equal(formatRemaining(59 * 60_000 + 59_000), '59:59');
  assert.equal(formatRemaining(60 * 60_000), '1:00:00');
  assert.equal(formatRemaining(12 * 3600_000 + 5 * 60_000 + 7_000), '12:05:07');
  assert.equal(formatRemaining(9_000), '0:09');
  assert.equal(formatRemaining(61_000), '1:01');
});

test('partial seconds round up, so 0:00 is never shown before expiry', () => {
  assert.equal(formatRemaining(1), '0:01');
  assert.equal(formatRemaining(999), '0:01');
  assert.equal(formatRemaining(1_001), '0:02');
});

test('zero and negative remaining time read "expired"', () => {
  assert.equal(formatRemaining(0), 'expired');
  assert.equal(formatRemaining(-5_000), 'expired');
});
