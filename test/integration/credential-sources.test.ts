// Every way a profile gets AWS credentials, through the product's real AWS layer (createAwsApi, profiles from an AWS
// config file whose endpoint_url points at the emulator) and the SDK's own providers: static keys, assume-role with
// source_profile (with and without MFA), credential_process, the environment, IAM Identity Center (SSO), and
// temporary credentials that expire and are refreshed. The emulator's request log proves which access key and
// which session token signed each request; the tree's messages are what the user reads.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsApi, AwsHooks } from '../../src/aws/api';
import { createAwsApi } from '../../src/aws/bundle';
import { listAll } from '../../src/aws/listing';
import type { TreeNode } from '../../src/tree/nodes';
import { TargetTreeModel } from '../../src/tree/targetTree';
import { ACCOUNT_ID, DEFAULT_IDS, ROLES, SSO_USER, ssoRoleArn, tokenFingerprint, type IssuedSecret, type RecordedRequest } from '../emulator/index';
import { AWS_ENV_TO_CLEAR } from '../harness/awsConfig';
import { silentLog, startProductWorld, type ProductWorld } from '../helpers/product';

const REGION = DEFAULT_IDS.region;
const SHORT_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/ClusterPassShortLived`;
const SHORT_SECONDS = 2;
const SSO_SESSION = 'corp';
const SSO_START_URL = 'https://cluster-pass-test.awsapps.example/start';
const SSO_ACCESS_TOKEN = 'sso-access-token-credential-sources';
const ENV_EXTRA = ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_SSO', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'HOME', 'CLUSTER_PASS_TEST_PROCESS_CREDENTIALS'];

let world: ProductWorld;
let home: string;
let scripts: string;
const savedEnv = new Map(ENV_EXTRA.map((k) => [k, process.env[k]]));

/** MFA prompts the product asked for, and what the (scripted) user answers next. */
const mfaAsked: string[] = [];
let mfaAnswer: string | undefined;
const hooks: AwsHooks = {
  mfaCode: async (serial) => {
    mfaAsked.push(serial);
    return mfaAnswer;
  },
};

before(async () => {
  world = await startProductWorld({ profiles: [{ name: 'demo', region: REGION }] });
  const url = world.emulator.url;
  world.emulator.world.roles!.push({ arn: SHORT_ROLE, sessionSeconds: SHORT_SECONDS });
  world.emulator.world.sso!.accessTokens.push(SSO_ACCESS_TOKEN);

  scripts = mkdtempSync(join(tmpdir(), 'cluster-pass-process-'));
  // A credential_process that prints what the test hands it through the environment (so no secret is on disk).
  writeFileSync(join(scripts, 'credentials.mjs'), 'process.stdout.write(process.env.CLUSTER_PASS_TEST_PROCESS_CREDENTIALS ?? "");\n');
  writeFileSync(join(scripts, 'broken.mjs'), 'process.stderr.write("vault is sealed\\n");\nprocess.exit(3);\n');

  const profile = (name: string, lines: string[]) => `\n[profile ${name}]\n${[...lines, `region = ${REGION}`, `endpoint_url = ${url}`].join('\n')}\n`;
  appendFileSync(
    process.env.AWS_CONFIG_FILE!,
    [
      profile('role', [`role_arn = ${ROLES.analyst}`, 'source_profile = demo', 'role_session_name = cluster-pass-role']),
      profile('role-mfa', [`role_arn = ${ROLES.admin}`, 'source_profile = demo', `mfa_serial = ${ROLES.mfaSerial}`, 'role_session_name = cluster-pass-mfa']),
      profile('role-partner', [`role_arn = ${ROLES.partner}`, 'source_profile = demo', `external_id = ${ROLES.externalId}`]),
      profile('role-denied', [`role_arn = arn:aws:iam::${ACCOUNT_ID}:role/NotAssumable`, 'source_profile = demo']),
      profile('role-short', [`role_arn = ${SHORT_ROLE}`, 'source_profile = demo', 'duration_seconds = 900', 'role_session_name = cluster-pass-short']),
      profile('proc', [`credential_process = node ${join(scripts, 'credentials.mjs')}`]),
      profile('proc-broken', [`credential_process = node ${join(scripts, 'broken.mjs')}`]),
      profile('sso', [`sso_session = ${SSO_SESSION}`, `sso_account_id = ${ACCOUNT_ID}`, `sso_role_name = ${ROLES.ssoRoleName}`]),
      `\n[sso-session ${SSO_SESSION}]\nsso_start_url = ${SSO_START_URL}\nsso_region = ${REGION}\nsso_registration_scopes = sso:account:access\n`,
    ].join(''),
  );

  // `aws sso login` leaves an access token in ~/.aws/sso/cache, named after the SHA-1 of the session's name.
  home = mkdtempSync(join(tmpdir(), 'cluster-pass-home-'));
  process.env.HOME = home;
  const cache = join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    join(cache, `${createHash('sha1').update(SSO_SESSION).digest('hex')}.json`),
    JSON.stringify({ startUrl: SSO_START_URL, region: REGION, accessToken: SSO_ACCESS_TOKEN, expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString() }),
  );
});

after(async () => {
  await world?.stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(scripts, { recursive: true, force: true });
  for (const [k, v] of savedEnv) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

// ---- helpers ---------------------------------------------------------------------------------------------------

async function productApi(): Promise<AwsApi> {
  return createAwsApi(hooks, { requestTimeoutMs: 5_000 });
}

const serverless = (api: AwsApi) => api.services.find((m) => m.id === 'redshiftServerless')!.sources[0];

/** Lists Redshift Serverless workgroups as the tree does, and returns the requests that listing sent. */
async function list(api: AwsApi, profile: string): Promise<{ names: string[]; requests: RecordedRequest[] }> {
  const from = world.emulator.requests.length;
  const location = { profile, region: REGION };
  const targets = await listAll(serverless(api), { location, clientConfig: api.clientConfig(location) }, { includeInactive: false });
  return { names: targets.map((t) => t.id), requests: world.emulator.requests.slice(from) };
}

/** What the tree shows for a profile (its only region): groups when its credentials work, else one message node. */
async function treeFor(api: AwsApi, profile: string): Promise<TreeNode[]> {
  const model = new TargetTreeModel({
    loadAws: async () => api,
    // Discovery is off here: these tests are about the profiles themselves (test/integration/identity-center.test.ts covers it).
    settings: { profiles: () => [profile], regions: () => [REGION], includeInactive: () => false, ssoAccounts: () => ({ [SSO_SESSION]: [] }) },
    log: silentLog,
    withProgress: (task) => task(),
  });
  return model.getChildren();
}

function messageOf(nodes: TreeNode[]): { text: string; next?: string } {
  assert.equal(nodes.length, 1, `one message node, got ${nodes.map((n) => n.kind).join(', ')}`);
  const node = nodes[0];
  assert.equal(node.kind, 'message');
  return { text: node.kind === 'message' ? node.message : '', next: node.kind === 'message' ? node.next : undefined };
}

function issuedSince(from: number, kind: IssuedSecret['kind']): IssuedSecret[] {
  return world.emulator.issuedSecrets.slice(from).filter((s) => s.kind === kind);
}

/** The session token issued together with an access key id. */
function tokenOf(accessKeyId: string): string {
  const found = world.emulator.issuedSecrets.find((s) => s.kind === 'aws-session-token' && s.id === accessKeyId);
  assert.ok(found, `a session token was issued for ${accessKeyId}`);
  return found.secret;
}

function assertNoSecretIn(text: string): void {
  for (const s of world.emulator.issuedSecrets) assert.ok(!text.includes(s.secret), `no issued ${s.kind} in "${text.slice(0, 80)}…"`);
}

function onlyAws(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.service !== 'sso');
}

// ---- rows ------------------------------------------------------------------------------------------------------

describe('credential sources', { timeout: 60_000 }, () => {
  test('static keys (smoke): the profile signs with its long-term key and no session token', async () => {
    const api = await productApi();
    assert.deepEqual(await api.whoAmI({ profile: 'demo', region: REGION }), { account: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/cluster-pass-tester` });
    const { names, requests } = await list(api, 'demo');
    assert.ok(names.includes(DEFAULT_IDS.serverless.available));
    assert.deepEqual(requests.map((r) => [r.operation, r.accessKeyId, r.sessionToken, r.status]), [['ListWorkgroups', world.emulator.accessKeyId, undefined, 200]]);
  });

  test('profilesIn classifies every profile of the config by how it gets credentials', async () => {
    const profiles = await (await productApi()).listProfiles();
    const source = Object.fromEntries(profiles.map((p) => [p.name, p.source]));
    assert.deepEqual(source, {
      demo: 'static',
      proc: 'process',
      'proc-broken': 'process',
      role: 'assume-role',
      'role-denied': 'assume-role',
      'role-mfa': 'assume-role',
      'role-partner': 'assume-role',
      'role-short': 'assume-role',
      sso: 'sso',
    });
  });

  test('assume-role with source_profile: AssumeRole reaches the emulator through the profile endpoint_url, and the temporary keys sign listing', async () => {
    const api = await productApi();
    const from = world.emulator.requests.length;
    const secretsFrom = world.emulator.issuedSecrets.length;
    const who = await api.whoAmI({ profile: 'role', region: REGION });
    assert.deepEqual(who, { account: ACCOUNT_ID, arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAnalyst/cluster-pass-role` });
    const [assume, identity] = world.emulator.requests.slice(from);
    // The source profile's long-term key signs AssumeRole; what it returns signs everything after.
    assert.equal(assume.operation, 'AssumeRole');
    assert.equal(assume.accessKeyId, world.emulator.accessKeyId);
    assert.equal(assume.params.RoleArn, ROLES.analyst);
    assert.equal(assume.params.RoleSessionName, 'cluster-pass-role');
    assert.equal(assume.status, 200);
    const [issuedKey] = issuedSince(secretsFrom, 'aws-secret-access-key');
    assert.ok(issuedKey.id?.startsWith('ASIA'), 'temporary key ids start with ASIA');
    assert.equal(identity.operation, 'GetCallerIdentity');
    assert.equal(identity.accessKeyId, issuedKey.id);
    assert.equal(identity.sessionToken, tokenFingerprint(tokenOf(issuedKey.id!)));

    const { names, requests } = await list(api, 'role');
    assert.ok(names.includes(DEFAULT_IDS.serverless.available));
    assert.deepEqual(requests.map((r) => [r.operation, r.accessKeyId, r.sessionToken, r.status]), [['ListWorkgroups', issuedKey.id, identity.sessionToken, 200]], 'no second AssumeRole: the credentials are shared');
    assert.equal(issuedSince(secretsFrom, 'aws-session-token').length, 1);
  });

  test('assume-role with external_id sends it; a role the caller may not assume names sts:AssumeRole and the role', async () => {
    const api = await productApi();
    const from = world.emulator.requests.length;
    assert.match((await api.whoAmI({ profile: 'role-partner', region: REGION })).arn ?? '', /assumed-role\/ClusterPassPartner\//);
    assert.equal(world.emulator.requests[from].params.ExternalId, ROLES.externalId);

    const { text, next } = messageOf(await treeFor(api, 'role-denied'));
    assert.match(text, /^Profile "role-denied": access denied for profile "role-denied"\. It needs permission for sts:AssumeRole on arn:aws:iam::123456789012:role\/NotAssumable\./);
    assert.equal(next, 'signIn');
  });

  test('assume-role with mfa_serial: the product asks for the code of that device and AssumeRole carries it', async () => {
    const api = await productApi();
    mfaAsked.length = 0;
    mfaAnswer = ROLES.mfaCode;
    const from = world.emulator.requests.length;
    const who = await api.whoAmI({ profile: 'role-mfa', region: REGION });
    assert.equal(who.arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAdmin/cluster-pass-mfa`);
    assert.deepEqual(mfaAsked, [ROLES.mfaSerial], 'asked once, for the profile\'s device');
    const assume = world.emulator.requests[from];
    assert.deepEqual([assume.operation, assume.params.SerialNumber, assume.params.TokenCode, assume.status], ['AssumeRole', ROLES.mfaSerial, ROLES.mfaCode, 200]);
    const { requests } = await list(api, 'role-mfa');
    assert.equal(requests.length, 1);
    assert.match(requests[0].accessKeyId ?? '', /^ASIA/);
    assert.deepEqual(mfaAsked, [ROLES.mfaSerial], 'not asked again while the credentials last');
  });

  test('assume-role with mfa_serial: a cancelled prompt is a clear message on the profile, and nothing is sent', async () => {
    const api = await productApi();
    mfaAsked.length = 0;
    mfaAnswer = undefined;
    const from = world.emulator.requests.length;
    const { text, next } = messageOf(await treeFor(api, 'role-mfa'));
    assert.equal(text, 'Profile "role-mfa": MFA code entry was cancelled.');
    assert.equal(next, 'retry');
    assert.deepEqual(mfaAsked, [ROLES.mfaSerial]);
    assert.deepEqual(world.emulator.requests.slice(from), [], 'no AssumeRole without a code');

    // Retry (the message's action) asks again; this time the user types the code.
    mfaAnswer = ROLES.mfaCode;
    api.resetCredentials('role-mfa');
    const groups = await treeFor(api, 'role-mfa');
    assert.ok(groups.every((n) => n.kind === 'group'), 'the profile works after the retry');
    assert.equal(mfaAsked.length, 2);
  });

  test('assume-role with mfa_serial: a wrong code is AccessDenied from STS, explained as a refused MFA code', async () => {
    const api = await productApi();
    mfaAnswer = '000000';
    const from = world.emulator.requests.length;
    const { text, next } = messageOf(await treeFor(api, 'role-mfa'));
    assert.match(text, /^Profile "role-mfa": AWS did not accept the MFA code for profile "role-mfa" \(MultiFactorAuthentication failed with invalid MFA one time pass code\.\)\. Enter the current code .*sts:AssumeRole with MFA\.$/);
    assert.equal(next, 'retry');
    const assume = world.emulator.requests.slice(from).filter((r) => r.operation === 'AssumeRole');
    assert.ok(assume.length >= 1);
    assert.ok(assume.every((r) => r.params.TokenCode === '000000' && r.status === 403 && r.error === 'AccessDenied'));
    assert.ok(!world.emulator.requests.slice(from).some((r) => r.operation !== 'AssumeRole'), 'nothing else was sent');
  });

  test('credential_process: the standard JSON (Version 1, keys, session token, expiration) signs requests', async () => {
    const session = world.emulator.issueSession(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAnalyst/from-process`, 3600);
    process.env.CLUSTER_PASS_TEST_PROCESS_CREDENTIALS = JSON.stringify({
      Version: 1,
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: session.expiration.toISOString(),
    });
    try {
      const api = await productApi();
      assert.equal((await api.whoAmI({ profile: 'proc', region: REGION })).arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAnalyst/from-process`);
      const { names, requests } = await list(api, 'proc');
      assert.ok(names.includes(DEFAULT_IDS.serverless.available));
      assert.deepEqual(requests.map((r) => [r.accessKeyId, r.sessionToken, r.status]), [[session.accessKeyId, tokenFingerprint(session.sessionToken), 200]]);
    } finally {
      delete process.env.CLUSTER_PASS_TEST_PROCESS_CREDENTIALS;
    }
  });

  test('credential_process that fails: the profile node names the profile and what to do; nothing is sent', async () => {
    const api = await productApi();
    const from = world.emulator.requests.length;
    const { text, next } = messageOf(await treeFor(api, 'proc-broken'));
    assert.match(text, /^Profile "proc-broken": no credentials for profile "proc-broken"\. Command failed: node \S+broken\.mjs Configure the profile \(aws configure --profile proc-broken\) or sign in, then retry\.$/);
    assert.equal(next, 'signIn');
    assert.deepEqual(world.emulator.requests.slice(from), []);
  });

  test('IAM Identity Center: sso_session with a cached token; GetRoleCredentials goes to the profile endpoint_url', async () => {
    const api = await productApi();
    const from = world.emulator.requests.length;
    const secretsFrom = world.emulator.issuedSecrets.length;
    const who = await api.whoAmI({ profile: 'sso', region: REGION });
    const role = ssoRoleArn(ACCOUNT_ID, ROLES.ssoRoleName);
    assert.equal(who.arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${role.slice(role.lastIndexOf('/') + 1)}/${SSO_USER}`);
    const [portal, identity] = world.emulator.requests.slice(from);
    assert.deepEqual([portal.service, portal.operation, portal.params, portal.status], ['sso', 'GetRoleCredentials', { roleName: ROLES.ssoRoleName, accountId: ACCOUNT_ID }, 200]);
    const [key] = issuedSince(secretsFrom, 'aws-secret-access-key');
    assert.equal(identity.accessKeyId, key.id);
    assert.equal(identity.sessionToken, tokenFingerprint(tokenOf(key.id!)));
    const { requests } = await list(api, 'sso');
    assert.deepEqual(requests.map((r) => [r.operation, r.accessKeyId, r.status]), [['ListWorkgroups', key.id, 200]]);
  });

  test('IAM Identity Center: AWS_ENDPOINT_URL_SSO overrides the profile endpoint_url for the portal', async () => {
    // A portal address that refuses connections: the error proves the SSO client went there, not to endpoint_url.
    process.env.AWS_ENDPOINT_URL_SSO = 'http://127.0.0.1:9';
    try {
      const api = await productApi();
      const from = world.emulator.requests.length;
      const { text } = messageOf(await treeFor(api, 'sso'));
      assert.match(text, /^Profile "sso": .*(ECONNREFUSED|could not reach)/);
      assert.deepEqual(world.emulator.requests.slice(from), []);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_SSO;
    }
  });

  test('temporary credentials expire: the emulator refuses them, and the memoized provider assumes the role again', async () => {
    const api = await productApi();
    const from = world.emulator.requests.length;
    const first = await list(api, 'role-short');
    const assume = world.emulator.requests.slice(from).find((r) => r.operation === 'AssumeRole')!;
    assert.equal(assume.params.DurationSeconds, '900', 'duration_seconds is sent (the emulator role lives only 2 s, for the test)');
    const [firstCall] = onlyAws(first.requests).filter((r) => r.operation === 'ListWorkgroups');
    const firstKey = firstCall.accessKeyId!;
    assert.match(firstKey, /^ASIA/);

    await sleep(SHORT_SECONDS * 1000 + 300);
    // Those credentials are now refused, with the service's expired-token error.
    const secret = world.emulator.issuedSecrets.find((s) => s.kind === 'aws-secret-access-key' && s.id === firstKey)!.secret;
    const stale = new STSClient({ region: REGION, endpoint: world.emulator.url, maxAttempts: 1, credentials: { accessKeyId: firstKey, secretAccessKey: secret, sessionToken: tokenOf(firstKey) } });
    await assert.rejects(stale.send(new GetCallerIdentityCommand({})), { name: 'ExpiredToken', message: 'The security token included in the request is expired' });
    stale.destroy();

    const again = await list(api, 'role-short');
    assert.ok(again.names.includes(DEFAULT_IDS.serverless.available), 'listing keeps working');
    const listed = again.requests.filter((r) => r.operation === 'ListWorkgroups');
    assert.equal(listed.length, 1);
    assert.equal(listed[0].status, 200);
    assert.notEqual(listed[0].accessKeyId, firstKey, 'signed with new credentials');
    assert.equal(listed[0].sessionToken, tokenFingerprint(tokenOf(listed[0].accessKeyId!)));
    assert.ok(again.requests.some((r) => r.operation === 'AssumeRole' && r.status === 200), 'the role was assumed again');
    assert.ok(!world.emulator.requests.slice(from).some((r) => r.error === 'ExpiredToken' && r.operation !== 'GetCallerIdentity'), 'the product never sent expired credentials');
  });

  test('emulator: a session token that does not match its key, or none, is refused; MFA and duration are checked', async () => {
    const session = world.emulator.issueSession(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAnalyst/raw`, 900);
    const other = world.emulator.issueSession(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAnalyst/raw2`, 900);
    const client = (sessionToken?: string) =>
      new STSClient({ region: REGION, endpoint: world.emulator.url, maxAttempts: 1, credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken } });
    const clients = [client(), client(other.sessionToken), client(session.sessionToken)];
    try {
      await assert.rejects(clients[0].send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
      await assert.rejects(clients[1].send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
      const caller = await clients[2].send(new GetCallerIdentityCommand({}));
      assert.equal(caller.Arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAnalyst/raw`);
      assert.match(caller.UserId ?? '', /^AROA[0-9A-F]+:raw$/);
      const sts = clients[2];
      await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'x1' })), { name: 'AccessDenied', message: /MultiFactorAuthentication failed/ });
      await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: ROLES.analyst, RoleSessionName: 'x1', DurationSeconds: 899 })), { name: 'ValidationError' });
      await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: ROLES.analyst, RoleSessionName: 'x1', DurationSeconds: 7200 })), { message: /1 hour session limit .* role chaining/ });
      const chained = await sts.send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'x2', SerialNumber: ROLES.mfaSerial, TokenCode: ROLES.mfaCode }));
      assert.match(chained.Credentials?.AccessKeyId ?? '', /^ASIA/);
      assert.ok(chained.Credentials?.Expiration instanceof Date);
      assert.equal(chained.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAdmin/x2`);
    } finally {
      for (const c of clients) c.destroy();
    }
  });

  test('environment credentials with no config files: a "default" profile from the environment', async () => {
    const session = world.emulator.issueSession(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAnalyst/from-env`, 3600);
    const saved = new Map([...AWS_ENV_TO_CLEAR, 'AWS_ENDPOINT_URL'].map((k) => [k, process.env[k]]));
    const empty = mkdtempSync(join(tmpdir(), 'cluster-pass-noconfig-'));
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(empty, 'absent-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(empty, 'absent-credentials'),
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken,
      AWS_REGION: REGION,
      AWS_ENDPOINT_URL: world.emulator.url,
    });
    delete process.env.AWS_PROFILE;
    try {
      const api = await productApi();
      assert.deepEqual(await api.listProfiles(), [{ name: 'default', region: REGION, source: 'environment' }]);
      assert.equal((await api.whoAmI({ profile: 'default', region: REGION })).arn, `arn:aws:sts::${ACCOUNT_ID}:assumed-role/ClusterPassAnalyst/from-env`);
      const { names, requests } = await list(api, 'default');
      assert.ok(names.includes(DEFAULT_IDS.serverless.available));
      assert.deepEqual(requests.map((r) => [r.accessKeyId, r.sessionToken, r.status]), [[session.accessKeyId, tokenFingerprint(session.sessionToken), 200]]);
    } finally {
      for (const [k, v] of saved) if (v === undefined) delete process.env[k]; else process.env[k] = v;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('no message the user saw or the emulator recorded holds an issued secret', () => {
    assertNoSecretIn(JSON.stringify(world.emulator.requests));
  });
});
