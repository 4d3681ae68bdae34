// Fault injection, in-process and over HTTP: throttling, 500s, latency, unknown union members,
// malformed bodies and hanging requests, each as the real SDK clients see them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EMRClient, GetClusterSessionCredentialsCommand, InternalServerError, ListClustersCommand } from '@aws-sdk/client-emr';
import {
  EMRContainersClient,
  GetManagedEndpointSessionCredentialsCommand,
  InternalServerException,
  ListVirtualClustersCommand,
  RequestThrottledException,
} from '@aws-sdk/client-emr-containers';
import { DescribeClustersCommand, GetClusterCredentialsCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import {
  GetCredentialsCommand,
  InternalServerException as ServerlessInternalServerException,
  RedshiftServerlessClient,
  ThrottlingException,
} from '@aws-sdk/client-redshift-serverless';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig } from '../clients';
import { DEFAULT_IDS, startEmulator, type Emulator } from '../index';

const status = (error: unknown): number | undefined => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

describe('emulator: faults', () => {
  let emulator: Emulator;
  let emr: EMRClient;
  let eks: EMRContainersClient;
  let redshift: RedshiftClient;
  let serverless: RedshiftServerlessClient;
  let sts: STSClient;

  before(async () => {
    emulator = await startEmulator();
    const config = clientConfig(emulator);
    emr = new EMRClient(config);
    eks = new EMRContainersClient(config);
    redshift = new RedshiftClient(config);
    serverless = new RedshiftServerlessClient(config);
    sts = new STSClient(config);
  });
  after(async () => {
    for (const client of [emr, eks, redshift, serverless, sts]) client.destroy();
    await emulator.stop();
  });

  const emrCreds = () => emr.send(new GetClusterSessionCredentialsCommand({ ClusterId: DEFAULT_IDS.emr.running }));
  const eksToken = () =>
    eks.send(
      new GetManagedEndpointSessionCredentialsCommand({
        virtualClusterIdentifier: DEFAULT_IDS.eks.runningVirtualCluster,
        endpointIdentifier: DEFAULT_IDS.eks.activeEndpoint,
        executionRoleArn: DEFAULT_IDS.eks.executionRoleArn,
        credentialType: 'TOKEN',
      }),
    );
  const redshiftCreds = () => redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: DEFAULT_IDS.redshift.available, DbUser: 'alice' }));
  const serverlessCreds = () => serverless.send(new GetCredentialsCommand({ workgroupName: DEFAULT_IDS.serverless.available }));

  it('throttle: the next N calls get each service’s throttling error, then calls succeed', async () => {
    emulator.setFault('GetClusterSessionCredentials', { kind: 'throttle', count: 2 });
    for (let i = 0; i < 2; i++) {
      await assert.rejects(emrCreds(), (e) => (e as Error).name === 'ThrottlingException' && status(e) === 400);
    }
    assert.ok((await emrCreds()).Credentials);

    emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'throttle' });
    await assert.rejects(eksToken(), (e) => e instanceof RequestThrottledException && status(e) === 400);
    assert.ok((await eksToken()).credentials);

    emulator.setFault('GetClusterCredentials', { kind: 'throttle' });
    await assert.rejects(redshiftCreds(), (e) => (e as Error).name === 'Throttling' && status(e) === 400);

    emulator.setFault('GetCredentials', { kind: 'throttle' });
    await assert.rejects(serverlessCreds(), ThrottlingException);

    emulator.setFault('GetCallerIdentity', { kind: 'throttle' });
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (e) => (e as Error).name === 'Throttling');
  });

  it('the SDK retries a throttled call when retries are allowed', async () => {
    const retrying = new EMRClient(clientConfig(emulator, 'us-east-1', { maxAttempts: 2 }));
    emulator.setFault('ListClusters', { kind: 'throttle' });
    const out = await retrying.send(new ListClustersCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    retrying.destroy();
  });

  it('error: the next N calls fail with each service’s 500 shape', async () => {
    emulator.setFault('GetClusterSessionCredentials', { kind: 'error' });
    await assert.rejects(emrCreds(), (e) => e instanceof InternalServerError && status(e) === 500);
    emulator.setFault('ListClusters', { kind: 'error' });
    await assert.rejects(emr.send(new ListClustersCommand({})), (e) => (e as Error).name === 'InternalServerException' && status(e) === 500);
    emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'error' });
    await assert.rejects(eksToken(), (e) => e instanceof InternalServerException && status(e) === 500);
    emulator.setFault('DescribeClusters', { kind: 'error' });
    await assert.rejects(redshift.send(new DescribeClustersCommand({})), (e) => (e as Error).name === 'InternalFailure' && status(e) === 500);
    emulator.setFault('GetCredentials', { kind: 'error' });
    await assert.rejects(serverlessCreds(), ServerlessInternalServerException);
    assert.ok((await serverlessCreds()).dbPassword);
  });

  it('latency: delays the next N calls (or all), and a global latency applies to every call', async () => {
    emulator.setFault('ListVirtualClusters', { kind: 'latency', ms: 300, count: 1 });
    let t0 = Date.now();
    await eks.send(new ListVirtualClustersCommand({}));
    assert.ok(Date.now() - t0 >= 290);
    t0 = Date.now();
    await eks.send(new ListVirtualClustersCommand({}));
    assert.ok(Date.now() - t0 < 250);

    emulator.latencyMs = 150;
    t0 = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    assert.ok(Date.now() - t0 >= 140);
    emulator.latencyMs = 0;
  });

  it('unknownUnion: the credentials union arrives as $unknown and no secret is issued', async () => {
    const before = emulator.issuedSecrets.length;
    emulator.setFault('GetClusterSessionCredentials', { kind: 'unknownUnion' });
    const a = await emrCreds();
    assert.equal(a.Credentials?.$unknown?.[0], 'futureCredential');
    assert.equal(a.Credentials?.UsernamePassword, undefined);
    emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'unknownUnion' });
    const b = await eksToken();
    // client-emr-containers 3.623 (pinned by the product) predates schema-based unions: it passes the unknown
    // member through under its own name instead of `$unknown`. Either way there is no `token`.
    const union = b.credentials as unknown as Record<string, unknown>;
    assert.ok(!('token' in union));
    assert.ok(union.$unknown ? (union.$unknown as unknown[])[0] === 'futureCredential' : 'futureCredential' in union);
    assert.equal(emulator.issuedSecrets.length, before);
  });

  it('malformed: a 200 with a body the SDK cannot parse, for JSON, REST-JSON and XML services', async () => {
    const before = emulator.issuedSecrets.length;
    emulator.setFault('GetClusterSessionCredentials', { kind: 'malformed' });
    await assert.rejects(emrCreds());
    emulator.setFault('GetManagedEndpointSessionCredentials', { kind: 'malformed' });
    await assert.rejects(eksToken());
    emulator.setFault('GetClusterCredentials', { kind: 'malformed' });
    await assert.rejects(redshiftCreds());
    emulator.setFault('GetCredentials', { kind: 'malformed' });
    await assert.rejects(serverlessCreds());
    assert.equal(emulator.issuedSecrets.length, before);
    assert.ok((await redshiftCreds()).DbPassword);
  });

  it('hang: never answers until the caller aborts', async () => {
    emulator.setFault('GetClusterSessionCredentials', { kind: 'hang' });
    const t0 = Date.now();
    await assert.rejects(emr.send(new GetClusterSessionCredentialsCommand({ ClusterId: DEFAULT_IDS.emr.running }), { abortSignal: AbortSignal.timeout(300) }));
    assert.ok(Date.now() - t0 >= 290);
    assert.ok((await emrCreds()).Credentials);
  });

  it("'*' applies to every operation; clearFaults removes everything", async () => {
    emulator.setFault('*', { kind: 'throttle', count: 5 });
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})));
    // ListVirtualClusters models no throttling error of its own: AWS's common ThrottlingException.
    await assert.rejects(eks.send(new ListVirtualClustersCommand({})), (e: Error) => e.name === 'ThrottlingException');
    emulator.clearFaults();
    await sts.send(new GetCallerIdentityCommand({}));
  });

  it('faults can be set and cleared over HTTP', async () => {
    const set = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ operation: 'GetManagedEndpointSessionCredentials', kind: 'throttle', count: 3 }),
    });
    assert.equal(set.status, 204);
    await assert.rejects(eksToken(), RequestThrottledException);
    assert.equal((await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })).status, 204);
    assert.ok((await eksToken()).credentials);
    const bad = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ operation: 'X', kind: 'explode' }) });
    assert.equal(bad.status, 400);
  });

  it('stop() closes hanging connections', async () => {
    const other = await startEmulator();
    const client = new EMRClient(clientConfig(other));
    other.setFault('ListClusters', { kind: 'hang' });
    const pending = client.send(new ListClustersCommand({}));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await other.stop();
    assert.ok(Date.now() - t0 < 1000);
    await assert.rejects(pending);
    assert.equal(other.requests[0].status, 0);
    client.destroy();
  });
});
