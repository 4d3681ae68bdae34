// Getting credentials through the product's generic flow (validation, progress, SDK call, session store,
// clipboard) against the emulator, for every credential method, and each translated error.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { listEverywhere } from '../../src/credentials/targetPicker';
import type { Target } from '../../src/services/types';
import { DEFAULT_IDS, EMR_RUNTIME_ROLE_ARN, EXECUTION_ROLE_ARN } from '../emulator/index';
import { credentialService, recordingWindow, startProductWorld, type ProductWorld } from '../helpers/product';

let world: ProductWorld;
let targets: Target[];
before(async () => {
  world = await startProductWorld();
  targets = (await listEverywhere(world.api, { profiles: ['demo'], regions: ['us-east-1'], includeInactive: true, concurrency: 4 })).targets;
});
after(() => world.stop());
beforeEach(() => {
  world.emulator.clearFaults();
  world.emulator.clearLog();
});

const find = (id: string) => {
  const t = targets.find((x) => x.id === id);
  assert.ok(t, `target ${id} not listed`);
  return t;
};
const lastSecret = () => world.emulator.issuedSecrets.at(-1)!;

test('EMR: session credentials land in the store and the clipboard holds exactly the issued password', async () => {
  const { window, messages } = recordingWindow();
  const { service, store, clipboard, guard } = credentialService(world.api, window, 'password');
  const session = await service.getCredentials(find(DEFAULT_IDS.emr.running), { input: { executionRoleArn: EMR_RUNTIME_ROLE_ARN } });
  assert.ok(session);
  assert.equal(store.size, 1);
  assert.equal(clipboard.value, lastSecret().secret);
  assert.equal(session.credential.secret, lastSecret().secret);
  assert.ok(guard.armed);
  assert.match(messages[0].text, /^Copied Password for analytics-prod\. It expires in \d+:\d\d/);
  assert.ok(!messages.some((m) => m.text.includes(lastSecret().secret)), 'no secret in a message');
  guard.dispose();
});

test('EMR on EKS: a token for an endpoint, copied as the Authorization header', async () => {
  const { window } = recordingWindow();
  const { service, clipboard, guard } = credentialService(world.api, window, 'authHeader');
  const session = await service.getCredentials(find(DEFAULT_IDS.eks.activeEndpoint), { input: { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: 1800, logContext: 'notebook-1' } });
  assert.ok(session);
  assert.equal(clipboard.value, `Authorization: token ${lastSecret().secret}`);
  const left = session.credential.expiresAt.getTime() - Date.now();
  assert.ok(left > 1790_000 && left <= 1800_000, `expiry ${left} ms`);
  guard.dispose();
});

test('Redshift: both credential APIs of a provisioned cluster, chosen by the user, and Serverless', async () => {
  const picks = recordingWindow(['Temporary IAM identity (GetClusterCredentialsWithIAM)']);
  const methods = world.api.services.flatMap((m) => m.methods).filter((m) => m.targetKind === 'redshift:cluster').map((m) => m.label);
  assert.equal(methods.length, 2);
  const { window } = recordingWindow([methods[1]]);
  const { service, clipboard, guard } = credentialService(world.api, window, 'psqlUri');
  const cluster = find(DEFAULT_IDS.redshift.available);
  const iam = await service.getCredentials(cluster, { input: { DurationSeconds: 900 } });
  assert.ok(iam);
  assert.equal(iam.method.id, 'redshift.clusterCredentialsWithIam');
  assert.ok(clipboard.value.startsWith('postgresql://'));
  assert.ok(clipboard.value.endsWith('sslmode=require'));
  const user = await service.getCredentials(cluster, { methodId: 'redshift.clusterCredentials', input: { DbUser: 'analyst', AutoCreate: true, DurationSeconds: 3600 } });
  assert.equal(user?.credential.user, 'IAMA:analyst');
  const wg = await service.getCredentials(find(DEFAULT_IDS.serverless.available), { format: 'none', input: { durationSeconds: 900 } });
  assert.ok(wg?.credential.user?.startsWith('IAM'));
  assert.equal(wg?.credential.secret, lastSecret().secret);
  void picks;
  guard.dispose();
});

test('invalid input is refused with the field and the rule, and no request is sent', async () => {
  const { window, messages } = recordingWindow();
  const { service, store } = credentialService(world.api, window);
  const cases: [Target, Record<string, unknown>, RegExp][] = [
    [find(DEFAULT_IDS.eks.activeEndpoint), { executionRoleArn: 'arn:aws:iam::12345:role/x' }, /Execution role ARN/],
    [find(DEFAULT_IDS.eks.activeEndpoint), { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: 43201 }, /43200|43,200/],
    [find(DEFAULT_IDS.eks.activeEndpoint), { executionRoleArn: EXECUTION_ROLE_ARN, logContext: 'Bad_Context' }, /[Ll]og context/],
    [find(DEFAULT_IDS.redshift.available), { DbUser: 'PUBLIC' }, /reserved/i],
    [find(DEFAULT_IDS.redshift.available), { DbUser: 'analyst', DurationSeconds: 899 }, /900/],
  ];
  for (const [target, input, pattern] of cases) {
    const methodId = target.kind === 'redshift:cluster' ? 'redshift.clusterCredentials' : undefined;
    const session = await service.getCredentials(target, { methodId, input: input as never });
    assert.equal(session, undefined);
    const shown = messages.at(-1)!;
    assert.equal(shown.level, 'error');
    assert.match(shown.text, pattern);
  }
  assert.equal(world.emulator.requests.length, 0, 'the emulator received nothing');
  assert.equal(store.size, 0);
});

test('ClusterNotFound is explained with a way forward (refresh)', async () => {
  const { window, messages } = recordingWindow([], 'Refresh');
  const { service, followUps } = credentialService(world.api, window);
  const gone = { ...find(DEFAULT_IDS.redshift.available), id: 'deleted-dw' };
  const session = await service.getCredentials(gone, { methodId: 'redshift.clusterCredentials', input: { DbUser: 'analyst' } });
  assert.equal(session, undefined);
  assert.match(messages[0].text, /deleted-dw|no longer exists|not found/i);
  assert.ok(messages[0].actions.includes('Refresh'));
  assert.deepEqual(followUps, ['Refresh']);
});

test('throttling is retried by the SDK and then succeeds', async () => {
  world.emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'throttle', count: 2 });
  const { window, messages } = recordingWindow();
  const { service } = credentialService(world.api, window, 'token');
  const session = await service.getCredentials(find(DEFAULT_IDS.eks.activeEndpoint), { input: { executionRoleArn: EXECUTION_ROLE_ARN } });
  assert.ok(session, messages.map((m) => m.text).join('\n'));
  assert.equal(world.emulator.requests.filter((r) => r.operation === 'GetManagedEndpointSessionCredentials').length, 3);
});

test('throttling beyond the retries says so and offers Retry, which then succeeds', async () => {
  world.emulator.setFault('GetClusterSessionCredentials', { kind: 'throttle', count: 3 });
  const { window, messages } = recordingWindow([], 'Retry');
  const { service } = credentialService(world.api, window, 'password');
  const session = await service.getCredentials(find(DEFAULT_IDS.emr.running), { input: {} });
  assert.ok(session);
  assert.match(messages[0].text, /throttl/i);
});

test('an unknown credential type gets the clear "not supported by this version" message', async () => {
  world.emulator.setFault('GetClusterSessionCredentials', { kind: 'unknownUnion' });
  const { window, messages } = recordingWindow();
  const { service, store } = credentialService(world.api, window);
  assert.equal(await service.getCredentials(find(DEFAULT_IDS.emr.running), { input: {} }), undefined);
  assert.match(messages[0].text, /not support/);
  assert.equal(store.size, 0);
});

test('a 500 is called an AWS-side problem and offers Retry', async () => {
  world.emulator.setFault('GetCredentials', { kind: 'error', count: 5 });
  const { window, messages } = recordingWindow();
  const { service } = credentialService(world.api, window);
  assert.equal(await service.getCredentials(find(DEFAULT_IDS.serverless.available), { input: {} }), undefined);
  assert.ok(messages[0].actions.includes('Retry'), messages[0].text);
});

test('cancelling a hanging call ends it promptly with no error shown', async () => {
  world.emulator.setFault('GetClusterSessionCredentials', { kind: 'hang' });
  const { window, messages, cancel } = recordingWindow();
  const { service } = credentialService(world.api, window);
  const pending = service.getCredentials(find(DEFAULT_IDS.emr.running), { input: {} });
  setTimeout(cancel, 200);
  const started = Date.now();
  assert.equal(await pending, undefined);
  assert.ok(Date.now() - started < 5_000);
  assert.equal(messages.filter((m) => m.level === 'error').length, 0);
});

test('renewal fetches again with the same inputs and replaces the session', async () => {
  const { window, messages } = recordingWindow();
  const { service, store } = credentialService(world.api, window, 'token');
  const first = await service.getCredentials(find(DEFAULT_IDS.eks.activeEndpoint), { input: { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: 900 } });
  assert.ok(first);
  const firstSecret = first.credential.secret;
  const renewed = await service.renew(first);
  assert.ok(renewed);
  assert.equal(store.size, 1);
  assert.equal(renewed.renewals, 1);
  assert.notEqual(renewed.credential.secret, firstSecret);
  const told = messages.at(-1)!;
  assert.match(told.text, /^Renewed credentials for notebooks-gateway; they expire in \d+:\d\d\.$/);
  assert.deepEqual(told.actions, ['Copy']);
  const calls = world.emulator.requests.filter((r) => r.operation === 'GetManagedEndpointSessionCredentials');
  assert.equal(calls.length, 2);
  assert.deepEqual(calls[0].params, calls[1].params.clientToken === undefined ? calls[1].params : calls[0].params);
});
