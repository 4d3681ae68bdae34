// Open Terminal with Credentials: what each service puts in a terminal's environment (so psql, curl and Jupyter's
// gateway client connect as is), the generic name and expiry timer, and the names and selection of discovered roles.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { discoveredProfileName, nextSelection, parseDiscoveredProfile, selectedAccounts, sourceEnabled, type SsoSource } from '../../src/aws/discovered';
import { emrSessionCredentials } from '../../src/services/emr';
import { emrContainersSessionToken } from '../../src/services/emrContainers';
import { redshiftClusterCredentials } from '../../src/services/redshift';
import { redshiftClusterCredentialsWithIam } from '../../src/services/redshiftIam';
import { redshiftServerlessCredentials } from '../../src/services/redshiftServerless';
import type { CredentialContext, CredentialInput, IssuedCredential, Target } from '../../src/services/types';
import { canOpenTerminal, expiryDelay, MAX_TIMER_MS, terminalName } from '../../src/terminals/credentialTerminal';

const EXPIRES = new Date('2030-01-02T03:04:05.000Z');
const AWKWARD = `p@ss:w/rd'"$ü`;

function target(over: Partial<Target>): Target {
  return { kind: 'k', location: { profile: 'p', region: 'us-east-1' }, id: 'id', name: 'n', state: 's', stateCategory: 'active', details: {}, ...over };
}
function ctxOf(t: Target, credential: Partial<IssuedCredential>, input: CredentialInput = {}): CredentialContext {
  return { target: t, input, credential: { secret: 's', expiresAt: EXPIRES, ...credential } };
}

describe('terminal environments per service', () => {
  test('Redshift (both APIs) and Serverless: the PG* variables libpq reads, values as issued (no quoting in an environment)', () => {
    const cluster = target({ id: 'analytics-dw', details: { host: 'analytics-dw.abc.us-east-1.redshift.amazonaws.com', port: 5439, dbName: 'dev' } });
    const ctx = ctxOf(cluster, { user: 'IAM:analyst', secret: AWKWARD }, { DbName: 'sales' });
    const expected = { PGHOST: 'analytics-dw.abc.us-east-1.redshift.amazonaws.com', PGPORT: '5439', PGUSER: 'IAM:analyst', PGPASSWORD: AWKWARD, PGDATABASE: 'sales', PGSSLMODE: 'require' };
    assert.deepEqual(redshiftClusterCredentials.terminalEnvironment!(ctx), expected);
    assert.deepEqual(redshiftClusterCredentialsWithIam.terminalEnvironment!(ctx), expected);
    const wg = target({ id: 'default-wg', details: { host: 'default-wg.123.us-east-1.redshift-serverless.amazonaws.com', port: 5439 } });
    assert.deepEqual(redshiftServerlessCredentials.terminalEnvironment!(ctxOf(wg, { user: 'IAMR:admin', secret: 'pw' }, { dbName: '' })), {
      PGHOST: 'default-wg.123.us-east-1.redshift-serverless.amazonaws.com', PGPORT: '5439', PGUSER: 'IAMR:admin', PGPASSWORD: 'pw', PGDATABASE: 'dev', PGSSLMODE: 'require',
    });
  });

  test('EMR: the Livy URL on the master node and the Basic credential, in parts and as the header value', () => {
    const ctx = ctxOf(target({ id: 'j-1ABC', endpoint: 'ec2-1-2-3-4.compute-1.amazonaws.com' }), { user: 'u-1', secret: AWKWARD, details: { masterDns: 'ip-10-0-0-1.ec2.internal' } });
    assert.deepEqual(emrSessionCredentials.terminalEnvironment!(ctx), {
      LIVY_URL: 'https://ip-10-0-0-1.ec2.internal:8998',
      LIVY_USERNAME: 'u-1',
      LIVY_PASSWORD: AWKWARD,
      LIVY_AUTHORIZATION: `Basic ${Buffer.from(`u-1:${AWKWARD}`).toString('base64')}`,
    });
  });

  test('EMR on EKS: the gateway URL and token Jupyter Server\'s gateway client reads', () => {
    const ctx = ctxOf(target({ id: 'ep1', endpoint: 'https://ep1.emrcontainers.us-east-1.amazonaws.com' }), { secret: 'tok' });
    assert.deepEqual(emrContainersSessionToken.terminalEnvironment!(ctx), { JUPYTER_GATEWAY_URL: 'https://ep1.emrcontainers.us-east-1.amazonaws.com', JUPYTER_GATEWAY_AUTH_TOKEN: 'tok' });
    assert.deepEqual(emrContainersSessionToken.terminalEnvironment!(ctxOf(target({ id: 'ep2' }), { secret: 'tok' })), { JUPYTER_GATEWAY_AUTH_TOKEN: 'tok' }, 'no URL while the endpoint has none');
  });

  test('EMR on EKS Spark Connect endpoints: SPARK_REMOTE with the sc:// string pyspark reads; other types the token', () => {
    const spark = target({ id: 'sc1', endpoint: 'https://sc1.example', type: 'SPARK_CONNECT', details: { authProxyUrl: 'https://proxy.sc1.example' } });
    assert.deepEqual(emrContainersSessionToken.terminalEnvironment!(ctxOf(spark, { secret: 'a/b+c' })), { SPARK_REMOTE: 'sc://proxy.sc1.example:443/;use_ssl=true;token=a%2Fb%2Bc' });
    assert.deepEqual(emrContainersSessionToken.terminalEnvironment!(ctxOf(target({ id: 'x1', type: 'FUTURE_KIND' }), { secret: 'tok' })), { EMR_CONTAINERS_SESSION_TOKEN: 'tok' });
  });

  test('every credential method offers a terminal', () => {
    for (const m of [emrSessionCredentials, emrContainersSessionToken, redshiftClusterCredentials, redshiftClusterCredentialsWithIam, redshiftServerlessCredentials]) assert.ok(canOpenTerminal(m), m.id);
  });
});

describe('terminal name and expiry', () => {
  test('the name shows the target and the local expiry time, with the date when it is not today', () => {
    const now = new Date(2030, 0, 2, 9, 0);
    assert.equal(terminalName('analytics-dw', new Date(2030, 0, 2, 14, 7), now), 'analytics-dw · until 14:07');
    assert.equal(terminalName('etl', new Date(2030, 0, 3, 1, 30), now), 'etl · until 2030-01-03 01:30');
  });

  test('the expiry notice is due at expiry, at once when already expired, and the timer never overflows', () => {
    assert.equal(expiryDelay(new Date(10_000), 4_000), 6_000);
    assert.equal(expiryDelay(new Date(1_000), 4_000), 0);
    assert.equal(expiryDelay(new Date(Date.UTC(2100, 0, 1)), 0), MAX_TIMER_MS);
  });
});

describe('discovered account names and selection', () => {
  const session: SsoSource = { id: 'corp', kind: 'session', name: 'corp', startUrl: 'u', ssoRegion: 'us-east-1', region: 'us-east-1', onByDefault: true, signInArgs: [] };
  const legacy: SsoSource = { ...session, id: 'profile/old', kind: 'legacy', name: 'old', onByDefault: false };
  const accounts = [{ accountId: '111111111111', accountName: 'a' }, { accountId: '222222222222', accountName: 'b' }];

  test('a discovered role round-trips through its profile-like name, which no config profile can have', () => {
    const role = { sourceId: 'profile/old', accountId: '111111111111', roleName: 'Admin+Data@x' };
    const name = discoveredProfileName(role);
    assert.equal(name, 'sso:profile/old/111111111111/Admin+Data@x');
    assert.deepEqual(parseDiscoveredProfile(name), role);
    assert.equal(parseDiscoveredProfile('default'), undefined);
    assert.equal(parseDiscoveredProfile('sso:corp/12/Admin'), undefined);
  });

  test('sessions show every account by default, legacy profiles none; a choice is kept per sign-in', () => {
    assert.deepEqual(selectedAccounts(session, accounts, {}), accounts);
    assert.deepEqual(selectedAccounts(legacy, accounts, {}), []);
    assert.equal(sourceEnabled(legacy, {}), false);
    assert.deepEqual(selectedAccounts(legacy, accounts, { 'profile/old': ['*'] }), accounts);
    assert.deepEqual(selectedAccounts(session, accounts, { corp: ['222222222222'] }), [accounts[1]]);
    assert.equal(sourceEnabled(session, { corp: [] }), false);
  });

  test('Select Accounts saves the picks per sign-in; all picked means the default (sessions) or * (legacy); an unlisted sign-in keeps its entry', () => {
    const other: SsoSource = { ...session, id: 'down', name: 'down' };
    const current = { down: ['999999999999'], corp: ['111111111111'] };
    const all = accounts.map((a) => ({ sourceId: 'corp', accountId: a.accountId }));
    assert.deepEqual(nextSelection(current, [{ source: session, accounts }, { source: other }], all), { down: ['999999999999'] });
    assert.deepEqual(nextSelection({}, [{ source: session, accounts }], [all[1]]), { corp: ['222222222222'] });
    assert.deepEqual(nextSelection({}, [{ source: session, accounts }], []), { corp: [] });
    assert.deepEqual(nextSelection({}, [{ source: legacy, accounts }], accounts.map((a) => ({ sourceId: 'profile/old', accountId: a.accountId }))), { 'profile/old': ['*'] });
  });
});
