// EMR on EKS as the current AWS model describes it, through the product's path (AWS config file with endpoint_url,
// createAwsApi, CredentialService): the token in `credentials`, in `endpointCredentials` or in both; ARNs as the
// identifiers; endpoint types (Spark Connect's connection string and PySpark snippet, unknown types' token formats,
// no notebooks for either).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { listEverywhere } from '../../src/credentials/targetPicker';
import { formatsFor } from '../../src/credentials/credentialService';
import { emrContainersSessionToken } from '../../src/services/emrContainers';
import { notebookMethodsFor } from '../../src/services/methods';
import type { Target } from '../../src/services/types';
import { DEFAULT_IDS, EXECUTION_ROLE_ARN, type ManagedEndpoint } from '../emulator/index';
import { credentialService, recordingWindow, startProductWorld, type ProductWorld } from '../helpers/product';
import { parseSparkConnectString } from '../helpers/sparkConnect';

const E = DEFAULT_IDS.eks;
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
  for (const e of worldEndpoints()) delete e.credentialMembers;
});

function worldEndpoints(): ManagedEndpoint[] {
  return world.emulator.world.regions['us-east-1'].managedEndpoints;
}
const find = (id: string) => {
  const t = targets.find((x) => x.id === id);
  assert.ok(t, `target ${id} not listed`);
  return t;
};
const lastSecret = () => world.emulator.issuedSecrets.at(-1)!;
const input = { executionRoleArn: EXECUTION_ROLE_ARN };

describe('the session token wherever the current API puts it', () => {
  for (const members of [['credentials'], ['endpointCredentials'], ['credentials', 'endpointCredentials']] as const) {
    test(`token in ${members.join(' and ')}: the product gets the issued token, sent with both ARNs`, async () => {
      worldEndpoints().find((e) => e.id === E.activeEndpoint)!.credentialMembers = [...members];
      const { window, messages } = recordingWindow();
      const { service, clipboard, guard } = credentialService(world.api, window, 'token');
      const target = find(E.activeEndpoint);
      const session = await service.getCredentials(target, { input });
      assert.ok(session, messages.map((m) => m.text).join(' | '));
      assert.equal(session.credential.secret, lastSecret().secret);
      assert.equal(clipboard.value, lastSecret().secret);
      const sent = world.emulator.requests.filter((r) => r.operation === 'GetManagedEndpointSessionCredentials');
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0].identifierForms, { endpointIdentifier: 'arn', virtualClusterIdentifier: 'arn' });
      assert.equal(sent[0].params.endpointIdentifier, target.arn);
      assert.equal(sent[0].params.virtualClusterIdentifier, `arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/${E.runningVirtualCluster}`);
      guard.dispose();
    });
  }

  test('neither member, or only an unknown member: the clear messages of before', async () => {
    const { window, messages } = recordingWindow();
    const { service } = credentialService(world.api, window, 'token');
    worldEndpoints().find((e) => e.id === E.activeEndpoint)!.credentialMembers = [];
    assert.equal(await service.getCredentials(find(E.activeEndpoint), { input }), undefined);
    assert.match(messages.at(-1)!.text, /GetManagedEndpointSessionCredentials answered without credentials\. Try again/);
    worldEndpoints().find((e) => e.id === E.activeEndpoint)!.credentialMembers = ['endpointCredentials'];
    world.emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'unknownUnion' });
    assert.equal(await service.getCredentials(find(E.activeEndpoint), { input }), undefined);
    assert.match(messages.at(-1)!.text, /returned a credential type \("futureCredential"\) that this version of Cluster Pass does not support/);
  });

  test('a target without ARNs (rebuilt from notebook metadata) falls back to the ids', async () => {
    const { id, parentId, location, kind, name } = find(E.activeEndpoint);
    const credential = await emrContainersSessionToken.fetch({ location, clientConfig: world.api.clientConfig(location) }, { id, parentId, location, kind, name, state: 'UNKNOWN', stateCategory: 'active', details: {} }, input);
    assert.equal(credential.secret, lastSecret().secret);
    const sent = world.emulator.requests.find((r) => r.operation === 'GetManagedEndpointSessionCredentials');
    assert.deepEqual(sent?.identifierForms, { endpointIdentifier: 'id', virtualClusterIdentifier: 'id' });
  });
});

describe('endpoint types', () => {
  test('the Spark Connect endpoint: type and auth proxy listed, connection string and PySpark snippet, no notebooks', async () => {
    const target = find(E.sparkConnectEndpoint);
    const proxy = worldEndpoints().find((e) => e.id === E.sparkConnectEndpoint)!.authProxyUrl!;
    assert.equal(target.type, 'SPARK_CONNECT');
    assert.equal(target.details.authProxyUrl, proxy);
    assert.deepEqual(formatsFor(emrContainersSessionToken, target).map((f) => f.id), ['token', 'sessionJson', 'sparkConnectString', 'pyspark']);
    assert.deepEqual(notebookMethodsFor([emrContainersSessionToken], target), []);
    assert.match(emrContainersSessionToken.notebookRefusal!(target)!, /^spark-connect is a Spark Connect endpoint: notebooks connect to Jupyter Enterprise Gateway endpoints\./);

    const { window } = recordingWindow();
    const { service, clipboard, guard } = credentialService(world.api, window, 'sparkConnectString');
    const session = await service.getCredentials(target, { input });
    assert.ok(session);
    const parsed = parseSparkConnectString(clipboard.value);
    assert.deepEqual(parsed, { host: new URL(proxy).hostname, port: 443, params: { use_ssl: 'true', token: lastSecret().secret } });
    await service.copy(session, 'pyspark');
    assert.ok(clipboard.value.includes(`SparkSession.builder.remote(${JSON.stringify(`sc://${new URL(proxy).hostname}:443/;use_ssl=true;token=${lastSecret().secret}`)}).getOrCreate()`), clipboard.value);
    guard.dispose();
  });

  test('a Jupyter gateway keeps its formats and notebooks; an unknown type offers the token formats only', async () => {
    const gateway = find(E.activeEndpoint);
    assert.equal(gateway.type, 'JUPYTER_ENTERPRISE_GATEWAY');
    assert.deepEqual(formatsFor(emrContainersSessionToken, gateway).map((f) => f.id), ['token', 'authHeader', 'sessionJson']);
    assert.equal(notebookMethodsFor([emrContainersSessionToken], gateway).length, 1);
    const future = { ...gateway, type: 'RAY_DASHBOARD' };
    assert.deepEqual(formatsFor(emrContainersSessionToken, future).map((f) => f.id), ['token', 'sessionJson']);
    assert.deepEqual(notebookMethodsFor([emrContainersSessionToken], future), []);
    assert.match(emrContainersSessionToken.notebookRefusal!(future)!, /of type RAY_DASHBOARD, which Cluster Pass does not connect notebooks to/);
  });

  test('Spark Connect without an auth proxy connects to the server URL; a token with ; and = is encoded', async () => {
    const target = { ...find(E.sparkConnectEndpoint), details: { ...find(E.sparkConnectEndpoint).details, authProxyUrl: undefined } };
    const format = formatsFor(emrContainersSessionToken, target).find((f) => f.id === 'sparkConnectString')!;
    const text = format.render({ target, input: {}, credential: { secret: 'a;b=c/d+e', expiresAt: new Date() } });
    assert.deepEqual(parseSparkConnectString(text), { host: new URL(target.endpoint!).hostname, port: 443, params: { use_ssl: 'true', token: 'a;b=c/d+e' } });
  });
});
