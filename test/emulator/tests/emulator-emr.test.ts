// EMR through the real SDK client against the emulator: listing with paging and filters, describe,
// session credentials, every constraint of seed 001 on both sides of each bound, and modeled errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeClusterCommand,
  EMRClient,
  GetClusterSessionCredentialsCommand,
  InvalidRequestException,
  ListClustersCommand,
  paginateListClusters,
  type ClusterState,
} from '@aws-sdk/client-emr';
import { clientConfig } from '../clients';
import { DEFAULT_IDS, startEmulator, type Emulator } from '../index';

const ROLE_PREFIX = 'arn:aws:iam::123456789012:role/';
const roleArnOfLength = (n: number): string => ROLE_PREFIX + 'r'.repeat(n - ROLE_PREFIX.length);

describe('emulator: EMR', () => {
  let emulator: Emulator;
  let emr: EMRClient;

  before(async () => {
    emulator = await startEmulator();
    emr = new EMRClient(clientConfig(emulator));
    // Clusters whose ids sit exactly on the ClusterId length bounds (1 and 256).
    const template = emulator.world.regions['us-east-1'].emrClusters[0];
    emulator.world.regions['us-east-1'].emrClusters.push(
      { ...template, id: 'j', name: 'short-id', state: 'WAITING' },
      { ...template, id: 'j'.repeat(256), name: 'long-id', state: 'WAITING' },
    );
  });
  after(async () => {
    emr.destroy();
    await emulator.stop();
  });

  const credentials = (ClusterId: string, ExecutionRoleArn?: string) =>
    emr.send(new GetClusterSessionCredentialsCommand({ ClusterId, ExecutionRoleArn }));
  const isValidation = (error: unknown): boolean => (error as Error).name === 'ValidationException';
  const isInvalidRequest = (code: string) => (error: unknown) => error instanceof InvalidRequestException && error.ErrorCode === code;

  it('pages through ListClusters 50 at a time with the SDK paginator and filters by state', async () => {
    const pages = [];
    for await (const page of paginateListClusters({ client: emr }, { ClusterStates: ['RUNNING', 'WAITING'] })) pages.push(page);
    assert.ok(pages.length >= 2);
    assert.equal(pages[0].Clusters?.length, 50);
    const all = pages.flatMap((p) => p.Clusters ?? []);
    assert.ok(all.every((c) => c.Status?.State === 'RUNNING' || c.Status?.State === 'WAITING'));
    assert.equal(new Set(all.map((c) => c.Id)).size, all.length);
    assert.ok(all.some((c) => c.Id === DEFAULT_IDS.emr.running));
  });

  it('lists clusters in every state, newest first, with ARNs and timestamps', async () => {
    const all = [];
    for await (const page of paginateListClusters({ client: emr }, {})) all.push(...(page.Clusters ?? []));
    const states = new Set(all.map((c) => c.Status?.State));
    for (const s of ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING', 'TERMINATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS'] as ClusterState[]) {
      assert.ok(states.has(s), s);
    }
    const first = all.find((c) => c.Id === DEFAULT_IDS.emr.running);
    assert.ok(first?.Status?.Timeline?.CreationDateTime instanceof Date);
    assert.match(first?.ClusterArn ?? '', /^arn:aws:elasticmapreduce:us-east-1:123456789012:cluster\/j-/);
  });

  it('filters by CreatedAfter / CreatedBefore and keeps regions apart', async () => {
    const running = await emr.send(new DescribeClusterCommand({ ClusterId: DEFAULT_IDS.emr.running }));
    const created = running.Cluster?.Status?.Timeline?.CreationDateTime as Date;
    const after = await emr.send(new ListClustersCommand({ CreatedAfter: new Date(created.getTime() - 1000) }));
    assert.ok(after.Clusters?.some((c) => c.Id === DEFAULT_IDS.emr.running));
    assert.ok(after.Clusters?.every((c) => (c.Status?.Timeline?.CreationDateTime as Date) >= new Date(created.getTime() - 1000)));
    const before = await emr.send(new ListClustersCommand({ CreatedBefore: new Date(created.getTime() - 1000) }));
    assert.ok(!before.Clusters?.some((c) => c.Id === DEFAULT_IDS.emr.running));

    const eu = new EMRClient(clientConfig(emulator, 'eu-west-1'));
    const euList = await eu.send(new ListClustersCommand({}));
    assert.ok(euList.Clusters?.some((c) => c.Id === DEFAULT_IDS.emr.euRunning));
    assert.ok(!euList.Clusters?.some((c) => c.Id === DEFAULT_IDS.emr.running));
    assert.equal(emulator.requests.at(-1)?.region, 'eu-west-1');
    eu.destroy();
  });

  it('rejects an unknown ClusterStates value', async () => {
    await assert.rejects(emr.send(new ListClustersCommand({ ClusterStates: ['SLEEPING' as ClusterState] })), isValidation);
  });

  it('describes a cluster with its master DNS name, and answers an unknown id with InvalidRequestException', async () => {
    const { Cluster } = await emr.send(new DescribeClusterCommand({ ClusterId: DEFAULT_IDS.emr.running }));
    assert.equal(Cluster?.Id, DEFAULT_IDS.emr.running);
    assert.equal(Cluster?.Status?.State, 'RUNNING');
    assert.match(Cluster?.MasterPublicDnsName ?? '', /^ec2-.*\.amazonaws\.com$/);
    await assert.rejects(emr.send(new DescribeClusterCommand({ ClusterId: 'j-DOESNOTEXIST0' })), isInvalidRequest('NoSuchCluster'));
  });

  it('issues fresh, distinct session credentials with an expiry, and records them', async () => {
    const t0 = Date.now();
    const a = await credentials(DEFAULT_IDS.emr.running, DEFAULT_IDS.emr.runtimeRoleArn);
    const b = await credentials(DEFAULT_IDS.emr.running, DEFAULT_IDS.emr.runtimeRoleArn);
    const pa = a.Credentials?.UsernamePassword;
    const pb = b.Credentials?.UsernamePassword;
    assert.ok(pa?.Password && pb?.Password);
    assert.notEqual(pa.Password, pb.Password);
    assert.equal(pa.Username, 'EMR-Runtime-Analyst');
    const expires = (a.ExpiresAt as Date).getTime();
    assert.ok(expires > t0 + 3_500_000 && expires < Date.now() + 3_700_000);
    const issued = emulator.issuedSecrets.filter((s) => s.operation === 'GetClusterSessionCredentials');
    assert.ok(issued.some((s) => s.secret === pa.Password && s.user === pa.Username && s.target === DEFAULT_IDS.emr.running));
    const basic = Buffer.from(`${pa.Username}:${pa.Password}`).toString('base64');
    assert.equal((await fetch(`${emulator.url}/_emulator/validate`, { headers: { authorization: `Basic ${basic}` } })).status, 204);
  });

  it('gives credentials for a WAITING cluster without a runtime role', async () => {
    const out = await credentials(DEFAULT_IDS.emr.waiting);
    assert.ok(out.Credentials?.UsernamePassword?.Password);
  });

  it('refuses terminating and terminated clusters with InvalidRequestException', async () => {
    for (const id of [DEFAULT_IDS.emr.terminating, DEFAULT_IDS.emr.terminated, DEFAULT_IDS.emr.terminatedWithErrors]) {
      await assert.rejects(credentials(id), isInvalidRequest('ClusterTerminated'));
    }
    await assert.rejects(credentials('j-DOESNOTEXIST0'), isInvalidRequest('NoSuchCluster'));
  });

  it('ClusterId: 1 and 256 characters accepted, 0 and 257 rejected', async () => {
    assert.ok((await credentials('j')).Credentials?.UsernamePassword);
    assert.ok((await credentials('j'.repeat(256))).Credentials?.UsernamePassword);
    await assert.rejects(credentials(''), isValidation);
    await assert.rejects(credentials('j'.repeat(257)), isValidation);
  });

  it('ExecutionRoleArn: 20 and 2048 characters accepted, 19 and 2049 rejected', async () => {
    assert.equal(roleArnOfLength(2048).length, 2048);
    assert.ok((await credentials(DEFAULT_IDS.emr.running, 'arn:aws:iam:::role/x')).Credentials);
    assert.ok((await credentials(DEFAULT_IDS.emr.running, roleArnOfLength(2048))).Credentials);
    await assert.rejects(credentials(DEFAULT_IDS.emr.running, 'arn:aws:iam::role/x'), isValidation);
    await assert.rejects(credentials(DEFAULT_IDS.emr.running, roleArnOfLength(2049)), isValidation);
  });

  it('records every request with its operation, region, parameters and status', async () => {
    emulator.clearLog();
    await assert.rejects(credentials('j'.repeat(257)));
    const [entry] = emulator.requests;
    assert.equal(entry.service, 'elasticmapreduce');
    assert.equal(entry.operation, 'GetClusterSessionCredentials');
    assert.equal(entry.region, 'us-east-1');
    assert.equal(entry.status, 400);
    assert.equal(entry.error, 'ValidationException');
    assert.equal(entry.params.ClusterId, 'j'.repeat(257));
    assert.equal(emulator.issuedSecrets.length, 0);
  });
});
