// Redshift through the real SDK client (awsQuery/XML): DescribeClusters paging, GetClusterCredentials and
// GetClusterCredentialsWithIAM with every constraint of seed 004 on both sides of each bound, modeled faults.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ClusterNotFoundFault,
  DescribeClustersCommand,
  GetClusterCredentialsCommand,
  GetClusterCredentialsWithIAMCommand,
  RedshiftClient,
  UnsupportedOperationFault,
  paginateDescribeClusters,
  type GetClusterCredentialsCommandInput,
} from '@aws-sdk/client-redshift';
import { clientConfig } from '../clients';
import { DEFAULT_IDS, startEmulator, type Emulator } from '../index';

const CLUSTER = DEFAULT_IDS.redshift.available;

describe('emulator: Redshift', () => {
  let emulator: Emulator;
  let redshift: RedshiftClient;

  before(async () => {
    emulator = await startEmulator();
    redshift = new RedshiftClient(clientConfig(emulator));
  });
  after(async () => {
    redshift.destroy();
    await emulator.stop();
  });

  const creds = (input: Partial<GetClusterCredentialsCommandInput> = {}) =>
    redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'alice', ...input }));
  const invalid = (error: unknown): boolean => (error as Error).name === 'InvalidParameterValue' && (error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode === 400;

  it('pages through DescribeClusters with the SDK paginator (MaxRecords 20) and in one page by default', async () => {
    const pages = [];
    for await (const page of paginateDescribeClusters({ client: redshift, pageSize: 20 }, {})) pages.push(page);
    assert.equal(pages.length, 2);
    assert.equal(pages[0].Clusters?.length, 20);
    const all = pages.flatMap((p) => p.Clusters ?? []);
    assert.equal(new Set(all.map((c) => c.ClusterIdentifier)).size, all.length);
    const states = new Set(all.map((c) => c.ClusterStatus));
    for (const s of ['available', 'paused', 'creating']) assert.ok(states.has(s), s);
    const single = await redshift.send(new DescribeClustersCommand({}));
    assert.equal(single.Clusters?.length, all.length);
    assert.equal(single.Marker, undefined);
  });

  it('describes one cluster with endpoint, database, creation time and namespace ARN', async () => {
    const { Clusters } = await redshift.send(new DescribeClustersCommand({ ClusterIdentifier: CLUSTER }));
    assert.equal(Clusters?.length, 1);
    const c = Clusters?.[0];
    assert.equal(c?.ClusterStatus, 'available');
    assert.equal(c?.DBName, 'dev');
    assert.equal(c?.MasterUsername, 'awsuser');
    assert.equal(c?.Endpoint?.Port, 5439);
    assert.match(c?.Endpoint?.Address ?? '', /\.redshift\.amazonaws\.com$/);
    assert.ok(c?.ClusterCreateTime instanceof Date);
    assert.match(c?.ClusterNamespaceArn ?? '', /^arn:aws:redshift:us-east-1:123456789012:namespace:/);
    assert.ok(c?.NodeType && c.NumberOfNodes);
  });

  it('MaxRecords: 20 and 100 accepted, 19 and 101 rejected; unknown cluster is ClusterNotFoundFault', async () => {
    await redshift.send(new DescribeClustersCommand({ MaxRecords: 20 }));
    await redshift.send(new DescribeClustersCommand({ MaxRecords: 100 }));
    await assert.rejects(redshift.send(new DescribeClustersCommand({ MaxRecords: 19 })), invalid);
    await assert.rejects(redshift.send(new DescribeClustersCommand({ MaxRecords: 101 })), invalid);
    await assert.rejects(redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'no-such-dw' })), (e) => e instanceof ClusterNotFoundFault && e.$metadata.httpStatusCode === 404);
  });

  it('GetClusterCredentials: IAM: / IAMA: prefixes, fresh passwords, default 900 s expiry, recorded', async () => {
    const t0 = Date.now();
    const plain = await creds();
    const auto = await creds({ AutoCreate: true });
    assert.equal(plain.DbUser, 'IAM:alice');
    assert.equal(auto.DbUser, 'IAMA:alice');
    assert.equal((await creds({ AutoCreate: false })).DbUser, 'IAM:alice');
    assert.ok(plain.DbPassword && auto.DbPassword && plain.DbPassword !== auto.DbPassword);
    const expires = (plain.Expiration as Date).getTime();
    assert.ok(expires >= t0 + 899_000 && expires <= Date.now() + 901_000);
    assert.ok(emulator.issuedSecrets.some((s) => s.secret === plain.DbPassword && s.user === 'IAM:alice' && s.target === CLUSTER));
    const basic = Buffer.from(`IAM:alice:${plain.DbPassword}`).toString('base64');
    assert.equal((await fetch(`${emulator.url}/_emulator/validate`, { headers: { authorization: `Basic ${basic}` } })).status, 204);
  });

  it('DurationSeconds: 900 and 3600 accepted, 899 and 3601 rejected', async () => {
    const t0 = Date.now();
    const long = await creds({ DurationSeconds: 3600 });
    assert.ok((long.Expiration as Date).getTime() >= t0 + 3_599_000);
    await creds({ DurationSeconds: 900 });
    await assert.rejects(creds({ DurationSeconds: 899 }), invalid);
    await assert.rejects(creds({ DurationSeconds: 3601 }), invalid);
  });

  it('DbUser: 1..64 characters, a letter first, only letters, digits and _ + . @ -, no : or /, not PUBLIC or reserved', async () => {
    for (const good of ['a', 'A'.repeat(64), 'alice_b+c.d@e-f', 'Bob42']) assert.equal((await creds({ DbUser: good })).DbUser, `IAM:${good}`);
    for (const bad of ['', 'a'.repeat(65), '1alice', '_alice', 'ali:ce', 'ali/ce', 'ali ce', 'alicé', 'PUBLIC', 'public', 'select', 'USER']) {
      await assert.rejects(creds({ DbUser: bad }), invalid, JSON.stringify(bad));
    }
  });

  it('DbName: 1..64 letters of either case, digits and _ + . @ -, a letter first; DbGroups: lower-case only (DbGroups.DbGroup.N on the wire)', async () => {
    await creds({ DbName: 'd' });
    await creds({ DbName: 'd'.repeat(64) });
    await creds({ DbName: 'sales_db+1.x@y-z' });
    await creds({ DbName: 'Dev' });
    await creds({ DbName: 'language' });
    for (const bad of ['', 'd'.repeat(65), '1dev', 'de:v', 'de/v', 'de v', 'table', 'TABLE']) {
      await assert.rejects(creds({ DbName: bad }), invalid, JSON.stringify(bad));
    }
    emulator.clearLog();
    await creds({ DbGroups: ['analysts', 'g'.repeat(64), 'r'] });
    assert.deepEqual(emulator.requests[0].params.DbGroups, ['analysts', 'g'.repeat(64), 'r']);
    for (const bad of [[''], ['g'.repeat(65)], ['Analysts'], ['ok', '9lives'], ['a:b']]) {
      await assert.rejects(creds({ DbGroups: bad }), invalid, JSON.stringify(bad));
    }
  });

  it('unknown clusters are ClusterNotFoundFault (404); a cluster without the feature is UnsupportedOperationFault (400)', async () => {
    await assert.rejects(creds({ ClusterIdentifier: 'no-such-dw' }), (e) => e instanceof ClusterNotFoundFault && e.$metadata.httpStatusCode === 404);
    await assert.rejects(
      creds({ ClusterIdentifier: DEFAULT_IDS.redshift.unsupported }),
      (e) => e instanceof UnsupportedOperationFault && e.$metadata.httpStatusCode === 400,
    );
    await assert.rejects(
      redshift.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: DEFAULT_IDS.redshift.unsupported })),
      UnsupportedOperationFault,
    );
    await assert.rejects(redshift.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: 'no-such-dw' })), ClusterNotFoundFault);
  });

  it('GetClusterCredentialsWithIAM: IAMR:<identity>, refresh before expiry, DurationSeconds 900..3600, optional DbName', async () => {
    const t0 = Date.now();
    const out = await redshift.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER }));
    assert.equal(out.DbUser, 'IAMR:cluster-pass-tester');
    assert.ok(out.DbPassword);
    const expires = (out.Expiration as Date).getTime();
    assert.ok(expires >= t0 + 899_000 && expires <= Date.now() + 901_000);
    assert.ok((out.NextRefreshTime as Date).getTime() < expires);
    const again = await redshift.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER, DbName: 'dev', DurationSeconds: 3600 }));
    assert.notEqual(again.DbPassword, out.DbPassword);
    await redshift.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER, DurationSeconds: 900 }));
    await assert.rejects(redshift.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER, DurationSeconds: 899 })), invalid);
    await assert.rejects(redshift.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER, DurationSeconds: 3601 })), invalid);
    // Its DbName has no documented character rule: only the length is held.
    await redshift.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER, DbName: 'Bad:name/1' }));
    await assert.rejects(redshift.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER, DbName: 'd'.repeat(65) })), invalid);
  });

  it('serves each region its own clusters', async () => {
    const eu = new RedshiftClient(clientConfig(emulator, 'eu-west-1'));
    const { Clusters } = await eu.send(new DescribeClustersCommand({}));
    assert.deepEqual(Clusters?.map((c) => c.ClusterIdentifier), [DEFAULT_IDS.redshift.euAvailable]);
    await assert.rejects(eu.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER, DbUser: 'alice' })), ClusterNotFoundFault);
    eu.destroy();
  });
});
