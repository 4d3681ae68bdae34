// Every clipboard format with values that need escaping. Expected strings are written out by hand; where a
// format is meant for another program, that program's own parser (URL, bash) checks the round trip too.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { percentEncode, shellQuote } from '../../src/services/encoding';
import { emrSessionCredentials } from '../../src/services/emr';
import { emrContainersSessionToken, gatewayAuthHeaders } from '../../src/services/emrContainers';
import { redshiftClusterCredentials } from '../../src/services/redshift';
import { redshiftClusterCredentialsWithIam } from '../../src/services/redshiftIam';
import { redshiftServerlessCredentials } from '../../src/services/redshiftServerless';
import type { CredentialContext, CredentialMethod, CredentialInput, IssuedCredential, Target } from '../../src/services/types';

// Every character that is special somewhere: URI delimiters, shell quotes, JSON escapes, non-ASCII.
const AWKWARD = `a:@/?#%&='" \\ü+!*()~-._€`;
const AWKWARD_PCT = 'a%3A%40%2F%3F%23%25%26%3D%27%22%20%5C%C3%BC%2B%21%2A%28%29~-._%E2%82%AC';
const AWKWARD_SH = `'a:@/?#%&='\\''" \\ü+!*()~-._€'`;
const EXPIRES = new Date('2030-01-02T03:04:05.000Z');

function target(over: Partial<Target>): Target {
  return { kind: 'k', location: { profile: 'p', region: 'us-east-1' }, id: 'id', name: 'n', state: 's', stateCategory: 'active', details: {}, ...over };
}

function render(method: CredentialMethod, id: string, ctx: CredentialContext): string {
  const format = method.formats.find((f) => f.id === id);
  assert.ok(format, `${method.id} has format ${id}`);
  return format.render(ctx);
}

function ctxOf(t: Target, credential: Partial<IssuedCredential>, input: CredentialInput = {}): CredentialContext {
  return { target: t, input, credential: { secret: 's', expiresAt: EXPIRES, ...credential } };
}

describe('escaping helpers', () => {
  test('percentEncode leaves only RFC 3986 unreserved characters', () => {
    assert.equal(percentEncode(AWKWARD), AWKWARD_PCT);
    assert.equal(percentEncode('AZaz09-._~'), 'AZaz09-._~');
    assert.equal(percentEncode('😀'), '%F0%9F%98%80');
    assert.equal(percentEncode(''), '');
  });

  test('shellQuote survives bash', () => {
    assert.equal(shellQuote(AWKWARD), AWKWARD_SH);
    assert.equal(shellQuote("''"), `''\\'''\\'''`);
    assert.equal(shellQuote(''), "''");
    for (const value of [AWKWARD, "'", "''", 'a\nb', '$(id) `id` $HOME !!', '']) {
      const out = execFileSync('bash', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' });
      assert.equal(out, value);
    }
  });
});

describe('EMR formats', () => {
  const cluster = target({ kind: 'emr:cluster', id: 'j-1ABC', name: 'etl' });
  const withDns = (c: Partial<IssuedCredential>) => ctxOf(cluster, { ...c, details: { masterDns: 'ec2-1-2-3-4.compute-1.amazonaws.com' } });

  test('password, username, user:password', () => {
    const ctx = withDns({ user: 'user1', secret: AWKWARD });
    assert.equal(render(emrSessionCredentials, 'password', ctx), AWKWARD);
    assert.equal(render(emrSessionCredentials, 'username', ctx), 'user1');
    assert.equal(render(emrSessionCredentials, 'userPassword', ctx), `user1:${AWKWARD}`);
  });

  test('Basic header value: base64 of UTF-8 user:password', () => {
    assert.equal(render(emrSessionCredentials, 'basicAuth', withDns({ user: 'Aladdin', secret: 'open sesame' })), 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    assert.equal(render(emrSessionCredentials, 'basicAuth', withDns({ user: 'é', secret: 'p' })), 'Basic w6k6cA==');
    assert.equal(render(emrSessionCredentials, 'basicAuth', withDns({ user: 'IAM:ålice', secret: 'pä ss' })), 'Basic SUFNOsOlbGljZTpww6Qgc3M=');
  });

  test('sparkmagic line: master DNS, Livy port, quoting only when needed', () => {
    assert.equal(
      render(emrSessionCredentials, 'sparkmagic', withDns({ user: 'user1', secret: 'Abc123+/=' })),
      '%spark add -s emr_j_1abc -l python -u https://ec2-1-2-3-4.compute-1.amazonaws.com:8998 -a user1 -p Abc123+/= -t Basic_Access',
    );
    assert.equal(
      render(emrSessionCredentials, 'sparkmagic', withDns({ user: 'user1', secret: `it's a "pw"` })),
      `%spark add -s emr_j_1abc -l python -u https://ec2-1-2-3-4.compute-1.amazonaws.com:8998 -a user1 -p 'it'\\''s a "pw"' -t Basic_Access`,
    );
    // Port from the target; no DNS known: a placeholder the user replaces.
    const noDns = ctxOf(target({ kind: 'emr:cluster', id: 'j-2', details: { livyPort: 8999 } }), { user: 'u', secret: 'p' });
    assert.equal(render(emrSessionCredentials, 'sparkmagic', noDns), '%spark add -s emr_j_2 -l python -u https://<master-public-dns>:8999 -a u -p p -t Basic_Access');
  });

  test('all five formats are offered', () => {
    assert.deepEqual(emrSessionCredentials.formats.map((f) => f.id), ['password', 'username', 'userPassword', 'basicAuth', 'sparkmagic']);
  });
});

describe('EMR on EKS formats', () => {
  const endpoint = target({
    kind: 'emr-containers:endpoint',
    id: 'ep123',
    parentId: 'vc456',
    endpoint: 'https://abc.emr-containers.us-east-1.amazonaws.com',
  });
  const token = 'a"b\\c/é \'x';

  test('token and Authorization header', () => {
    const ctx = ctxOf(endpoint, { secret: token });
    assert.equal(render(emrContainersSessionToken, 'token', ctx), token);
    assert.equal(render(emrContainersSessionToken, 'authHeader', ctx), `Authorization: token a"b\\c/é 'x`);
    assert.deepEqual(gatewayAuthHeaders(ctx.credential), { Authorization: `token a"b\\c/é 'x` });
  });

  test('session JSON, exactly, and parseable back to the same token', () => {
    const out = render(emrContainersSessionToken, 'sessionJson', ctxOf(endpoint, { secret: token, id: 'tok1' }));
    assert.equal(
      out,
      [
        '{',
        '  "endpoint": "https://abc.emr-containers.us-east-1.amazonaws.com",',
        '  "endpointId": "ep123",',
        '  "virtualCluster": "vc456",',
        `  "token": "a\\"b\\\\c/é 'x",`,
        '  "expiresAt": "2030-01-02T03:04:05.000Z"',
        '}',
      ].join('\n'),
    );
    assert.equal(JSON.parse(out).token, token);
  });

  test('session JSON without a server URL says null', () => {
    const out = render(emrContainersSessionToken, 'sessionJson', ctxOf(target({ id: 'e', parentId: 'v' }), { secret: 't' }));
    assert.deepEqual(JSON.parse(out), { endpoint: null, endpointId: 'e', virtualCluster: 'v', token: 't', expiresAt: '2030-01-02T03:04:05.000Z' });
  });
});

describe('Redshift formats (GetClusterCredentials, ...WithIAM, Serverless GetCredentials)', () => {
  const host = 'examplecluster.abc123.us-east-1.redshift.amazonaws.com';
  const cluster = target({ kind: 'redshift:cluster', id: 'examplecluster', details: { host, port: 5439, dbName: 'dev' } });
  const cred = { user: 'IAM:alice', secret: AWKWARD };

  test('password and DbUser as returned (prefix kept)', () => {
    const ctx = ctxOf(cluster, cred, { DbUser: 'alice' });
    assert.equal(render(redshiftClusterCredentials, 'password', ctx), AWKWARD);
    assert.equal(render(redshiftClusterCredentials, 'dbUser', ctx), 'IAM:alice');
  });

  test('psql URI: percent-encoded user, password and database; sslmode=require', () => {
    const expected = `postgresql://IAM%3Aalice:${AWKWARD_PCT}@${host}:5439/dev?sslmode=require`;
    const out = render(redshiftClusterCredentials, 'psqlUri', ctxOf(cluster, cred, { DbUser: 'alice' }));
    assert.equal(out, expected);
    const url = new URL(out);
    assert.equal(decodeURIComponent(url.username), 'IAM:alice');
    assert.equal(decodeURIComponent(url.password), AWKWARD);
    assert.equal(url.hostname, host);
    assert.equal(url.pathname, '/dev');
    assert.equal(url.searchParams.get('sslmode'), 'require');
  });

  test('database: typed DbName, else the cluster database, else dev', () => {
    const typed = render(redshiftClusterCredentials, 'psqlUri', ctxOf(cluster, { user: 'IAMA:bob', secret: 'pw' }, { DbName: 'sales+eu' }));
    assert.equal(typed, `postgresql://IAMA%3Abob:pw@${host}:5439/sales%2Beu?sslmode=require`);
    const bare = target({ details: { host: 'h', port: 5440 } });
    assert.equal(render(redshiftClusterCredentialsWithIam, 'psqlUri', ctxOf(bare, { user: 'IAMR:x', secret: 'pw' }, { DbName: '' })), 'postgresql://IAMR%3Ax:pw@h:5440/dev?sslmode=require');
  });

  test('JDBC URL: ssl=true and URL-encoded UID/PWD properties', () => {
    assert.equal(
      render(redshiftClusterCredentials, 'jdbcUrl', ctxOf(cluster, cred)),
      `jdbc:redshift://${host}:5439/dev;ssl=true;UID=IAM%3Aalice;PWD=${AWKWARD_PCT}`,
    );
  });

  test('PG* variables and exports, single-quoted; bash reads back the exact values', () => {
    const lines = [`PGHOST='${host}'`, `PGPORT='5439'`, `PGUSER='IAM:alice'`, `PGPASSWORD=${AWKWARD_SH}`, `PGDATABASE='dev'`, `PGSSLMODE='require'`];
    const env = render(redshiftClusterCredentials, 'pgEnv', ctxOf(cluster, cred));
    assert.equal(env, lines.join('\n'));
    const exports = render(redshiftClusterCredentials, 'pgExports', ctxOf(cluster, cred));
    assert.equal(exports, lines.map((l) => `export ${l}`).join('\n'));
    const out = execFileSync('bash', ['-c', `${exports}\nbash -c 'printf %s "$PGPASSWORD"'`], { encoding: 'utf8' });
    assert.equal(out, AWKWARD, 'exported to a child process intact');
  });

  test('Serverless reads dbName and the workgroup endpoint; IPv6 hosts get brackets', () => {
    const wg = target({ kind: 'redshift-serverless:workgroup', id: 'wg-1', details: { host: 'wg-1.123.us-east-1.redshift-serverless.amazonaws.com', port: 5439 } });
    const ctx = ctxOf(wg, { user: 'IAMR:admin@example.com', secret: 'p w' }, { dbName: 'analytics' });
    assert.equal(
      render(redshiftServerlessCredentials, 'psqlUri', ctx),
      'postgresql://IAMR%3Aadmin%40example.com:p%20w@wg-1.123.us-east-1.redshift-serverless.amazonaws.com:5439/analytics?sslmode=require',
    );
    assert.equal(
      render(redshiftServerlessCredentials, 'jdbcUrl', ctx),
      'jdbc:redshift://wg-1.123.us-east-1.redshift-serverless.amazonaws.com:5439/analytics;ssl=true;UID=IAMR%3Aadmin%40example.com;PWD=p%20w',
    );
    const v6 = target({ details: { host: '2001:db8::1', port: 5439 } });
    assert.equal(render(redshiftServerlessCredentials, 'psqlUri', ctxOf(v6, { user: 'u', secret: 'p' })), 'postgresql://u:p@[2001:db8::1]:5439/dev?sslmode=require');
  });

  test('the same six formats for all three methods', () => {
    const ids = ['password', 'dbUser', 'psqlUri', 'jdbcUrl', 'pgEnv', 'pgExports'];
    for (const m of [redshiftClusterCredentials, redshiftClusterCredentialsWithIam, redshiftServerlessCredentials]) {
      assert.deepEqual(m.formats.map((f) => f.id), ids, m.id);
    }
  });
});
