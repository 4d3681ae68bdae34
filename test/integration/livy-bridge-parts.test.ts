// The pure pieces of the Livy bridge, without sockets: Basic auth with the bridge token as password, the credential
// kept while a renewed one settles, trust hints in TLS errors, and the sparkmagic settings the EMR module renders.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkRequest, presentedBasicPassword } from '../../src/jupyter/security';
import { SettlingCredential } from '../../src/jupyter/settle';
import { describeUpstreamError } from '../../src/jupyter/upstream';
import { bridgeSessionName, livyClientConfigs } from '../../src/services/emr';
import type { IssuedCredential } from '../../src/services/types';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('bridge: HTTP Basic with the bridge token as password', () => {
  test('the password after the first colon, any user; none without a colon or with an empty password', () => {
    assert.equal(presentedBasicPassword({ authorization: `Basic ${b64('cluster-pass:tok')}` }), 'tok');
    assert.equal(presentedBasicPassword({ authorization: `basic ${b64(':tok')}` }), 'tok');
    assert.equal(presentedBasicPassword({ authorization: `Basic ${b64('u:a:b')}` }), 'a:b', 'RFC 7617: the user id has no colon; the rest is the password');
    assert.equal(presentedBasicPassword({ authorization: `Basic ${b64('tok')}` }), undefined);
    assert.equal(presentedBasicPassword({ authorization: `Basic ${b64('u:')}` }), undefined);
    assert.equal(presentedBasicPassword({ authorization: 'Basic' }), undefined);
    assert.equal(presentedBasicPassword({ authorization: 'token tok' }), undefined);
    assert.equal(presentedBasicPassword({}), undefined);
  });

  test('checkRequest accepts Basic with the token (HTTP bridges only) and still applies the Host and Origin guards', () => {
    const opts = { port: 4000, token: 'secret-token', acceptBasic: true };
    const ok = { host: '127.0.0.1:4000', authorization: `Basic ${b64('anyone:secret-token')}` };
    assert.deepEqual(checkRequest(ok, new URLSearchParams(), opts), { ok: true });
    assert.equal(checkRequest({ ...ok, authorization: `Basic ${b64('anyone:wrong')}` }, new URLSearchParams(), opts).ok, false);
    assert.equal(checkRequest({ ...ok, host: 'evil.example:4000' }, new URLSearchParams(), opts).ok, false);
    assert.equal(checkRequest({ ...ok, origin: 'https://evil.example' }, new URLSearchParams(), opts).ok, false);
    assert.equal(checkRequest(ok, new URLSearchParams(), { ...opts, acceptBasic: false }).ok, false, 'Jupyter bridges take no Basic');
  });
});

describe('SettlingCredential', () => {
  const cred = (secret: string, expiresAt = 10_000_000): IssuedCredential => ({ secret, expiresAt: new Date(expiresAt) });

  test('keeps the previous credential until a renewed one is settleMs old, then switches', () => {
    let now = 1000;
    const s = new SettlingCredential(3000, () => now);
    const first = cred('a');
    s.offer(first, 1000);
    assert.equal(s.current(), first, 'the only one, even before it settled');
    now = 5000;
    const second = cred('b');
    s.offer(second, 5000);
    assert.equal(s.current(), first);
    now = 7999;
    assert.equal(s.current(), first);
    now = 8000;
    assert.equal(s.current(), second);
  });

  test('falls back to the newest when the settled one has expired; no wait without settleMs', () => {
    let now = 0;
    const s = new SettlingCredential(3000, () => now);
    s.offer(cred('old', 4000), 0);
    now = 3500;
    const fresh = cred('new');
    s.offer(fresh, 3500);
    now = 4000;
    assert.equal(s.current(), fresh, 'the settled one expired');
    const plain = new SettlingCredential(0, () => 0);
    plain.offer(cred('x'), 0);
    const y = cred('y');
    plain.offer(y, 0);
    assert.equal(plain.current(), y);
    assert.throws(() => new SettlingCredential(0).current(), /no credential yet/);
  });
});

describe('upstream TLS errors name the fix for an upstream without a published CA', () => {
  const err = Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  test('published CA, system CAs, CA file', () => {
    assert.match(describeUpstreamError(err), /endpoint's certificate authority/);
    assert.match(describeUpstreamError(err, 'system'), /publishes no CA for it: start VS Code with NODE_EXTRA_CA_CERTS/);
    assert.match(describeUpstreamError(err, 'file'), /check that the file NODE_EXTRA_CA_CERTS names holds/);
    assert.match(describeUpstreamError(Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'system'), /self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    assert.match(describeUpstreamError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'system'), /refused the connection/);
  });
});

describe('sparkmagic settings for a Livy bridge', () => {
  const bridge = { url: 'http://127.0.0.1:43210/', token: 'ab12', name: 'Analytics Prod (eu)' };
  const render = (id: string) => livyClientConfigs.find((c) => c.id === id)!.render(bridge);

  test('%spark add line: no trailing slash, any user, the bridge token as password', () => {
    assert.equal(render('sparkmagicAdd'), '%spark add -s analytics_prod_eu -l python -u http://127.0.0.1:43210 -a cluster-pass -p ab12 -t Basic_Access');
  });

  test('kernel_python_credentials snippet parses inside braces', () => {
    const parsed = JSON.parse(`{${render('sparkmagicConfig')}}`) as Record<string, unknown>;
    assert.deepEqual(parsed, { kernel_python_credentials: { username: 'cluster-pass', password: 'ab12', url: 'http://127.0.0.1:43210', auth: 'Basic_Access' } });
  });

  test('session names: letters, digits and _ starting with a letter', () => {
    assert.equal(bridgeSessionName('notebooks-shared'), 'notebooks_shared');
    assert.equal(bridgeSessionName('2024 etl'), 'emr_2024_etl');
    assert.equal(bridgeSessionName('---'), 'emr_session');
  });
});
