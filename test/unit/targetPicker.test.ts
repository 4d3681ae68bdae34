import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIST_EVERYTHING, pickTarget } from '../../src/credentials/targetPicker';
import { target } from '../helpers/fakes';
import { scriptedWindow } from '../helpers/vscode';

/** A window that picks `label`; `shown` is each quick pick's labels. */
function windowPicking(label: string | undefined) {
  const { window, picks } = scriptedWindow([label]);
  return { window, shown: picks };
}

const a = target({ id: 'a', name: 'alpha' });
const b = target({ id: 'b', name: 'beta', kind: 'other:thing' });
const fetchable = (t: { kind: string }) => t.kind === 'test:cluster';

test('offers only targets with a credential method', async () => {
  const { window, shown } = windowPicking('alpha');
  assert.equal(await pickTarget(window, [a, b], fetchable), a);
  assert.deepEqual(shown[0], ['alpha']);
});

test('can offer to list every profile and region instead', async () => {
  const { window, shown } = windowPicking('$(search) List every profile and region…');
  assert.equal(await pickTarget(window, [a], fetchable, true), LIST_EVERYTHING);
  assert.deepEqual(shown[0], ['alpha', '$(search) List every profile and region…']);
});

test('Escape picks nothing', async () => {
  const { window } = windowPicking(undefined);
  assert.equal(await pickTarget(window, [a], fetchable, true), undefined);
});
