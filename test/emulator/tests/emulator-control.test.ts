// SigV4 refusal, the token check for a simulated Jupyter gateway, the HTTP control routes, the scale
// generator and the CLI's first-line contract.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { EMRClient, ListClustersCommand } from '@aws-sdk/client-emr';
import { DescribeManagedEndpointCommand, EMRContainersClient, GetManagedEndpointSessionCredentialsCommand } from '@aws-sdk/client-emr-containers';
import { DescribeClustersCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { GetCredentialsCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, signRequest } from '../clients';
import { DEFAULT_IDS, generateWorld, startEmulator, type Emulator, type IssuedSecret, type RecordedRequest } from '../index';

const status = (error: unknown): number | undefined => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const refused = (name: string) => (error: unknown) => (error as Error).name === name && status(error) === 403;

describe('emulator: SigV4, token check and control routes', () => {
  let emulator: Emulator;
  let eks: EMRContainersClient;

  before(async () => {
    emulator = await startEmulator();
    eks = new EMRContainersClient(clientConfig(emulator));
  });
  after(async () => {
    eks.destroy();
    await emulator.stop();
  });

  const token = async (durationInSeconds?: number): Promise<string> => {
    const out = await eks.send(
      new GetManagedEndpointSessionCredentialsCommand({
        virtualClusterIdentifier: DEFAULT_IDS.eks.runningVirtualCluster,
        endpointIdentifier: DEFAULT_IDS.eks.activeEndpoint,
        executionRoleArn: DEFAULT_IDS.eks.executionRoleArn,
        credentialType: 'TOKEN',
        durationInSeconds,
      }),
    );
    return (out.credentials as { token: string }).token;
  };
  const validate = async (headers: Record<string, string>): Promise<number> =>
    (await fetch(`${emulator.url}/_emulator/validate`, { headers })).status;

  it('refuses a wrong secret with each service’s signature error, and an unknown key with its token error', async () => {
    const wrong = { credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: 'x'.repeat(40) } };
    const unknown = { credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: emulator.secretAccessKey } };
    const cases: [string, (o: object) => Promise<unknown>, string, string][] = [
      ['EMR', (o) => new EMRClient(clientConfig(emulator, 'us-east-1', o)).send(new ListClustersCommand({})), 'InvalidSignatureException', 'UnrecognizedClientException'],
      [
        'EMR on EKS',
        (o) => new EMRContainersClient(clientConfig(emulator, 'us-east-1', o)).send(new DescribeManagedEndpointCommand({ virtualClusterId: 'a', id: 'b' })),
        'InvalidSignatureException',
        'UnrecognizedClientException',
      ],
      ['Redshift', (o) => new RedshiftClient(clientConfig(emulator, 'us-east-1', o)).send(new DescribeClustersCommand({})), 'SignatureDoesNotMatch', 'InvalidClientTokenId'],
      [
        'Redshift Serverless',
        (o) => new RedshiftServerlessClient(clientConfig(emulator, 'us-east-1', o)).send(new GetCredentialsCommand({ workgroupName: 'default-wg' })),
        'InvalidSignatureException',
        'UnrecognizedClientException',
      ],
      ['STS', (o) => new STSClient(clientConfig(emulator, 'us-east-1', o)).send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', 'InvalidClientTokenId'],
    ];
    emulator.clearLog();
    for (const [name, call, badSignature, badKey] of cases) {
      await assert.rejects(call(wrong), refused(badSignature), name);
      await assert.rejects(call(unknown), refused(badKey), name);
    }
    assert.equal(emulator.requests.length, cases.length * 2);
    assert.ok(emulator.requests.every((r) => r.status === 403 && r.operation !== 'unknown'));
    assert.equal(emulator.issuedSecrets.length, 0);
  });

  it('refuses a correctly signed request whose body was changed afterwards, and an unsigned one', async () => {
    const key = { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey };
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const signed = await signRequest(emulator, { service: 'sts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, key);
    assert.equal((await fetch(signed.url, signed.init)).status, 200);
    const tampered = await fetch(signed.url, { ...signed.init, body: `${body}&Extra=1` });
    assert.equal(tampered.status, 403);
    assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    const unsigned = await fetch(`${emulator.url}/`, { method: 'POST', headers: { 'x-amz-target': 'ElasticMapReduce.ListClusters' }, body: '{}' });
    assert.equal(unsigned.status, 403);
    assert.equal(((await unsigned.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
  });

  it('validate: 204 for an issued, unexpired token (Authorization or X-Original-Authorization), else 401', async () => {
    const t = await token();
    assert.equal(await validate({ authorization: `token ${t}` }), 204);
    assert.equal(await validate({ 'x-original-authorization': `token ${t}` }), 204);
    assert.equal(await validate({ authorization: `token ${t}x` }), 401);
    assert.equal(await validate({ authorization: 'token ' }), 401);
    assert.equal(await validate({}), 401);
    assert.equal(await validate({ authorization: `Basic ${Buffer.from(`hadoop:${t}`).toString('base64')}` }), 401);
    const short = await token(1);
    assert.equal(await validate({ authorization: `token ${short}` }), 204);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(await validate({ authorization: `token ${short}` }), 401);
  });

  it('control routes: requests, secrets, reset-log (secrets stay valid)', async () => {
    const t = await token();
    const requests = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as RecordedRequest[];
    const last = requests.at(-1);
    assert.equal(last?.operation, 'GetManagedEndpointSessionCredentials');
    assert.equal(last?.params.credentialType, 'TOKEN');
    assert.ok(!JSON.stringify(requests).includes(t));
    const secrets = (await (await fetch(`${emulator.url}/_emulator/secrets`)).json()) as IssuedSecret[];
    assert.ok(secrets.some((s) => s.secret === t));
    assert.equal((await fetch(`${emulator.url}/_emulator/reset-log`, { method: 'POST' })).status, 204);
    assert.equal(emulator.requests.length, 0);
    assert.equal(emulator.issuedSecrets.length, 0);
    assert.equal(await validate({ authorization: `token ${t}` }), 204);
    assert.equal((await fetch(`${emulator.url}/_emulator/nothing`)).status, 404);
  });

  it('world: the ACTIVE endpoint’s serverUrl and certificate can be pointed at a gateway; the world can be replaced', async () => {
    const certificateData = Buffer.from('-----BEGIN CERTIFICATE-----\nZ2F0ZXdheQ==\n-----END CERTIFICATE-----\n').toString('base64');
    const patch = await fetch(`${emulator.url}/_emulator/world`, {
      method: 'POST',
      body: JSON.stringify({ gateway: { serverUrl: 'https://127.0.0.1:9443', certificateData } }),
    });
    assert.equal(patch.status, 204);
    const { endpoint } = await eks.send(new DescribeManagedEndpointCommand({ virtualClusterId: DEFAULT_IDS.eks.runningVirtualCluster, id: DEFAULT_IDS.eks.activeEndpoint }));
    assert.equal(endpoint?.serverUrl, 'https://127.0.0.1:9443');
    assert.equal(endpoint?.certificateAuthority?.certificateData, certificateData);

    const world = generateWorld({ emrClusters: 200, regions: 2 });
    assert.equal((await fetch(`${emulator.url}/_emulator/world`, { method: 'POST', body: JSON.stringify({ world }) })).status, 204);
    assert.deepEqual(emulator.regions, ['us-east-1', 'eu-west-1']);
    const emr = new EMRClient(clientConfig(emulator));
    const page = await emr.send(new ListClustersCommand({}));
    assert.equal(page.Clusters?.length, 50);
    assert.ok(page.Clusters?.every((c) => c.Name?.startsWith('cluster-0-')));
    emr.destroy();
  });

  it('generateWorld builds 10,000 EMR clusters over 4 regions, deterministically', () => {
    const t0 = Date.now();
    const world = generateWorld({ emrClusters: 10_000, regions: 4 });
    assert.ok(Date.now() - t0 < 2000);
    const regions = Object.values(world.regions);
    assert.equal(regions.length, 4);
    assert.equal(regions.reduce((n, r) => n + r.emrClusters.length, 0), 10_000);
    assert.equal(new Set(regions.flatMap((r) => r.emrClusters.map((c) => c.id))).size, 10_000);
    assert.deepEqual(generateWorld({ emrClusters: 10, regions: 1 }), generateWorld({ emrClusters: 10, regions: 1 }));
  });
});

describe('emulator: CLI', () => {
  it('prints one JSON line first, answers SDK calls, and stops on SIGTERM', async () => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/main.ts', '--port', '0', '--latency', '0'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    const startup = Date.now() - t0;
    const info = JSON.parse(first) as { url: string; accessKeyId: string; secretAccessKey: string; regions: string[] };
    assert.deepEqual(Object.keys(info), ['url', 'accessKeyId', 'secretAccessKey', 'regions']);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(info.regions, ['us-east-1', 'eu-west-1']);
    assert.ok(startup < 2000, `started in ${startup} ms`);
    const sts = new STSClient(clientConfig(info, 'eu-west-1'));
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, '123456789012');
    sts.destroy();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });
});
