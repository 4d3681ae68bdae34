// The explorer tree over the emulator's default world, through the product's real AWS layer
// (profiles from an AWS config file, endpoint_url, SigV4-signed SDK calls).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listEverywhere } from '../../src/credentials/targetPicker';
import type { TreeNode } from '../../src/tree/nodes';
import { TargetTreeModel, type TreeSettings } from '../../src/tree/targetTree';
import { DEFAULT_IDS } from '../emulator/index';
import { silentLog, startProductWorld, type ProductWorld } from '../helpers/product';

let world: ProductWorld;
before(async () => {
  world = await startProductWorld();
});
after(() => world.stop());

function model(settings: Partial<TreeSettings> = {}, onProfilesFound?: (n: number) => void) {
  return new TargetTreeModel({
    loadAws: async () => world.api,
    settings: { profiles: () => [], regions: () => [], includeInactive: () => false, ...settings },
    log: silentLog,
    withProgress: (task) => task(),
    onProfilesFound,
  });
}

const labelOf = (n: TreeNode) => (n.kind === 'profile' ? n.profile.name : n.kind === 'region' ? n.location.region : n.kind === 'group' ? n.label : n.kind === 'target' ? n.target.name : n.kind === 'message' ? n.message : 'Load more…');

async function child(m: TargetTreeModel, parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  const children = await m.getChildren(parent);
  const found = children.find((c) => labelOf(c) === label);
  assert.ok(found, `"${label}" not among ${children.map(labelOf).join(', ')}`);
  return found;
}

test('two profiles, each in its own region: profiles, then service groups, then targets with states', async () => {
  let found = -1;
  const m = model({}, (n) => (found = n));
  const roots = await m.getChildren();
  assert.deepEqual(roots.map(labelOf), ['analytics', 'demo']);
  assert.equal(found, 2);
  const demo = roots[1];
  const groups = await m.getChildren(demo);
  assert.deepEqual(groups.map(labelOf), ['EMR clusters', 'EMR on EKS', 'Redshift', 'Redshift Serverless']);
  assert.equal(demo.kind === 'profile' && demo.account, '123456789012');
  const emr = await m.getChildren(groups[0]);
  const running = emr.find((n) => n.kind === 'target' && n.target.id === DEFAULT_IDS.emr.running);
  assert.ok(running && running.kind === 'target');
  assert.equal(running.target.state, 'RUNNING');
  assert.deepEqual(running.methodIds, ['emr.sessionCredentials']);
  assert.ok(!emr.some((n) => n.kind === 'target' && n.target.id === DEFAULT_IDS.emr.terminated), 'terminated clusters are hidden by default');
  assert.equal(m.getParent(running), groups[0]);
  assert.equal(m.getParent(groups[0]), demo);
});

test('paging: the first page holds 50 clusters and "load more" appends the rest', async () => {
  const m = model({ profiles: () => ['demo'] });
  const emrGroup = await child(m, undefined, 'EMR clusters');
  const first = await m.getChildren(emrGroup);
  const more = first.at(-1)!;
  assert.equal(more.kind, 'loadMore');
  assert.equal(first.filter((n) => n.kind === 'target').length, 50);
  const before = world.emulator.requests.length;
  await m.loadMore(more as Extract<TreeNode, { kind: 'loadMore' }>);
  const all = await m.getChildren(emrGroup);
  assert.equal(world.emulator.requests.length, before + 1, 'one more ListClusters call');
  assert.ok(all.filter((n) => n.kind === 'target').length > 50);
  assert.ok(!all.some((n) => n.kind === 'loadMore'));
  const ids = all.filter((n) => n.kind === 'target').map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length, 'no duplicate nodes');
});

test('one profile and two regions: the profile level is skipped, regions shown; the inactive filter adds terminated ones', async () => {
  const m = model({ profiles: () => ['demo'], regions: () => ['us-east-1', 'eu-west-1'], includeInactive: () => true });
  const roots = await m.getChildren();
  assert.deepEqual(roots.map(labelOf), ['us-east-1', 'eu-west-1']);
  const eks = await child(m, roots[0], 'EMR on EKS');
  const vcs = await m.getChildren(eks);
  assert.ok(vcs.some((n) => n.kind === 'target' && n.target.id === DEFAULT_IDS.eks.terminatedVirtualCluster));
  const vc = vcs.find((n) => n.kind === 'target' && n.target.id === DEFAULT_IDS.eks.runningVirtualCluster)!;
  const endpoints = await m.getChildren(vc);
  const active = endpoints.find((n) => n.kind === 'target' && n.target.id === DEFAULT_IDS.eks.activeEndpoint);
  assert.ok(active && active.kind === 'target');
  assert.equal(active.target.parentId, DEFAULT_IDS.eks.runningVirtualCluster);
  assert.deepEqual(active.methodIds, ['emrContainers.sessionToken']);
  const eu = await child(m, roots[1], 'Redshift');
  const dw = await m.getChildren(eu);
  assert.ok(dw.some((n) => n.kind === 'target' && n.target.id === DEFAULT_IDS.redshift.euAvailable));
  const redshiftTarget = dw.find((n) => n.kind === 'target')!;
  assert.deepEqual(redshiftTarget.kind === 'target' && redshiftTarget.methodIds, ['redshift.clusterCredentials', 'redshift.clusterCredentialsWithIam']);
});

test('a profile whose keys AWS refuses shows an error node with the fix, and nothing below it', async () => {
  const bad = await startProductWorld({ profiles: [{ name: 'demo', region: 'us-east-1' }] });
  try {
    // Same emulator URL but keys it does not know.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, '[demo]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = wrong\n');
    const m = new TargetTreeModel({ loadAws: async () => bad.api, settings: { profiles: () => [], regions: () => [], includeInactive: () => false }, log: silentLog, withProgress: (t) => t() });
    const roots = await m.getChildren();
    assert.equal(roots.length, 1);
    const node = roots[0];
    assert.equal(node.kind, 'message');
    assert.equal(node.kind === 'message' && node.next, 'signIn');
    assert.match(labelOf(node), /did not accept the credentials of profile "demo"/);
  } finally {
    await bad.stop();
    Object.assign(process.env, { AWS_CONFIG_FILE: `${world.dir}/config`, AWS_SHARED_CREDENTIALS_FILE: `${world.dir}/credentials` });
  }
});

test('a listing error becomes an error node with retry; expanding again retries', async () => {
  const m = model({ profiles: () => ['demo'] });
  const group = await child(m, undefined, 'Redshift');
  world.emulator.setFault('DescribeClusters', { kind: 'error', count: 3 });
  const failed = await m.getChildren(group);
  assert.equal(failed.length, 1);
  assert.equal(failed[0].kind === 'message' && failed[0].next, 'retry');
  assert.match(labelOf(failed[0]), /internal error/);
  const retried = await m.getChildren(group);
  assert.ok(retried.some((n) => n.kind === 'target'));
});

test('the palette lists every profile, region and service in parallel, children included', async () => {
  const { targets, failures } = await listEverywhere(world.api, { profiles: [], regions: ['us-east-1', 'eu-west-1'], includeInactive: false, concurrency: 4 });
  assert.equal(failures.length, 0);
  const kinds = new Set(targets.map((t) => `${t.location.profile}/${t.location.region}/${t.kind}`));
  for (const profile of ['demo', 'analytics']) {
    for (const region of ['us-east-1', 'eu-west-1']) {
      for (const kind of ['emr:cluster', 'emr-containers:virtual-cluster', 'emr-containers:endpoint', 'redshift:cluster', 'redshift-serverless:workgroup']) {
        assert.ok(kinds.has(`${profile}/${region}/${kind}`), `${profile}/${region}/${kind} missing`);
      }
    }
  }
  assert.ok(targets.filter((t) => t.kind === 'emr:cluster' && t.location.region === 'us-east-1' && t.location.profile === 'demo').length > 50);
});
