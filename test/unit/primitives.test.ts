// The shared primitives: one event emitter and one lazy bundle loader (and the bridge factory built on it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Emitter } from '../../src/events';
import * as bridgeBundle from '../../src/jupyter/bridgeBundle';
import { lazyBridgeFactory } from '../../src/jupyter/bridgeLoader';
import { loadOnce } from '../../src/lazyBundle';

test('Emitter: every subscriber gets each value; a disposed subscription and a disposed emitter get nothing', () => {
  const emitter = new Emitter<number>();
  const seen: string[] = [];
  const owned: { dispose(): unknown }[] = [];
  const a = emitter.event((n) => seen.push(`a${n}`));
  emitter.event(function (this: { name: string }, n) {
    seen.push(`${this.name}${n}`);
  }, { name: 'b' }, owned);
  emitter.fire(1);
  a.dispose();
  emitter.fire(2);
  assert.equal(owned.length, 1, 'the subscription joined the given disposables');
  owned[0].dispose();
  emitter.fire(3);
  emitter.event((n) => seen.push(`c${n}`));
  emitter.dispose();
  emitter.fire(4);
  assert.deepEqual(seen, ['a1', 'b1', 'b2']);
});

test('Emitter: a listener that unsubscribes another during fire does not stop that one this time', () => {
  const emitter = new Emitter<void>();
  const seen: string[] = [];
  emitter.event(() => {
    seen.push('first');
    second.dispose();
  });
  const second = emitter.event(() => seen.push('second'));
  emitter.fire();
  emitter.fire();
  assert.deepEqual(seen, ['first', 'second', 'first']);
});

test('loadOnce: concurrent callers share one load; a failed load is tried again on the next call', async () => {
  let calls = 0;
  let fail = true;
  const load = loadOnce(async () => {
    calls++;
    if (fail) throw new Error('missing bundle');
    return { loaded: calls };
  });
  await assert.rejects(Promise.all([load(), load()]), /missing bundle/);
  assert.equal(calls, 1, 'one attempt for both callers');
  fail = false;
  const [x, y] = await Promise.all([load(), load()]);
  assert.equal(x, y);
  assert.deepEqual(x, { loaded: 2 });
  assert.equal(await load(), x, 'loaded once');
  assert.equal(calls, 2);
});

test('lazyBridgeFactory: the bridge bundle is loaded on the first bridge only, once, and makes its bridges', async () => {
  let loads = 0;
  const factory = lazyBridgeFactory(async () => {
    loads++;
    return bridgeBundle;
  });
  assert.equal(loads, 0, 'nothing loaded before a bridge is asked for');
  const upstream = { baseUrl: 'https://gateway.invalid/', headers: () => ({}) };
  const credential = () => ({ secret: 's', expiresAt: new Date(Date.now() + 60_000) });
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const options = { allowInsecureTls: false };
  const [a, b] = await Promise.all([factory(upstream, credential, log, options), factory(upstream, credential, log, options)]);
  assert.equal(loads, 1);
  assert.ok(a.token.length >= 32 && b.token.length >= 32, 'real bridges, each with its own token');
  assert.notEqual(a.token, b.token);
  await Promise.all([a.dispose(), b.dispose()]);
});
