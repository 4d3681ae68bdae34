// The Redshift modules (GetClusterCredentials, GetClusterCredentialsWithIAM) and Redshift Serverless against
// the emulator: listings with paging and the active filter, passwords exactly as issued, errors explained.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_IDS } from '../emulator/index';
import { InvalidInputError } from '../../src/services/errors';
import { redshiftClusterCredentials, redshiftClusters } from '../../src/services/redshift';
import { redshiftClusterCredentialsWithIam } from '../../src/services/redshiftIam';
import { redshiftServerlessCredentials, redshiftWorkgroups } from '../../src/services/redshiftServerless';
import { services } from '../../src/services/registry';
import type { Target } from '../../src/services/types';
import { explainedFailure, fileHarness, listAll } from './services-support';

const R = DEFAULT_IDS.redshift;
const S = DEFAULT_IDS.serverless;
let clusters: Map<string, Target>;
let workgroups: Map<string, Target>;
const h = fileHarness(async (started) => {
  const all = await listAll((o) => redshiftClusters.listPage(started.ctx(), o), { includeInactive: true });
  clusters = new Map(all.targets.map((t) => [t.id, t]));
  const wgs = await listAll((o) => redshiftWorkgroups.listPage(started.ctx(), o), { includeInactive: true });
  workgroups = new Map(wgs.targets.map((t) => [t.id, t]));
});

function cluster(id: string): Target {
  const t = clusters.get(id);
  assert.ok(t, id);
  return t;
}

describe('Redshift listing', () => {
  test('paused clusters hidden by default; pages of 20; host, port and database in details', async () => {
    const ctx = h.ctx();
    const world = h.emulator.world.regions['us-east-1'].redshiftClusters;
    const { targets, pages } = await listAll((o) => redshiftClusters.listPage(ctx, o), { includeInactive: false, pageSize: 20 });
    assert.equal(pages.length, 2);
    assert.equal(targets.length, world.length - 1);
    assert.ok(!targets.some((t) => t.id === R.paused));
    const calls = h.emulator.requests.filter((r) => r.operation === 'DescribeClusters');
    assert.equal(calls.length, 2);
    assert.equal(Number(calls[0].params.MaxRecords), 20);
    const available = targets.find((t) => t.id === R.available);
    const w = world.find((c) => c.identifier === R.available);
    assert.ok(available && w);
    assert.equal(available.kind, 'redshift:cluster');
    assert.equal(available.stateCategory, 'active');
    assert.equal(available.endpoint, `${w.address}:5439`);
    assert.deepEqual({ host: available.details.host, port: available.details.port, dbName: available.details.dbName }, { host: w.address, port: 5439, dbName: 'dev' });
    assert.equal(available.createdAt?.toISOString(), w.createdAt);
    const creating = targets.find((t) => t.id === R.creating);
    assert.equal(creating?.stateCategory, 'starting');
    assert.equal(creating?.endpoint, undefined);
  });

  test('includeInactive shows the paused cluster as inactive; a too-small page size is raised to 20', async () => {
    const { targets, pages } = await listAll((o) => redshiftClusters.listPage(h.ctx(), o), { includeInactive: true, pageSize: 5 });
    assert.equal(pages[0], 20);
    assert.equal(targets.find((t) => t.id === R.paused)?.stateCategory, 'inactive');
    assert.equal(targets.length, h.emulator.world.regions['us-east-1'].redshiftClusters.length);
  });

  test('Serverless workgroups, paged with pageSize 1', async () => {
    const { targets, pages } = await listAll((o) => redshiftWorkgroups.listPage(h.ctx(), o), { includeInactive: false, pageSize: 1 });
    assert.deepEqual(pages, [1, 1, 1]);
    assert.deepEqual(targets.map((t) => t.id).sort(), [S.available, S.second, S.creating].sort());
    const wg = targets.find((t) => t.id === S.available);
    const w = h.emulator.world.regions['us-east-1'].workgroups.find((x) => x.name === S.available);
    assert.equal(wg?.kind, 'redshift-serverless:workgroup');
    assert.equal(wg?.endpoint, `${w?.address}:5439`);
    assert.equal(wg?.details.host, w?.address);
    assert.equal(targets.find((t) => t.id === S.creating)?.stateCategory, 'starting');
    const eu = await listAll((o) => redshiftWorkgroups.listPage(h.ctx('eu-west-1'), o), { includeInactive: false });
    assert.deepEqual(eu.targets.map((t) => t.id), [S.euAvailable]);
  });

  test('two methods apply to a provisioned cluster, one to a workgroup', () => {
    const methods = services.flatMap((s) => s.methods);
    assert.deepEqual(methods.filter((m) => m.targetKind === 'redshift:cluster').map((m) => m.id), ['redshift.clusterCredentials', 'redshift.clusterCredentialsWithIam']);
    assert.deepEqual(methods.filter((m) => m.targetKind === 'redshift-serverless:workgroup').map((m) => m.id), ['redshiftServerless.credentials']);
  });
});

describe('Redshift GetClusterCredentials', () => {
  test('returns exactly the issued DbUser (with IAM: prefix), password and expiry; sends every input', async () => {
    const credential = await redshiftClusterCredentials.fetch(h.ctx(), cluster(R.available), {
      DbUser: 'analyst',
      DbName: 'dev',
      DurationSeconds: 1800,
      AutoCreate: false,
      DbGroups: ['analysts', 'readers'],
    });
    const issued = h.emulator.issuedSecrets[0];
    assert.equal(h.emulator.issuedSecrets.length, 1);
    assert.equal(credential.user, 'IAM:analyst');
    assert.equal(credential.user, issued.user);
    assert.equal(credential.secret, issued.secret);
    assert.equal(credential.expiresAt.toISOString(), issued.expiresAt);
    const call = h.emulator.requests.find((r) => r.operation === 'GetClusterCredentials');
    assert.equal(call?.params.ClusterIdentifier, R.available);
    assert.equal(call?.params.DbUser, 'analyst');
    assert.equal(call?.params.DbName, 'dev');
    assert.equal(Number(call?.params.DurationSeconds), 1800);
    assert.deepEqual(call?.params.DbGroups, ['analysts', 'readers']);
    assert.equal(call?.params.AutoCreate, undefined, 'AutoCreate false is not sent');
  });

  test('AutoCreate gives the IAMA: prefix; the default duration is 900', async () => {
    const credential = await redshiftClusterCredentials.fetch(h.ctx(), cluster(R.available), { DbUser: 'newbie', AutoCreate: true, DbGroups: 'analysts' });
    assert.equal(credential.user, 'IAMA:newbie');
    const call = h.emulator.requests.find((r) => r.operation === 'GetClusterCredentials');
    assert.equal(Number(call?.params.DurationSeconds), 900);
    assert.deepEqual(call?.params.DbGroups, ['analysts']);
  });

  test('invalid inputs send nothing', async () => {
    for (const input of [
      {},
      { DbUser: 'public' },
      { DbUser: 'select' },
      { DbUser: 'IAM:x' },
      { DbUser: 'a'.repeat(65) },
      { DbUser: 'ok', DbName: '1dev' },
      { DbUser: 'ok', DurationSeconds: 899 },
      { DbUser: 'ok', DurationSeconds: 3601 },
      { DbUser: 'ok', DbGroups: ['good', 'Bad'] },
      { DbUser: 'ok', AutoCreate: 'yes' },
    ]) {
      await assert.rejects(redshiftClusterCredentials.fetch(h.ctx(), cluster(R.available), input), InvalidInputError, JSON.stringify(input));
    }
    assert.equal(h.emulator.requests.length, 0);
  });

  test('ClusterNotFoundFault: gone or wrong id, refresh', async () => {
    const gone = { ...cluster(R.available), id: 'deleted-dw' };
    const { error, explained } = await explainedFailure(redshiftClusterCredentials, h.ctx(), gone, { DbUser: 'analyst' });
    assert.equal((error as Error).name, 'ClusterNotFoundFault');
    assert.equal(explained, 'Redshift cluster "deleted-dw" was not found in us-east-1: it was deleted or renamed, or the identifier is wrong (it is case-sensitive). Refresh the tree.');
  });

  test('UnsupportedOperationFault with AWS\'s reason', async () => {
    const { error, explained } = await explainedFailure(redshiftClusterCredentials, h.ctx(), cluster(R.unsupported), { DbUser: 'analyst' });
    assert.equal((error as Error).name, 'UnsupportedOperationFault');
    assert.equal(
      explained,
      'Redshift does not support GetClusterCredentials for cluster "legacy-dw" in its current state (AWS says: GetClusterCredentials is not supported for cluster legacy-dw.) Check that the cluster is available and not paused or resizing, or try the other credential method.',
    );
  });

  test('server errors and throttling are left to the generic explanation', async () => {
    h.emulator.setFault('GetClusterCredentials', { kind: 'error' });
    const internal = await explainedFailure(redshiftClusterCredentials, h.ctx(), cluster(R.available), { DbUser: 'analyst' });
    assert.equal(internal.explained, undefined);
    assert.equal((internal.error as { $fault?: string }).$fault, 'server');
    h.emulator.setFault('GetClusterCredentials', { kind: 'throttle' });
    const throttled = await explainedFailure(redshiftClusterCredentials, h.ctx(), cluster(R.available), { DbUser: 'analyst' });
    assert.equal(throttled.explained, undefined);
  });
});

describe('Redshift GetClusterCredentialsWithIAM', () => {
  test('returns exactly the issued user, password, expiry and the refresh time', async () => {
    const credential = await redshiftClusterCredentialsWithIam.fetch(h.ctx(), cluster(R.available), { DbName: 'dev', DurationSeconds: '3600' });
    const issued = h.emulator.issuedSecrets[0];
    assert.equal(credential.user, issued.user);
    assert.ok(credential.user?.startsWith('IAMR:'));
    assert.equal(credential.secret, issued.secret);
    assert.equal(credential.expiresAt.toISOString(), issued.expiresAt);
    assert.equal(credential.refreshAt?.getTime(), credential.expiresAt.getTime() - 300_000);
    const call = h.emulator.requests.find((r) => r.operation === 'GetClusterCredentialsWithIAM');
    assert.equal(Number(call?.params.DurationSeconds), 3600);
  });

  test('invalid inputs send nothing; faults explained like GetClusterCredentials', async () => {
    await assert.rejects(redshiftClusterCredentialsWithIam.fetch(h.ctx(), cluster(R.available), { DurationSeconds: 3601 }), InvalidInputError);
    await assert.rejects(redshiftClusterCredentialsWithIam.fetch(h.ctx(), cluster(R.available), { DbName: 'd'.repeat(65) }), InvalidInputError);
    assert.equal(h.emulator.requests.length, 0);
    const unsupported = await explainedFailure(redshiftClusterCredentialsWithIam, h.ctx(), cluster(R.unsupported), {});
    assert.match(unsupported.explained ?? '', /^Redshift does not support GetClusterCredentialsWithIAM for cluster "legacy-dw"/);
    const gone = await explainedFailure(redshiftClusterCredentialsWithIam, h.ctx(), { ...cluster(R.available), id: 'nope-dw' }, {});
    assert.match(gone.explained ?? '', /^Redshift cluster "nope-dw" was not found in us-east-1/);
  });
});

describe('Redshift Serverless GetCredentials', () => {
  test('returns exactly the issued user, password, expiry and refresh time', async () => {
    const wg = workgroups.get(S.available);
    assert.ok(wg);
    const credential = await redshiftServerlessCredentials.fetch(h.ctx(), wg, { dbName: 'dev', durationSeconds: 1200 });
    const issued = h.emulator.issuedSecrets[0];
    assert.equal(credential.user, issued.user);
    assert.equal(credential.secret, issued.secret);
    assert.equal(credential.expiresAt.toISOString(), issued.expiresAt);
    assert.equal(credential.refreshAt?.getTime(), credential.expiresAt.getTime() - 300_000);
    const call = h.emulator.requests.find((r) => r.operation === 'GetCredentials');
    assert.deepEqual(call?.params, { workgroupName: S.available, dbName: 'dev', durationSeconds: 1200 });
  });

  test('invalid inputs and workgroup names send nothing', async () => {
    const wg = workgroups.get(S.available);
    assert.ok(wg);
    await assert.rejects(redshiftServerlessCredentials.fetch(h.ctx(), wg, { durationSeconds: 899 }), InvalidInputError);
    await assert.rejects(redshiftServerlessCredentials.fetch(h.ctx(), wg, { dbName: 'de v' }), InvalidInputError);
    await assert.rejects(redshiftServerlessCredentials.fetch(h.ctx(), { ...wg, id: 'WG' }, {}), InvalidInputError);
    assert.equal(h.emulator.requests.length, 0);
  });

  test('ResourceNotFoundException: refresh; InternalServerException: retry', async () => {
    const wg = workgroups.get(S.available);
    assert.ok(wg);
    const gone = await explainedFailure(redshiftServerlessCredentials, h.ctx(), { ...wg, id: 'gone-wg' }, {});
    assert.equal((gone.error as Error).name, 'ResourceNotFoundException');
    assert.equal(gone.explained, 'Workgroup "gone-wg" was not found in us-east-1: it was deleted or the name is wrong. AWS says: Workgroup gone-wg not found. Refresh the tree.');
    h.emulator.setFault('GetCredentials', { kind: 'error' });
    const internal = await explainedFailure(redshiftServerlessCredentials, h.ctx(), wg, {});
    assert.equal(internal.explained, "Redshift Serverless had an internal error. This is on AWS's side: wait a moment and retry.");
  });
});
