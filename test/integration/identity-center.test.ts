// IAM Identity Center discovery through the product's real AWS layer (createAwsApi with an AWS config that names an
// [sso-session], the token `aws sso login` caches, the SDK's SSO client and SSO credential provider) against the
// emulator's portal: an organisation of 120 accounts with 1 to 3 roles each, listed in 3 pages of accounts; each
// account has its own clusters, reached with credentials for a discovered role. Faults on one account stay there.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { AwsApi } from '../../src/aws/api';
import { createAwsApi } from '../../src/aws/bundle';
import { discoveredProfileName } from '../../src/aws/discovered';
import { discoveredRoleProfiles } from '../../src/credentials/discoveredRoles';
import { listEverywhere } from '../../src/credentials/targetPicker';
import type { AccountNode, MessageNode, ProfileNode, TreeNode } from '../../src/tree/nodes';
import { TargetTreeModel } from '../../src/tree/targetTree';
import { DEFAULT_IDS, EMR_RUNTIME_ROLE_ARN, organizationAccountId, organizationWorld, ssoRoleArn, tokenFingerprint } from '../emulator/index';
import { credentialService, recordingWindow, silentLog, startProductWorld, type ProductWorld } from '../helpers/product';

const REGION = DEFAULT_IDS.region;
const ACCOUNTS = 120;
const SESSION = 'org';
const START_URL = 'https://cluster-pass-org.awsapps.example/start';
const ACCESS_TOKEN = 'sso-access-token-identity-center';

let world: ProductWorld;
let home: string;
const savedHome = process.env.HOME;

before(async () => {
  world = await startProductWorld({ world: organizationWorld({ accounts: ACCOUNTS, pageSize: 50 }), profiles: [{ name: 'demo', region: REGION }] });
  world.emulator.world.sso!.accessTokens.push(ACCESS_TOKEN);
  // The profile `aws configure sso` writes with the session: discovered accounts take its endpoint_url and region.
  appendFileSync(
    process.env.AWS_CONFIG_FILE!,
    `\n[profile org-anchor]\nsso_session = ${SESSION}\nsso_account_id = ${organizationAccountId(0)}\nsso_role_name = DataEngineer\nregion = ${REGION}\nendpoint_url = ${world.emulator.url}\n` +
      `\n[sso-session ${SESSION}]\nsso_start_url = ${START_URL}\nsso_region = ${REGION}\nsso_registration_scopes = sso:account:access\n`,
  );
  home = mkdtempSync(join(tmpdir(), 'cluster-pass-home-'));
  process.env.HOME = home;
  cacheToken(new Date(Date.now() + 8 * 3600_000));
});

after(async () => {
  await world.stop();
  if (savedHome === undefined) delete process.env.HOME;
  else process.env.HOME = savedHome;
  rmSync(home, { recursive: true, force: true });
});

beforeEach(() => {
  world.emulator.clearFaults();
  world.emulator.clearLog();
});

/** What `aws sso login --sso-session org` leaves in ~/.aws/sso/cache. */
function cacheToken(expiresAt: Date): void {
  const cache = join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, `${createHash('sha1').update(SESSION).digest('hex')}.json`), JSON.stringify({ startUrl: START_URL, region: REGION, accessToken: ACCESS_TOKEN, expiresAt: expiresAt.toISOString() }));
}

function model(api: AwsApi, selection: Record<string, string[]> = {}): TargetTreeModel {
  return new TargetTreeModel({
    loadAws: async () => api,
    settings: { profiles: () => ['demo'], regions: () => [], includeInactive: () => false, ssoAccounts: () => selection, parallelRegions: () => 4 },
    log: silentLog,
    withProgress: (task) => task(),
  });
}

const portal = (operation: string) => world.emulator.requests.filter((r) => r.service === 'sso' && r.operation === operation);
const accountNodes = (nodes: TreeNode[]) => nodes.filter((n): n is AccountNode => n.kind === 'account');

/** Role names per account as the emulator assigns them. */
function assigned(): Map<string, string[]> {
  const byAccount = new Map<string, string[]>();
  for (const a of world.emulator.world.sso!.assignments) {
    const [account, role] = a.split('/');
    byAccount.set(account, [...(byAccount.get(account) ?? []), role].sort());
  }
  return byAccount;
}

describe('IAM Identity Center discovery', () => {
  test('finds the sso-session and its anchor profile in the AWS config', async () => {
    const sources = await world.api.listSsoSources();
    assert.deepEqual(sources.map((s) => [s.id, s.kind, s.anchorProfile, s.region, s.onByDefault, s.signInArgs.join(' ')]), [[SESSION, 'session', 'org-anchor', REGION, true, `sso login --sso-session ${SESSION}`]]);
  });

  test('120 accounts in 3 pages, every role of every account; the tree shows them as roots beside the profiles', async () => {
    const roots = await model(world.api).getChildren();
    assert.equal(roots[0].kind, 'profile');
    assert.equal((roots[0] as ProfileNode).profile.name, 'demo');
    const accounts = accountNodes(roots);
    assert.equal(accounts.length, ACCOUNTS);
    assert.deepEqual(accounts.slice(0, 2).map((a) => [a.account.accountName, a.account.accountId]), [['team-001', organizationAccountId(0)], ['team-002', organizationAccountId(1)]]);
    const pages = portal('ListAccounts');
    assert.equal(pages.length, 3, 'three pages of accounts');
    assert.deepEqual(pages.map((p) => p.params.nextToken ?? null), [null, 'p50', 'p100']);

    const expected = assigned();
    const tree = model(world.api);
    await tree.getChildren();
    let roles = 0;
    for (const account of accounts) {
      const children = await tree.getChildren(account);
      const names = children.map((c) => (c as ProfileNode).profile.discovered?.roleName);
      assert.deepEqual(names, expected.get(account.account.accountId), `roles of ${account.account.accountName}`);
      assert.ok(names.length >= 1 && names.length <= 3);
      roles += names.length;
    }
    assert.equal(roles, world.emulator.world.sso!.assignments.length);
    assert.equal(roles, 240, '1 to 3 roles each: 40 accounts of each count');
    assert.ok(portal('ListAccountRoles').length >= ACCOUNTS);
  });

  test('a discovered role lists its own account\'s clusters and fetches credentials there with the SDK\'s SSO provider', async () => {
    const account = organizationAccountId(4); // team-005: DataEngineer and Analyst
    const tree = model(world.api);
    const roots = await tree.getChildren();
    const accountNode = accountNodes(roots).find((a) => a.account.accountId === account)!;
    const roleNode = (await tree.getChildren(accountNode)).find((n) => (n as ProfileNode).profile.discovered?.roleName === 'Analyst') as ProfileNode;
    assert.equal(roleNode.profile.name, discoveredProfileName({ sourceId: SESSION, accountId: account, roleName: 'Analyst' }));
    const groups = await tree.getChildren(roleNode);
    assert.ok(groups.every((g) => g.kind === 'group'), `groups, got ${groups.map((g) => g.kind).join(', ')}`);
    const names = new Map<string, string[]>();
    for (const g of groups) names.set(g.kind === 'group' ? g.sourceId : '', (await tree.getChildren(g)).map((t) => (t.kind === 'target' ? t.target.name : t.kind)));
    const all = [...names.values()].flat();
    assert.ok(all.includes('team-005-spark') && all.includes('team-005-dw'), `this account's clusters: ${all.join(', ')}`);
    assert.ok(!all.includes('analytics-prod'), 'not the main account\'s');

    const credentialsCall = portal('GetRoleCredentials').at(-1)!;
    assert.deepEqual(credentialsCall.params, { accountId: account, roleName: 'Analyst' });
    const issuedKey = world.emulator.issuedSecrets.find((s) => s.kind === 'aws-session-token' && s.target === ssoRoleArn(account, 'Analyst'))!;
    const listing = world.emulator.requests.find((r) => r.operation === 'ListClusters')!;
    assert.equal(listing.accessKeyId, issuedKey.id, 'listed with the discovered role\'s credentials');
    assert.equal(listing.sessionToken, tokenFingerprint(issuedKey.secret));

    const targets = groups.length ? (await Promise.all(groups.map((g) => tree.getChildren(g)))).flat() : [];
    const emr = targets.find((t) => t.kind === 'target' && t.target.name === 'team-005-spark');
    const dw = targets.find((t) => t.kind === 'target' && t.target.name === 'team-005-dw');
    assert.ok(emr?.kind === 'target' && dw?.kind === 'target');
    const { window } = recordingWindow();
    const { service, guard } = credentialService(world.api, window, 'password');
    const emrSession = await service.getCredentials(emr.target, { input: { executionRoleArn: EMR_RUNTIME_ROLE_ARN } });
    assert.ok(emrSession, 'EMR credentials in the discovered account');
    const dwSession = await service.getCredentials(dw.target, { methodId: 'redshift.clusterCredentials', input: { DbUser: 'analyst', DbName: 'dev', AutoCreate: false, DurationSeconds: 900 } });
    assert.ok(dwSession, 'Redshift credentials in the discovered account');
    assert.match(dwSession.credential.user ?? '', /analyst/);
    guard.dispose();
  });

  test('a throttled account shows an error row for that account only; the others still list', async () => {
    const bad = organizationAccountId(7);
    // Three throttles: the SDK's attempts are all refused.
    world.emulator.setFault(`ListAccountRoles@${bad}`, { kind: 'throttle', count: 3 });
    const tree = model(world.api);
    const accounts = accountNodes(await tree.getChildren());
    const results = await Promise.all(accounts.slice(5, 10).map((a) => tree.getChildren(a)));
    const failed = results[2];
    assert.equal(failed.length, 1);
    const row = failed[0] as MessageNode;
    assert.equal(row.kind, 'message');
    assert.equal(row.next, 'retry');
    assert.match(row.message, /^Listing your roles in team-008 \(210000000007\): AWS is throttling requests/);
    assert.equal(row.parent, accounts[7]);
    for (const [i, children] of results.entries()) if (i !== 2) assert.ok(children.every((c) => c.kind === 'profile'), `account ${i + 5} lists`);
    assert.equal(world.emulator.requests.filter((r) => r.params.accountId === bad && r.error === 'TooManyRequestsException').length, 3);
  });

  test('an account whose portal call times out shows an error row for that account only', async () => {
    const api = await createAwsApi({ mfaCode: async () => undefined }, { requestTimeoutMs: 300 });
    const bad = organizationAccountId(2);
    world.emulator.setFault(`ListAccountRoles@${bad}`, { kind: 'hang', count: 3 });
    const tree = model(api);
    const accounts = accountNodes(await tree.getChildren());
    const [ok, failed] = await Promise.all([tree.getChildren(accounts[1]), tree.getChildren(accounts[2])]);
    assert.ok(ok.every((c) => c.kind === 'profile'));
    assert.equal(failed.length, 1);
    assert.match((failed[0] as MessageNode).message, /^Listing your roles in team-003 \(210000000002\): AWS did not answer in time/);
  });

  test('Select Accounts: only the chosen accounts are roots; none chosen turns discovery off', async () => {
    const chosen = [organizationAccountId(3), organizationAccountId(99)];
    const roots = await model(world.api, { [SESSION]: chosen }).getChildren();
    assert.deepEqual(accountNodes(roots).map((a) => a.account.accountId), chosen);
    const none = await model(world.api, { [SESSION]: [] }).getChildren();
    assert.ok(none.every((n) => n.kind === 'group'), 'with discovery off, the one profile skips its level as before');
  });

  test('the palette\'s everywhere listing covers the chosen discovered accounts, with progress, and stops when cancelled', async () => {
    const chosen = [0, 1, 2, 3, 4, 5].map(organizationAccountId);
    const progress: string[] = [];
    const found = await discoveredRoleProfiles(world.api, { selection: { [SESSION]: chosen }, concurrency: 4, onAccount: (d, t) => progress.push(`${d}/${t}`) });
    assert.equal(found.failures.length, 0);
    assert.equal(found.profiles.length, 1 + 2 + 3 + 1 + 2 + 3);
    assert.equal(progress.at(-1), '6/6');
    const listed = await listEverywhere(world.api, { profiles: ['none'], regions: [], includeInactive: false, concurrency: 4, extraProfiles: found.profiles });
    const names = new Set(listed.targets.map((t) => t.name));
    for (let n = 1; n <= 6; n++) assert.ok(names.has(`team-00${n}-spark`) && names.has(`team-00${n}-dw`), `team-00${n}`);

    const abort = new AbortController();
    abort.abort();
    const cancelled = await listEverywhere(world.api, { profiles: ['none'], regions: [], includeInactive: false, concurrency: 4, extraProfiles: found.profiles, signal: abort.signal });
    assert.equal(cancelled.targets.length, 0);
  });

  test('an expired sign-in gives a Sign In row that names aws sso login --sso-session', async () => {
    cacheToken(new Date(Date.now() - 60_000));
    try {
      const roots = await model(world.api).getChildren();
      const row = roots.find((n): n is MessageNode => n.kind === 'message')!;
      assert.ok(row, `a message row, got ${roots.map((n) => n.kind).join(', ')}`);
      assert.equal(row.next, 'signIn');
      assert.equal(row.ssoSource, SESSION);
      assert.match(row.message, /^org: The IAM Identity Center sign-in for "org" has expired\. Sign in with "aws sso login --sso-session org", then refresh\.$/);
      assert.equal(portal('ListAccounts').length, 0, 'nothing sent with an expired token');
    } finally {
      cacheToken(new Date(Date.now() + 8 * 3600_000));
    }
  });
});
