import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, promptForInput } from '../../src/credentials/prompts';
import { RecentValues } from '../../src/credentials/recentValues';
import { assertValid } from '../../src/credentials/validate';
import { InvalidInputError } from '../../src/services/errors';
import type { InputValue, ParameterSpec } from '../../src/services/types';
import { method, target } from '../helpers/fakes';
import { memento, scriptedWindow } from '../helpers/vscode';

const role: ParameterSpec = {
  key: 'executionRoleArn', label: 'Execution role ARN', type: 'text', required: true, prompt: 'IAM role', remember: true,
  defaultValue: (t) => t.details.executionRoleArn,
  validate: (v) => (typeof v === 'string' && v.startsWith('arn:aws:iam::') ? undefined : 'Must look like arn:aws:iam::123456789012:role/NAME.'),
};
const duration: ParameterSpec = {
  key: 'durationInSeconds', label: 'Duration', type: 'integer', required: false, prompt: 'seconds', defaultValue: () => 900,
  validate: (v) => (v === undefined || (typeof v === 'number' && v >= 900 && v <= 3600) ? undefined : 'Must be a whole number of seconds from 900 to 3600.'),
};
const groups: ParameterSpec = { key: 'DbGroups', label: 'Groups', type: 'list', required: false, prompt: 'groups', validate: () => undefined };
const dbUser: ParameterSpec = { key: 'DbUser', label: 'Database user', type: 'text', required: true, prompt: 'user', settingDefault: 'redshift.defaultDbUser', validate: (v) => (v ? undefined : 'Required.') };
const autoCreate: ParameterSpec = { key: 'AutoCreate', label: 'Create the user', type: 'boolean', required: false, prompt: 'create', validate: () => undefined };

test('typed text becomes the parameter type; empty means not given', () => {
  assert.equal(parse(duration, ' 1800 '), 1800);
  assert.equal(parse(duration, ''), undefined);
  assert.equal(parse(duration, '15m'), '15m');
  assert.deepEqual(parse(groups, 'a, b ,c'), ['a', 'b', 'c']);
  assert.equal(parse(groups, '  '), undefined);
  assert.equal(parse(role, ''), undefined);
  assert.equal(parse(role, '   '), '   ');
});

test('the input box validates every keystroke with the rule of the parameter', async () => {
  const { window, shown } = scriptedWindow(['arn:aws:iam::123456789012:role/a', '1800']);
  const input = await promptForInput({ window, recent: new RecentValues(memento()), setting: () => undefined }, method({ parameters: [role, duration] }), target());
  assert.deepEqual(input, { executionRoleArn: 'arn:aws:iam::123456789012:role/a', durationInSeconds: 1800 });
  assert.equal(shown[0].validation!('nope'), 'Must look like arn:aws:iam::123456789012:role/NAME.');
  assert.equal(shown[0].validation!('arn:aws:iam::1:role/x'), undefined);
  assert.equal(shown[1].value, '900');
  assert.equal(shown[1].validation!('899'), 'Must be a whole number of seconds from 900 to 3600.');
  assert.equal(shown[1].validation!('abc'), 'Must be a whole number of seconds from 900 to 3600.');
});

test('roles used before and the target suggestion are offered first; a new one can be typed', async () => {
  const state = memento();
  const recent = new RecentValues(state);
  const t = target({ details: { executionRoleArn: 'arn:aws:iam::123456789012:role/suggested' } });
  await recent.remember(t, 'executionRoleArn', 'arn:aws:iam::123456789012:role/used');
  const { window, shown } = scriptedWindow(['arn:aws:iam::123456789012:role/suggested']);
  const input = await promptForInput({ window, recent, setting: () => undefined }, method({ parameters: [role] }), t);
  assert.equal(input?.executionRoleArn, 'arn:aws:iam::123456789012:role/suggested');
  assert.deepEqual(shown[0].items?.slice(0, 2), ['arn:aws:iam::123456789012:role/used', 'arn:aws:iam::123456789012:role/suggested']);
  assert.deepEqual(recent.get(t, 'executionRoleArn'), ['arn:aws:iam::123456789012:role/suggested', 'arn:aws:iam::123456789012:role/used']);
});

test('Escape at any step cancels the whole flow and remembers nothing', async () => {
  const state = memento();
  const { window } = scriptedWindow(['arn:aws:iam::123456789012:role/a', undefined]);
  const input = await promptForInput({ window, recent: new RecentValues(state), setting: () => undefined }, method({ parameters: [role, duration] }), target());
  assert.equal(input, undefined);
  assert.equal(state.data.size, 0);
});

test('defaults come from the target, then from the setting; booleans are a Yes/No pick', async () => {
  const { window, shown } = scriptedWindow(['admin', 'Yes']);
  const input = await promptForInput({ window, recent: new RecentValues(memento()), setting: (k) => (k === 'redshift.defaultDbUser' ? 'analyst' : undefined) }, method({ parameters: [dbUser, autoCreate] }), target());
  assert.equal(shown[0].value, 'analyst');
  assert.deepEqual(shown[1].items, ['No', 'Yes']);
  assert.deepEqual(input, { DbUser: 'admin', AutoCreate: true });
});

test('assertValid names the first invalid field and the target problem', () => {
  const m = method({ parameters: [role, duration], validateTarget: (t) => (t.id.trim() ? undefined : 'Must not be empty.') });
  assert.throws(() => assertValid(m, target(), { executionRoleArn: 'x' }), (e: unknown) => e instanceof InvalidInputError && e.field === 'Execution role ARN');
  assert.throws(() => assertValid(m, target({ id: ' ' }), {}), /Must not be empty/);
  const ok: Record<string, InputValue> = { executionRoleArn: 'arn:aws:iam::123456789012:role/a', durationInSeconds: 900 };
  assert.doesNotThrow(() => assertValid(m, target(), ok));
});
