// The EMR on EKS module against the emulator: virtual clusters and managed endpoints with paging and the
// active filter, session tokens exactly as issued, each modeled error explained, and the Jupyter upstream.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_IDS, PLACEHOLDER_CERTIFICATE_PEM } from '../emulator/index';
import { InvalidInputError, UnsupportedCredentialError } from '../../src/services/errors';
import { emrContainersSessionToken, emrContainersSource } from '../../src/services/emrContainers';
import type { Target } from '../../src/services/types';
import { explainedFailure, fileHarness, listAll } from './services-support';

const E = DEFAULT_IDS.eks;
const h = fileHarness();

function vcTarget(id: string): Target {
  return { kind: 'emr-containers:virtual-cluster', location: { profile: 'test', region: 'us-east-1' }, id, name: id, state: 'RUNNING', stateCategory: 'active', hasChildren: true, details: {} };
}

async function endpoint(id: string, vc: string = E.runningVirtualCluster): Promise<Target> {
  const { targets } = await listAll((o) => emrContainersSource.listChildren!(h.ctx(), vcTarget(vc), o), { includeInactive: true });
  const found = targets.find((t) => t.id === id);
  assert.ok(found, id);
  return found;
}

describe('EMR on EKS listing', () => {
  test('running virtual clusters by default; all with includeInactive; paging with pageSize', async () => {
    const ctx = h.ctx();
    const active = await listAll((o) => emrContainersSource.listPage(ctx, o), { includeInactive: false, pageSize: 1 });
    assert.deepEqual(new Set(active.targets.map((t) => t.id)), new Set([E.runningVirtualCluster, E.secondVirtualCluster]));
    assert.deepEqual(active.pages, [1, 1]);
    assert.ok(active.targets.every((t) => t.kind === 'emr-containers:virtual-cluster' && t.hasChildren === true && t.stateCategory === 'active'));
    const all = await listAll((o) => emrContainersSource.listPage(ctx, o), { includeInactive: true });
    const terminated = all.targets.find((t) => t.id === E.terminatedVirtualCluster);
    assert.equal(terminated?.stateCategory, 'inactive');
    assert.equal(all.targets.length, 3);
    const vc = all.targets.find((t) => t.id === E.runningVirtualCluster);
    assert.equal(vc?.name, 'analytics-eks');
    assert.equal(vc?.arn, `arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/${E.runningVirtualCluster}`);
    assert.equal(vc?.details.namespace, 'emr-jobs');
    const call = h.emulator.requests.find((r) => r.operation === 'ListVirtualClusters');
    assert.deepEqual(call?.params.states, ['RUNNING']);
  });

  test('managed endpoints: active and creating by default, paged; endpoint = serverUrl, role in details', async () => {
    const ctx = h.ctx();
    const parent = vcTarget(E.runningVirtualCluster);
    const active = await listAll((o) => emrContainersSource.listChildren!(ctx, parent, o), { includeInactive: false, pageSize: 1 });
    assert.deepEqual(new Set(active.targets.map((t) => t.id)), new Set([E.activeEndpoint, E.creatingEndpoint]));
    assert.deepEqual(active.pages, [1, 1]);
    const gateway = active.targets.find((t) => t.id === E.activeEndpoint);
    const world = h.emulator.world.regions['us-east-1'].managedEndpoints.find((e) => e.id === E.activeEndpoint);
    assert.ok(gateway && world);
    assert.equal(gateway.kind, 'emr-containers:endpoint');
    assert.equal(gateway.parentId, E.runningVirtualCluster);
    assert.equal(gateway.endpoint, world.serverUrl);
    assert.equal(gateway.details.executionRoleArn, E.executionRoleArn);
    assert.equal(gateway.stateCategory, 'active');
    assert.equal(active.targets.find((t) => t.id === E.creatingEndpoint)?.stateCategory, 'starting');
    const all = await listAll((o) => emrContainersSource.listChildren!(ctx, parent, o), { includeInactive: true });
    const byId = new Map(all.targets.map((t) => [t.id, t.stateCategory]));
    assert.equal(byId.get(E.terminatedEndpoint), 'inactive');
    assert.equal(byId.get(E.failedEndpoint), 'failed');
    assert.equal(all.targets.length, 4);
  });
});

describe('EMR on EKS GetManagedEndpointSessionCredentials', () => {
  test('returns exactly the issued token, id and expiry; sends TOKEN and the inputs', async () => {
    const target = await endpoint(E.activeEndpoint);
    h.emulator.clearLog();
    const credential = await emrContainersSessionToken.fetch(h.ctx(), target, { executionRoleArn: E.executionRoleArn, durationInSeconds: 3600, logContext: 'my-notebook' });
    assert.equal(h.emulator.issuedSecrets.length, 1);
    const issued = h.emulator.issuedSecrets[0];
    assert.equal(credential.secret, issued.secret);
    assert.equal(credential.id, issued.id);
    assert.equal(credential.expiresAt.toISOString(), new Date(issued.expiresAt).toISOString());
    assert.equal(credential.user, undefined);
    const call = h.emulator.requests.find((r) => r.operation === 'GetManagedEndpointSessionCredentials');
    assert.equal(call?.params.credentialType, 'TOKEN');
    assert.equal(call?.params.durationInSeconds, 3600);
    assert.equal(call?.params.logContext, 'my-notebook');
    assert.equal(call?.params.executionRoleArn, E.executionRoleArn);
    assert.ok(typeof call?.params.clientToken === 'string' && call.params.clientToken !== '', 'the SDK fills in clientToken');
  });

  test('duration defaults to 900 seconds; typed digits are accepted', async () => {
    const target = await endpoint(E.activeEndpoint);
    h.emulator.clearLog();
    await emrContainersSessionToken.fetch(h.ctx(), target, { executionRoleArn: E.executionRoleArn });
    await emrContainersSessionToken.fetch(h.ctx(), target, { executionRoleArn: E.executionRoleArn, durationInSeconds: '1800' });
    const calls = h.emulator.requests.filter((r) => r.operation === 'GetManagedEndpointSessionCredentials');
    assert.deepEqual(calls.map((c) => c.params.durationInSeconds), [900, 1800]);
  });

  test('invalid inputs send nothing', async () => {
    const target = await endpoint(E.activeEndpoint);
    h.emulator.clearLog();
    const role = E.executionRoleArn;
    for (const input of [
      {},
      { executionRoleArn: 'arn:aws:iam::123456789012:user/x' },
      { executionRoleArn: role, durationInSeconds: 43201 },
      { executionRoleArn: role, durationInSeconds: 0 },
      { executionRoleArn: role, durationInSeconds: '90.5' },
      { executionRoleArn: role, logContext: 'ab' },
      { executionRoleArn: role, logContext: 'xn--abc' },
      { executionRoleArn: role, logContext: 'logs-s3alias' },
    ]) {
      await assert.rejects(emrContainersSessionToken.fetch(h.ctx(), target, input), InvalidInputError, JSON.stringify(input));
    }
    // Without ARNs (a target rebuilt from a notebook's metadata) the ids are checked and sent.
    const idsOnly = { ...target, arn: undefined, details: { ...target.details, virtualClusterArn: undefined } };
    await assert.rejects(emrContainersSessionToken.fetch(h.ctx(), { ...idsOnly, parentId: ' ' }, { executionRoleArn: role }), InvalidInputError);
    assert.equal(h.emulator.requests.length, 0);
  });

  test('ValidationException: AWS says which field', async () => {
    const target = await endpoint(E.creatingEndpoint);
    const { error, explained } = await explainedFailure(emrContainersSessionToken, h.ctx(), target, { executionRoleArn: E.executionRoleArn });
    assert.equal((error as Error).name, 'ValidationException');
    assert.equal(explained, `EMR on EKS rejected a value. AWS says: Endpoint ${E.creatingEndpoint} is in state CREATING; it must be ACTIVE. Correct that field (execution role ARN, duration or log context) and try again.`);
  });

  test('ResourceNotFoundException: refresh', async () => {
    const listed = await endpoint(E.activeEndpoint);
    const target = { ...listed, id: 'doesnotexist0000000000000', arn: listed.arn!.replace(E.activeEndpoint, 'doesnotexist0000000000000') };
    const { error, explained } = await explainedFailure(emrContainersSessionToken, h.ctx(), target, { executionRoleArn: E.executionRoleArn });
    assert.equal((error as Error).name, 'ResourceNotFoundException');
    assert.match(explained ?? '', /^Managed endpoint notebooks-gateway or its virtual cluster .* no longer exists, or the execution role was not found\. AWS says: Endpoint doesnotexist0000000000000 of virtual cluster .* does not exist\. Refresh the tree and choose an active endpoint\.$/);
  });

  test('RequestThrottledException after the retries; InternalServerException', async () => {
    const target = await endpoint(E.activeEndpoint);
    h.emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'throttle' });
    const throttled = await explainedFailure(emrContainersSessionToken, h.ctx(), target, { executionRoleArn: E.executionRoleArn });
    assert.equal((throttled.error as Error).name, 'RequestThrottledException');
    assert.equal(throttled.explained, "EMR on EKS is throttling requests and still refused after the SDK's retries. Wait a minute, then retry.");
    h.emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'error' });
    const internal = await explainedFailure(emrContainersSessionToken, h.ctx(), target, { executionRoleArn: E.executionRoleArn });
    assert.equal((internal.error as Error).name, 'InternalServerException');
    assert.equal(internal.explained, "EMR on EKS had an internal error. This is on AWS's side: wait a moment and retry.");
  });

  test('an unknown credential union member is UnsupportedCredentialError', async () => {
    const target = await endpoint(E.activeEndpoint);
    h.emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'unknownUnion' });
    await assert.rejects(emrContainersSessionToken.fetch(h.ctx(), target, { executionRoleArn: E.executionRoleArn }), (e: unknown) => {
      assert.ok(e instanceof UnsupportedCredentialError);
      assert.equal(e.member, 'futureCredential');
      return true;
    });
  });

  test('jupyterUpstream: serverUrl, decoded certificate, token header; refuses a non-active endpoint', async () => {
    const target = await endpoint(E.activeEndpoint);
    const upstream = await emrContainersSessionToken.jupyterUpstream?.(h.ctx(), target);
    const world = h.emulator.world.regions['us-east-1'].managedEndpoints.find((e) => e.id === E.activeEndpoint);
    assert.equal(upstream?.baseUrl, world?.serverUrl);
    assert.equal(upstream?.certificateAuthority, PLACEHOLDER_CERTIFICATE_PEM);
    assert.deepEqual(upstream?.headers({ secret: 'tok', expiresAt: new Date() }), { Authorization: 'token tok' });
    const creating = await endpoint(E.creatingEndpoint);
    await assert.rejects(emrContainersSessionToken.jupyterUpstream!(h.ctx(), creating), /is CREATING; it must be ACTIVE/);
  });
});
