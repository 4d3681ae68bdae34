// IAM Identity Center discovery as a user sees it: an AWS config with an [sso-session] (and the profile `aws configure
// sso` wrote with it), a cached sign-in token, and an organisation whose accounts the portal lists in pages. The tree
// shows the accounts as roots beside the profile; the user expands an account and a role down to that account's EMR
// cluster and Redshift cluster and gets credentials for each; the clipboard holds exactly what the emulator issued.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { EMR_RUNTIME_ROLE_ARN, organizationAccountId, organizationWorld } from '../emulator/index';
import { startUiRun, type UiRun } from '../harness/uiRun';

const SESSION = 'org';
const START_URL = 'https://cluster-pass-org.awsapps.example/start';
const ACCESS_TOKEN = 'sso-access-token-ui-identity-center';
const ACCOUNTS = 8;

let run: UiRun;

before(async () => {
  run = await startUiRun('ui-identity-center', {
    profiles: (regions) => [{ name: 'demo', region: regions[0] }],
    settings: () => ({ 'clusterPass.defaultFormat': 'password' }),
    env: (dir) => ({ HOME: join(dir, 'home') }),
  });
  const region = run.emulator.regions[0];
  run.emulator.world = organizationWorld({ accounts: ACCOUNTS, pageSize: 3 });
  run.emulator.world.sso!.accessTokens.push(ACCESS_TOKEN);
  appendFileSync(
    run.aws.configFile,
    `\n[profile org-anchor]\nsso_session = ${SESSION}\nsso_account_id = ${organizationAccountId(0)}\nsso_role_name = DataEngineer\nregion = ${region}\nendpoint_url = ${run.emulator.url}\n` +
      `\n[sso-session ${SESSION}]\nsso_start_url = ${START_URL}\nsso_region = ${region}\nsso_registration_scopes = sso:account:access\n`,
  );
  // What `aws sso login --sso-session org` leaves in ~/.aws/sso/cache.
  const cache = join(run.dir, 'home', '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    join(cache, `${createHash('sha1').update(SESSION).digest('hex')}.json`),
    JSON.stringify({ startUrl: START_URL, region, accessToken: ACCESS_TOKEN, expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString() }),
  );
});
after(() => run?.close());
afterEach(async () => {
  await run.wb.clearNotifications().catch(() => undefined);
  assert.ok(run.assertNoLeaks() > 0, 'the leak scan found no files to scan');
});

test('discovered accounts are roots; account → role → EMR cluster and Redshift cluster, credentials for both', { timeout: 120_000 }, async () => {
  const { wb, emulator } = run;
  await wb.openContainer('Cluster Pass');
  // The profiles first (the anchor profile is one too), then the accounts: name, with the id as description.
  const roots = await wb.waitForRowsAtLevel(1, 2 + ACCOUNTS);
  assert.deepEqual(roots, ['demo', 'org-anchor', ...Array.from({ length: ACCOUNTS }, (_, n) => `team-00${n + 1}`)]);
  assert.equal(emulator.requests.filter((r) => r.operation === 'ListAccounts').length, 3, 'three pages of accounts');

  await wb.expand(wb.treeRow('team-002', 1));
  const roles = await wb.waitForRowsAtLevel(2, 2);
  assert.deepEqual(roles, ['Analyst', 'DataEngineer']);
  await wb.expand(wb.treeRow('Analyst', 2));
  const groups = await wb.waitForRowsAtLevel(3, 4);
  assert.deepEqual(groups, ['EMR clusters', 'EMR on EKS', 'Redshift', 'Redshift Serverless']);
  await wb.expand(wb.treeRow('EMR clusters', 3));
  const spark = wb.treeItem('team-002-spark, WAITING');
  await spark.waitFor({ timeout: 20_000 });
  await wb.expand(wb.treeRow('Redshift', 3));
  const dw = wb.treeItem('team-002-dw, available');
  await dw.waitFor({ timeout: 20_000 });
  await wb.screenshot('discovered-accounts');

  emulator.clearLog();
  await wb.clickInlineAction(spark, 'Get Credentials');
  await wb.waitForQuickInput(/Runtime IAM role/);
  await wb.typeInQuickInput(EMR_RUNTIME_ROLE_ARN);
  await wb.acceptQuickInput();
  const emrSecret = await waitForIssued('GetClusterSessionCredentials');
  await wb.waitForClipboard((t) => t === emrSecret, 10_000, 'the issued EMR password');
  const emrCall = emulator.requests.find((r) => r.operation === 'GetClusterSessionCredentials')!;
  assert.ok(emrCall.accessKeyId?.startsWith('ASIA'), 'signed with temporary credentials from the portal');
  const portal = emulator.requests.find((r) => r.operation === 'GetRoleCredentials');
  // The role's credentials were fetched while listing (and are reused): the listing's request log was cleared since.
  assert.ok(!portal || (portal.params.accountId === organizationAccountId(1) && portal.params.roleName === 'Analyst'));

  await wb.clickInlineAction(dw, 'Get Credentials');
  await wb.waitForQuickInput(/Which kind of credentials/);
  await wb.pickQuickItem(/Temporary database user \(GetClusterCredentials\)/);
  await wb.waitForQuickInput(/Database user to log on as/);
  await wb.typeInQuickInput('analyst');
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/Database to log on to/);
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/How long the password is valid/);
  await wb.acceptQuickInput();
  await wb.waitForQuickInput(/Create the user if missing/);
  await wb.pickQuickItem(/^No/);
  await wb.waitForQuickInput(/Existing groups to join/);
  await wb.acceptQuickInput();
  const dwSecret = await waitForIssued('GetClusterCredentials');
  await wb.waitForClipboard((t) => t === dwSecret, 10_000, 'the issued Redshift password');
  const dwCall = emulator.requests.find((r) => r.operation === 'GetClusterCredentials')!;
  assert.equal(dwCall.params.ClusterIdentifier, 'team-002-dw');
  assert.equal(dwCall.accessKeyId, emrCall.accessKeyId, 'the same discovered role');
  await wb.screenshot('discovered-credentials');
});

async function waitForIssued(operation: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const issued = run.emulator.issuedSecrets.find((s) => s.operation === operation);
    if (issued) return issued.secret;
    if (Date.now() > deadline) throw new Error(`the emulator issued no ${operation} credential`);
    await run.wb.page.waitForTimeout(200);
  }
}
