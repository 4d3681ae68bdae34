// The auto-connect rule: a linked Jupyter notebook connects by itself only in a trusted workspace with the setting on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planAutoConnect } from '../../src/jupyter/autoConnect';
import { linkFor, withLink } from '../../src/jupyter/notebookMetadata';
import type { ParameterSpec } from '../../src/services/types';
import { method, target } from '../helpers/fakes';

const role: ParameterSpec = { key: 'executionRoleArn', label: 'Role', type: 'text', required: true, prompt: '', validate: () => undefined };
const link = linkFor(target({ kind: 'emr-containers:endpoint', id: 'ep-1', parentId: 'vc-1', name: 'gw' }), method({ targetKind: 'emr-containers:endpoint', parameters: [role] }), { executionRoleArn: 'arn:aws:iam::123456789012:role/r' });
const linked = withLink({}, link);
const base = { notebookType: 'jupyter-notebook', expectedType: 'jupyter-notebook', metadata: linked, workspaceTrusted: true, autoConnectSetting: true };

test('a linked notebook in a trusted workspace connects, with its link', () => {
  const plan = planAutoConnect(base);
  assert.equal(plan.connect, true);
  assert.equal(plan.connect && plan.link.id, 'ep-1');
});

test('an untrusted workspace never connects, even with the setting on', () => {
  assert.deepEqual(planAutoConnect({ ...base, workspaceTrusted: false }), { connect: false, reason: 'untrusted-workspace', link });
});

test('the setting turns it off; unlinked and non-Jupyter notebooks are left alone', () => {
  assert.equal(planAutoConnect({ ...base, autoConnectSetting: false }).connect, false);
  assert.deepEqual(planAutoConnect({ ...base, metadata: {} }), { connect: false, reason: 'no-link' });
  assert.deepEqual(planAutoConnect({ ...base, notebookType: 'interactive' }), { connect: false, reason: 'not-a-jupyter-notebook' });
});
