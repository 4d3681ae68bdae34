// The EMR module against the emulator: listing with paging and the active filter, fetch returning exactly
// the issued secret, and each modeled error explained.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_IDS } from '../emulator/index';
import { emrClusters, emrModule, emrSessionCredentials } from '../../src/services/emr';
import { InvalidInputError, UnsupportedCredentialError } from '../../src/services/errors';
import type { Target } from '../../src/services/types';
import { explainedFailure, fileHarness, listAll } from './services-support';

const ROLE = DEFAULT_IDS.emr.runtimeRoleArn;
const h = fileHarness();

function cluster(id: string, region = 'us-east-1'): Target {
  const world = h.emulator.world.regions[region].emrClusters.find((c) => c.id === id);
  assert.ok(world, id);
  return { kind: 'emr:cluster', location: { profile: 'test', region }, id, name: world.name, state: world.state, stateCategory: 'active', details: {} };
}

describe('EMR clusters listing', () => {
  test('active clusters by default, paged at 50 by AWS, one request per page', async () => {
    const ctx = h.ctx();
    const { targets, pages } = await listAll((o) => emrClusters.listPage(ctx, o), { includeInactive: false });
    const world = h.emulator.world.regions['us-east-1'].emrClusters;
    const active = world.filter((c) => ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING'].includes(c.state));
    assert.equal(targets.length, active.length);
    assert.ok(pages.length >= 2, `paged: ${pages.join('+')}`);
    assert.deepEqual(pages, [50, active.length - 50]);
    assert.deepEqual(new Set(targets.map((t) => t.id)), new Set(active.map((c) => c.id)));
    const ids = new Set(targets.map((t) => t.id));
    for (const hidden of [DEFAULT_IDS.emr.terminated, DEFAULT_IDS.emr.terminatedWithErrors, DEFAULT_IDS.emr.terminating]) assert.ok(!ids.has(hidden));
    const calls = h.emulator.requests.filter((r) => r.operation === 'ListClusters');
    assert.equal(calls.length, pages.length);
    assert.deepEqual(calls[0].params.ClusterStates, ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING']);
  });

  test('a target carries kind, state category, ARN and creation time', async () => {
    const ctx = h.ctx();
    const { targets } = await listAll((o) => emrClusters.listPage(ctx, o), { includeInactive: true });
    const byId = new Map(targets.map((t) => [t.id, t]));
    const running = byId.get(DEFAULT_IDS.emr.running);
    const world = h.emulator.world.regions['us-east-1'].emrClusters.find((c) => c.id === DEFAULT_IDS.emr.running);
    assert.ok(running && world);
    assert.equal(running.kind, 'emr:cluster');
    assert.equal(running.name, 'analytics-prod');
    assert.equal(running.state, 'RUNNING');
    assert.equal(running.stateCategory, 'active');
    assert.equal(running.createdAt?.toISOString(), world.createdAt);
    assert.equal(running.arn, `arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/${DEFAULT_IDS.emr.running}`);
    assert.deepEqual(running.location, { profile: 'test', region: 'us-east-1' });
    const expected: Record<string, string> = {
      [DEFAULT_IDS.emr.starting]: 'starting',
      [DEFAULT_IDS.emr.bootstrapping]: 'starting',
      [DEFAULT_IDS.emr.waiting]: 'active',
      [DEFAULT_IDS.emr.terminating]: 'stopping',
      [DEFAULT_IDS.emr.terminated]: 'inactive',
      [DEFAULT_IDS.emr.terminatedWithErrors]: 'failed',
    };
    for (const [id, category] of Object.entries(expected)) assert.equal(byId.get(id)?.stateCategory, category, id);
    assert.equal(targets.length, h.emulator.world.regions['us-east-1'].emrClusters.length);
  });

  test('another region lists its own clusters', async () => {
    const { targets } = await listAll((o) => emrClusters.listPage(h.ctx('eu-west-1'), o), { includeInactive: false });
    assert.deepEqual(targets.map((t) => t.name).sort(), ['eu-analytics', 'eu-notebooks']);
    assert.ok(targets.every((t) => t.location.region === 'eu-west-1'));
  });

  test('the module lists one source and one method', () => {
    assert.deepEqual(emrModule.sources.map((s) => s.id), ['emr.clusters']);
    assert.deepEqual(emrModule.methods.map((m) => m.id), ['emr.sessionCredentials']);
  });
});

describe('EMR GetClusterSessionCredentials', () => {
  test('returns exactly the issued user, password and expiry, with the master DNS for the Livy line', async () => {
    const target = cluster(DEFAULT_IDS.emr.running);
    const credential = await emrSessionCredentials.fetch(h.ctx(), target, { executionRoleArn: ROLE });
    const issued = h.emulator.issuedSecrets.filter((s) => s.operation === 'GetClusterSessionCredentials');
    assert.equal(issued.length, 1);
    assert.equal(credential.user, issued[0].user);
    assert.equal(credential.secret, issued[0].secret);
    assert.equal(credential.expiresAt.toISOString(), issued[0].expiresAt);
    const dns = h.emulator.world.regions['us-east-1'].emrClusters.find((c) => c.id === target.id)?.masterPublicDnsName;
    assert.ok(dns);
    assert.equal(credential.details?.masterDns, dns);
    const call = h.emulator.requests.find((r) => r.operation === 'GetClusterSessionCredentials');
    assert.deepEqual(call?.params, { ClusterId: target.id, ExecutionRoleArn: ROLE });
    const line = emrSessionCredentials.formats.find((f) => f.id === 'sparkmagic')?.render({ target, input: {}, credential });
    assert.ok(line?.includes(` -u https://${dns}:8998 `));
  });

  test('without a role the request omits ExecutionRoleArn', async () => {
    const credential = await emrSessionCredentials.fetch(h.ctx(), cluster(DEFAULT_IDS.emr.waiting), { executionRoleArn: '' });
    const call = h.emulator.requests.find((r) => r.operation === 'GetClusterSessionCredentials');
    assert.deepEqual(call?.params, { ClusterId: DEFAULT_IDS.emr.waiting });
    assert.equal(credential.secret, h.emulator.issuedSecrets[0].secret);
  });

  test('the credential still comes when DescribeCluster fails', async () => {
    h.emulator.setFault('DescribeCluster', { kind: 'error' });
    // A cluster not described before in this file (known master names are remembered per client).
    const credential = await emrSessionCredentials.fetch(h.ctx(), cluster(DEFAULT_IDS.emr.bootstrapping), { executionRoleArn: ROLE });
    assert.equal(credential.secret, h.emulator.issuedSecrets[0].secret);
    assert.equal(credential.details, undefined);
  });

  test('the master DNS is asked of AWS once per cluster, not on every fetch', async () => {
    const target = cluster(DEFAULT_IDS.emr.running);
    await emrSessionCredentials.fetch(h.ctx(), target, { executionRoleArn: ROLE });
    h.emulator.clearLog();
    const again = await emrSessionCredentials.fetch(h.ctx(), target, { executionRoleArn: ROLE });
    assert.deepEqual(h.emulator.requests.map((r) => r.operation), ['GetClusterSessionCredentials']);
    assert.equal(typeof again.details?.masterDns, 'string');
  });

  test('an invalid role ARN sends nothing', async () => {
    await assert.rejects(emrSessionCredentials.fetch(h.ctx(), cluster(DEFAULT_IDS.emr.running), { executionRoleArn: 'arn:aws:iam::123456789012:user/alice' }), InvalidInputError);
    await assert.rejects(emrSessionCredentials.fetch(h.ctx(), cluster(DEFAULT_IDS.emr.running), { executionRoleArn: 'arn:aws:iam:::role/' }), InvalidInputError);
    assert.equal(h.emulator.requests.length, 0);
  });

  test('InvalidRequestException is explained with its ErrorCode and what to do', async () => {
    const unknown = { ...cluster(DEFAULT_IDS.emr.running), id: 'j-DOESNOTEXIST' };
    const { error, explained } = await explainedFailure(emrSessionCredentials, h.ctx(), unknown, { executionRoleArn: ROLE });
    assert.equal((error as Error).name, 'InvalidRequestException');
    assert.equal(explained, "EMR rejected the request (NoSuchCluster): Cluster id 'j-DOESNOTEXIST' is not valid. Check that cluster j-DOESNOTEXIST is running with runtime roles enabled and that the execution role ARN is right and trusts the cluster, then try again.");
    const ended = await explainedFailure(emrSessionCredentials, h.ctx(), cluster(DEFAULT_IDS.emr.terminated), {});
    assert.match(ended.explained ?? '', /^EMR rejected the request \(ClusterTerminated\): Cluster .* is in state TERMINATED; session credentials are not available\. Check that/);
  });

  test('InternalServerError is explained as AWS-side, retry', async () => {
    h.emulator.setFault('GetClusterSessionCredentials', { kind: 'error' });
    const { error, explained } = await explainedFailure(emrSessionCredentials, h.ctx(), cluster(DEFAULT_IDS.emr.running), { executionRoleArn: ROLE });
    assert.equal((error as Error).name, 'InternalServerError');
    assert.equal(explained, "EMR had an internal error (InternalServerError). This is on AWS's side: wait a moment and retry.");
  });

  test('an unknown credential union member is UnsupportedCredentialError, never a crash', async () => {
    h.emulator.setFault('GetClusterSessionCredentials', { kind: 'unknownUnion' });
    const error = await emrSessionCredentials.fetch(h.ctx(), cluster(DEFAULT_IDS.emr.running), {}).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof UnsupportedCredentialError);
    assert.equal(error.member, 'futureCredential');
    assert.equal(error.operation, 'GetClusterSessionCredentials');
  });

  test('throttling is left to the generic explanation', async () => {
    h.emulator.setFault('GetClusterSessionCredentials', { kind: 'throttle' });
    const { explained } = await explainedFailure(emrSessionCredentials, h.ctx(), cluster(DEFAULT_IDS.emr.running), {});
    assert.equal(explained, undefined);
  });

  test('cancelling aborts the request in flight', async () => {
    h.emulator.setFault('GetClusterSessionCredentials', { kind: 'hang' });
    const controller = new AbortController();
    const pending = emrSessionCredentials.fetch(h.ctx('us-east-1', controller.signal), cluster(DEFAULT_IDS.emr.running), {});
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
  });

  test('jupyterUpstream: Livy on the master DNS with a Basic header', async () => {
    const target = cluster(DEFAULT_IDS.emr.running);
    const upstream = await emrSessionCredentials.jupyterUpstream?.(h.ctx(), target);
    const dns = h.emulator.world.regions['us-east-1'].emrClusters.find((c) => c.id === target.id)?.masterPublicDnsName;
    assert.equal(upstream?.baseUrl, `https://${dns}:8998`);
    assert.deepEqual(upstream?.headers({ user: 'Aladdin', secret: 'open sesame', expiresAt: new Date() }), { Authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' });
    const starting = await emrSessionCredentials.jupyterUpstream?.(h.ctx(), cluster(DEFAULT_IDS.emr.starting)).then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    assert.match(starting ?? '', /has no master DNS name yet/);
  });
});
