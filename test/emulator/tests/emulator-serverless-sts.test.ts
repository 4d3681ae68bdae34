// Redshift Serverless and STS through the real SDK clients, plus a second key pair standing for a role.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetClusterCredentialsWithIAMCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import {
  GetCredentialsCommand,
  ListWorkgroupsCommand,
  RedshiftServerlessClient,
  ResourceNotFoundException,
  ValidationException,
  paginateListWorkgroups,
  type GetCredentialsCommandInput,
} from '@aws-sdk/client-redshift-serverless';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig } from '../clients';
import { DEFAULT_IDS, DEFAULT_KEY_PAIRS, TEST_PRINCIPAL_ARN, startEmulator, type Emulator } from '../index';

const ROLE_KEY = {
  accessKeyId: 'AKIACLUSTERPASSROLE2',
  secretAccessKey: 'clusterPassEmulatorRoleSecretKey00000002',
  principalArn: 'arn:aws:iam::123456789012:role/DataAnalyst',
};

describe('emulator: Redshift Serverless and STS', () => {
  let emulator: Emulator;
  let serverless: RedshiftServerlessClient;

  before(async () => {
    emulator = await startEmulator({ credentials: [...DEFAULT_KEY_PAIRS, ROLE_KEY] });
    serverless = new RedshiftServerlessClient(clientConfig(emulator));
    const template = emulator.world.regions['us-east-1'].workgroups[0];
    emulator.world.regions['us-east-1'].workgroups.push({ ...template, name: 'abc' }, { ...template, name: 'w'.repeat(64) });
  });
  after(async () => {
    serverless.destroy();
    await emulator.stop();
  });

  const creds = (input: Partial<GetCredentialsCommandInput> = {}) =>
    serverless.send(new GetCredentialsCommand({ workgroupName: DEFAULT_IDS.serverless.available, ...input }));

  it('pages through workgroups with the SDK paginator', async () => {
    const pages = [];
    for await (const page of paginateListWorkgroups({ client: serverless, pageSize: 2 }, {})) pages.push(page);
    assert.equal(pages.length, 3);
    const all = pages.flatMap((p) => p.workgroups ?? []);
    assert.ok(all.some((w) => w.workgroupName === DEFAULT_IDS.serverless.available && w.status === 'AVAILABLE'));
    assert.ok(all.some((w) => w.status === 'CREATING'));
    assert.ok(all.every((w) => w.creationDate instanceof Date && w.endpoint?.port === 5439));
    await assert.rejects(serverless.send(new ListWorkgroupsCommand({ maxResults: 0 })), ValidationException);
    await assert.rejects(serverless.send(new ListWorkgroupsCommand({ maxResults: 101 })), ValidationException);
  });

  it('GetCredentials: IAM:<identity>, fresh passwords, 900 s by default', async () => {
    const t0 = Date.now();
    const a = await creds();
    const b = await creds({ dbName: 'dev' });
    assert.equal(a.dbUser, 'IAM:cluster-pass-tester');
    assert.ok(a.dbPassword && b.dbPassword && a.dbPassword !== b.dbPassword);
    const expires = (a.expiration as Date).getTime();
    assert.ok(expires >= t0 + 899_000 && expires <= Date.now() + 901_000);
    assert.ok((a.nextRefreshTime as Date).getTime() < expires);
    assert.ok(emulator.issuedSecrets.some((s) => s.service === 'redshift-serverless' && s.secret === a.dbPassword));
  });

  it('workgroupName: 3..64 of [a-z0-9-]; durationSeconds 900..3600; unknown workgroup is ResourceNotFoundException', async () => {
    await creds({ workgroupName: 'abc' });
    await creds({ workgroupName: 'w'.repeat(64) });
    for (const bad of ['ab', 'w'.repeat(65), 'Default-wg', 'default_wg', 'default wg']) {
      await assert.rejects(creds({ workgroupName: bad }), ValidationException, bad);
    }
    await creds({ durationSeconds: 900 });
    await creds({ durationSeconds: 3600 });
    await assert.rejects(creds({ durationSeconds: 899 }), ValidationException);
    await assert.rejects(creds({ durationSeconds: 3601 }), ValidationException);
    await assert.rejects(creds({ dbName: 'Bad name' }), ValidationException);
    await creds({ dbName: 'Dev' });
    await assert.rejects(creds({ workgroupName: 'no-such-wg' }), ResourceNotFoundException);
  });

  it('STS GetCallerIdentity answers for each configured key pair', async () => {
    const sts = new STSClient(clientConfig(emulator));
    const me = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Account, '123456789012');
    assert.equal(me.Arn, TEST_PRINCIPAL_ARN);
    assert.match(me.UserId ?? '', /^AIDA/);
    const roleConfig = clientConfig(emulator, 'eu-west-1', { credentials: ROLE_KEY });
    const role = await new STSClient(roleConfig).send(new GetCallerIdentityCommand({}));
    assert.equal(role.Arn, ROLE_KEY.principalArn);
    assert.match(role.UserId ?? '', /^AROA.*:DataAnalyst$/);
    const withIam = await new RedshiftClient(roleConfig).send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: DEFAULT_IDS.redshift.euAvailable }));
    assert.equal(withIam.DbUser, 'IAMR:DataAnalyst');
    sts.destroy();
  });
});
