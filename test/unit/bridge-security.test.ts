// The bridge's guards and path mapping, without sockets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redact, loggablePath } from '../../src/jupyter/log';
import { PathError, forwardedQuery, rewriteLocation, splitTarget, upstreamPath } from '../../src/jupyter/paths';
import { checkRequest, hostAllowed, newBridgeToken, originAllowed, presentedToken, tokenMatches } from '../../src/jupyter/security';
import { describeUpstreamError } from '../../src/jupyter/upstream';

describe('bridge security', () => {
  test('tokens are 32 random bytes in hex and compare only when equal', () => {
    const t = newBridgeToken();
    assert.match(t, /^[0-9a-f]{64}$/);
    assert.notEqual(newBridgeToken(), t);
    assert.ok(tokenMatches(t, t));
    assert.ok(!tokenMatches(`${t}0`, t));
    assert.ok(!tokenMatches(t.slice(0, 63), t));
    assert.ok(!tokenMatches(undefined, t));
    assert.ok(!tokenMatches('', t));
  });

  test('token from the Authorization header (token or Bearer) or the token query parameter', () => {
    assert.equal(presentedToken({ authorization: 'token abc' }, new URLSearchParams()), 'abc');
    assert.equal(presentedToken({ authorization: 'Bearer abc' }, new URLSearchParams()), 'abc');
    assert.equal(presentedToken({}, new URLSearchParams('token=xyz&a=1')), 'xyz');
    assert.equal(presentedToken({ authorization: 'Basic Zm9vOmJhcg==' }, new URLSearchParams()), undefined);
    assert.equal(presentedToken({}, new URLSearchParams('token=')), undefined);
  });

  test('Host must be the loopback address and this port', () => {
    assert.ok(hostAllowed('127.0.0.1:8888', 8888));
    assert.ok(hostAllowed('LOCALHOST:8888', 8888));
    assert.ok(!hostAllowed('127.0.0.1:8889', 8888));
    assert.ok(!hostAllowed('127.0.0.1', 8888));
    assert.ok(!hostAllowed('attacker.example:8888', 8888));
    assert.ok(!hostAllowed(undefined, 8888));
  });

  test('no Origin is fine; any Origin, even a VS Code webview\'s or "null", is refused', () => {
    assert.ok(originAllowed(undefined));
    assert.ok(!originAllowed('https://attacker.example'));
    assert.ok(!originAllowed('null'));
    assert.ok(!originAllowed('vscode-webview://abc'));
  });

  test('checkRequest: Host first (403), then Origin (403), then token (401)', () => {
    const opts = { port: 1234, token: 't0k3n', acceptBasic: false };
    const q = new URLSearchParams();
    assert.deepEqual(checkRequest({ host: '127.0.0.1:1234', authorization: 'token t0k3n' }, q, opts), { ok: true });
    assert.equal((checkRequest({ host: 'evil:1234', authorization: 'token t0k3n' }, q, opts) as { status: number }).status, 403);
    assert.equal((checkRequest({ host: '127.0.0.1:1234', origin: 'https://x', authorization: 'token t0k3n' }, q, opts) as { status: number }).status, 403);
    assert.equal((checkRequest({ host: '127.0.0.1:1234' }, q, opts) as { status: number }).status, 401);
    assert.equal((checkRequest({ host: '127.0.0.1:1234', authorization: 'token nope' }, q, opts) as { status: number }).status, 401);
  });
});

describe('bridge paths', () => {
  test('maps onto the upstream base path', () => {
    assert.equal(upstreamPath('/', '/api/kernels'), '/api/kernels');
    assert.equal(upstreamPath('/endpoints/e1/', '/api/kernels/k/channels'), '/endpoints/e1/api/kernels/k/channels');
    assert.equal(upstreamPath('/endpoints/e1', '/api'), '/endpoints/e1/api');
  });

  test('refuses absolute-form targets, dot segments (also encoded), encoded slashes and backslashes', () => {
    for (const p of ['http://evil/api', '//evil/api', '/api/../x', '/api/%2e%2e/x', '/api/%2E%2E', '/./api', '/api/a%2fb', '/api/a%5cb', '/api/%zz', 'api']) {
      assert.throws(() => upstreamPath('/base/', p), PathError, p);
    }
  });

  test('forwards the query as sent, minus every token parameter', () => {
    assert.equal(forwardedQuery(splitTarget('/x?session_id=1&token=abc&1700000000').rawQuery), '?session_id=1&1700000000');
    assert.equal(forwardedQuery('token=a&%74oken=b'), '');
    assert.equal(forwardedQuery(''), '');
  });

  test('rewrites Location headers inside the upstream base to bridge paths and leaves others alone', () => {
    const base = new URL('https://gw.example/endpoints/e1/');
    assert.equal(rewriteLocation('/endpoints/e1/api/kernels/k1', base), '/api/kernels/k1');
    assert.equal(rewriteLocation('https://gw.example/endpoints/e1/api/sessions/s?x=1', base), '/api/sessions/s?x=1');
    assert.equal(rewriteLocation('https://other.example/x', base), 'https://other.example/x');
    assert.equal(rewriteLocation('/elsewhere', base), '/elsewhere');
  });
});

describe('bridge logging', () => {
  test('redacts secrets and drops queries from logged paths', () => {
    assert.equal(redact('refused token abcdef123 here', ['abcdef123']), 'refused token *** here');
    assert.equal(loggablePath('/api/kernels/1/channels?token=secret'), '/api/kernels/1/channels?…');
  });

  test('upstream TLS errors become a sentence without secrets', () => {
    assert.match(describeUpstreamError({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }), /certificate is not trusted/);
    assert.match(describeUpstreamError({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), /does not name the host/);
    assert.match(describeUpstreamError({ code: 'ECONNREFUSED' }), /refused the connection/);
    assert.equal(describeUpstreamError(new Error('x')), 'upstream request failed');
  });
});
