// EMR on EKS through the real SDK client: listing with paginators and filters, describe, session tokens,
// and every constraint of seed 003 (GetManagedEndpointSessionCredentials) on both sides of each bound.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeManagedEndpointCommand,
  EMRContainersClient,
  GetManagedEndpointSessionCredentialsCommand,
  ResourceNotFoundException,
  ValidationException,
  paginateListManagedEndpoints,
  paginateListVirtualClusters,
  type GetManagedEndpointSessionCredentialsCommandInput,
} from '@aws-sdk/client-emr-containers';
import { clientConfig } from '../clients';
import { DEFAULT_IDS, startEmulator, type Emulator } from '../index';

const VC = DEFAULT_IDS.eks.runningVirtualCluster;
const EP = DEFAULT_IDS.eks.activeEndpoint;
const ROLE = DEFAULT_IDS.eks.executionRoleArn;
const ROLE_PREFIX = 'arn:aws:iam::123456789012:role/';

describe('emulator: EMR on EKS', () => {
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

  const token = (overrides: Partial<GetManagedEndpointSessionCredentialsCommandInput> = {}) =>
    eks.send(
      new GetManagedEndpointSessionCredentialsCommand({
        virtualClusterIdentifier: VC,
        endpointIdentifier: EP,
        executionRoleArn: ROLE,
        credentialType: 'TOKEN',
        ...overrides,
      }),
    );
  const invalid = (pattern?: RegExp) => (error: unknown) => error instanceof ValidationException && (!pattern || pattern.test(error.message));
  const accepted = async (overrides: Partial<GetManagedEndpointSessionCredentialsCommandInput>) => {
    const out = await token(overrides);
    assert.ok(out.credentials && 'token' in out.credentials && out.credentials.token);
    return out;
  };

  it('pages through virtual clusters with the SDK paginator and filters by state', async () => {
    const pages = [];
    for await (const page of paginateListVirtualClusters({ client: eks, pageSize: 1 }, {})) pages.push(page);
    assert.equal(pages.length, 3);
    const all = pages.flatMap((p) => p.virtualClusters ?? []);
    assert.deepEqual(new Set(all.map((v) => v.id)), new Set([VC, DEFAULT_IDS.eks.secondVirtualCluster, DEFAULT_IDS.eks.terminatedVirtualCluster]));
    const running = [];
    for await (const page of paginateListVirtualClusters({ client: eks }, { states: ['RUNNING'] })) running.push(...(page.virtualClusters ?? []));
    assert.equal(running.length, 2);
    assert.ok(running.every((v) => v.state === 'RUNNING' && v.createdAt instanceof Date && v.containerProvider?.type === 'EKS'));
  });

  it('pages through managed endpoints with state and type filters', async () => {
    const pages = [];
    for await (const page of paginateListManagedEndpoints({ client: eks, pageSize: 2 }, { virtualClusterId: VC })) pages.push(page);
    assert.equal(pages.length, 2);
    const states = pages.flatMap((p) => p.endpoints ?? []).map((e) => e.state);
    assert.deepEqual(new Set(states), new Set(['ACTIVE', 'CREATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS']));

    const active = [];
    for await (const page of paginateListManagedEndpoints({ client: eks }, { virtualClusterId: VC, states: ['ACTIVE'], types: ['JUPYTER_ENTERPRISE_GATEWAY'] })) {
      active.push(...(page.endpoints ?? []));
    }
    assert.deepEqual(active.map((e) => e.id), [EP]);
    const none = [];
    for await (const page of paginateListManagedEndpoints({ client: eks }, { virtualClusterId: VC, types: ['OTHER_TYPE'] })) none.push(...(page.endpoints ?? []));
    assert.equal(none.length, 0);
  });

  it('describes an endpoint with serverUrl, certificate data (base64 PEM) and state; unknown ones are ResourceNotFoundException', async () => {
    const { endpoint } = await eks.send(new DescribeManagedEndpointCommand({ virtualClusterId: VC, id: EP }));
    assert.equal(endpoint?.state, 'ACTIVE');
    assert.equal(endpoint?.type, 'JUPYTER_ENTERPRISE_GATEWAY');
    assert.match(endpoint?.serverUrl ?? '', /^https:\/\//);
    assert.match(Buffer.from(endpoint?.certificateAuthority?.certificateData ?? '', 'base64').toString(), /^-----BEGIN CERTIFICATE-----/);
    assert.equal(endpoint?.executionRoleArn, ROLE);
    assert.equal(endpoint?.virtualClusterId, VC);
    assert.ok(endpoint?.createdAt instanceof Date);
    await assert.rejects(eks.send(new DescribeManagedEndpointCommand({ virtualClusterId: VC, id: 'nosuchendpoint' })), ResourceNotFoundException);
  });

  it('issues fresh tokens that expire after 900 s by default and records them', async () => {
    const t0 = Date.now();
    const a = await accepted({});
    const b = await accepted({});
    const ta = (a.credentials as { token: string }).token;
    assert.notEqual(ta, (b.credentials as { token: string }).token);
    assert.match(a.id ?? '', /^[0-9a-z]+$/);
    const expires = (a.expiresAt as Date).getTime();
    assert.ok(expires >= t0 + 899_000 && expires <= Date.now() + 901_000);
    assert.ok(emulator.issuedSecrets.some((s) => s.kind === 'token' && s.secret === ta && s.id === a.id && s.target === EP));
    assert.equal((await fetch(`${emulator.url}/_emulator/validate`, { headers: { authorization: `token ${ta}` } })).status, 204);
  });

  it('accepts ARNs as identifiers', async () => {
    const { endpoint } = await eks.send(new DescribeManagedEndpointCommand({ virtualClusterId: VC, id: EP }));
    await accepted({ endpointIdentifier: endpoint?.arn, virtualClusterIdentifier: VC });
  });

  it('needs an ACTIVE endpoint (ValidationException) that exists (ResourceNotFoundException)', async () => {
    for (const id of [DEFAULT_IDS.eks.creatingEndpoint, DEFAULT_IDS.eks.terminatedEndpoint, DEFAULT_IDS.eks.failedEndpoint]) {
      await assert.rejects(token({ endpointIdentifier: id }), invalid(/must be ACTIVE/));
    }
    await assert.rejects(token({ endpointIdentifier: 'unknownendpoint' }), ResourceNotFoundException);
    await assert.rejects(token({ virtualClusterIdentifier: DEFAULT_IDS.eks.secondVirtualCluster }), ResourceNotFoundException);
  });

  it('durationInSeconds: 1 and 43200 accepted (default 900), 0, 43201 and non-integers rejected', async () => {
    const t0 = Date.now();
    const long = await accepted({ durationInSeconds: 43_200 });
    assert.ok((long.expiresAt as Date).getTime() >= t0 + 43_199_000);
    await accepted({ durationInSeconds: 1 });
    await assert.rejects(token({ durationInSeconds: 0 }), invalid());
    await assert.rejects(token({ durationInSeconds: 43_201 }), invalid());
    await assert.rejects(token({ durationInSeconds: 1.5 }), invalid());
  });

  it('executionRoleArn: length 20..2048 and the documented pattern', async () => {
    await accepted({ executionRoleArn: 'arn:aws:iam:::role/x' });
    await accepted({ executionRoleArn: ROLE_PREFIX + 'r'.repeat(2048 - ROLE_PREFIX.length) });
    await accepted({ executionRoleArn: 'arn:aws-cn:iam::123456789012:role/path/to/Name+=,.@-_' });
    await assert.rejects(token({ executionRoleArn: 'arn:aws:iam::role/x' }), invalid(/between 20 and 2048/));
    await assert.rejects(token({ executionRoleArn: ROLE_PREFIX + 'r'.repeat(2049 - ROLE_PREFIX.length) }), invalid(/between 20 and 2048/));
    for (const bad of [
      'arn:aws:iam::123456789012:user/someone',
      'arn:aws:iam::12345:role/short-account',
      'arn:gov:iam::123456789012:role/wrong-partition',
      'arn:aws:iam::123456789012:role/has space',
      'arn:aws:iam::123456789012:role/',
    ]) {
      await assert.rejects(token({ executionRoleArn: bad }), invalid(/pattern/), bad);
    }
  });

  it('credentialType: 1..64 characters, not blank, and only TOKEN supported', async () => {
    await assert.rejects(token({ credentialType: '' }), invalid(/between 1 and 64/));
    await assert.rejects(token({ credentialType: ' ' }), invalid(/pattern/));
    await assert.rejects(token({ credentialType: 'T'.repeat(65) }), invalid(/between 1 and 64/));
    // 1 and 64 characters pass the length and pattern checks and are then refused as unsupported types.
    await assert.rejects(token({ credentialType: 'T' }), invalid(/not supported/));
    await assert.rejects(token({ credentialType: 'T'.repeat(64) }), invalid(/not supported/));
  });

  it('logContext: 3..63 characters and the documented pattern (incl. -s3alias and xn-- lookaheads)', async () => {
    for (const good of ['abc', 'a'.repeat(63), 'my-notebook.2025', 'a-b', 'x1n--abc']) await accepted({ logContext: good });
    for (const bad of ['ab', 'a'.repeat(64)]) await assert.rejects(token({ logContext: bad }), invalid(/between 3 and 63/), bad);
    for (const bad of ['my-s3alias', 'abc-s3alias-def', 'xn--abc', 'Abc', 'abc-', '-abc', '.abc', 'ab_c', 'ab c']) {
      await assert.rejects(token({ logContext: bad }), invalid(/pattern/), bad);
    }
  });

  it('clientToken: 1..64 characters, not blank', async () => {
    await accepted({ clientToken: 'a' });
    await accepted({ clientToken: 'a'.repeat(64) });
    await assert.rejects(token({ clientToken: '' }), invalid(/between 1 and 64/));
    await assert.rejects(token({ clientToken: 'a'.repeat(65) }), invalid(/between 1 and 64/));
    await assert.rejects(token({ clientToken: '   ' }), invalid(/pattern/));
  });

  it('endpoint and virtual cluster identifiers: 1..2048 characters, not blank', async () => {
    // 1 and 2048 characters pass validation and are then looked up (and not found).
    await assert.rejects(token({ endpointIdentifier: 'e' }), ResourceNotFoundException);
    await assert.rejects(token({ endpointIdentifier: 'e'.repeat(2048) }), ResourceNotFoundException);
    await assert.rejects(token({ virtualClusterIdentifier: 'v' }), ResourceNotFoundException);
    await assert.rejects(token({ virtualClusterIdentifier: 'v'.repeat(2048) }), ResourceNotFoundException);
    await assert.rejects(token({ endpointIdentifier: 'e'.repeat(2049) }), invalid(/between 1 and 2048/));
    await assert.rejects(token({ virtualClusterIdentifier: 'v'.repeat(2049) }), invalid(/between 1 and 2048/));
    await assert.rejects(token({ endpointIdentifier: ' ' }), invalid(/pattern/));
    await assert.rejects(token({ virtualClusterIdentifier: '\t' }), invalid(/pattern/));
    // The SDK itself refuses empty labels, so such a request never reaches AWS.
    const before = emulator.requests.length;
    await assert.rejects(token({ endpointIdentifier: '' }));
    assert.equal(emulator.requests.length, before);
  });

  it('never records a secret in the request log', async () => {
    const log = JSON.stringify(emulator.requests);
    for (const s of emulator.issuedSecrets) assert.ok(!log.includes(s.secret));
    assert.ok(emulator.issuedSecrets.length > 5);
  });
});
