// Answers that are not AWS answers, through the product's path: a profile whose endpoint_url answers with HTML
// error pages (404, 500), unknown routes, API front-door errors or plain text. The tree's error row and the fetch
// message name the endpoint and the profile and say the answer was not from AWS; never a JavaScript error name, never
// an IAM hint, never "AWS had an internal error".
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { listEverywhere } from '../../src/credentials/targetPicker';
import type { Target } from '../../src/services/types';
import type { TreeNode } from '../../src/tree/nodes';
import { TargetTreeModel } from '../../src/tree/targetTree';
import { DEFAULT_IDS, EMR_RUNTIME_ROLE_ARN, EXECUTION_ROLE_ARN, type Fault } from '../emulator/index';
import { credentialService, recordingWindow, silentLog, startProductWorld, type ProductWorld } from '../helpers/product';

const PROFILE = 'proxied';
let world: ProductWorld;
let targets: Target[];
before(async () => {
  world = await startProductWorld({ profiles: [{ name: PROFILE, region: 'us-east-1' }] });
  targets = (await listEverywhere(world.api, { profiles: [], regions: [], includeInactive: false, concurrency: 4 })).targets;
});
after(() => world.stop());
beforeEach(() => {
  world.emulator.clearFaults();
  world.emulator.clearLog();
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The whole sentence, with the service and what came back. */
function notAws(service: string, what: string): RegExp {
  return new RegExp(`the endpoint at ${escape(world.emulator.url)} did not answer as ${escape(service)} would \\(${escape(what)}\\), so the answer was not from AWS: check endpoint_url in profile "${PROFILE}", or a proxy\\.$`);
}

function assertNoMisdirection(text: string): void {
  assert.doesNotMatch(text, /SyntaxError|TypeError|ReferenceError|Deserialization/);
  assert.doesNotMatch(text, /IAM|permission|access denied|internal error|AWS's side/i);
}

const find = (id: string) => {
  const t = targets.find((x) => x.id === id);
  assert.ok(t, `target ${id} not listed`);
  return t;
};

const calls = () => [
  { service: 'Amazon EMR', operation: 'GetClusterSessionCredentials', target: find(DEFAULT_IDS.emr.running), input: { executionRoleArn: EMR_RUNTIME_ROLE_ARN } },
  { service: 'Amazon EMR on EKS', operation: 'GetManagedEndpointSessionCredentials', target: find(DEFAULT_IDS.eks.activeEndpoint), input: { executionRoleArn: EXECUTION_ROLE_ARN } },
  { service: 'Amazon Redshift', operation: 'GetClusterCredentialsWithIAM', target: find(DEFAULT_IDS.redshift.available), input: {}, methodId: 'redshift.clusterCredentialsWithIam' },
  { service: 'Amazon Redshift Serverless', operation: 'GetCredentials', target: find(DEFAULT_IDS.serverless.available), input: {} },
];

const answers: { fault: Fault; what: (operation: string) => string }[] = [
  { fault: { kind: 'htmlPage', status: 404 }, what: () => 'HTTP 404, an HTML page' },
  { fault: { kind: 'htmlPage', status: 500 }, what: () => 'HTTP 500, an HTML page' },
  { fault: { kind: 'htmlPage', status: 200 }, what: () => 'HTTP 200, an HTML page' },
  { fault: { kind: 'unknownRoute' }, what: () => 'HTTP 404, a route the service does not have' },
  { fault: { kind: 'notProtocol' }, what: () => 'HTTP 200, a body that is neither JSON nor XML' },
];

for (const { fault, what } of answers) {
  test(`the fetch message for ${fault.kind}${fault.status ? ` ${fault.status}` : ''}, for each service`, async () => {
    for (const call of calls()) {
      const { window, messages } = recordingWindow();
      const { service } = credentialService(world.api, window, 'none');
      world.emulator.setFault(call.operation, { ...fault, count: 5 });
      const session = await service.getCredentials(call.target, { input: call.input, methodId: call.methodId, format: 'none' });
      world.emulator.clearFaults();
      assert.equal(session, undefined);
      const message = messages.at(-1)!;
      assert.equal(message.level, 'error');
      assert.match(message.text, notAws(call.service, what(call.operation)), message.text);
      assert.match(message.text, new RegExp(`^Getting credentials for ${escape(call.target.name)}: `));
      assertNoMisdirection(message.text);
      assert.deepEqual(message.actions, ['Open AWS Config', 'Show Log']);
      // Not retried: a wrong endpoint does not get better by asking again.
      assert.equal(world.emulator.requests.filter((r) => r.operation === call.operation).length, 1, call.operation);
    }
  });
}

test('API front-door errors (MissingAuthenticationToken…, UnknownOperationException) are named as what came back', async () => {
  for (const call of calls()) {
    for (const [kind, code] of [['missingAuthToken', call.service === 'Amazon Redshift' ? 'MissingAuthenticationToken' : 'MissingAuthenticationTokenException'], ['unknownOperation', 'UnknownOperationException']] as const) {
      const { window, messages } = recordingWindow();
      const { service } = credentialService(world.api, window, 'none');
      world.emulator.setFault(call.operation, { kind, count: 5 });
      await service.getCredentials(call.target, { input: call.input, methodId: call.methodId, format: 'none' });
      world.emulator.clearFaults();
      const status = kind === 'missingAuthToken' ? 403 : 404;
      assert.match(messages.at(-1)!.text, notAws(call.service, `HTTP ${status}, ${code}`), messages.at(-1)!.text);
      assertNoMisdirection(messages.at(-1)!.text);
    }
  }
});

test('the tree: a listing that gets HTML 404 or HTML 500 shows an error row naming the endpoint and the profile', async () => {
  const model = new TargetTreeModel({
    loadAws: async () => world.api,
    settings: { profiles: () => [], regions: () => [], includeInactive: () => false },
    log: silentLog,
    withProgress: (task) => task(),
  });
  const label = (n: TreeNode) => (n.kind === 'group' ? n.label : n.kind === 'message' ? n.message : n.kind);
  const groups = await model.getChildren();
  for (const [group, operation, service] of [
    ['Redshift', 'DescribeClusters', 'Amazon Redshift'],
    ['EMR on EKS', 'ListVirtualClusters', 'Amazon EMR on EKS'],
    ['EMR clusters', 'ListClusters', 'Amazon EMR'],
  ] as const) {
    for (const status of [404, 500]) {
      const node = groups.find((g) => label(g) === group);
      assert.ok(node, `${group} among ${groups.map(label).join(', ')}`);
      world.emulator.setFault(operation, { kind: 'htmlPage', status, count: 5 });
      const rows = await model.getChildren(node);
      world.emulator.clearFaults();
      assert.equal(rows.length, 1);
      const row = rows[0];
      assert.equal(row.kind, 'message');
      assert.match(label(row), notAws(service, `HTTP ${status}, an HTML page`), label(row));
      assertNoMisdirection(label(row));
    }
  }
});

test('AWS answers stay AWS answers: a modeled 404 (ClusterNotFound) and a cut-off body are not called foreign', async () => {
  const { window, messages } = recordingWindow();
  const { service } = credentialService(world.api, window, 'none');
  await service.getCredentials({ ...find(DEFAULT_IDS.redshift.available), id: 'no-such-cluster' }, { methodId: 'redshift.clusterCredentialsWithIam', input: {}, format: 'none' });
  assert.match(messages.at(-1)!.text, /no-such-cluster|not found|no longer exists/i);
  assert.doesNotMatch(messages.at(-1)!.text, /not from AWS/);
  world.emulator.setFault('GetClusterSessionCredentials', { kind: 'malformed', count: 5 });
  await service.getCredentials(find(DEFAULT_IDS.emr.running), { input: { executionRoleArn: EMR_RUNTIME_ROLE_ARN }, format: 'none' });
  assert.match(messages.at(-1)!.text, /could not be read/);
  assertNoMisdirection(messages.at(-1)!.text);
});
